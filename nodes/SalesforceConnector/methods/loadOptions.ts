import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SalesforceClient } from '../../../shared/client/client';
import { currentObjectName } from './common';

/** All fields of the chosen object, for "Fields to Return". */
export async function getObjectFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const object = currentObjectName(this);
	if (!object) return [];
	const client = await SalesforceClient.create(this);
	const describe = await client.describe(object);
	return describe.fields
		.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name, description: f.type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Custom (__c) fields of the object, for a static action's "Custom Fields". */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const object = currentObjectName(this);
	if (!object) return [];
	const client = await SalesforceClient.create(this);
	const describe = await client.describe(object);
	const operation = this.getCurrentNodeParameter('operation') as string | undefined;
	return describe.fields
		.filter((f) => f.custom && (operation === 'update' ? f.updateable : f.createable || f.updateable))
		.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name, description: f.type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** External ID fields of the object, for Upsert. */
export async function getExternalIdFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const object = currentObjectName(this);
	if (!object) return [];
	const client = await SalesforceClient.create(this);
	const describe = await client.describe(object);
	return describe.fields
		.filter((f) => (f.externalId || f.idLookup) && f.name !== 'Id' && (f.createable || f.updateable))
		.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name }));
}
