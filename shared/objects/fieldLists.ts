/**
 * The editor's lists for queries (Get Records, the trigger): fields (own, then one level of parent fields
 * `Relationship.Field` per lookup) for returning, filtering or sorting, and the operators of a condition row's field.
 * One describe per object per call (the client caches; the parents are described in parallel).
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SalesforceClient } from '../client/client';
import type { FieldDescribe, ObjectDescribe } from '../client/types';
import { withNodeErrors } from '../errors';
import { ALL_OPERATORS, filterCategory, operatorsForField, type OperatorDef } from '../query';
import { fieldDisplayName } from '../records/fields';
import { followFieldPath, isLookup, lookupTarget } from '../records/paths';
import { currentObjectName } from './locator';

export type FieldPurpose = 'select' | 'filter' | 'sort';

const KEEP: Record<FieldPurpose, (f: FieldDescribe) => boolean> = {
	select: () => true,
	filter: (f) => filterCategory(f) !== undefined,
	sort: (f) => f.sortable !== false,
};

/**
 * n8n's dropdowns render every option (they are not virtualised): past this many, whole parent blocks are left out
 * (own fields never are). Any path can still be given as an expression.
 */
export const MAX_FIELD_OPTIONS = 2000;

export interface ParentFields {
	/** The lookup field on the object (AccountId, Owner, Account__c) */
	lookup: FieldDescribe & { relationshipName: string };
	/** The describe of the object it leads to */
	describe: ObjectDescribe;
}

/** "Account" for the lookup "Account ID": what the editor calls the parent record */
const parentLabel = (lookup: FieldDescribe) => lookup.label.replace(/\s*ID$/i, '') || lookup.relationshipName || lookup.name;

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/**
 * The options for a field list: the object's own fields that serve the purpose, by label, then per parent (by label)
 * its fields as `Relationship.Field`, within MAX_FIELD_OPTIONS.
 */
export function fieldPathOptions(describe: ObjectDescribe, parents: readonly ParentFields[], purpose: FieldPurpose, max = MAX_FIELD_OPTIONS): INodePropertyOptions[] {
	const keep = KEEP[purpose];
	const own = describe.fields.filter(keep).map((f) => ({ name: fieldDisplayName(f), value: f.name, description: f.type })).sort(byName);
	const blocks = parents
		.map(({ lookup, describe: parent }) => {
			const label = parentLabel(lookup);
			const options = parent.fields
				.filter(keep)
				.map((f) => {
					const path = `${lookup.relationshipName}.${f.name}`;
					return { name: `${label}: ${f.label || f.name} (${path})`, value: path, description: `${f.type} of ${parent.name}` };
				})
				.sort(byName);
			return { label, options };
		})
		.sort((a, b) => a.label.localeCompare(b.label));
	const out = [...own];
	for (const block of blocks) {
		if (out.length + block.options.length <= max) out.push(...block.options);
	}
	return out;
}

async function clientFor(ctx: ILoadOptionsFunctions): Promise<{ client: SalesforceClient; describe: ObjectDescribe } | undefined> {
	const object = currentObjectName(ctx);
	if (!object) return undefined;
	const client = await SalesforceClient.create(ctx);
	return { client, describe: await client.describe(object) };
}

/** The object's lookups with their parents' describes; a parent the user cannot describe is left out of the list. */
async function parentsOf(client: SalesforceClient, describe: ObjectDescribe): Promise<ParentFields[]> {
	const parents = await Promise.all(
		describe.fields.filter(isLookup).map(async (lookup): Promise<ParentFields | undefined> => {
			const parent = await client.describe(lookupTarget(lookup)).then(
				(d) => d,
				() => undefined,
			);
			return parent ? { lookup, describe: parent } : undefined;
		}),
	);
	return parents.filter((p): p is ParentFields => p !== undefined);
}

/** The list of fields (own and one level of parents) for the editor. */
export async function loadFieldPaths(ctx: ILoadOptionsFunctions, purpose: FieldPurpose): Promise<INodePropertyOptions[]> {
	const found = await clientFor(ctx);
	if (!found) return [];
	return fieldPathOptions(found.describe, await parentsOf(found.client, found.describe), purpose);
}

const asOptions = (ops: readonly OperatorDef[]): INodePropertyOptions[] => ops.map((o) => ({ name: o.label, value: o.id, description: o.description }));

/**
 * The operators of the condition row's field (`&field`, this row's own). While the field is not chosen, is an
 * expression or is not found, every operator is offered: the run checks the operator against the field's type.
 */
export async function loadConditionOperators(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const path = ctx.getCurrentNodeParameter('&field');
	if (typeof path !== 'string' || path.trim() === '' || path.startsWith('=')) return asOptions(ALL_OPERATORS);
	const found = await clientFor(ctx);
	if (!found) return asOptions(ALL_OPERATORS);
	const field = await followFieldPath(found.describe, path.trim(), async (name) => await found.client.describe(name)).then(
		(r) => r.field,
		() => undefined,
	);
	return asOptions(field ? operatorsForField(field) : ALL_OPERATORS);
}

/** A field list (own fields, then parent fields such as Owner.Email) for one purpose, as an editor method. */
const fieldPaths = (purpose: FieldPurpose) =>
	withNodeErrors(async function (this: ILoadOptionsFunctions) {
		return await loadFieldPaths(this, purpose);
	});

/**
 * The loadOptions methods the query parameters name (shared/query/parameters.ts): Fields to Return, the fields a
 * condition row can filter on, the fields a sort rule can sort by, and the operators of a condition row's field type.
 */
export const queryFieldMethods = {
	getQueryFields: fieldPaths('select'),
	getFilterFields: fieldPaths('filter'),
	getSortFields: fieldPaths('sort'),
	getConditionOperators: withNodeErrors(async function (this: ILoadOptionsFunctions) {
		return await loadConditionOperators(this);
	}),
};
