/** The trigger's editor lists: objects it can watch, the object's fields, and a condition row's operators. */
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeParameterResourceLocator, INodePropertyOptions } from 'n8n-workflow';

import { SalesforceClient } from '../../shared/client/client';
import type { FieldDescribe } from '../../shared/client/types';
import { withNodeErrors } from '../../shared/errors';
import { objectNameOrUndefined } from '../../shared/objects/locator';
import { searchObjects as searchObjectsOf } from '../../shared/objects/search';
import { filterCategory, operatorsForField, type OperatorDef } from '../../shared/query';
import { fieldDisplayName } from '../../shared/records/fields';
import { OPERATORS_BY_ID } from './description';

/**
 * Objects whose records can be queried. Describe global has no field list, so whether the object has the
 * timestamps the trigger needs is checked when the workflow is activated (or a test event is fetched).
 */
const searchObjects = withNodeErrors(async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchObjectsOf(await SalesforceClient.create(this), filter, paginationToken, (o) => o.queryable && o.retrieveable);
});

async function describedFields(ctx: ILoadOptionsFunctions): Promise<FieldDescribe[]> {
	const object = objectNameOrUndefined(ctx.getCurrentNodeParameter('sobject') as INodeParameterResourceLocator | string | undefined);
	if (!object) return [];
	return (await (await SalesforceClient.create(ctx)).describe(object)).fields;
}

const asOptions = (fields: FieldDescribe[]): INodePropertyOptions[] =>
	fields.map((f) => ({ name: fieldDisplayName(f), value: f.name, description: f.type })).sort((a, b) => a.name.localeCompare(b.name));

const asOperatorOptions = (ops: readonly OperatorDef[]): INodePropertyOptions[] => ops.map((o) => ({ name: o.label, value: o.id, description: o.description }));

/** Every operator once, for a field the editor cannot resolve (an expression): the check at activation decides. */
const ANY_FIELD_OPERATORS = asOperatorOptions([...OPERATORS_BY_ID.values()]);

export const loadOptions = {
	getFields: withNodeErrors(async function (this: ILoadOptionsFunctions) {
		return asOptions(await describedFields(this));
	}),
	getFilterFields: withNodeErrors(async function (this: ILoadOptionsFunctions) {
		return asOptions((await describedFields(this)).filter((f) => filterCategory(f) !== undefined));
	}),
	getConditionOperators: withNodeErrors(async function (this: ILoadOptionsFunctions) {
		const name = this.getCurrentNodeParameter('&field');
		const field = typeof name === 'string' && name ? (await describedFields(this)).find((f) => f.name.toLowerCase() === name.toLowerCase()) : undefined;
		return field ? asOperatorOptions(operatorsForField(field)) : ANY_FIELD_OPERATORS;
	}),
};

export const listSearch = { searchObjects };
