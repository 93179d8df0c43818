import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { STATIC_OBJECTS } from '../../../shared/catalogue';
import { apiVersionProperty, authenticationProperty } from '../../../shared/nodeDescription';
import { writeOptions } from './record/common';
import { resourceProperties as recordResource } from './record/Record.resource';
import { operations } from './registry';
import { customFieldsProperty, operationProperty, staticResourceOptions } from './staticObject/description';

const resourceOptions: INodePropertyOptions[] = [
	{ name: 'Connection', value: 'connection', description: 'The connected org and user' },
	{ name: 'Record (Any Object)', value: 'record', description: 'Any standard or custom object of the org' },
	...staticResourceOptions(STATIC_OBJECTS),
];

const operationDescriptions = (resource: string) => Object.values(operations[resource] ?? {}).flatMap((op) => op.description);

/** The action node's parameters: connection, resource, then each resource's operation and the operations' own. */
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
	...operationDescriptions('connection'),
	...recordResource,
	...operationDescriptions('record'),
	...STATIC_OBJECTS.flatMap((def) => [
		operationProperty(def),
		...operationDescriptions(def.resource),
		customFieldsProperty(def, ['create', 'update', 'upsert']),
	]),
	writeOptions({ show: { resource: STATIC_OBJECTS.map((d) => d.resource), operation: ['create', 'update', 'upsert', 'delete'] } }),
	{ ...apiVersionProperty },
];
