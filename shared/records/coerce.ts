/**
 * Converts values from n8n items into what Salesforce accepts for a field's type, or explains why it cannot. Only
 * unambiguous input is accepted: a value that could be read two ways ("1,5", "2024", 20240520) is refused with an
 * example rather than guessed. Dates go through luxon; output formats are Salesforce's (`2024-05-20`,
 * `2024-05-20T20:49:32.000Z`).
 */
import { DateTime } from 'luxon';

import type { FieldDescribe } from '../client/types';
import { fieldDisplayName } from './fields';
import { isIdFormat } from './ids';
import { InputError } from './inputError';

type CoercedField = Pick<FieldDescribe, 'name' | 'label' | 'type' | 'picklistValues' | 'restrictedPicklist' | 'referenceTo'>;

export class CoercionError extends InputError {
	constructor(field: string, message: string, hint: string) {
		super(message, hint, field);
		this.name = 'CoercionError';
	}
}

const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off']);
/** A plain decimal number: optional sign, digits, optional dot and digits, optional exponent. No separators. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Epoch milliseconds from 1973 on: smaller numbers are more likely seconds or a yyyymmdd date */
const MIN_EPOCH_MS = 100_000_000_000;

const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : Array.isArray(v) ? 'a list' : v !== null && typeof v === 'object' ? 'an object' : String(v));

/** Whether a value means "leave the field out": undefined, or an empty/blank string (only `null` clears a field). */
export function isEmptyValue(value: unknown): boolean {
	return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * ISO 8601 with at least a full date, RFC 2822/HTTP, SQL, `yyyy/MM/dd`, a Date/luxon value, or epoch milliseconds.
 * Time-only strings, a bare year or month and numbers below MIN_EPOCH_MS are refused as ambiguous.
 */
export function parseDateTime(value: unknown): DateTime | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value, { zone: 'utc' });
	if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
	if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) >= MIN_EPOCH_MS ? DateTime.fromMillis(value, { zone: 'utc' }) : undefined;
	if (typeof value !== 'string') return undefined;
	const s = value.trim();
	if (/^\d{4}-\d{2}-\d{2}(?:$|[T ])/.test(s)) {
		// Salesforce's own format has +0000 without a colon, which ISO parsing does not accept
		const sf = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(\d{2})$/.exec(s);
		const iso = DateTime.fromISO(sf ? `${sf[1]}${sf[2]}:${sf[3]}` : s, { setZone: true, zone: 'utc' });
		if (iso.isValid) return iso;
		const sql = DateTime.fromSQL(s, { zone: 'utc' });
		return sql.isValid ? sql : undefined;
	}
	if (/^\d{4}\/\d{2}\/\d{2}$/.test(s)) {
		const d = DateTime.fromFormat(s, 'yyyy/MM/dd', { zone: 'utc' });
		return d.isValid ? d : undefined;
	}
	for (const d of [DateTime.fromRFC2822(s, { setZone: true }), DateTime.fromHTTP(s, { setZone: true })]) if (d.isValid) return d;
	return undefined;
}

/**
 * Returns the value to send, `undefined` to leave the field out (empty input), or `null` to clear it.
 * Throws CoercionError with a hint that shows an accepted form.
 */
export function coerceFieldValue(field: CoercedField, value: unknown): unknown {
	if (value === null) return null;
	if (isEmptyValue(value)) return undefined;
	const name = fieldDisplayName(field);
	const fail = (expect: string, hint: string): never => {
		throw new CoercionError(field.name, `${name} expects ${expect}, got ${shown(value)}`, hint);
	};
	const scalar = (hint: string) => {
		if (typeof value === 'object' && !(value instanceof Date) && !DateTime.isDateTime(value)) fail('a single value', hint);
	};
	if (NUMERIC.has(field.type)) {
		scalar('Map one number, e.g. {{ $json.amount }}, not an object or a list.');
		const text = typeof value === 'number' ? String(value) : String(value).trim();
		if (typeof value !== 'number' && !PLAIN_NUMBER.test(text)) {
			fail('a number', 'Write numbers with a dot for decimals and no thousands separators or currency symbols, e.g. 1250.5 (not "1,5" or "1.234,56").');
		}
		const n = typeof value === 'number' ? value : Number(text);
		if (!Number.isFinite(n)) fail('a number', 'Use a finite number, e.g. 1250.5.');
		if ((field.type === 'int' || field.type === 'long') && !Number.isInteger(n)) fail('a whole number', 'Round the value, e.g. with {{ Math.round($json.value) }}.');
		return n;
	}
	switch (field.type) {
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			scalar('Map true or false.');
			const w = String(value).trim().toLowerCase();
			if (TRUE_WORDS.has(w)) return true;
			if (FALSE_WORDS.has(w)) return false;
			return fail('true or false', 'Use true/false (also accepted: yes/no, 1/0).');
		}
		case 'date': {
			const d = parseDateTime(value);
			if (!d) return fail('a date', 'Use an ISO date such as 2024-05-20 (also accepted: RFC 2822, SQL dates, epoch milliseconds).');
			// a date-time means the calendar day where it was written, not in UTC
			return d.toISODate();
		}
		case 'datetime': {
			const d = parseDateTime(value);
			if (!d) {
				return fail('a date and time', 'Use ISO 8601, e.g. 2024-05-20T14:30:00Z or 2024-05-20T16:30:00+02:00 (also accepted: RFC 2822, SQL, epoch milliseconds).');
			}
			return d.toUTC().toISO({ suppressMilliseconds: false });
		}
		case 'time': {
			scalar('Map one time, e.g. 14:30.');
			const s = String(value).trim();
			const m = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z)?$/.exec(s);
			if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return fail('a time', 'Use HH:mm or HH:mm:ss, e.g. 14:30.');
			return `${m[1]}:${m[2]}:${m[3] ?? '00'}${(m[4] ?? '.000').padEnd(4, '0')}Z`;
		}
		case 'multipicklist': {
			const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : undefined;
			if (!parts || parts.some((p) => p !== null && typeof p === 'object')) {
				return fail('picklist values', 'Map a list of values, e.g. ["A", "B"], or text separated by semicolons: "A;B".');
			}
			const list = parts.map((v) => String(v).trim()).filter((v) => v !== '');
			checkPicklist(field, list, name);
			return list.join(';');
		}
		case 'picklist': {
			scalar('Map one picklist value.');
			const v = String(value);
			checkPicklist(field, [v], name);
			return v;
		}
		case 'reference':
		case 'id': {
			scalar('Map one record ID, e.g. {{ $json.Id }}.');
			const v = String(value).trim();
			if (!isIdFormat(v)) {
				fail(`a record ID${field.referenceTo?.length ? ` of ${field.referenceTo.join(' or ')}` : ''}`, 'A Salesforce ID has 15 or 18 letters and digits, e.g. 001XXXXXXXXXXXXXXX.');
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

function checkPicklist(field: CoercedField, values: string[], name: string) {
	if (!field.restrictedPicklist || !field.picklistValues?.length) return;
	const allowed = field.picklistValues.filter((p) => p.active !== false).map((p) => p.value);
	const bad = values.filter((v) => !allowed.includes(v));
	if (bad.length) {
		throw new CoercionError(field.name, `${name} does not allow ${bad.map((b) => `"${b}"`).join(', ')}`, `Allowed values: ${allowed.join(', ')}.`);
	}
}
