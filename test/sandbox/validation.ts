/**
 * Field-level validation and normalisation of record writes, with Salesforce's error codes and messages.
 * Cross-record checks (references, unique/external ids) need the store and live in store.ts.
 */
import { SfError } from './errors';
import type { FieldDef, ObjectDef } from './schema/types';

export type WriteMode = 'create' | 'update';

/**
 * Datetimes as Salesforce stores and prints them: whole seconds in UTC, `2024-05-20T20:49:32.000+0000`. Milliseconds
 * are truncated ("Regular dateTime fields are full timestamps with a precision of one second": Object Reference,
 * "Primitive Data Types"), so writes made within one second share a timestamp.
 */
export function formatDateTime(d: Date): string {
	return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('Z', '+0000');
}

/** Parses the datetime forms Salesforce accepts (ISO 8601 with Z, +hh:mm or +hhmm, or a bare date). */
export function parseDateTime(value: string): Date | undefined {
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
	if (!m) return undefined;
	const time = m[2] ?? '00:00:00';
	let zone = m[3] ?? 'Z';
	if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
	// JavaScript's Date takes at most millisecond precision
	const t = time.replace(/(\.\d{3})\d+$/, '$1');
	const d = new Date(`${m[1]}T${t}${zone}`);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

function isValidDate(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// Loose on purpose: Salesforce rejects obvious garbage, not every RFC corner case.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** The Java type name Salesforce's JSON deserialiser reports for a field type. */
function javaTypeName(f: FieldDef): string {
	switch (f.type) {
		case 'int':
			return 'int';
		case 'long':
			return 'long';
		case 'double':
		case 'currency':
		case 'percent':
			return 'double';
		case 'boolean':
			return 'boolean';
		case 'date':
			return 'date';
		case 'datetime':
			return 'datetime';
		case 'time':
			return 'time';
		case 'base64':
			return 'base64';
		default:
			return 'String';
	}
}

function jsonTokenName(v: unknown): string {
	if (typeof v === 'string') return 'VALUE_STRING';
	if (typeof v === 'number') return Number.isInteger(v) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
	if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE';
	if (Array.isArray(v)) return 'START_ARRAY';
	return 'START_OBJECT';
}

/** The column of a field's value in the compact JSON a client would send (Salesforce reports line and column). */
function columnOf(fields: Record<string, unknown>, name: string): number {
	const json = JSON.stringify(fields);
	const key = `${JSON.stringify(name)}:`;
	const at = json.indexOf(key);
	if (at < 0) return 1;
	const value = JSON.stringify(fields[name]) ?? '';
	return at + key.length + value.length + 1;
}

function parserError(fields: Record<string, unknown>, f: FieldDef, raw: unknown): SfError {
	const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
	return new SfError(
		400,
		'JSON_PARSER_ERROR',
		`Cannot deserialize instance of ${javaTypeName(f)} from ${jsonTokenName(raw)} value ${shown} or request may be missing a required field at [line:1, column:${columnOf(fields, f.name)}]`,
	);
}

/** Any JSON value except objects/arrays may be coerced to a string, as Salesforce's deserialiser does. */
function toStringValue(fields: Record<string, unknown>, f: FieldDef, raw: unknown): string {
	if (typeof raw === 'string') return raw;
	if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
	throw parserError(fields, f, raw);
}

function toNumber(fields: Record<string, unknown>, f: FieldDef, raw: unknown): number {
	let n: number;
	if (typeof raw === 'number') n = raw;
	else if (typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))) n = Number(raw);
	else throw parserError(fields, f, raw);
	if (!Number.isFinite(n)) throw parserError(fields, f, raw);
	if ((f.type === 'int' || f.type === 'long') && !Number.isInteger(n)) throw parserError(fields, f, raw);
	if (f.type === 'int' && (n > 2147483647 || n < -2147483648)) throw parserError(fields, f, raw);
	if (f.type === 'double' || f.type === 'currency' || f.type === 'percent') {
		if (f.precision > 0) {
			const intDigits = Math.trunc(Math.abs(n)).toString().length;
			if (n !== 0 && Math.trunc(Math.abs(n)) !== 0 && intDigits > f.precision - f.scale) {
				throw new SfError(
					400,
					'NUMBER_OUTSIDE_VALID_RANGE',
					`${f.label}: value outside of valid range on numeric field: ${n}`,
					[f.name],
				);
			}
		}
		// Salesforce rounds to the field's scale on save
		if (f.scale >= 0 && f.precision > 0) n = Number(n.toFixed(f.scale));
	}
	return n;
}

/** Normalises one value to the form the store keeps and the API returns; throws Salesforce's error. */
export function normalizeValue(fields: Record<string, unknown>, f: FieldDef, raw: unknown): unknown {
	if (raw === null || raw === undefined) return null;
	switch (f.type) {
		case 'boolean': {
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			if (typeof raw === 'number' && (raw === 0 || raw === 1)) return raw === 1;
			throw parserError(fields, f, raw);
		}
		case 'int':
		case 'long':
		case 'double':
		case 'currency':
		case 'percent':
			return toNumber(fields, f, raw);
		case 'date': {
			if (typeof raw !== 'string') throw parserError(fields, f, raw);
			// A datetime given for a date keeps its date part, as Salesforce does
			const day = raw.slice(0, 10);
			if (!isValidDate(day) || (raw.length > 10 && !parseDateTime(raw))) throw parserError(fields, f, raw);
			return day;
		}
		case 'datetime': {
			if (typeof raw !== 'string') throw parserError(fields, f, raw);
			const d = parseDateTime(raw);
			if (!d) throw parserError(fields, f, raw);
			return formatDateTime(d);
		}
		case 'time': {
			if (typeof raw !== 'string') throw parserError(fields, f, raw);
			const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(raw);
			if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) throw parserError(fields, f, raw);
			return `${m[1]}:${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '0').padEnd(3, '0')}Z`;
		}
		case 'base64': {
			if (Buffer.isBuffer(raw)) return raw;
			if (typeof raw !== 'string' || !/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(raw)) throw parserError(fields, f, raw);
			return Buffer.from(raw, 'base64');
		}
		case 'multipicklist': {
			const parts = (Array.isArray(raw) ? raw.map(String) : toStringValue(fields, f, raw).split(';'))
				.map((s) => s.trim())
				.filter((s) => s !== '');
			return parts.length === 0 ? null : [...new Set(parts)].join(';');
		}
		default: {
			const s = toStringValue(fields, f, raw);
			// An empty string clears a text field, as in Salesforce
			return s === '' ? null : s;
		}
	}
}

function maxLength(f: FieldDef): number | undefined {
	if (['string', 'textarea', 'phone', 'url', 'email', 'picklist', 'multipicklist', 'combobox', 'encryptedstring'].includes(f.type)) {
		return f.length > 0 ? f.length : undefined;
	}
	return undefined;
}

function checkValue(f: FieldDef, value: unknown): void {
	if (value === null) return;
	const max = maxLength(f);
	if (max !== undefined && typeof value === 'string' && value.length > max) {
		throw new SfError(400, 'STRING_TOO_LONG', `${f.label}: data value too large: ${value} (max length=${max})`, [f.name]);
	}
	if (f.type === 'email' && typeof value === 'string' && !EMAIL.test(value)) {
		throw new SfError(400, 'INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${value}`, [f.name]);
	}
	if ((f.type === 'picklist' || f.type === 'multipicklist') && f.restrictedPicklist && typeof value === 'string') {
		const allowed = new Set(f.picklistValues.filter((p) => p.active).map((p) => p.value));
		const values = f.type === 'multipicklist' ? value.split(';') : [value];
		for (const v of values) {
			if (!allowed.has(v)) {
				throw new SfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${v}`, [
					f.name,
				]);
			}
		}
	}
}

/** Fields a client may not write even when describe marks them writable (the store maintains them). */
const SYSTEM_FIELDS = new Set(['id', 'isdeleted', 'createddate', 'lastmodifieddate', 'systemmodstamp', 'createdbyid', 'lastmodifiedbyid']);

export function fieldByName(def: ObjectDef, name: string): FieldDef | undefined {
	const lower = name.toLowerCase();
	return def.fields.find((f) => f.name.toLowerCase() === lower);
}

export interface NormalizedWrite {
	/** Canonical field API name -> normalised value */
	values: Record<string, unknown>;
}

/**
 * Validates a create or update body (the part without `attributes`), returning canonical names and normalised
 * values. Checks, in Salesforce's order: unknown fields, write permission, types, lengths/formats/picklists.
 * Required fields are checked by `checkRequired` after defaults are applied.
 */
export function validateWrite(def: ObjectDef, fields: Record<string, unknown>, mode: WriteMode): NormalizedWrite {
	const values: Record<string, unknown> = {};
	const resolved: Array<[FieldDef, unknown]> = [];
	for (const [name, raw] of Object.entries(fields)) {
		if (name === 'attributes') continue;
		const f = fieldByName(def, name);
		if (!f) throw new SfError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`);
		resolved.push([f, raw]);
	}
	if (mode === 'create' && resolved.some(([f, v]) => f.name === 'Id' && v !== null && v !== undefined)) {
		throw new SfError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
	}
	const readOnly = resolved
		.filter(([f]) => SYSTEM_FIELDS.has(f.name.toLowerCase()) || f.calculated || f.autoNumber || (mode === 'create' ? !f.createable : !f.updateable))
		// Id in an update body is the record's own id (sObject Collections send it there)
		.filter(([f]) => f.name !== 'Id')
		.map(([f]) => f.name);
	if (readOnly.length > 0) {
		throw new SfError(
			400,
			'INVALID_FIELD_FOR_INSERT_UPDATE',
			`Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
			readOnly,
		);
	}
	for (const [f, raw] of resolved) {
		if (f.name === 'Id') continue;
		const v = normalizeValue(fields, f, raw);
		checkValue(f, v);
		values[f.name] = v;
	}
	return { values };
}

/** Required = createable, not nillable, not defaulted on create (booleans are never "missing"). */
export function requiredFields(def: ObjectDef): FieldDef[] {
	return def.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean');
}

/** REQUIRED_FIELD_MISSING for the record as it would be saved. */
export function checkRequired(def: ObjectDef, record: Record<string, unknown>): void {
	const missing = requiredFields(def)
		.filter((f) => record[f.name] === null || record[f.name] === undefined || record[f.name] === '')
		.map((f) => f.name);
	if (missing.length > 0) {
		throw new SfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
	}
}

/** The default a field takes on create when the body does not set it. */
export function defaultFor(f: FieldDef): unknown {
	if (f.defaultValue !== null && f.defaultValue !== undefined) return f.defaultValue;
	if (f.type === 'picklist' || f.type === 'multipicklist') {
		const d = f.picklistValues.find((p) => p.defaultValue && p.active);
		if (d) return d.value;
	}
	if (f.type === 'boolean') return false;
	return null;
}
