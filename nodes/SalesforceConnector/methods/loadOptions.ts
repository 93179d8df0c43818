import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SalesforceClient } from '../../../shared/client/client';
import { currentObjectName } from './common';

type Field = Awaited<ReturnType<SalesforceClient['describe']>>['fields'][number];

/** Fields of the object being edited that pass `keep`, as options "Label (ApiName)". */
async function fieldOptions(
	ctx: ILoadOptionsFunctions,
	keep: (f: Field) => boolean,
	sort = true,
): Promise<INodePropertyOptions[]> {
	const object = currentObjectName(ctx);
	if (!object) return [];
	const client = await SalesforceClient.create(ctx);
	const describe = await client.describe(object);
	const options = describe.fields.filter(keep).map((f) => ({ name: `${f.label} (${f.name})`, value: f.name, description: f.type }));
	return sort ? options.sort((a, b) => a.name.localeCompare(b.name)) : options;
}

/** All fields of the chosen object, for "Fields to Return". */
export async function getObjectFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await fieldOptions(this, () => true);
}

/** Custom (__c) fields of the object, for a static action's "Custom Fields". */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const operation = this.getCurrentNodeParameter('operation') as string | undefined;
	return await fieldOptions(this, (f) => f.custom && (operation === 'update' ? f.updateable : f.createable || f.updateable));
}

/** External ID fields of the object, for Upsert. */
export async function getExternalIdFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await fieldOptions(this, (f) => !!(f.externalId || f.idLookup) && f.name !== 'Id' && (f.createable || f.updateable), false);
}
