import type { INodeProperties } from 'n8n-workflow';

import { apiVersionProperty, authenticationProperty } from '../../../shared/nodeDescription';
import * as record from './record/Record.resource';

/** The action node's parameters: connection, resource, operation, then each operation's own. */
export const properties: INodeProperties[] = [
		authenticationProperty,
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Connection', value: 'connection', description: 'The connected org and user' },
				{ name: 'Record (Any Object)', value: 'record', description: 'Any standard or custom object of the org' },
			],
			default: 'record',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['connection'] } },
			options: [
				{
					name: 'Get Info',
					value: 'getInfo',
					action: 'Get connection info',
					description: 'Get the connected user and org and the remaining daily API requests',
				},
			],
			default: 'getInfo',
		},
		...record.description,
		{ ...apiVersionProperty },
	];
