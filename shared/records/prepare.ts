/**
 * Builds one item's record operation from user input and the object's describe, checking everything that can be
 * checked before a request is sent: unknown fields, read-only fields, empty required fields, value types, restricted
 * picklists, id format and key prefix. A problem is reported for that item and nothing of it is written.
 */
import type { RecordJob, RecordOperation } from './batch';
import { isSoqlIdentifier } from '../query/escape';
import { coerceFieldValue, InputError, isIdFormat, type FieldInfo } from './coerce';

export { InputError };

export interface DescribeLike {
	name: string;
	label?: string;
	keyPrefix?: string | null;
	fields: Array<
		FieldInfo & {
			createable: boolean;
			updateable: boolean;
			nillable: boolean;
			defaultedOnCreate: boolean;
			externalId?: boolean | null;
			idLookup?: boolean | null;
			calculated?: boolean | null;
		}
	>;
}

function fieldList(names: string[]): string {
	return names.length > 30 ? `${names.slice(0, 30).join(', ')}, … (${names.length} in all)` : names.join(', ');
}

/** Fields Salesforce requires on create: not nillable, no default, createable (booleans always have one). */
export function isRequiredOnCreate(f: DescribeLike['fields'][number]): boolean {
	return f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean';
}

export function validateRecordId(describe: DescribeLike, raw: unknown, what = 'Record ID'): string {
	const id = String(raw ?? '').trim();
	if (id === '') throw new InputError(`${what} is empty`, `Map the ID of the ${describe.name} record, e.g. {{ $json.Id }}.`);
	if (!isIdFormat(id)) {
		throw new InputError(
			`${what} "${id}" is not a Salesforce ID`,
			`A Salesforce ID has 15 or 18 letters and digits${describe.keyPrefix ? ` and ${describe.name} IDs start with ${describe.keyPrefix}` : ''}.`,
		);
	}
	if (describe.keyPrefix && !id.startsWith(describe.keyPrefix)) {
		throw new InputError(
			`${what} "${id}" is not an ID of ${describe.name}`,
			`${describe.name} IDs start with "${describe.keyPrefix}"; this one starts with "${id.slice(0, 3)}", so it belongs to another object.`,
		);
	}
	return id;
}

/** Field values -> the record body for create/update/upsert. `values` keys are field API names. */
export function buildRecordBody(
	describe: DescribeLike,
	values: Record<string, unknown>,
	operation: 'create' | 'update' | 'upsert',
	options: { skipFields?: string[] } = {},
): Record<string, unknown> {
	const byName = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f]));
	const body: Record<string, unknown> = {};
	const unknown: string[] = [];
	const readOnly: string[] = [];
	for (const [key, raw] of Object.entries(values)) {
		if (options.skipFields?.includes(key)) continue;
		const field = byName.get(key.toLowerCase());
		if (!field) {
			unknown.push(key);
			continue;
		}
		const writable = operation === 'create' ? field.createable : operation === 'update' ? field.updateable : field.createable || field.updateable;
		if (!writable) {
			readOnly.push(field.name);
			continue;
		}
		const value = coerceFieldValue(field, raw);
		if (value === undefined) continue;
		if (value === null && operation === 'create') continue;
		body[field.name] = value;
	}
	if (unknown.length) {
		const known = describe.fields.filter((f) => (operation === 'update' ? f.updateable : f.createable)).map((f) => f.name);
		throw new InputError(
			`${describe.name} has no field${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`,
			`Use field API names (custom fields end in __c). Writable fields: ${fieldList(known)}.`,
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
		const missing = describe.fields.filter((f) => isRequiredOnCreate(f) && (body[f.name] === undefined || body[f.name] === ''));
		if (missing.length) {
			throw new InputError(
				`Required field${missing.length > 1 ? 's are' : ' is'} empty: ${missing.map((f) => (f.label ? `${f.label} (${f.name})` : f.name)).join(', ')}`,
				`Fill in ${missing.length > 1 ? 'these fields' : 'this field'} to create a ${describe.name}.`,
				missing[0].name,
			);
		}
	}
	return body;
}

export function externalIdFields(describe: DescribeLike): string[] {
	return describe.fields.filter((f) => (f.externalId || f.idLookup) && f.name !== 'Id' && (f.createable || f.updateable)).map((f) => f.name);
}

export interface PrepareInput {
	operation: RecordOperation;
	describe: DescribeLike;
	itemIndex: number;
	values?: Record<string, unknown>;
	recordId?: unknown;
	externalIdField?: string;
	externalIdValue?: unknown;
	fields?: string[];
}

/** One item -> one RecordJob, or an InputError that names the field and the fix. */
export function prepareJob(input: PrepareInput): RecordJob {
	const { operation, describe, itemIndex } = input;
	const object = describe.name;
	switch (operation) {
		case 'create':
			return { itemIndex, object, operation, record: buildRecordBody(describe, input.values ?? {}, 'create') };
		case 'update': {
			const id = validateRecordId(describe, input.recordId);
			const record = buildRecordBody(describe, input.values ?? {}, 'update', { skipFields: ['Id', 'id'] });
			if (Object.keys(record).length === 0) {
				throw new InputError('No fields to update', `Map at least one ${object} field to change.`);
			}
			return { itemIndex, object, operation, record: { Id: id, ...record } };
		}
		case 'upsert': {
			const ext = input.externalIdField ?? '';
			const allowed = externalIdFields(describe);
			const field = describe.fields.find((f) => f.name.toLowerCase() === ext.toLowerCase());
			if (!field || !allowed.includes(field.name)) {
				throw new InputError(
					`"${ext}" is not an external ID field of ${object}`,
					allowed.length
						? `Choose one of: ${allowed.join(', ')}.`
						: `${object} has no external ID field: create one in Setup (a text or number field marked External ID) or use Create/Update.`,
					ext,
				);
			}
			const extValue = input.externalIdValue ?? input.values?.[field.name];
			if (extValue === undefined || extValue === null || String(extValue).trim() === '') {
				throw new InputError(`The external ID value (${field.name}) is empty`, `Map a value for ${field.name} to match records on.`, field.name);
			}
			const record = buildRecordBody(describe, input.values ?? {}, 'upsert', { skipFields: [field.name] });
			return { itemIndex, object, operation, externalIdField: field.name, record: { ...record, [field.name]: String(extValue) } };
		}
		case 'delete':
			return { itemIndex, object, operation, id: validateRecordId(describe, input.recordId) };
		case 'get': {
			const id = validateRecordId(describe, input.recordId);
			const known = new Set(describe.fields.map((f) => f.name.toLowerCase()));
			const fields = (input.fields ?? []).map((f) => f.trim()).filter(Boolean);
			const malformed = fields.filter((f) => !isSoqlIdentifier(f));
			if (malformed.length) {
				throw new InputError(
					`"${malformed[0]}" is not a field name`,
					'Use field API names, and dot paths for related records, e.g. Account.Name or Owner.Email.',
					malformed[0],
				);
			}
			const bad = fields.filter((f) => !f.includes('.') && !known.has(f.toLowerCase()));
			if (bad.length) {
				throw new InputError(
					`${object} has no field${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}`,
					`Fields on ${object}: ${fieldList(describe.fields.map((f) => f.name))}.`,
					bad[0],
				);
			}
			return { itemIndex, object, operation, id, fields };
		}
	}
}
