/**
 * Get Records on any object: fields to return, condition rows with operators per field type, filter logic, sorting,
 * limit or Return All, offset. Built per item by the query model (shared/query), so every value is typed and escaped
 * and every name checked before the one query is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import {
	DATE_LITERALS,
	composeQuery,
	operatorIdsWith,
	operatorShape,
	type ConditionRow,
	type FieldSelection,
	type FilterLogicType,
	type SortSpec,
} from '../../../../shared/query';
import { parentFieldLookup } from '../../../../shared/records/paths';
import { QUERY_RECORD } from '../outputSchemas';
import type { QueryOperation, QueryPlan } from '../types';
import { objectOf, showFor } from './common';
import { offsetOf, offsetOption, queryOptionsProperty, readOptions, returnAllProperties } from './queryParameters';

const OPERATION = 'getMany';
const show = showFor([OPERATION]);

/** Inside a condition row: shown for the operators that need this input */
const forOperators = (operator: string[]) => ({ show: { operator } });

/** A row's field: the object's own fields and those of its parents that can be `what` (filtered, sorted). */
function pathField(method: string, what: string): INodeProperties {
	return {
		displayName: 'Field Name or ID',
		name: 'field',
		type: 'options',
		typeOptions: { loadOptionsMethod: method, loadOptionsDependsOn: ['sobject.value'] },
		default: '',
		description: `Fields that can be ${what}, own and of parent records (a deeper path such as Account.Owner.Name in an expression). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

const description: INodeProperties[] = [
	{
		displayName: 'Fields to Return',
		name: 'fieldsToReturn',
		type: 'options',
		options: [
			{ name: 'Default Fields', value: 'default', description: 'ID, the name field, CreatedDate, LastModifiedDate, SystemModstamp' },
			{ name: 'All Fields', value: 'all', description: "Every field of the object's describe" },
			{ name: 'Selected Fields', value: 'selected', description: 'The fields you choose, parent fields included (Account.Name)' },
		],
		default: 'default',
		displayOptions: show,
	},
	{
		displayName: 'Field Names or IDs',
		name: 'selectedFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getQueryFields', loadOptionsDependsOn: ['sobject.value'] },
		default: [],
		description:
			'Own fields and those of parent records (Owner.Email); ID always comes back. Deeper paths (Account.Owner.Email) work in an expression. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['record'], operation: [OPERATION], fieldsToReturn: ['selected'] } },
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Numbered from 1 in this order, for Custom filter logic',
		displayOptions: show,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					pathField('getFilterFields', 'filtered'),
					{
						displayName: 'Operator Name or ID',
						name: 'operator',
						type: 'options',
						// '&field' is this row's field: n8n resolves it relative to the row, both in the editor and in the method
						typeOptions: { loadOptionsMethod: 'getConditionOperators', loadOptionsDependsOn: ['&field', 'sobject.value'] },
						default: 'equals',
						description:
							"The operators of the field's type. Choose from the list, or specify an ID using an <a href=\"https://docs.n8n.io/code/expressions/\">expression</a>.",
					},
					{
						displayName: 'Relative Date',
						name: 'dateLiteral',
						type: 'options',
						options: DATE_LITERALS.map((d) => ({ name: d.label, value: d.name })),
						default: 'TODAY',
						description: "Ranges follow the running user's time zone and the org's fiscal year",
						displayOptions: forOperators(operatorIdsWith('dateLiteral')),
					},
					{
						displayName: 'Relative Date N',
						name: 'n',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 30,
						description: 'The number in the relative date, e.g. 30 for the last 30 days',
						displayOptions: {
							show: { operator: operatorIdsWith('dateLiteral'), dateLiteral: DATE_LITERALS.filter((d) => d.takesN).map((d) => d.name) },
						},
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Numbers with a dot for decimals (1234.5); dates as YYYY-MM-DD; date/times in ISO 8601 with a zone (2024-05-31T14:30:00Z); IDs of 15 or 18 characters',
						displayOptions: forOperators([...operatorIdsWith('one'), ...operatorIdsWith('two')]),
					},
					{
						displayName: 'Value To',
						name: 'valueTo',
						type: 'string',
						default: '',
						description: 'The upper end of the range (included)',
						displayOptions: forOperators(operatorIdsWith('two')),
					},
					{
						displayName: 'Values',
						name: 'values',
						type: 'string',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
						default: [],
						description: 'One value per entry, or an expression that returns a list',
						displayOptions: forOperators(operatorIdsWith('list')),
					},
				],
			},
		],
	},
	{
		displayName: 'Filter Logic',
		name: 'filterLogic',
		type: 'options',
		options: [
			{ name: 'All Conditions Are Met (AND)', value: 'all' },
			{ name: 'Any Condition Is Met (OR)', value: 'any' },
			{ name: 'Custom', value: 'custom', description: 'Condition numbers with AND, OR, NOT and parentheses' },
		],
		default: 'all',
		displayOptions: show,
	},
	{
		displayName: 'Custom Logic',
		name: 'customLogic',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1 AND (2 OR 3) AND NOT 4',
		description: 'Every condition number once or more; AND and OR need parentheses when mixed',
		displayOptions: { show: { resource: ['record'], operation: [OPERATION], filterLogic: ['custom'] } },
	},
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
					pathField('getSortFields', 'sorted'),
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

/** A condition row as the editor saves it, as the query model's row: the value from the input its operator shows. */
export function conditionRow(raw: IDataObject): ConditionRow {
	const operator = text(raw.operator);
	const shape = operatorShape(operator);
	let value: unknown = raw.value;
	// each entry may itself be a list (an expression such as {{ $json.ids }})
	if (shape === 'list') value = Array.isArray(raw.values) ? raw.values.flat() : raw.values;
	if (shape === 'dateLiteral') value = raw.dateLiteral;
	return { field: text(raw.field), operator, value, valueTo: raw.valueTo, n: raw.n };
}

function sortRule(raw: IDataObject): SortSpec {
	return { field: text(raw.field), direction: text(raw.direction), nulls: raw.nulls === 'FIRST' || raw.nulls === 'LAST' ? raw.nulls : undefined };
}

function fieldSelection(ctx: IExecuteFunctions, itemIndex: number): FieldSelection {
	const mode = ctx.getNodeParameter('fieldsToReturn', itemIndex, 'default');
	if (mode === 'all') return 'all';
	if (mode !== 'selected') return 'default';
	const chosen = ctx.getNodeParameter('selectedFields', itemIndex, []);
	return (Array.isArray(chosen) ? chosen : [chosen]).map(text);
}

const rows = (ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject[] => {
	const value = ctx.getNodeParameter(name, itemIndex, []);
	return Array.isArray(value) ? (value as IDataObject[]) : [];
};

async function plan(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<QueryPlan> {
	const describe = await client.describe(objectOf(this, itemIndex));
	const fields = fieldSelection(this, itemIndex);
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
	return { ...read, soql };
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
