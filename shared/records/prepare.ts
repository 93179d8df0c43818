/**
 * The checks every record write or read runs on one item before anything is sent: unknown fields, read-only fields,
 * empty required fields, value types, restricted picklists, ids, external ID fields and field paths. A problem is an
 * InputError for that item, and nothing of it is written.
 */
import type { FieldDescribe, ObjectDescribe } from '../client/types';
import { coerceFieldValue, isEmptyValue } from './coerce';
import { fieldByName, fieldDisplayName, isExternalIdField, isRequiredOnCreate, isWritable, nameList, type WriteOperation } from './fields';
import { InputError } from './inputError';
import { followFieldPath, type DescribeObject } from './paths';

/** Field values -> the record body for create/update/upsert. `values` keys are field API names (any case). */
export function buildRecordBody(
	describe: ObjectDescribe,
	values: Record<string, unknown>,
	operation: WriteOperation,
	options: { skipFields?: string[] } = {},
): Record<string, unknown> {
	const skip = new Set((options.skipFields ?? []).map((f) => f.toLowerCase()));
	const body: Record<string, unknown> = {};
	const unknown: string[] = [];
	const readOnly: string[] = [];
	for (const [key, raw] of Object.entries(values)) {
		if (skip.has(key.toLowerCase())) continue;
		const field = fieldByName(describe, key);
		if (!field) {
			unknown.push(key);
			continue;
		}
		if (!isWritable(field, operation) || field.name === 'Id') {
			readOnly.push(field.name);
			continue;
		}
		const value = coerceFieldValue(field, raw);
		if (value === undefined) continue;
		// a new record has no value to clear
		if (value === null && operation === 'create') continue;
		body[field.name] = value;
	}
	if (unknown.length) {
		const known = describe.fields.filter((f) => isWritable(f, operation)).map((f) => f.name);
		throw new InputError(
			`${describe.name} has no field${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`,
			`Use field API names (custom fields end in __c). Writable fields: ${nameList(known)}.`,
			unknown[0],
		);
	}
	if (readOnly.length) {
		throw new InputError(
			`${readOnly.join(', ')} ${readOnly.length > 1 ? 'are' : 'is'} read-only on ${operation}`,
			`Remove ${readOnly.length > 1 ? 'these fields' : 'this field'}: Salesforce sets ${readOnly.length > 1 ? 'them' : 'it'} itself or the user cannot edit ${readOnly.length > 1 ? 'them' : 'it'}.`,
			readOnly[0],
		);
	}
	if (operation === 'create') {
		const missing = describe.fields.filter((f) => isRequiredOnCreate(f) && body[f.name] === undefined);
		if (missing.length) {
			throw new InputError(
				`Required field${missing.length > 1 ? 's are' : ' is'} empty: ${missing.map(fieldDisplayName).join(', ')}`,
				`Fill in ${missing.length > 1 ? 'these fields' : 'this field'} to create ${/^[aeiou]/i.test(describe.name) ? 'an' : 'a'} ${describe.name} record.`,
				missing[0].name,
			);
		}
	}
	return body;
}

/** The external ID field an upsert matches on (any letter case), or an InputError listing the ones that exist. */
export function externalIdField(describe: ObjectDescribe, name: string): FieldDescribe {
	const allowed = describe.fields.filter(isExternalIdField);
	const field = fieldByName(describe, name);
	if (!field || !isExternalIdField(field)) {
		throw new InputError(
			name ? `"${name}" is not an external ID field of ${describe.name}` : 'No external ID field chosen',
			allowed.length
				? `Choose one of: ${allowed.map((f) => f.name).join(', ')}.`
				: `${describe.name} has no external ID field: create one in Setup (a text or number field marked External ID) or use Create/Update.`,
			name || undefined,
		);
	}
	return field;
}

/** The value an upsert matches on, as Salesforce's URL path and body carry it: text, never an object or a list. */
export function externalIdValue(field: FieldDescribe, raw: unknown): string {
	if (raw === null || isEmptyValue(raw)) {
		throw new InputError(`The external ID value (${field.name}) is empty`, `Map a value for ${field.name} to match records on.`, field.name);
	}
	if (typeof raw === 'object') {
		throw new InputError(
			`The external ID value (${field.name}) is an object or a list`,
			`Map one text or number value for ${field.name}, e.g. {{ $json.externalId }}; unrelated items must not match the same record.`,
			field.name,
		);
	}
	const coerced = coerceFieldValue(field, raw);
	return String(coerced);
}

/**
 * Fields to return, checked against the describes: plain fields must exist on the object; dot paths (`Account.Name`,
 * `Owner.Manager.Email`) must follow relationship names to a field that exists. Returns the names as Salesforce spells them.
 */
export async function checkFieldPaths(describe: ObjectDescribe, names: string[], describeObject: DescribeObject): Promise<string[]> {
	const out: string[] = [];
	for (const raw of names.map((n) => n.trim()).filter(Boolean)) out.push((await followFieldPath(describe, raw, describeObject)).path);
	return Array.from(new Set(out));
}
