/**
 * Get Records on any object: fields to return, condition rows with operators per field type, filter logic, sorting,
 * limit or Return All, offset. Built per item by the query model (shared/query), so every value is typed and escaped
 * and every name checked before the one query is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { composeQuery, type FilterLogicType, type SortSpec } from '../../../../shared/query';
import { conditionProperties, conditionRow, fieldPathParameter, fieldSelection, fieldsToReturnProperties } from '../../../../shared/query/parameters';
import { parentFieldLookup } from '../../../../shared/records/paths';
import { QUERY_RECORD } from '../outputSchemas';
import type { QueryOperation, QueryPlan } from '../types';
import { objectOf, showFor } from './common';
import { offsetOf, offsetOption, queryOptionsProperty, readOptions, returnAllProperties } from './queryParameters';

const OPERATION = 'getMany';
const show = showFor([OPERATION]);

const description: INodeProperties[] = [
	...fieldsToReturnProperties(show.show, 'default'),
	...conditionProperties(show.show, 'Numbered from 1 in this order, for Custom filter logic'),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Sort Rule',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					fieldPathParameter('getSortFields', 'sorted'),
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'ASC' },
							{ name: 'Descending', value: 'DESC' },
						],
						default: 'ASC',
					},
					{
						displayName: 'Empty Values',
						name: 'nulls',
						type: 'options',
						options: [
							{ name: "Salesforce's Default", value: 'default', description: 'First when ascending, last when descending' },
							{ name: 'First', value: 'FIRST' },
							{ name: 'Last', value: 'LAST' },
						],
						default: 'default',
					},
				],
			},
		],
	},
	...returnAllProperties(OPERATION),
	queryOptionsProperty(OPERATION, [offsetOption]),
];

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function sortRule(raw: IDataObject): SortSpec {
	return { field: text(raw.field), direction: text(raw.direction), nulls: raw.nulls === 'FIRST' || raw.nulls === 'LAST' ? raw.nulls : undefined };
}

const rows = (ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject[] => {
	const value = ctx.getNodeParameter(name, itemIndex, []);
	return Array.isArray(value) ? (value as IDataObject[]) : [];
};

async function plan(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<QueryPlan> {
	const describe = await client.describe(objectOf(this, itemIndex));
	const fields = fieldSelection(this.getNodeParameter('fieldsToReturn', itemIndex, 'default'), this.getNodeParameter('selectedFields', itemIndex, []));
	const conditions = rows(this, 'conditions.condition', itemIndex).map(conditionRow);
	const sort = rows(this, 'sort.rule', itemIndex).map(sortRule);
	// the limit goes into the SOQL (LIMIT), so Salesforce sends exactly that many
	const { limit, ...read } = readOptions(this, itemIndex);
	// parent paths need their objects' describes, fetched (cached) before the synchronous composition
	const paths = [...(Array.isArray(fields) ? fields : []), ...conditions.map((c) => c.field), ...sort.map((s) => s.field)];
	const resolveParentField = await parentFieldLookup(describe, paths, async (name) => await client.describe(name));
	const { soql } = composeQuery({
		object: describe.name,
		objectFields: describe.fields,
		fields,
		conditions,
		// any other value is refused by the query model with its own message
		logic: text(this.getNodeParameter('filterLogic', itemIndex, 'all')) as FilterLogicType,
		customLogic: text(this.getNodeParameter('customLogic', itemIndex, '')),
		resolveParentField,
		sort,
		limit,
		offset: offsetOf(this, itemIndex),
		apiVersion: client.apiVersion,
		queryAll: read.includeDeleted,
	});
	return { ...read, soql, object: describe.name, origin: OPERATION };
}

export const operation: QueryOperation = {
	kind: 'query',
	option: {
		name: 'Get Records',
		value: OPERATION,
		action: 'Get records',
		description: 'Find records by conditions on their fields, sorted and limited (one SOQL query per item)',
	},
	description,
	outputSchema: QUERY_RECORD,
	plan,
};
