import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { resourceMapperType } from '../../../shared/catalogue';
import { SalesforceClient } from '../../../shared/client/client';
import { SalesforceError } from '../../../shared/client/error';
import type { FieldDescribe, ObjectDescribe } from '../../../shared/client/types';
import { isExternalIdField, isRequiredOnCreate, isWritable, requiredFirst, type WriteOperation } from '../../../shared/records/fields';
import { currentObjectName, withNodeErrors } from './common';

const squashed = (s: string) => s.replace(/[\s_]/g, '').toLowerCase();

/**
 * A column's name: the API name first (the mapper cuts long names, and the API name is what expressions and errors
 * use), then the label when it says more. Salesforce labels standard fields with the object's label in front
 * ("Account Description" for Account.Description): such a label, or one that is the API name with spaces, is left
 * out, so that "Description" is not cut to "Description (Account Descri…" (nor "AccountNumber" to "AccountNumber (Account …").
 */
function mapperFieldName(field: Pick<FieldDescribe, 'name' | 'label'>, objectLabel: string): string {
	if (!field.label || field.label === field.name) return field.name;
	const label = objectLabel && field.label.startsWith(`${objectLabel} `) ? field.label.slice(objectLabel.length + 1) : field.label;
	const repeatsName = [label, field.label].some((l) => squashed(l) === squashed(field.name));
	return repeatsName ? field.name : `${field.name} (${field.label})`;
}

/** One describe field as a resource-mapper column: label and API name, type, required, picklist values as options. */
function toMapperField(field: FieldDescribe, mode: WriteOperation, objectLabel: string): ResourceMapperField {
	const picklist = field.type === 'picklist' || field.type === 'multipicklist' || field.type === 'combobox';
	const options = picklist ? field.picklistValues?.filter((p) => p.active !== false).map((p) => ({ name: p.label ?? p.value, value: p.value })) : undefined;
	const type = resourceMapperType(field.type, { hasOptions: !!options?.length }) as FieldType;
	return {
		id: field.name,
		displayName: mapperFieldName(field, objectLabel),
		required: mode === 'create' ? isRequiredOnCreate(field) : false,
		defaultMatch: mode === 'update' && field.name === 'Id',
		canBeUsedToMatch: mode === 'update' ? field.name === 'Id' : mode === 'upsert' ? isExternalIdField(field) : false,
		display: true,
		type,
		options: type === 'options' ? options : undefined,
	};
}

async function fieldsFor(ctx: ILoadOptionsFunctions, mode: WriteOperation): Promise<ResourceMapperFields> {
	const object = currentObjectName(ctx);
	if (!object) return { fields: [] };
	const client = await SalesforceClient.create(ctx);
	const describe = await client.describe(object).catch((error: unknown): ObjectDescribe | undefined => {
		// an object the org lacks: no fields, so the editor shows the mapper's noFieldsError (which says so) rather
		// than a failed request; other failures (connection, session) still fail the call
		if (error instanceof SalesforceError && error.code === 'INVALID_TYPE') return undefined;
		throw error;
	});
	if (!describe) return { fields: [] };
	const fields = requiredFirst(
		describe.fields.filter((f) => isWritable(f, mode)),
		(f) => mode === 'create' && isRequiredOnCreate(f),
	);
	return { fields: fields.map((f) => toMapperField(f, mode, describe.label)) };
}

export const getCreateFields = withNodeErrors(async function (this: ILoadOptionsFunctions) {
	return await fieldsFor(this, 'create');
});

export const getUpdateFields = withNodeErrors(async function (this: ILoadOptionsFunctions) {
	return await fieldsFor(this, 'update');
});

export const getUpsertFields = withNodeErrors(async function (this: ILoadOptionsFunctions) {
	return await fieldsFor(this, 'upsert');
});
