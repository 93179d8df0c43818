/**
 * One poll as pure steps: plan the query, feed it the pages in order, then finish with the items and the next
 * state. No I/O and no clock here: the org's time arrives with the first page. Rules: docs/trigger-design.md.
 */
import { eventFor, readVersion, toItem, TriggerDataError, type ChangeItem } from './events';
import { futureStart, type TriggerOptions } from './options';
import { FIRST_POLL_LIMIT, firstPollSoql, scanSoql, type ScanQuery } from './soql';
import { initialState, insideSecond, stateAtOrgTime, type Position, type TriggerState } from './state';
import { dateToSeconds, type Seconds } from './time';

/** One page of a query's result, with the org's time of the response that carried it (its `Date` header). */
export interface ChangePage {
	records: Array<Record<string, unknown>>;
	serverTime?: Date;
}

export type PollPlan =
	/** Start "now" without a state: one small query, for the org's time. */
	| { kind: 'first'; soql: string }
	| { kind: 'scan'; soql: string; query: ScanQuery; state: TriggerState; fresh: boolean };

export interface PollProgress {
	readonly plan: PollPlan;
	readonly options: TriggerOptions;
	/** The org's time from the first page. */
	serverTime: Seconds | undefined;
	items: ChangeItem[];
	/** The last record handled (delivered or skipped), and whether it was in the settle slice. */
	last: { ts: Seconds; id: string; inSettle: boolean } | undefined;
	/** Records handled (not counting those left to the next poll). */
	handled: number;
	/** Changes delivered by this poll, by second. */
	delivered: Map<Seconds, Set<string>>;
	/** Set when no further page is needed: everything up to the scan's end was read, or the maximum was reached. */
	finished: 'complete' | 'max' | undefined;
	pages: number;
	/** Start "Now": the records the first poll read stamped in the org's current second or later. */
	existingNow: Map<Seconds, Set<string>>;
}

export function planPoll(state: TriggerState | undefined, options: TriggerOptions): PollPlan {
	let fresh = false;
	if (!state) {
		const initial = initialState(options);
		if (!initial) return { kind: 'first', soql: firstPollSoql(options) };
		state = initial;
		fresh = true;
	}
	const query: ScanQuery = { settle: settleSlice(state, options), from: state.cursor, limit: undefined };
	// Every returned record is delivered or remembered, so max + remembered ones bound what this poll can use.
	// On Updated Record drops inserts after reading: a limit would let a stream of inserts starve it.
	if (options.event !== 'updated') query.limit = options.maxPerPoll + countSeen(state.seen, query.settle) + countAbove(state.seen, state.cursor);
	return { kind: 'scan', soql: scanSoql(options, query), query, state, fresh };
}

/** The seconds that have matured since the last poll: transactions stamped in them have had the lookback to commit. */
function settleSlice(state: TriggerState, options: TriggerOptions): ScanQuery['settle'] {
	if (options.lookbackSeconds === 0 || state.serverTime === null || state.cursor === null) return null;
	// stays below the cursor's second when the cursor is inside it, so the two parts never share a second
	const belowCursor = state.cursor.id === null ? state.cursor.ts : state.cursor.ts - 1;
	const upTo = Math.min(state.serverTime - options.lookbackSeconds, belowCursor);
	return state.settled === null || upTo > state.settled ? { after: state.settled, upTo } : null;
}

/** Remembered records the scan may read again: past the cursor, or in its second (Start "Now"'s second can be both). */
function countAbove(seen: Map<Seconds, Set<string>>, cursor: Position | null): number {
	let n = 0;
	if (cursor) for (const [ts, ids] of seen) if (ts > cursor.ts || insideSecond(cursor, ts)) n += ids.size;
	return n;
}

function countSeen(seen: Map<Seconds, Set<string>>, settle: ScanQuery['settle']): number {
	if (!settle) return 0;
	let n = 0;
	for (const [ts, ids] of seen) if ((settle.after === null || ts > settle.after) && ts <= settle.upTo) n += ids.size;
	return n;
}

export function startPoll(plan: PollPlan, options: TriggerOptions): PollProgress {
	return { plan, options, serverTime: undefined, items: [], last: undefined, handled: 0, delivered: new Map(), finished: undefined, pages: 0, existingNow: new Map() };
}

/** Handles one page (in query order); sets `finished` once no more pages are needed. Mutates and returns `p`. */
export function applyPage(p: PollProgress, page: ChangePage): PollProgress {
	if (p.finished) return p;
	p.pages++;
	if (p.serverTime === undefined) {
		const sec = page.serverTime && dateToSeconds(page.serverTime);
		if (sec === undefined) {
			throw new TriggerDataError("Salesforce's response had no Date header, so the org's time is unknown");
		}
		p.serverTime = sec;
		if (p.plan.kind === 'scan' && p.plan.fresh && p.options.start.mode === 'date' && p.options.start.at > sec) {
			throw futureStart(p.options.start.at, sec);
		}
	}
	const { plan } = p;
	if (plan.kind === 'first') {
		// newest first, over as many pages as the org cuts LIMIT 200 into; `handled` counts the records read
		for (const record of page.records) {
			const v = readVersion(record, p.options.cursorField);
			p.handled++;
			p.last = { ts: v.ts, id: v.id, inSettle: false };
			if (v.ts >= p.serverTime) add(p.existingNow, v.ts, v.id);
		}
		return p;
	}
	const scanEnd = p.serverTime - p.options.marginSeconds;
	const settleTo = plan.query.settle?.upTo;
	for (const record of page.records) {
		const v = readVersion(record, p.options.cursorField);
		const inSettle = settleTo !== undefined && v.ts <= settleTo;
		if (!inSettle && v.ts > scanEnd) {
			// ordered by ts: the rest is newer too and belongs to the next poll
			p.finished = 'complete';
			return p;
		}
		p.last = { ts: v.ts, id: v.id, inSettle };
		p.handled++;
		if (has(plan.state.seen, v.ts, v.id) || has(p.delivered, v.ts, v.id)) continue;
		const event = eventFor(v, p.options.event);
		if (event === null) continue;
		p.items.push(toItem(record, v, event));
		add(p.delivered, v.ts, v.id);
		if (p.items.length >= p.options.maxPerPoll) {
			p.finished = 'max';
			return p;
		}
	}
	return p;
}

/**
 * The poll's result. `end`: 'done' when the query had no more pages, 'interrupted' when fetching stopped early
 * (a failure, the time budget). Returns undefined when there is nothing to commit (no record handled, or no page).
 */
export function finishPoll(p: PollProgress, end: 'done' | 'interrupted'): { items: ChangeItem[]; state: TriggerState } | undefined {
	const { plan, options } = p;
	const D = p.serverTime;
	if (D === undefined) return undefined;
	if (plan.kind === 'first') {
		// every record of the current second was read unless fetching stopped early or LIMIT cut inside that second
		const all = end === 'done' && !(p.handled >= FIRST_POLL_LIMIT && p.last !== undefined && p.last.ts >= D);
		return { items: [], state: stateAtOrgTime(options, D, all ? p.existingNow : undefined) };
	}

	const s0 = plan.state;
	// a result cut by LIMIT is never complete (the limit is sized so that the maximum is reached first; belt and braces)
	const cut = plan.query.limit !== undefined && p.handled >= plan.query.limit;
	const complete = p.finished === 'complete' || (p.finished === undefined && end === 'done' && !cut);
	const settleDone = plan.query.settle ? plan.query.settle.upTo : s0.settled;
	let cursor: Position | null;
	let settled: Seconds | null;
	if (complete) {
		const scanEnd = D - options.marginSeconds;
		cursor = s0.cursor && scanEnd < s0.cursor.ts ? s0.cursor : { ts: scanEnd, id: null };
		settled = settleDone;
	} else {
		const last = p.last;
		if (!last) return undefined;
		if (last.inSettle) {
			// part of last.ts may be unread: only the seconds before it are settled
			settled = last.ts - 1;
			cursor = s0.cursor;
		} else {
			settled = settleDone;
			cursor = { ts: last.ts, id: last.id };
		}
	}
	// Positions this poll passed that were already older than D - lookback were read after every transaction stamped
	// there could commit: settled as they are, provided nothing before them is still unsettled.
	const p0 = s0.cursor;
	if (cursor && (p0 === null || (settled !== null && settled >= p0.ts))) {
		const mature = Math.min(cursor.ts, D - options.lookbackSeconds);
		settled = settled === null ? mature : Math.max(settled, mature);
	}

	// Start "Now" remembers the records of its second, which can lie past the cursor: a second is settled only once the
	// cursor has passed it, and while the cursor is inside a second its remembered records stay (some may be past it)
	for (const ts of s0.seen.keys()) if (cursor !== null && ts > cursor.ts && settled !== null && ts <= settled) settled = ts - 1;

	const seen = new Map<Seconds, Set<string>>();
	for (const source of [s0.seen, p.delivered]) {
		for (const [ts, ids] of source) {
			if (settled !== null && ts <= settled && !insideSecond(cursor, ts)) continue;
			for (const id of ids) add(seen, ts, id);
		}
	}
	const serverTime = s0.serverTime === null ? D : Math.max(s0.serverTime, D);
	return { items: p.items, state: { key: s0.key, cursor, settled, serverTime, seen, gen: s0.gen + 1 } };
}

function has(m: Map<Seconds, Set<string>>, ts: Seconds, id: string): boolean {
	return m.get(ts)?.has(id) ?? false;
}

function add(m: Map<Seconds, Set<string>>, ts: Seconds, id: string): void {
	let ids = m.get(ts);
	if (!ids) m.set(ts, (ids = new Set()));
	ids.add(id);
}
