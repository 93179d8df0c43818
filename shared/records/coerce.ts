/**
 * Converts values from n8n items into what Salesforce accepts for a field's type, or explains why it cannot.
 * Dates and datetimes go through luxon; output formats are Salesforce's (`2024-05-20`, `2024-05-20T20:49:32.000Z`).
 */
import { DateTime } from 'luxon';

/** The part of a describe field this module reads (jsforce's Field satisfies it). */
export interface FieldInfo {
	name: string;
	label: string;
	type: string;
	length?: number;
	picklistValues?: Array<{ value: string; active?: boolean; label?: string | null }> | null;
	restrictedPicklist?: boolean | null;
	referenceTo?: string[] | null;
}

/** Bad input for one item: the message names the field, the hint tells the fix. Nothing of that item is sent. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly hint: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

export class CoercionError extends InputError {
	constructor(field: string, message: string, hint: string) {
		super(message, hint, field);
		this.name = 'CoercionError';
	}
}

const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off']);

const describeValue = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

function fieldName(f: FieldInfo) {
	return f.label && f.label !== f.name ? `${f.label} (${f.name})` : f.name;
}

function toDateTime(value: unknown): DateTime | undefined {
	if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' });
	if (DateTime.isDateTime(value)) return value;
	if (typeof value === 'number' && Number.isFinite(value)) return DateTime.fromMillis(value, { zone: 'utc' });
	if (typeof value !== 'string') return undefined;
	const s = value.trim();
	// Salesforce's own format has +0000 without a colon, which ISO parsing does not accept
	const sf = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(\d{2})$/.exec(s);
	const candidates = [
		DateTime.fromISO(sf ? `${sf[1]}${sf[2]}:${sf[3]}` : s, { setZone: true }),
		DateTime.fromRFC2822(s, { setZone: true }),
		DateTime.fromHTTP(s, { setZone: true }),
		DateTime.fromSQL(s, { zone: 'utc' }),
		DateTime.fromFormat(s, 'yyyy/MM/dd', { zone: 'utc' }),
	];
	return candidates.find((d) => d.isValid);
}

export function isIdFormat(value: string): boolean {
	return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}

/**
 * Returns the value to send, or `undefined` to leave the field out (empty input). Throws CoercionError with a hint.
 */
export function coerceFieldValue(field: FieldInfo, value: unknown): unknown {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '' && field.type !== 'string' && field.type !== 'textarea')) {
		return value === null ? null : undefined;
	}
	const name = fieldName(field);
	const fail = (expect: string, hint: string): never => {
		throw new CoercionError(field.name, `${name} expects ${expect}, got ${describeValue(value)}`, hint);
	};
	if (NUMERIC.has(field.type)) {
		const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/,/g, '')) : NaN;
		if (!Number.isFinite(n)) fail('a number', 'Map a numeric value, e.g. 1250.5, without currency symbols.');
		if ((field.type === 'int' || field.type === 'long') && !Number.isInteger(n)) fail('a whole number', 'Round the value, e.g. with {{ Math.round($json.value) }}.');
		return n;
	}
	switch (field.type) {
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			const w = String(value).trim().toLowerCase();
			if (TRUE_WORDS.has(w)) return true;
			if (FALSE_WORDS.has(w)) return false;
			return fail('true or false', 'Use true/false (also accepted: yes/no, 1/0).');
		}
		case 'date': {
			const d = toDateTime(value);
			if (!d) return fail('a date', 'Use an ISO date such as 2024-05-20.');
			return d.toISODate();
		}
		case 'datetime': {
			const d = toDateTime(value);
			if (!d) return fail('a date and time', 'Use ISO 8601, e.g. 2024-05-20T14:30:00Z or 2024-05-20T16:30:00+02:00.');
			return d.toUTC().toISO({ suppressMilliseconds: false });
		}
		case 'time': {
			const s = String(value).trim();
			const t = DateTime.fromISO(s.length <= 8 ? `1970-01-01T${s}` : s, { zone: 'utc' });
			if (!t.isValid) return fail('a time', 'Use HH:mm or HH:mm:ss, e.g. 14:30.');
			return t.toFormat("HH:mm:ss.SSS'Z'");
		}
		case 'multipicklist': {
			const values = Array.isArray(value)
				? value.map((v) => String(v).trim())
				: String(value)
						.split(';')
						.map((v) => v.trim());
			const list = values.filter((v) => v !== '');
			checkPicklist(field, list, name);
			return list.join(';');
		}
		case 'picklist': {
			const v = String(value);
			checkPicklist(field, [v], name);
			return v;
		}
		case 'reference':
		case 'id': {
			const v = String(value).trim();
			if (!isIdFormat(v)) {
				fail(
					`a record ID${field.referenceTo?.length ? ` of ${field.referenceTo.join(' or ')}` : ''}`,
					'A Salesforce ID has 15 or 18 letters and digits, e.g. 001XXXXXXXXXXXXXXX.',
				);
			}
			return v;
		}
		case 'address':
		case 'location':
			return value;
		default: {
			if (typeof value === 'object') {
				return fail('text', 'Map a single text value, not an object or a list (use an expression to pick one field).');
			}
			return String(value);
		}
	}
}

function checkPicklist(field: FieldInfo, values: string[], name: string) {
	if (!field.restrictedPicklist || !field.picklistValues?.length) return;
	const allowed = field.picklistValues.filter((p) => p.active !== false).map((p) => p.value);
	const bad = values.filter((v) => !allowed.includes(v));
	if (bad.length) {
		throw new CoercionError(
			field.name,
			`${name} does not allow ${bad.map((b) => `"${b}"`).join(', ')}`,
			`Allowed values: ${allowed.join(', ')}.`,
		);
	}
}
