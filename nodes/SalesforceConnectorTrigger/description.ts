/**
 * The trigger's parameters. n8n adds its own Poll Times above them (`polling: true`): that is the polling frequency.
 */
import type { INodeProperties } from 'n8n-workflow';

import { apiVersionProperty, authenticationProperty } from '../../shared/nodeDescription';
import { objectLocator } from '../../shared/objects/locator';
import type { OutputSchema } from '../../shared/outputSchema';
import { conditionProperties, fieldsToReturnProperties } from '../../shared/query/parameters';
import { DEFAULT_LOOKBACK_MINUTES, DEFAULT_MAX_PER_POLL, MAX_LOOKBACK_MINUTES, MAX_MAX_PER_POLL } from '../../shared/trigger';

const costNotice: INodeProperties = {
	displayName:
		'Each poll is one API call when nothing has changed, plus one per 2,000 changed records. Calls a day when idle = 1,440 ÷ minutes between polls: every minute (n8n\'s default Poll Time) 1,440, every 5 minutes 288, every 15 minutes 96, every hour 24.',
	name: 'costNotice',
	type: 'notice',
	default: '',
};

const event: INodeProperties = {
	displayName: 'Event',
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
	...fieldsToReturnProperties(undefined, 'all'),
	...conditionProperties(undefined, 'Only records that match fire. Numbered from 1 in this order, for Custom filter logic.'),
	options,
];

/** One trigger item (shipped as __schema__/v1.0.0/output.json for the editor): the change, then the record. */
export const outputSchema: OutputSchema = {
	type: 'object',
	properties: {
		event: { type: 'string', description: 'created or updated' },
		changedAt: { type: 'string', description: 'The change timestamp (ISO 8601, UTC, whole seconds)' },
		Id: { type: 'string' },
		CreatedDate: { type: 'string' },
	},
	required: ['event', 'changedAt', 'Id'],
	additionalProperties: true,
};
