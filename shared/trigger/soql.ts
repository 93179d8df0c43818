/**
 * The trigger's SOQL. Names are checked (they cannot be quoted in SOQL), datetimes are written from integers, and
 * ids are checked against the record-id pattern before they are quoted, so nothing from a record or the state can
 * change the query's shape.
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
	const where = q.from === null || parts.length === 0 ? '' : ` WHERE ${parts.join(' OR ')}`;
	const limit = q.limit === undefined ? '' : ` LIMIT ${checkedLimit(q.limit)}`;
	return `SELECT ${fields} FROM ${object}${where} ORDER BY ${ts} ASC, Id ASC${limit}`;
}

/** "Now" on the first poll: one call for the org's time; it also proves the object and fields can be queried. */
export function firstPollSoql(options: TriggerOptions): string {
	const { object, ts } = checkedNames(options);
	const select = ts === 'CreatedDate' ? 'Id, CreatedDate' : `Id, CreatedDate, ${ts}`;
	return `SELECT ${select} FROM ${object} ORDER BY ${ts} DESC LIMIT 1`;
}

/** Newest first, for Fetch Test Event. */
export function testEventSoql(options: TriggerOptions, limit: number): string {
	const { object, fields, ts } = checkedNames(options);
	return `SELECT ${fields} FROM ${object} ORDER BY ${ts} DESC, Id DESC LIMIT ${checkedLimit(limit)}`;
}

function checkedLimit(n: number): number {
	if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Bad LIMIT ${n}`);
	return n;
}
