import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { STATIC_OBJECTS } from '../../../shared/catalogue';
import { apiVersionProperty, authenticationProperty } from '../../../shared/nodeDescription';
import { writeOptions } from './record/common';
import { resourceProperties as recordResource } from './record/Record.resource';
import { operations } from './registry';
import { customFieldsProperty, staticResourceOptions } from './staticObject/description';

const resourceOptions: INodePropertyOptions[] = [
	{ name: 'Connection', value: 'connection', description: 'The connected org and user' },
	{ name: 'File', value: 'file', description: 'Upload and download files (ContentVersion), up to 15 MB' },
	{ name: 'Record (Any Object)', value: 'record', description: 'Any standard or custom object of the org' },
	...staticResourceOptions(STATIC_OBJECTS),
];

const operationDescriptions = (resource: string) => Object.values(operations[resource] ?? {}).flatMap((op) => op.description);

/** A resource's Operation list, from its registry entries, in alphabetical order as n8n's lint wants. */
function operationPicker(resource: string, fallback: string): INodeProperties {
	const options = Object.values(operations[resource]).map((op) => op.option).sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: fallback,
	};
}

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
	operationPicker('connection', 'getInfo'),
	...operationDescriptions('connection'),
	operationPicker('file', 'upload'),
	...operationDescriptions('file'),
	...recordResource,
	operationPicker('record', 'create'),
	...operationDescriptions('record'),
	...STATIC_OBJECTS.flatMap((def) => [
		operationPicker(def.resource, 'create'),
		...operationDescriptions(def.resource),
		customFieldsProperty(def, ['create', 'update', 'upsert']),
	]),
	writeOptions({ show: { resource: STATIC_OBJECTS.map((d) => d.resource), operation: ['create', 'update', 'upsert', 'delete'] } }),
	{ ...apiVersionProperty },
];
