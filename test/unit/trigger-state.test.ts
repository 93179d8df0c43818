/** The trigger's state survives JSON (n8n's static data) and is validated when read back. */
import fc from 'fast-check';

import {
	initialState,
	isoSeconds,
	parseSalesforceDateTime,
	parseTriggerOptions,
	readState,
	serialiseState,
	stateKey,
	type TriggerState,
} from '../../shared/trigger';
import { newId } from '../sandbox/ids';

const T = Date.UTC(2026, 4, 20, 12, 0, 0) / 1000;
const options = parseTriggerOptions({ object: 'Account', event: 'updated' });
const ID = '0018d00000A0gRhAAJ';
const stored = () =>
	serialiseState({
		key: stateKey(options),
		cursor: { ts: T, id: ID },
		settled: T - 300,
		serverTime: T + 10,
		seen: new Map([[T - 5, new Set([ID])]]),
		gen: 7,
	});

describe('trigger state', () => {
	it('JSON form', () => {
		expect(stored()).toEqual({
			v: 1,
			key: 'account|updated|LastModifiedDate|now',
			cursor: { ts: '2026-05-20T12:00:00Z', id: ID },
			settled: '2026-05-20T11:55:00Z',
			serverTime: '2026-05-20T12:00:10Z',
			seen: { '2026-05-20T11:59:55Z': [ID] },
			gen: 7,
		});
	});

	it('property: serialise → JSON → read gives the same state', () => {
		const idArb = fc.nat({ max: 2 ** 40 }).map((n) => newId('001', n));
		fc.assert(
			fc.property(
				fc.option(fc.record({ ts: fc.integer({ min: T - 10 ** 8, max: T }), id: fc.option(idArb) })),
				fc.nat({ max: 10 ** 6 }),
				fc.array(fc.tuple(fc.integer({ min: 0, max: 10 ** 6 }), fc.uniqueArray(idArb, { minLength: 1, maxLength: 4 })), { maxLength: 10 }),
				fc.nat(),
				(cursor, back, seenList, gen) => {
					const settled = cursor ? cursor.ts - back : null;
					const seen = new Map<number, Set<string>>();
					for (const [ahead, ids] of seenList) if (cursor && settled !== null && ahead > 0) seen.set(Math.min(settled + ahead, cursor.ts), new Set(ids));
					for (const ts of [...seen.keys()]) if (settled !== null && ts <= settled) seen.delete(ts);
					const state: TriggerState = { key: stateKey(options), cursor, settled, serverTime: cursor?.ts ?? null, seen, gen };
					expect(readState(JSON.parse(JSON.stringify(serialiseState(state))), options)).toEqual(state);
				},
			),
		);
	});

	it.each<[string, (s: Record<string, unknown>) => void]>([
		['another object or event', (s) => (s.key = 'contact|updated|LastModifiedDate|now')],
		['another version', (s) => (s.v = 2)],
		['a bad datetime', (s) => (s.settled = '2026-05-20 11:55')],
		['a bad cursor id', (s) => ((s.cursor as Record<string, unknown>).id = "' OR Id != '")],
		['settled after the cursor', (s) => (s.settled = '2026-05-20T12:00:01Z')],
		['a bad seen id', (s) => ((s.seen as Record<string, string[]>)['2026-05-20T11:59:55Z'] = ['nope'])],
		['seen as a list', (s) => (s.seen = [])],
		['a negative generation', (s) => (s.gen = -1)],
	])('%s: not read (the trigger starts over per its start setting)', (_, spoil) => {
		const raw = JSON.parse(JSON.stringify(stored())) as Record<string, unknown>;
		expect(readState(raw, options)).toBeDefined();
		spoil(raw);
		expect(readState(raw, options)).toBeUndefined();
	});

	it('seen entries at or before settled are dropped on read', () => {
		const raw = stored();
		raw.seen['2026-05-20T11:50:00Z'] = [ID];
		expect([...(readState(raw, options)?.seen.keys() ?? [])]).toEqual([T - 5]);
	});

	it('start settings: "now" needs the org time; a date starts just before it; the beginning before everything', () => {
		expect(initialState(options)).toBeUndefined();
		const date = parseTriggerOptions({ object: 'Account', event: 'new', start: 'date', startDate: '2026-05-01T00:00:00Z' });
		expect(initialState(date)).toMatchObject({ cursor: { ts: Date.UTC(2026, 4, 1) / 1000 - 1, id: null }, settled: Date.UTC(2026, 4, 1) / 1000 - 1 });
		expect(stateKey(date)).toBe('account|new|CreatedDate|date:2026-05-01T00:00:00Z');
		const all = parseTriggerOptions({ object: 'Account', event: 'new', start: 'beginning' });
		expect(initialState(all)).toMatchObject({ cursor: null, settled: null, serverTime: null });
	});

	it('Salesforce datetimes to whole seconds', () => {
		expect(parseSalesforceDateTime('2026-05-20T12:00:00.000+0000')).toBe(T);
		expect(parseSalesforceDateTime('2026-05-20T14:00:00.999+02:00')).toBe(T);
		expect(parseSalesforceDateTime('2026-05-20T12:00:00Z')).toBe(T);
		expect(parseSalesforceDateTime('2026-02-30T12:00:00Z')).toBeUndefined();
		expect(parseSalesforceDateTime('2026-05-20')).toBeUndefined();
		expect(parseSalesforceDateTime(null)).toBeUndefined();
		expect(isoSeconds(T)).toBe('2026-05-20T12:00:00Z');
	});
});
