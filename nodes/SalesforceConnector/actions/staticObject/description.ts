/**
 * The 13 static objects' resources (Account ... Product), generated from the object catalogue: 5 operations each
 * (65 actions), labelled fields, required ones first, picklists with their standard values, lookups as record
 * locators, and custom fields on top. Data drives it; no per-object code.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { STATIC_OBJECTS, type CatalogueField, type StaticObjectDef } from '../../../../shared/catalogue';

export const STATIC_OPERATIONS = ['create', 'delete', 'get', 'update', 'upsert'] as const;

/** Parameter name of a required field shown on its own, e.g. contactLastName */
export const requiredParamName = (def: StaticObjectDef, field: string) => `${def.resource}${field}`;
export const recordIdParamName = (def: StaticObjectDef) => `${def.resource}Id`;
/** listSearch method that finds records of an object, e.g. searchAccountRecords */
export const recordSearchMethod = (object: string) => `search${object}Records`;

function article(label: string) {
	return /^[aeiou]/i.test(label) ? 'an' : 'a';
}

function picklistOptions(field: CatalogueField): INodePropertyOptions[] {
	return (field.picklistValues ?? []).map((p) => ({ name: p.label, value: p.value }));
}

function describeField(field: CatalogueField): string {
	const parts = [field.description ?? '', `API name: ${field.name}`];
	return parts.filter(Boolean).join('. ');
}

/** A catalogue field as an n8n parameter (inside a collection or standing alone). */
export function fieldParameter(field: CatalogueField, name = field.name): INodeProperties {
	const base = { displayName: field.label, name, description: describeField(field) };
	switch (field.type) {
		case 'picklist':
			return { ...base, type: 'options', options: picklistOptions(field), default: '' };
		case 'multipicklist':
			return { ...base, type: 'multiOptions', options: picklistOptions(field), default: [] };
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'int':
		case 'double':
		case 'currency':
		case 'percent':
			return { ...base, type: 'number', default: 0, typeOptions: field.type === 'int' ? { numberPrecision: 0 } : { numberPrecision: 2 } };
		case 'date':
		case 'datetime':
			return { ...base, type: 'dateTime', default: '' };
		case 'reference': {
			const target = field.referenceTo?.[0];
			if (!target) return { ...base, type: 'string', default: '' };
			return {
				...base,
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{
						displayName: `From ${target} List`,
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: recordSearchMethod(target), searchable: true },
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 001XXXXXXXXXXXXXXX',
						validation: [
							{
								type: 'regex',
								properties: { regex: '^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$', errorMessage: 'Not a Salesforce ID (15 or 18 letters and digits)' },
							},
						],
					},
				],
			};
		}
		case 'textarea':
			return { ...base, type: 'string', default: '', typeOptions: { rows: 3 } };
		default:
			return { ...base, type: 'string', default: '', placeholder: field.type === 'email' ? 'name@email.com' : undefined };
	}
}

function operationProperty(def: StaticObjectDef): INodeProperties {
	const a = article(def.label);
	const lower = def.label.toLowerCase();
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [def.resource] } },
		options: [
			{ name: 'Create', value: 'create', action: `Create ${a} ${lower}`, description: `Create ${def.label}` },
			{
				name: 'Create or Update',
				value: 'upsert',
				action: `Create or update ${a} ${lower}`,
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{ name: 'Delete', value: 'delete', action: `Delete ${a} ${lower}`, description: `Delete ${def.label}` },
			{ name: 'Get by ID', value: 'get', action: `Get ${a} ${lower} by ID`, description: `Get ${def.label} By ID` },
			{ name: 'Update', value: 'update', action: `Update ${a} ${lower}`, description: `Update ${def.label}` },
		],
		default: 'create',
	};
}

function customFieldsProperty(def: StaticObjectDef, operations: string[]): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFieldsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add custom field',
		default: {},
		description: `Custom fields (__c) of ${def.label} in your org`,
		displayOptions: { show: { resource: [def.resource], operation: operations } },
		options: [
			{
				name: 'customFields',
				displayName: 'Custom Field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'fieldId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCustomFields' },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

function recordIdProperty(def: StaticObjectDef, operations: string[]): INodeProperties {
	const locator = fieldParameter(
		{ name: 'Id', label: `${def.label}`, type: 'reference', referenceTo: [def.apiName], createable: false, updateable: false },
		recordIdParamName(def),
	);
	return {
		...locator,
		required: true,
		description: `The ${def.label} record`,
		displayOptions: { show: { resource: [def.resource], operation: operations } },
	};
}

function objectProperties(def: StaticObjectDef): INodeProperties[] {
	const show = (operation: string[]) => ({ show: { resource: [def.resource], operation } });
	const required = def.fields.filter((f) => f.requiredOnCreate && f.createable);
	const optionalCreate = def.fields.filter((f) => f.createable && !f.requiredOnCreate);
	const updatable = def.fields.filter((f) => f.updateable);
	const upsertable = def.fields.filter((f) => f.createable || f.updateable);
	const collection = (name: string, displayName: string, fields: CatalogueField[], operation: string): INodeProperties => ({
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: show([operation]),
		options: [...fields].sort((a, b) => a.label.localeCompare(b.label)).map((f) => fieldParameter(f)),
	});
	return [
		operationProperty(def),
		...required.map((f) => ({ ...fieldParameter(f, requiredParamName(def, f.name)), required: true, displayOptions: show(['create']) })),
		collection('additionalFields', 'Additional Fields', optionalCreate, 'create'),
		recordIdProperty(def, ['update', 'get', 'delete']),
		collection('updateFields', 'Update Fields', updatable, 'update'),
		{
			displayName: 'External ID Field Name or ID',
			name: 'externalIdField',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getExternalIdFields' },
			default: '',
			required: true,
			description: `The ${def.label} field marked External ID that records are matched on. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			displayOptions: show(['upsert']),
		},
		{
			displayName: 'External ID Value',
			name: 'externalIdValue',
			type: 'string',
			default: '',
			required: true,
			description: 'A record with this value is updated; if none exists, one is created',
			displayOptions: show(['upsert']),
		},
		collection('upsertFields', 'Fields', upsertable, 'upsert'),
		customFieldsProperty(def, ['create', 'update', 'upsert']),
		{
			displayName: 'Fields to Return',
			name: 'fieldsToReturn',
			type: 'multiOptions',
			default: [],
			description: 'Leave empty for all fields, custom fields included',
			options: def.fields.map((f) => ({ name: f.label, value: f.name })).sort((a, b) => a.name.localeCompare(b.name)),
			displayOptions: show(['get']),
		},
	];
}

export const staticResourceOptions: INodePropertyOptions[] = STATIC_OBJECTS.map((def) => ({
	name: def.label,
	value: def.resource,
	description: `Static actions on ${def.labelPlural} (${def.apiName})`,
}));

export const description: INodeProperties[] = STATIC_OBJECTS.flatMap(objectProperties);
