import type { INodeProperties } from 'n8n-workflow';

import { objectLocator } from '../../../../shared/objects/locator';

/** The dynamic resource's own parameters: its operations and the object they work on. */
export const resourceProperties: INodeProperties[] = [
	objectLocator({ displayOptions: { show: { resource: ['record'] } } }),
	{
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
	},
];
