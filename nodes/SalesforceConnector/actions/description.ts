import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { apiVersionProperty, authenticationProperty } from '../../../shared/nodeDescription';
import * as record from './record/Record.resource';
import * as staticObject from './staticObject/description';

const baseResources: INodePropertyOptions[] = [
	{ name: 'Connection', value: 'connection', description: 'The connected org and user' },
	{ name: 'Record (Any Object)', value: 'record', description: 'Any standard or custom object of the org' },
];
const resourceOptions = baseResources.concat(staticObject.staticResourceOptions);

/** The action node's parameters: connection, resource, operation, then each operation's own. */
export const properties: INodeProperties[] = [
		authenticationProperty,
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions,
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
		...staticObject.description,
		record.writeOptions({
			show: { resource: staticObject.staticResourceOptions.map((o) => o.value as string), operation: ['create', 'update', 'upsert', 'delete'] },
		}),
		{ ...apiVersionProperty },
	];
