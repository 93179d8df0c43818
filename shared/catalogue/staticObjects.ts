/**
 * The 13 objects the spec gives static actions (Create, Delete, Get By Id, Update, Upsert each), as data.
 * Shared code builds every static action from these definitions; the org's describe can add live picklist
 * values and custom fields on top.
 */
import { ACCOUNT } from './objects/account';
import { CASE } from './objects/case';
import { CASE_COMMENT } from './objects/caseComment';
import { CONTACT } from './objects/contact';
import { LEAD } from './objects/lead';
import { OPPORTUNITY } from './objects/opportunity';
import { OPPORTUNITY_LINE_ITEM } from './objects/opportunityLineItem';
import { ORDER } from './objects/order';
import { ORDER_ITEM } from './objects/orderItem';
import { PAYMENT } from './objects/payment';
import { PRICEBOOK2 } from './objects/pricebook2';
import { PRICEBOOK_ENTRY } from './objects/pricebookEntry';
import { PRODUCT2 } from './objects/product2';
import type { CatalogueField, StaticObjectDef } from './types';

export type { CatalogueField, PicklistOption, SalesforceFieldType, StaticObjectDef } from './types';

/** In the spec's order of static actions */
export const STATIC_OBJECTS: readonly StaticObjectDef[] = [
	ACCOUNT,
	CASE,
	CASE_COMMENT,
	CONTACT,
	LEAD,
	OPPORTUNITY,
	OPPORTUNITY_LINE_ITEM,
	ORDER,
	ORDER_ITEM,
	PAYMENT,
	PRICEBOOK2,
	PRICEBOOK_ENTRY,
	PRODUCT2,
];

const BY_RESOURCE = new Map(STATIC_OBJECTS.map((o) => [o.resource, o]));
const BY_API_NAME = new Map(STATIC_OBJECTS.map((o) => [o.apiName.toLowerCase(), o]));

export function staticObjectByResource(resource: string): StaticObjectDef | undefined {
	return BY_RESOURCE.get(resource);
}

/** Object API names are case-insensitive in Salesforce */
export function staticObjectByApiName(apiName: string): StaticObjectDef | undefined {
	return BY_API_NAME.get(apiName.toLowerCase());
}

/** Fields with required-on-create ones first, each group in catalogue order (how the action lists them) */
export function fieldsRequiredFirst(def: StaticObjectDef): CatalogueField[] {
	return [...def.fields.filter((f) => f.requiredOnCreate), ...def.fields.filter((f) => !f.requiredOnCreate)];
}
