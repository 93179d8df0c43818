/**
 * Builders for the 13 static objects' parameters (Account ... Product), from the object catalogue: labelled
 * fields, required ones first, picklists with their standard values, lookups as record locators, custom fields on
 * top. Each operation module takes the pieces it shows; data drives them, no per-object code.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CatalogueField, StaticObjectDef } from '../../../../shared/catalogue';
import { ID_PATTERN } from '../../../../shared/records/ids';
import { isWritable, type WriteOperation } from '../../../../shared/records/fields';

/** Parameter name of a required field shown on its own, e.g. contactLastName */
export const requiredParamName = (def: StaticObjectDef, field: string) => `${def.resource}${field}`;
export const recordIdParamName = (def: StaticObjectDef) => `${def.resource}Id`;
/** listSearch method that finds records of an object, e.g. searchAccountRecords */
export const recordSearchMethod = (object: string) => `search${object}Records`;
/** loadOptions method with the org's values of a static object's picklist, e.g. picklistAccountType */
export const picklistMethod = (object: string, field: string) => `picklist${object}${field}`;

export const showForStatic = (def: StaticObjectDef, operation: string[]) => ({ show: { resource: [def.resource], operation } });

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** A static operation's entry in the Operation list: "Create an account", "Get a case by ID". */
export function staticOption(def: StaticObjectDef, name: string, value: string, description: string, tail = ''): INodePropertyOptions {
	const verb = name === 'Get by ID' ? 'Get' : name.toLowerCase() === 'create or update' ? 'Create or update' : name;
	return { name, value, action: `${verb} ${article(def.label)} ${def.label.toLowerCase()}${tail}`, description };
}

function describeField(field: CatalogueField): string {
	return [field.description ?? '', `API name: ${field.name}`].filter(Boolean).join('. ');
}

/**
 * A catalogue field of `object` as an n8n parameter (inside a collection or standing alone). Picklists load the org's
 * active values (the standard ones when the org cannot be read: D19).
 */
export function fieldParameter(object: string, field: CatalogueField, name = field.name): INodeProperties {
	const base = { displayName: field.label, name, description: describeField(field) };
	switch (field.type) {
		case 'picklist':
			return { ...base, type: 'options', typeOptions: { loadOptionsMethod: picklistMethod(object, field.name) }, default: '' };
		case 'multipicklist':
			return { ...base, type: 'multiOptions', typeOptions: { loadOptionsMethod: picklistMethod(object, field.name) }, default: [] };
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
				// a record picker, not an ID field: "Account", not "Account ID"
				displayName: field.label.replace(/ ID$/, ''),
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
						validation: [{ type: 'regex', properties: { regex: ID_PATTERN, errorMessage: 'Not a Salesforce ID (15 or 18 letters and digits)' } }],
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

/** The fields required on create, each its own required parameter. */
export function requiredFieldParameters(def: StaticObjectDef): INodeProperties[] {
	return def.fields
		.filter((f) => f.requiredOnCreate && f.createable)
		.map((f) => ({ ...fieldParameter(def.apiName, f, requiredParamName(def, f.name)), required: true, displayOptions: showForStatic(def, ['create']) }));
}

/** A collection of the fields an operation may write (required ones on create stand alone), by label. */
export function optionalFieldsCollection(def: StaticObjectDef, name: string, displayName: string, operation: WriteOperation): INodeProperties {
	const fields = def.fields.filter((f) => isWritable(f, operation) && f.name !== 'Id' && !(operation === 'create' && f.requiredOnCreate));
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: showForStatic(def, [operation]),
		options: [...fields].sort((a, b) => a.label.localeCompare(b.label)).map((f) => fieldParameter(def.apiName, f)),
	};
}

export function recordIdProperty(def: StaticObjectDef, operations: string[]): INodeProperties {
	const locator = fieldParameter(def.apiName, { name: 'Id', label: def.label, type: 'reference', referenceTo: [def.apiName], createable: false, updateable: false }, recordIdParamName(def));
	return { ...locator, required: true, description: `The ${def.label} record`, displayOptions: showForStatic(def, operations) };
}

export function customFieldsProperty(def: StaticObjectDef, operations: string[]): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFieldsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add custom field',
		default: {},
		description: `Custom fields (__c) of ${def.label} in your org`,
		displayOptions: showForStatic(def, operations),
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

export const staticResourceOptions = (defs: readonly StaticObjectDef[]): INodePropertyOptions[] =>
	defs.map((def) => ({ name: def.label, value: def.resource, description: `${def.labelPlural} with labelled fields and picklists` }));
