/**
 * The trigger's SOQL. Names are checked (they cannot be quoted in SOQL), datetimes are written from integers, and
 * ids are checked against the record-id pattern before they are quoted, so nothing from a record or the state can
 * change the query's shape. The user's conditions arrive as one clause built by the query model (shared/query,
 * which escapes every value) and are ANDed in parentheses.
 */
import { isApiName, isSoqlIdentifier, soqlString } from '../query/escape';
import type { TriggerOptions } from './options';
import { RECORD_ID, type Position } from './state';
import { isoSeconds, type Seconds } from './time';

/** What one poll's query asks for (also what tests evaluate against their model of an org). */
export interface ScanQuery {
	/** Re-read `(after, upTo]` of the cursor field (`after` null: from the start) to catch late commits. */
	settle: { after: Seconds | null; upTo: Seconds } | null;
	/** Continue after this position; null: from the very first record. */
	from: Position | null;
	limit: number | undefined;
}

function checkedNames(options: TriggerOptions): { object: string; fields: string; ts: string } {
	if (!isApiName(options.object)) throw new Error(`Unsafe object name ${JSON.stringify(options.object)}`);
	for (const f of options.fields) if (!isSoqlIdentifier(f)) throw new Error(`Unsafe field name ${JSON.stringify(f)}`);
	return { object: options.object, fields: options.fields.join(', '), ts: options.cursorField };
}

/** ` WHERE …` for the user's conditions ANDed with the trigger's own parts (either may be absent). */
function where(options: TriggerOptions, own: string | undefined): string {
	const filter = options.filter;
	if (filter === undefined) return own === undefined ? '' : ` WHERE ${own}`;
	return own === undefined ? ` WHERE ${filter}` : ` WHERE (${filter}) AND (${own})`;
}

function quotedId(id: string): string {
	if (!RECORD_ID.test(id)) throw new Error(`Not a record id: ${JSON.stringify(id)}`);
	return soqlString(id);
}

export function scanSoql(options: TriggerOptions, q: ScanQuery): string {
	const { object, fields, ts } = checkedNames(options);
	const parts: string[] = [];
	if (q.settle) {
		const upTo = `${ts} <= ${isoSeconds(q.settle.upTo)}`;
		parts.push(q.settle.after === null ? upTo : `(${ts} > ${isoSeconds(q.settle.after)} AND ${upTo})`);
	}
	if (q.from) {
		parts.push(`${ts} > ${isoSeconds(q.from.ts)}`);
		if (q.from.id !== null) parts.push(`(${ts} = ${isoSeconds(q.from.ts)} AND Id > ${quotedId(q.from.id)})`);
	}
	// from === null means "everything": the settle slice is then inside it and no filter is needed
	const own = q.from === null || parts.length === 0 ? undefined : parts.join(' OR ');
	const limit = q.limit === undefined ? '' : ` LIMIT ${checkedLimit(q.limit)}`;
	return `SELECT ${fields} FROM ${object}${where(options, own)} ORDER BY ${ts} ASC, Id ASC${limit}`;
}

/**
 * The longest scan any poll of these options can send (a settle slice, a cursor inside a second, a five-digit
 * limit): what the request URL's length is checked against before the trigger is accepted.
 */
export function longestScanSoql(options: TriggerOptions): string {
	const ts = Date.UTC(2026, 0, 1) / 1000;
	return scanSoql(options, { settle: { after: ts - 3600, upTo: ts - 60 }, from: { ts, id: 'a'.repeat(18) }, limit: 99999 });
}

/** How many of the newest records Start "Now"'s first poll reads to learn which exist in the org's current second. */
export const FIRST_POLL_LIMIT = 200;

/**
 * "Now" on the first poll: one call for the org's time (D) and the records already stamped in second D, which are
 * history while the ones saved in D after this poll are not (docs/trigger-design.md); it also proves the object, the
 * timestamps and the conditions can be queried.
 */
export function firstPollSoql(options: TriggerOptions): string {
	const { object, ts } = checkedNames(options);
	const select = ts === 'CreatedDate' ? 'Id, CreatedDate' : `Id, CreatedDate, ${ts}`;
	return `SELECT ${select} FROM ${object}${where(options, undefined)} ORDER BY ${ts} DESC, Id DESC LIMIT ${FIRST_POLL_LIMIT}`;
}

/** Newest first, for Fetch Test Event. */
export function testEventSoql(options: TriggerOptions, limit: number): string {
	const { object, fields, ts } = checkedNames(options);
	return `SELECT ${fields} FROM ${object}${where(options, undefined)} ORDER BY ${ts} DESC, Id DESC LIMIT ${checkedLimit(limit)}`;
}

function checkedLimit(n: number): number {
	if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Bad LIMIT ${n}`);
	return n;
}
