import type { INodeProperties } from 'n8n-workflow';

import { API_NAME_PATTERN } from '../../../../shared/query/escape';

/** All or None and Return Full Record, for the write operations of the dynamic and the static resources. */
export function writeOptions(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'All or None',
				name: 'allOrNone',
				type: 'boolean',
				default: false,
				description: 'Whether a failure of one record rolls back the others sent in the same API call (up to 200 records)',
			},
			{
				displayName: 'Return Full Record',
				name: 'returnFullRecord',
				type: 'boolean',
				default: false,
				description: 'Whether to return all fields of each saved record (one extra API call per 200 records)',
				displayOptions: { hide: { '/operation': ['delete'] } },
			},
		],
	};
}

const show = (operation: string[]) => ({ show: { resource: ['record'], operation } });

/** The object every dynamic record action works on: from the org's list, by API name, or an expression. */
export const objectLocator: INodeProperties = {
	displayName: 'Object',
	name: 'sobject',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'Any standard or custom object of the org. The spec objects come first in the list.',
	displayOptions: { show: { resource: ['record'] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchObjects', searchable: true },
		},
		{
			displayName: 'By API Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Account or Invoice__c',
			validation: [
				{
					type: 'regex',
					properties: { regex: API_NAME_PATTERN, errorMessage: 'Not an object API name (letters, digits and _)' },
				},
			],
		},
	],
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['record'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a record', description: 'Create records (200 per API call)' },
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a record',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a record', description: 'Delete records by ID (200 per API call)' },
		{ name: 'Get by ID', value: 'get', action: 'Get a record by ID', description: 'Retrieve records by ID (2,000 per API call)' },
		{ name: 'Update', value: 'update', action: 'Update a record', description: 'Update records by ID (200 per API call)' },
	],
	default: 'create',
};

const mapper = (operation: string, method: string, mode: 'add' | 'update' | 'upsert'): INodeProperties => ({
	displayName: 'Fields',
	name: 'columns',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	displayOptions: show([operation]),
	typeOptions: {
		loadOptionsDependsOn: ['sobject.value'],
		resourceMapper: {
			resourceMapperMethod: method,
			mode,
			fieldWords: { singular: 'field', plural: 'fields' },
			addAllFields: false,
			multiKeyMatch: false,
			supportAutoMap: true,
			matchingFieldsLabels:
				mode === 'upsert'
					? { title: 'External ID Field', description: 'The external ID field records are matched on', hint: 'Fields marked External ID in Salesforce' }
					: undefined,
		},
	},
});

const recordId = (operation: string): INodeProperties => ({
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 001XXXXXXXXXXXXXXX',
	description: 'The 15- or 18-character ID of the record',
	displayOptions: show([operation]),
});

export const description: INodeProperties[] = [
	objectLocator,
	operationProperty,
	mapper('create', 'getCreateFields', 'add'),
	mapper('update', 'getUpdateFields', 'update'),
	mapper('upsert', 'getUpsertFields', 'upsert'),
	recordId('get'),
	recordId('delete'),
	{
		displayName: 'Fields to Return',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getObjectFields', loadOptionsDependsOn: ['sobject.value'] },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: show(['get']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show(['get']),
		options: [
			{
				displayName: 'Relationship Fields',
				name: 'relationshipFields',
				type: 'string',
				default: '',
				placeholder: 'e.g. Account.Name, Owner.Email',
				description: 'Comma-separated fields of related records, in dot notation',
			},
		],
	},
	writeOptions(show(['create', 'update', 'upsert', 'delete'])),
];
