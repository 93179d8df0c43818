/**
 * The trigger's parameters. n8n adds its own Poll Times above them (`polling: true`): that is the polling frequency.
 */
import type { INodeProperties } from 'n8n-workflow';

import { apiVersionProperty, authenticationProperty } from '../../shared/nodeDescription';
import { objectLocator } from '../../shared/objects/locator';
import { OPERATORS_BY_CATEGORY, type OperatorDef, type ValueShape } from '../../shared/query';
import { DEFAULT_LOOKBACK_MINUTES, DEFAULT_MAX_PER_POLL, MAX_LOOKBACK_MINUTES, MAX_MAX_PER_POLL } from '../../shared/trigger';

/** Each operator id once: an id needs the same kind of value on every field type that offers it. */
export const OPERATORS_BY_ID: ReadonlyMap<string, OperatorDef> = new Map(
	Object.values(OPERATORS_BY_CATEGORY).flatMap((ops) => ops.map((o) => [o.id, o] as const)),
);
const operatorsNeeding = (...shapes: ValueShape[]) => [...OPERATORS_BY_ID.values()].filter((o) => shapes.includes(o.value)).map((o) => o.id);

const costNotice: INodeProperties = {
	displayName:
		'Each poll is one API call when nothing has changed, plus one per 2,000 changed records. Calls a day when idle = 1,440 ÷ minutes between polls: every minute (n8n\'s default Poll Time) 1,440, every 5 minutes 288, every 15 minutes 96, every hour 24.',
	name: 'costNotice',
	type: 'notice',
	default: '',
};

const event: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	options: [
		{ name: 'On New Or Updated Record', value: 'newOrUpdated', description: 'Every record created or changed since the last poll' },
		{ name: 'On New Record', value: 'new', description: 'Every record created since the last poll, once (later edits never fire)' },
		{
			name: 'On Updated Record',
			value: 'updated',
			description: 'Every record changed after its creation since the last poll, also one created and edited in between',
		},
	],
	default: 'newOrUpdated',
};

const fields: INodeProperties[] = [
	{
		displayName: 'Fields to Return',
		name: 'fieldsToReturn',
		type: 'options',
		options: [
			{ name: 'All Fields', value: 'all', description: "Every field of the object's describe" },
			{ name: 'Selected Fields', value: 'selected', description: 'The fields you choose; ID and the timestamps always come back' },
		],
		default: 'all',
	},
	{
		displayName: 'Field Names or IDs',
		name: 'selectedFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['sobject.value'] },
		default: [],
		description:
			'Fields of the object. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { fieldsToReturn: ['selected'] } },
	},
];

const conditions: INodeProperties[] = [
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Only records that match fire. Numbered from 1 in this order, for Custom filter logic.',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getFilterFields', loadOptionsDependsOn: ['sobject.value'] },
						default: '',
						description:
							'Fields that can be filtered. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Operator Name or ID',
						name: 'operator',
						type: 'options',
						// '&field' is this row's field (n8n resolves it relative to the row)
						typeOptions: { loadOptionsMethod: 'getConditionOperators', loadOptionsDependsOn: ['&field', 'sobject.value'] },
						default: 'equals',
						description:
							'The operators of the field\'s type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Hot, 1250.5, 2026-05-31, 2026-05-31T14:30:00Z or LAST_N_DAYS:30',
						description:
							'Numbers with a dot for decimals; dates as YYYY-MM-DD; date/times in ISO 8601 with a zone; IDs of 15 or 18 characters; relative dates such as TODAY or LAST_N_DAYS:30',
						displayOptions: { show: { operator: operatorsNeeding('one', 'two', 'dateLiteral') } },
					},
					{
						displayName: 'Value To',
						name: 'valueTo',
						type: 'string',
						default: '',
						description: 'The upper end of the range (included)',
						displayOptions: { show: { operator: operatorsNeeding('two') } },
					},
					{
						displayName: 'Values',
						name: 'values',
						type: 'string',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
						default: [],
						description: 'One value per entry, or an expression that returns a list',
						displayOptions: { show: { operator: operatorsNeeding('list') } },
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
	},
	{
		displayName: 'Custom Logic',
		name: 'customLogic',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1 AND (2 OR 3) AND NOT 4',
		description: 'Every condition number once or more; AND and OR need parentheses when mixed',
		displayOptions: { show: { filterLogic: ['custom'] } },
	},
];

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{ ...apiVersionProperty },
		{
			displayName: 'Lookback (Minutes)',
			name: 'lookbackMinutes',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_LOOKBACK_MINUTES },
			default: DEFAULT_LOOKBACK_MINUTES,
			description:
				'How late a Salesforce transaction may commit after its timestamp and still fire (long Apex, bulk loads). Such records fire up to this long plus one poll later; later ones are missed until they change again.',
		},
		{
			displayName: 'Max Records per Poll',
			name: 'maxPerPoll',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_MAX_PER_POLL },
			default: DEFAULT_MAX_PER_POLL,
			description: 'More changes wait for the next poll, oldest first; nothing is skipped',
		},
		{
			displayName: 'Start',
			name: 'start',
			type: 'options',
			options: [
				{ name: 'Now', value: 'now', description: 'Only changes made after the workflow is activated' },
				{ name: 'From a Date', value: 'date', description: 'Changes from the Start Date on, then everything new' },
				{ name: 'From the Beginning', value: 'beginning', description: 'Every existing record first (oldest first, Max Records per Poll at a time)' },
			],
			default: 'now',
			description: 'Where the first poll starts. Changing it (or the object, the event or Which Changes Count) starts over from here.',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: "For Start: From a Date. Without a time zone it is read in the workflow's time zone.",
			displayOptions: { show: { start: ['date'] } },
		},
		{
			displayName: 'Which Changes Count',
			name: 'changeField',
			type: 'options',
			options: [
				{ name: 'Edits by Users (LastModifiedDate)', value: 'LastModifiedDate', description: 'Changes made by users and integrations' },
				{
					name: 'Also Automated Changes (SystemModstamp)',
					value: 'SystemModstamp',
					description: 'Also changes made by Salesforce itself: workflow, roll-up summaries, recalculations',
				},
			],
			default: 'LastModifiedDate',
			displayOptions: { show: { '/event': ['updated', 'newOrUpdated'] } },
		},
	],
};

export const properties: INodeProperties[] = [
	costNotice,
	authenticationProperty,
	event,
	objectLocator({
		description: 'The object whose records start the workflow. The spec objects come first; custom objects are included.',
	}),
	...fields,
	...conditions,
	options,
];
