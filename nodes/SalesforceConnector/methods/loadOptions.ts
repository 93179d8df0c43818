import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SalesforceClient } from '../../../shared/client/client';
import type { FieldDescribe } from '../../../shared/client/types';
import { queryFieldMethods } from '../../../shared/objects/fieldLists';
import { fieldDisplayName, isExternalIdField, isWritable } from '../../../shared/records/fields';
import { currentObjectName, withNodeErrors } from './common';

/** Fields of the object being edited that pass `keep`, as options "Label (ApiName)". */
async function fieldOptions(ctx: ILoadOptionsFunctions, keep: (f: FieldDescribe) => boolean, sort = true): Promise<INodePropertyOptions[]> {
	const object = currentObjectName(ctx);
	if (!object) return [];
	const client = await SalesforceClient.create(ctx);
	const describe = await client.describe(object);
	const options = describe.fields.filter(keep).map((f) => ({ name: fieldDisplayName(f), value: f.name, description: f.type }));
	return sort ? options.sort((a, b) => a.name.localeCompare(b.name)) : options;
}

/** All fields of the chosen object, for "Fields to Return". */
export const getObjectFields = withNodeErrors(async function (this: ILoadOptionsFunctions) {
	return await fieldOptions(this, () => true);
});

/** Custom (__c) fields of the object, for a static action's "Custom Fields". */
export const getCustomFields = withNodeErrors(async function (this: ILoadOptionsFunctions) {
	const operation = this.getCurrentNodeParameter('operation') as string | undefined;
	return await fieldOptions(this, (f) => f.custom === true && isWritable(f, operation === 'update' ? 'update' : operation === 'create' ? 'create' : 'upsert'));
});

/** External ID fields of the object, for Upsert. */
export const getExternalIdFields = withNodeErrors(async function (this: ILoadOptionsFunctions) {
	return await fieldOptions(this, isExternalIdField, false);
});

/** Get Records' lists: Fields to Return, a condition row's fields and operators, a sort rule's fields. */
export const { getQueryFields, getFilterFields, getSortFields, getConditionOperators } = queryFieldMethods;
