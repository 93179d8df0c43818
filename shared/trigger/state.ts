/**
 * The trigger's memory between polls, kept in n8n's workflow static data as plain JSON (it survives restarts and
 * may be a per-poll copy). See docs/trigger-design.md for what each part promises.
 */
import type { TriggerOptions } from './options';
import { isoSeconds, parseIsoSeconds, type Seconds } from './time';

/** A place in `ORDER BY cursorField, Id`; `id: null` means the whole second. */
export interface Position {
	ts: Seconds;
	id: string | null;
}

export interface TriggerState {
	/** Object, event, cursor field and start setting the state belongs to. */
	key: string;
	/** Every change at or before it that was visible when scanned has been handled; null: nothing scanned yet. */
	cursor: Position | null;
	/** Every change stamped at or before it that commits within the lookback has been handled; null: -infinity. */
	settled: Seconds | null;
	/** The org's time of the last committed poll. */
	serverTime: Seconds | null;
	/** Delivered changes with ts > settled: second → record ids. The de-duplication memory. */
	seen: Map<Seconds, Set<string>>;
	/** +1 per commit; a poll that finds it moved discards its work. */
	gen: number;
}

/** The JSON form. */
export interface StoredTriggerState {
	v: 1;
	key: string;
	cursor: { ts: string; id: string | null } | null;
	settled: string | null;
	serverTime: string | null;
	seen: Record<string, string[]>;
	gen: number;
}

/** 15- or 18-character record id: checked before it goes into SOQL or comes back from storage. */
export const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function stateKey(options: TriggerOptions): string {
	const start = options.start.mode === 'date' ? `date:${isoSeconds(options.start.at)}` : options.start.mode;
	return [options.object.toLowerCase(), options.event, options.cursorField, start].join('|');
}

/**
 * The state before the first poll, for the start settings that need no org time; undefined for "now", whose first
 * poll has to ask the org what time it is (`stateAtOrgTime`).
 */
export function initialState(options: TriggerOptions): TriggerState | undefined {
	const base = { key: stateKey(options), serverTime: null, seen: new Map<Seconds, Set<string>>(), gen: 0 };
	switch (options.start.mode) {
		case 'now':
			return undefined;
		case 'beginning':
			return { ...base, cursor: null, settled: null };
		case 'date': {
			// changes at or after the date fire: everything up to the second before it counts as handled
			const before = options.start.at - 1;
			return { ...base, cursor: { ts: before, id: null }, settled: before };
		}
	}
}

/**
 * "Now": whatever exists at the org's time `orgNow` is history. `existing`: the records the first poll saw stamped in
 * the second `orgNow` or later, when it saw all of them; they are remembered so that the records saved later in that
 * same second still fire. Without it (more records in that second than the first poll reads), the whole second is
 * history.
 */
export function stateAtOrgTime(options: TriggerOptions, orgNow: Seconds, existing?: Map<Seconds, Set<string>>): TriggerState {
	const base = { key: stateKey(options), serverTime: orgNow, gen: 1 };
	if (!existing) return { ...base, cursor: { ts: orgNow, id: null }, settled: orgNow, seen: new Map() };
	return { ...base, cursor: { ts: orgNow - 1, id: null }, settled: orgNow - 1, seen: existing };
}

/** The cursor stopped at a record of second `ts`: records of that second may still lie past it. */
export function insideSecond(cursor: Position | null, ts: Seconds): boolean {
	return cursor !== null && cursor.id !== null && ts === cursor.ts;
}

export function seenSize(state: TriggerState): number {
	let n = 0;
	for (const ids of state.seen.values()) n += ids.size;
	return n;
}

export function serialiseState(state: TriggerState): StoredTriggerState {
	const seen: Record<string, string[]> = {};
	for (const ts of [...state.seen.keys()].sort((a, b) => a - b)) {
		const ids = state.seen.get(ts);
		if (ids?.size) seen[isoSeconds(ts)] = [...ids];
	}
	return {
		v: 1,
		key: state.key,
		cursor: state.cursor && { ts: isoSeconds(state.cursor.ts), id: state.cursor.id },
		settled: state.settled === null ? null : isoSeconds(state.settled),
		serverTime: state.serverTime === null ? null : isoSeconds(state.serverTime),
		seen,
		gen: state.gen,
	};
}

/** The generation of whatever is stored (undefined when nothing readable is), for the commit-time check. */
export function storedGeneration(raw: unknown): number | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const gen = (raw as { gen?: unknown }).gen;
	return typeof gen === 'number' && Number.isSafeInteger(gen) ? gen : undefined;
}

/**
 * The stored state for these options, or undefined when there is none, it belongs to other options, or it cannot
 * be read (the trigger then starts over per its start setting).
 */
export function readState(raw: unknown, options: TriggerOptions): TriggerState | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const s = raw as Partial<Record<keyof StoredTriggerState, unknown>>;
	if (s.v !== 1 || s.key !== stateKey(options)) return undefined;
	const gen = storedGeneration(raw);
	if (gen === undefined || gen < 0) return undefined;

	let cursor: Position | null = null;
	if (s.cursor !== null) {
		if (!s.cursor || typeof s.cursor !== 'object') return undefined;
		const c = s.cursor as { ts?: unknown; id?: unknown };
		const ts = parseIsoSeconds(c.ts);
		const id = c.id === null ? null : typeof c.id === 'string' && RECORD_ID.test(c.id) ? c.id : undefined;
		if (ts === undefined || id === undefined) return undefined;
		cursor = { ts, id };
	}
	const settled = s.settled === null ? null : parseIsoSeconds(s.settled);
	const serverTime = s.serverTime === null ? null : parseIsoSeconds(s.serverTime);
	if (settled === undefined || serverTime === undefined) return undefined;
	if (settled !== null && (cursor === null || settled > cursor.ts)) return undefined;

	const seen = new Map<Seconds, Set<string>>();
	if (!s.seen || typeof s.seen !== 'object' || Array.isArray(s.seen)) return undefined;
	for (const [iso, ids] of Object.entries(s.seen as Record<string, unknown>)) {
		const ts = parseIsoSeconds(iso);
		if (ts === undefined || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && RECORD_ID.test(id))) return undefined;
		// entries at or before `settled` are dead weight, never wrong: drop them (but for the cursor's second while the
		// cursor is inside it: Start "Now" may have remembered records of it that lie past the cursor)
		if (settled === null || ts > settled || insideSecond(cursor, ts)) seen.set(ts, new Set(ids as string[]));
	}
	return { key: s.key, cursor, settled, serverTime, seen, gen };
}
