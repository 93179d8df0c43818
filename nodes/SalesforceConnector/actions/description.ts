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
	{ name: 'Any Object', value: 'record', description: 'Records of any standard or custom object; the fields come from your org' },
	...staticResourceOptions(STATIC_OBJECTS),
];

/** "Create · Account": the canvas subtitle, from the Operation and Resource lists. */
export function subtitleExpression(): string {
	const resources = Object.fromEntries(resourceOptions.map((o) => [o.value, o.name]));
	const names = Object.fromEntries(Object.values(operations).flatMap((ops) => Object.values(ops).map((op) => [op.option.value, op.option.name])));
	return `={{ (${JSON.stringify(names)})[$parameter["operation"]] + " · " + (${JSON.stringify(resources)})[$parameter["resource"]] }}`;
}

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

const shows = (p: INodeProperties, resource: string, operation: string) =>
	(p.displayOptions?.show?.resource ?? []).includes(resource) && (!p.displayOptions?.show?.operation || p.displayOptions.show.operation.includes(operation));

/**
 * API Version is an advanced setting: it goes inside each operation's Options (a collection of its own where the
 * operation has none), never as a top-level field.
 */
function withApiVersionOption(list: INodeProperties[]): INodeProperties[] {
	const out = list.map((p) => (p.name === 'options' && p.type === 'collection' ? { ...p, options: [...(p.options ?? []), { ...apiVersionProperty }] } : p));
	for (const [resource, ops] of Object.entries(operations)) {
		const missing = Object.keys(ops).filter((op) => !out.some((p) => p.name === 'options' && p.type === 'collection' && shows(p, resource, op)));
		if (missing.length) {
			out.push({
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: { show: { resource: [resource], operation: missing } },
				options: [{ ...apiVersionProperty }],
			});
		}
	}
	return out;
}

/** The action node's parameters: connection, resource, then each resource's operation and the operations' own. */
export const properties: INodeProperties[] = withApiVersionOption([
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
	operationPicker('record', 'create'),
	...recordResource,
	...operationDescriptions('record'),
	...STATIC_OBJECTS.flatMap((def) => [
		operationPicker(def.resource, 'create'),
		...operationDescriptions(def.resource),
		customFieldsProperty(def, ['create', 'update', 'upsert']),
	]),
	writeOptions({ show: { resource: STATIC_OBJECTS.map((d) => d.resource), operation: ['create', 'update', 'upsert', 'delete'] } }),
]);
