/**
 * The query model's parameters as both nodes show them (Get Records, the trigger): fields to return, condition rows
 * with their operators, filter logic; and reading what the editor saved back into the model's terms. The lists they
 * name are `queryFieldMethods` (shared/objects/fieldLists.ts), which a node registers under its loadOptions.
 */
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ConditionRow } from './conditions';
import { DATE_LITERALS, operatorIdsWith, operatorShape } from './operators';
import type { FieldSelection } from './select';

type Show = NonNullable<IDisplayOptions['show']>;

/** Where the parameters appear (e.g. one operation), and what else only shows with a value of theirs. */
const shown = (show: Show | undefined, extra: Show = {}): IDisplayOptions | undefined =>
	show || Object.keys(extra).length ? { show: { ...show, ...extra } } : undefined;

/** A row's field: the object's own fields and those of its parents that can be `what` (filtered, sorted). */
export function fieldPathParameter(method: string, what: string): INodeProperties {
	return {
		displayName: 'Field Name or ID',
		name: 'field',
		type: 'options',
		typeOptions: { loadOptionsMethod: method, loadOptionsDependsOn: ['sobject.value'] },
		default: '',
		description: `Fields that can be ${what}, own and of parent records (a deeper path such as Account.Owner.Name in an expression). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export type FieldsToReturn = 'default' | 'all' | 'selected';

/** Fields to Return (default, all or selected fields) and the selected fields. */
export function fieldsToReturnProperties(show: Show | undefined, defaultMode: FieldsToReturn): INodeProperties[] {
	return [
		{
			displayName: 'Fields to Return',
			name: 'fieldsToReturn',
			type: 'options',
			options: [
				{ name: 'Default Fields', value: 'default', description: 'ID, the name field, CreatedDate, LastModifiedDate, SystemModstamp' },
				{ name: 'All Fields', value: 'all', description: "Every field of the object's describe" },
				{ name: 'Selected Fields', value: 'selected', description: 'The fields you choose, parent fields included (Account.Name)' },
			],
			default: defaultMode,
			displayOptions: shown(show),
		},
		{
			displayName: 'Field Names or IDs',
			name: 'selectedFields',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getQueryFields', loadOptionsDependsOn: ['sobject.value'] },
			default: [],
			description:
				'Own fields and those of parent records (Owner.Email); ID always comes back. Deeper paths (Account.Owner.Email) work in an expression. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: shown(show, { fieldsToReturn: ['selected'] }),
		},
	];
}

/** Inside a condition row: shown for the operators that need this input */
const forOperators = (operator: string[]) => ({ show: { operator } });

/** Conditions (rows of field, operator and value), Filter Logic and Custom Logic. */
export function conditionProperties(show: Show | undefined, description: string): INodeProperties[] {
	return [
		{
			displayName: 'Conditions',
			name: 'conditions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Condition',
			default: {},
			description,
			displayOptions: shown(show),
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						fieldPathParameter('getFilterFields', 'filtered'),
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
			displayOptions: shown(show),
		},
		{
			displayName: 'Custom Logic',
			name: 'customLogic',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1 AND (2 OR 3) AND NOT 4',
			description: 'Every condition number once or more; AND and OR need parentheses when mixed',
			displayOptions: shown(show, { filterLogic: ['custom'] }),
		},
	];
}

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

/** Fields to Return and the selected fields as the editor saves them, as the query model's selection. */
export function fieldSelection(mode: unknown, chosen: unknown): FieldSelection {
	if (mode === 'all') return 'all';
	if (mode !== 'selected') return 'default';
	return (Array.isArray(chosen) ? chosen : [chosen]).map(text);
}
