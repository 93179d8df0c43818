import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { resourceMapperType } from '../../../shared/catalogue';
import { SalesforceClient } from '../../../shared/client/client';
import { isRequiredOnCreate } from '../../../shared/records/prepare';
import { currentObjectName } from './common';

type Mode = 'create' | 'update' | 'upsert';
type Field = Awaited<ReturnType<SalesforceClient['describe']>>['fields'][number];

/** One describe field as a resource-mapper column: label and API name, type, required, picklist values as options. */
function toMapperField(field: Field, mode: Mode): ResourceMapperField {
	const picklist = field.type === 'picklist' || field.type === 'multipicklist' || field.type === 'combobox';
	const options = picklist
		? field.picklistValues?.filter((p) => p.active).map((p) => ({ name: p.label ?? p.value, value: p.value }))
		: undefined;
	const type = (field.type === 'picklist' && options?.length ? 'options' : resourceMapperType(field.type)) as FieldType;
	return {
		id: field.name,
		displayName: field.label && field.label !== field.name ? `${field.label} (${field.name})` : field.name,
		required: mode === 'create' ? isRequiredOnCreate(field) : false,
		defaultMatch: mode === 'update' && field.name === 'Id',
		canBeUsedToMatch:
			mode === 'update' ? field.name === 'Id' : mode === 'upsert' ? (field.externalId || field.idLookup) && field.name !== 'Id' : false,
		display: true,
		type,
		options: type === 'options' ? options : undefined,
	};
}

async function fieldsFor(ctx: ILoadOptionsFunctions, mode: Mode): Promise<ResourceMapperFields> {
	const object = currentObjectName(ctx);
	if (!object) return { fields: [] };
	const client = await SalesforceClient.create(ctx);
	const describe = await client.describe(object);
	const fields = describe.fields.filter((f) => {
		if (mode === 'create') return f.createable;
		if (mode === 'update') return f.updateable || f.name === 'Id';
		return f.createable || f.updateable;
	});
	// required ones first, then by label, as a form would show them
	fields.sort((a, b) => Number(isRequiredOnCreate(b) && mode === 'create') - Number(isRequiredOnCreate(a) && mode === 'create') || a.label.localeCompare(b.label));
	return { fields: fields.map((f) => toMapperField(f, mode)) };
}

export async function getCreateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await fieldsFor(this, 'create');
}

export async function getUpdateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await fieldsFor(this, 'update');
}

export async function getUpsertFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await fieldsFor(this, 'upsert');
}
