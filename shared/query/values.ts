/**
 * Condition values, checked and typed per field type before anything is sent, then rendered through escape.ts.
 * Only unambiguous input is accepted: numbers with a dot for decimals and no grouping (`1,5` and `1.234,56` are
 * refused, as they read differently per locale), dates and datetimes in ISO 8601 only, IDs of 15 or 18 characters.
 */
import { DateTime } from 'luxon';

import { hasValidChecksum, isIdFormat } from '../records/ids';
import { QueryInputError } from './errors';
import {
	soqlDate,
	soqlDateTime,
	soqlNumber,
	soqlRelativeDate,
	soqlString,
	soqlTime,
} from './escape';
import { findDateLiteral, type QueryField } from './operators';

/** Salesforce refuses string literals longer than this in a WHERE clause */
export const MAX_STRING_LITERAL = 4000;
/** Salesforce's valid range for date and datetime values */
const MIN_YEAR = 1700;
const MAX_YEAR = 4000;

/** Where a value comes from, for the error message */
export interface ValueContext {
	/** 1-based condition row */
	row: number;
	/** The field path as written in the condition */
	field: string;
	/** "value", "second value" or "list value 3": which input of the row */
	what?: string;
}

function fail(ctx: ValueContext, problem: string, hint: string): never {
	throw new QueryInputError(`Condition ${ctx.row} (${ctx.field}): ${problem}`, hint, {
		row: ctx.row,
		field: ctx.field,
		input: 'conditions',
	});
}

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (value instanceof Date) return `a JavaScript date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return String(value);
}

const what = (ctx: ValueContext) => ctx.what ?? 'the value';

/** An empty input (nothing typed, null, only spaces) */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function requireValue(value: unknown, ctx: ValueContext, hint: string): void {
	if (isBlank(value)) fail(ctx, `${what(ctx)} is empty`, hint);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A number as plain decimal text (`-1234.5`), exactly as given (no float rounding of long digit strings).
 * Accepts JavaScript numbers and strings with a dot for decimals; an exponent is expanded.
 */
export function parseNumber(value: unknown, ctx: ValueContext, options: { integer?: boolean } = {}): string {
	const example = options.integer ? 'e.g. 42' : 'e.g. 1234.56';
	requireValue(value, ctx, `Enter a number, ${example}, or use "is empty".`);
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) fail(ctx, `${show(value)} is not a number Salesforce can compare`, `Enter a finite number, ${example}.`);
		text = String(value);
	} else if (typeof value === 'bigint') text = value.toString();
	else if (typeof value === 'string') text = value.trim();
	else fail(ctx, `expects a number, got ${show(value)}`, `Enter a number, ${example}.`);
	const m = DECIMAL.exec(text);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
		const grouping = /^[+-]?[\d.,' ]+$/.test(text) && /[,' ]/.test(text);
		fail(
			ctx,
			`${show(value)} is not a number`,
			grouping
				? 'Write numbers with a dot for decimals and no thousands separators, e.g. 1234.56 (1,5 and 1.234,56 are ambiguous).'
				: `Enter digits only, with a dot for decimals, ${example}; no currency symbols or units.`,
		);
	}
	const [, sign, intDigits, fracDigits = '', exp] = m;
	// Shift the decimal point by the exponent on the digit string itself
	const digits = intDigits + fracDigits;
	const point = intDigits.length + (exp ? Number(exp) : 0);
	if (Math.abs(point) > 400) fail(ctx, `${show(value)} is out of range`, 'Salesforce numbers have at most 18 digits.');
	const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? '0'.repeat(-point) + digits : digits;
	const at = Math.max(point, 0);
	const whole = padded.slice(0, at).replace(/^0+/, '') || '0';
	const fraction = padded.slice(at).replace(/0+$/, '');
	if (options.integer && fraction !== '') {
		fail(ctx, `${show(value)} is not a whole number`, 'This field holds whole numbers: enter one without decimals, e.g. 42.');
	}
	const negative = sign === '-' && (whole !== '0' || fraction !== '');
	return soqlNumber(`${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
}

function yearProblem(d: DateTime, ctx: ValueContext, value: unknown): void {
	if (d.year < MIN_YEAR || d.year > MAX_YEAR) {
		fail(ctx, `${show(value)} is outside Salesforce's date range`, `Salesforce dates run from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31.`);
	}
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date, time to at least minutes, optional seconds and fraction, then Z or an offset (±hh:mm, ±hhmm or ±hh). */
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_DATETIME_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/i;

function luxonOf(value: unknown): DateTime | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : DateTime.fromJSDate(value, { zone: 'utc' });
	if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
	return undefined;
}

/** A date (`YYYY-MM-DD`). A datetime (text or object) gives its date as written, in its own offset. */
export function parseDate(value: unknown, ctx: ValueContext): string {
	const hint = 'Enter a date as YYYY-MM-DD, e.g. 2024-05-31, or pick a relative date operator (e.g. "is in (relative date)" with TODAY).';
	requireValue(value, ctx, hint);
	const object = luxonOf(value);
	if (object) {
		yearProblem(object, ctx, value);
		return soqlDate(object.toISODate() ?? '');
	}
	if (typeof value !== 'string') fail(ctx, `expects a date, got ${show(value)}`, hint);
	const text = value.trim();
	const dateOnly = ISO_DATE.exec(text);
	const full = ISO_DATETIME.exec(text);
	const datePart = dateOnly ? text : full?.[1];
	const d = datePart ? DateTime.fromISO(datePart, { zone: 'utc' }) : undefined;
	if (!d || !d.isValid || (full && !instantOf(full))) fail(ctx, `${show(value)} is not a date`, hint);
	yearProblem(d, ctx, value);
	return soqlDate(datePart ?? '');
}

/** How a datetime with a fraction of a second is brought to whole seconds, which is what Salesforce stores */
export type SecondRounding = 'floor' | 'ceil';

interface Instant {
	at: DateTime;
	/** Has a fraction of a second */
	fractional: boolean;
}

function instantOf(m: RegExpExecArray): Instant | undefined {
	const [, date, hh, mm, ss = '00', frac = '', zone] = m;
	let offset = zone.toUpperCase() === 'Z' ? 'Z' : zone;
	if (offset !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2).padEnd(2, '0')}`;
	}
	const at = DateTime.fromISO(`${date}T${hh}:${mm}:${ss}${frac ? `.${frac.padEnd(3, '0').slice(0, 3)}` : ''}${offset}`, {
		setZone: true,
	});
	return at.isValid ? { at, fractional: /[1-9]/.test(frac) } : undefined;
}

/**
 * A datetime as `YYYY-MM-DDThh:mm:ssZ` (UTC). Needs Z or an offset: a time without a zone means a different
 * instant per user. Salesforce stores whole seconds, so a fraction is rounded the way that keeps the comparison's
 * meaning (`>`/`<=` round down, `>=`/`<` round up; = and != drop it).
 */
export function parseDateTime(value: unknown, ctx: ValueContext, rounding: SecondRounding = 'floor'): string {
	const hint = 'Enter a date and time in ISO 8601 with a time zone, e.g. 2024-05-31T14:30:00Z or 2024-05-31T16:30:00+02:00.';
	requireValue(value, ctx, hint);
	const object = luxonOf(value);
	let instant: Instant | undefined = object ? { at: object, fractional: object.millisecond !== 0 } : undefined;
	if (!instant) {
		if (typeof value !== 'string') fail(ctx, `expects a date and time, got ${show(value)}`, hint);
		const text = value.trim();
		if (ISO_DATE.test(text)) {
			fail(
				ctx,
				`${show(value)} is a date without a time`,
				`This field holds a date and time: write ${text}T00:00:00Z (midnight UTC), or use a relative date such as TODAY.`,
			);
		}
		const m = ISO_DATETIME.exec(text);
		if (!m && ISO_DATETIME_NO_ZONE.test(text)) {
			fail(ctx, `${show(value)} has no time zone`, 'Add Z (UTC) or an offset such as +02:00 to the value, e.g. 2024-05-31T14:30:00Z.');
		}
		instant = m ? instantOf(m) : undefined;
		if (!instant) fail(ctx, `${show(value)} is not a date and time`, hint);
	}
	let utc = instant.at.toUTC().startOf('second');
	if (instant.fractional && rounding === 'ceil') utc = utc.plus({ seconds: 1 });
	yearProblem(utc, ctx, value);
	return soqlDateTime(utc.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/i;

/** A time of day as `hh:mm:ss.SSSZ` (Salesforce's time fields have no zone; the API writes them with Z). */
export function parseTime(value: unknown, ctx: ValueContext): string {
	const hint = 'Enter a time as hh:mm or hh:mm:ss (24-hour), e.g. 14:30 or 09:05:30.';
	requireValue(value, ctx, hint);
	if (typeof value !== 'string') fail(ctx, `expects a time of day, got ${show(value)}`, hint);
	const m = TIME.exec(value.trim());
	if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) fail(ctx, `${show(value)} is not a time of day`, hint);
	return soqlTime(`${m[1].padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '').padEnd(3, '0')}Z`);
}

/** A record ID: 15 (case-sensitive) or 18 characters, letters and digits. */
export function parseId(value: unknown, ctx: ValueContext): string {
	const hint = 'A Salesforce record ID has 15 or 18 letters and digits, e.g. 001xx000003DGb2AAG.';
	requireValue(value, ctx, `${hint} Use "is empty" to find records without one.`);
	if (typeof value !== 'string') fail(ctx, `expects a record ID, got ${show(value)}`, hint);
	const id = value.trim();
	if (!isIdFormat(id)) fail(ctx, `${show(value)} is not a record ID`, hint);
	if (!hasValidChecksum(id)) fail(ctx, `${show(value)} has a wrong checksum (its last 3 characters do not match the first 15)`, 'The letter case of the ID was probably changed: copy it again from Salesforce.');
	return soqlString(id);
}

/** Text, matched as written (numbers and booleans from expressions are taken as their text). */
export function textOf(value: unknown, ctx: ValueContext): string {
	const hint = 'Enter the text to compare with, or use "is empty" to find records without a value.';
	if (value === undefined || value === null || value === '') fail(ctx, `${what(ctx)} is empty`, hint);
	let text: string;
	if (typeof value === 'string') text = value;
	else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
	else fail(ctx, `expects text, got ${show(value)}`, 'Map a single text value; for several values use "is one of".');
	if (text.length > MAX_STRING_LITERAL) {
		fail(ctx, `${what(ctx)} has ${text.length} characters`, `Salesforce compares text of at most ${MAX_STRING_LITERAL} characters.`);
	}
	return text;
}

/** A picklist value; on a restricted picklist it must be one of the field's values (matched ignoring case). */
export function picklistValueOf(value: unknown, field: QueryField, ctx: ValueContext, multi = false): string {
	const text = textOf(typeof value === 'string' ? value.trim() : value, ctx);
	if (multi && text.includes(';')) {
		fail(ctx, `${show(value)} contains ";"`, 'Give each selected value as its own list entry; ";" joins values in SOQL.');
	}
	const values = field.picklistValues ?? [];
	if (!field.restrictedPicklist || values.length === 0) return text;
	const match = values.find((v) => v.value.toLowerCase() === text.toLowerCase());
	if (!match) {
		const list = values.map((v) => v.value);
		const shown = list.length > 30 ? `${list.slice(0, 30).join(', ')}, … (${list.length} in all)` : list.join(', ');
		fail(ctx, `${show(value)} is not a value of this picklist`, `Use one of: ${shown}.`);
	}
	return match.value;
}

/** The items of a list input: an array, or a single value as a list of one. Blank entries are dropped. */
export function listOf(value: unknown, ctx: ValueContext): unknown[] {
	const items = (Array.isArray(value) ? value : [value]).filter((v) => !isBlank(v));
	if (items.length === 0) {
		fail(ctx, 'the list of values is empty', 'Give at least one value (map an array, e.g. {{ $json.ids }}), or use "is empty".');
	}
	return items;
}

/** A relative date literal: `LAST_N_DAYS:30`, or `LAST_N_DAYS` with `n` given apart; names ignore case. */
export function parseRelativeDate(value: unknown, n: unknown, ctx: ValueContext): string {
	const hint = 'Pick a relative date such as TODAY, THIS_MONTH or LAST_N_DAYS (with N), as listed in docs/query-model.md.';
	requireValue(value, ctx, hint);
	if (typeof value !== 'string') fail(ctx, `expects a relative date, got ${show(value)}`, hint);
	const m = /^\s*([A-Za-z0-9_]+)\s*(?::\s*(\S*)\s*)?$/.exec(value);
	const literal = m ? findDateLiteral(m[1]) : undefined;
	if (!m || !literal) fail(ctx, `${show(value)} is not a relative date`, hint);
	if (!literal.takesN) {
		if (m[2] !== undefined) fail(ctx, `${literal.name} takes no number`, `Write ${literal.name} alone.`);
		return soqlRelativeDate(literal.name);
	}
	const raw = m[2] !== undefined ? m[2] : n;
	const nHint = `${literal.name} needs a whole number N of 0 or more, e.g. ${literal.name}:30.`;
	if (isBlank(raw)) fail(ctx, `${literal.name} needs N`, nHint);
	const num = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
	if (!Number.isSafeInteger(num) || num < 0 || num > 2147483647) fail(ctx, `${show(raw)} is not a valid N for ${literal.name}`, nHint);
	return soqlRelativeDate(literal.name, num);
}
