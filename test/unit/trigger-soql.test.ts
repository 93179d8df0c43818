/** The trigger's SOQL is valid SOQL (soql-parser-js, and the sandbox org's validating engine) for every state. */
import { isQueryValid, parseQuery, type WhereClause } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';

import { buildWhere, fieldResolver } from '../../shared/query';
import {
	firstPollSoql,
	longestScanSoql,
	parseTriggerOptions,
	planPoll,
	scanSoql,
	testEventSoql,
	type TriggerEvent,
	type TriggerOptions,
	type TriggerState,
} from '../../shared/trigger';
import { newId } from '../sandbox/ids';
import { SchemaRegistry } from '../sandbox/schema';
import { executeSoql } from '../sandbox/soql';

const T = Date.UTC(2026, 4, 20, 12, 0, 0) / 1000;
const ID = '0018d00000A0gRhAAJ';
const opts = (event: TriggerEvent = 'newOrUpdated', over: object = {}) =>
	parseTriggerOptions({ object: 'Account', event, fields: ['Name'], ...over });
const state = (over: Partial<TriggerState> = {}, options = opts()): TriggerState => ({
	key: `account|${options.event}|${options.cursorField}|now`,
	cursor: { ts: T, id: null },
	settled: T - 600,
	serverTime: T + 10,
	seen: new Map(),
	gen: 3,
	...over,
});

const registry = SchemaRegistry.load();
const engine = (soql: string) =>
	executeSoql(soql, {
		getObject: (n) => registry.get(n),
		records: () => [],
		getById: () => undefined,
		now: () => new Date(T * 1000),
		apiVersion: '66.0',
	});

function whereFields(w: WhereClause | undefined, out = new Set<string>()): Set<string> {
	if (!w) return out;
	if (w.left && 'field' in w.left && typeof w.left.field === 'string') out.add(w.left.field);
	return whereFields('right' in w ? w.right : undefined, out);
}

describe('trigger SOQL', () => {
	it('the shapes', () => {
		const o = opts();
		expect(firstPollSoql(o)).toBe('SELECT Id, CreatedDate, LastModifiedDate FROM Account ORDER BY LastModifiedDate DESC, Id DESC LIMIT 200');
		expect(firstPollSoql(opts('new'))).toBe('SELECT Id, CreatedDate FROM Account ORDER BY CreatedDate DESC, Id DESC LIMIT 200');
		expect(scanSoql(o, { settle: null, from: null, limit: 5 })).toBe(
			'SELECT Id, CreatedDate, LastModifiedDate, Name FROM Account ORDER BY LastModifiedDate ASC, Id ASC LIMIT 5',
		);
		expect(scanSoql(o, { settle: { after: T - 600, upTo: T - 300 }, from: { ts: T, id: ID }, limit: undefined })).toBe(
			'SELECT Id, CreatedDate, LastModifiedDate, Name FROM Account' +
				' WHERE (LastModifiedDate > 2026-05-20T11:50:00Z AND LastModifiedDate <= 2026-05-20T11:55:00Z)' +
				` OR LastModifiedDate > 2026-05-20T12:00:00Z OR (LastModifiedDate = 2026-05-20T12:00:00Z AND Id > '${ID}')` +
				' ORDER BY LastModifiedDate ASC, Id ASC',
		);
		expect(testEventSoql(opts('new'), 1)).toBe('SELECT Id, CreatedDate, Name FROM Account ORDER BY CreatedDate DESC, Id DESC LIMIT 1');
	});

	it('the plan: a settle slice once the lookback has passed, LIMIT = max + remembered changes in it (none for updated)', () => {
		const o = opts('newOrUpdated', { maxPerPoll: 50 });
		const s = state({ seen: new Map([[T - 400, new Set([ID])], [T - 100, new Set([ID])]]) }, o);
		const plan = planPoll(s, o);
		expect(plan.kind === 'scan' && plan.query).toEqual({ settle: { after: T - 600, upTo: T - 290 }, from: { ts: T, id: null }, limit: 51 });
		const upd = opts('updated', { maxPerPoll: 50 });
		const planU = planPoll(state({}, upd), upd);
		expect(planU.kind === 'scan' && planU.query.limit).toBeUndefined();
		// a cursor inside a second keeps the slice below that second
		const inside = planPoll(state({ cursor: { ts: T - 300, id: ID } }, o), o);
		expect(inside.kind === 'scan' && inside.query.settle).toEqual({ after: T - 600, upTo: T - 301 });
		// lookback 0: no slice at all
		const none = opts('newOrUpdated', { lookbackMinutes: 0 });
		const noSlice = planPoll(state({}, none), none);
		expect(noSlice.kind === 'scan' && noSlice.query.settle).toBeNull();
	});

	it('property: every planned query parses, passes a validating SOQL engine, and filters only on the cursor field and Id', () => {
		const idArb = fc.nat({ max: 2 ** 40 }).map((n) => newId('001', n));
		const arb = fc.record({
			event: fc.constantFrom<TriggerEvent>('new', 'updated', 'newOrUpdated'),
			changeField: fc.constantFrom('LastModifiedDate', 'SystemModstamp'),
			fields: fc.subarray(['Name', 'Industry', 'Owner.Name', 'SystemModstamp', 'LastModifiedDate', 'NumberOfEmployees']),
			maxPerPoll: fc.integer({ min: 1, max: 10000 }),
			lookbackMinutes: fc.constantFrom(0, 1, 5, 60),
			cursor: fc.option(fc.record({ ts: fc.integer({ min: T - 10 ** 8, max: T }), id: fc.option(idArb) })),
			settledBack: fc.option(fc.integer({ min: 0, max: 10 ** 6 })),
			serverAhead: fc.option(fc.integer({ min: 0, max: 10 ** 5 })),
			seen: fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), idArb), { maxLength: 20 }),
		});
		fc.assert(
			fc.property(arb, (a) => {
				const o: TriggerOptions = opts(a.event, { changeField: a.changeField, fields: a.fields, maxPerPoll: a.maxPerPoll, lookbackMinutes: a.lookbackMinutes });
				const cursor = a.cursor && { ts: a.cursor.ts, id: a.cursor.id };
				const settled = cursor && a.settledBack !== null ? cursor.ts - a.settledBack : null;
				const seen = new Map<number, Set<string>>();
				if (cursor) for (const [back, id] of a.seen) seen.set(cursor.ts - back, new Set([...(seen.get(cursor.ts - back) ?? []), id]));
				const s = state({ cursor, settled, serverTime: cursor && a.serverAhead !== null ? cursor.ts + a.serverAhead : null, seen }, o);
				const plan = planPoll(s, o);
				expect(isQueryValid(plan.soql)).toBe(true);
				const q = parseQuery(plan.soql);
				expect(q.sObject).toBe('Account');
				for (const f of whereFields(q.where)) expect([o.cursorField, 'Id']).toContain(f);
				expect(q.orderBy).toEqual([
					{ field: o.cursorField, order: 'ASC' },
					{ field: 'Id', order: 'ASC' },
				]);
				expect(q.limit === undefined).toBe(o.event === 'updated');
				expect(engine(plan.soql).totalSize).toBe(0);
			}),
			{ numRuns: 300 },
		);
	});

	it('names and ids that could change the query are refused, not escaped', () => {
		const o = opts();
		expect(() => scanSoql(o, { settle: null, from: { ts: T, id: "x' OR Name != '" }, limit: 1 })).toThrow(/Not a record id/);
		expect(() => scanSoql({ ...o, object: 'Account WHERE' }, { settle: null, from: null, limit: 1 })).toThrow(/Unsafe object/);
		expect(() => scanSoql({ ...o, fields: ['Name FROM User --'] }, { settle: null, from: null, limit: 1 })).toThrow(/Unsafe field/);
		expect(() => scanSoql(o, { settle: null, from: { ts: T + 0.5, id: null }, limit: 1 })).toThrow(RangeError);
		expect(() => testEventSoql(o, 0)).toThrow(RangeError);
	});

	it("the user's conditions are ANDed in parentheses with every query, so an OR in them cannot widen the scan", () => {
		const fields = registry.get('Account')!.fields;
		const { clause } = buildWhere({
			conditions: [
				{ field: 'Industry', operator: 'equals', value: 'Banking' },
				{ field: 'Name', operator: 'contains', value: "O'Brien" },
			],
			logic: 'any',
			resolveField: fieldResolver(fields),
		});
		const o = opts('newOrUpdated', { filter: clause });
		const f = "Industry = 'Banking' OR Name LIKE '%O\\'Brien%'";
		expect(firstPollSoql(o)).toBe(`SELECT Id, CreatedDate, LastModifiedDate FROM Account WHERE ${f} ORDER BY LastModifiedDate DESC, Id DESC LIMIT 200`);
		expect(scanSoql(o, { settle: null, from: null, limit: 5 })).toBe(
			`SELECT Id, CreatedDate, LastModifiedDate, Name FROM Account WHERE ${f} ORDER BY LastModifiedDate ASC, Id ASC LIMIT 5`,
		);
		expect(scanSoql(o, { settle: null, from: { ts: T, id: ID }, limit: undefined })).toBe(
			`SELECT Id, CreatedDate, LastModifiedDate, Name FROM Account WHERE (${f}) AND (LastModifiedDate > 2026-05-20T12:00:00Z OR (LastModifiedDate = 2026-05-20T12:00:00Z AND Id > '${ID}'))` +
				' ORDER BY LastModifiedDate ASC, Id ASC',
		);
		expect(testEventSoql(o, 1)).toBe(`SELECT Id, CreatedDate, LastModifiedDate, Name FROM Account WHERE ${f} ORDER BY LastModifiedDate DESC, Id DESC LIMIT 1`);
		for (const soql of [firstPollSoql(o), longestScanSoql(o), testEventSoql(o, 200), planPoll(state({}, o), o).soql]) {
			expect(isQueryValid(soql)).toBe(true);
			expect(engine(soql).totalSize).toBe(0);
		}
		// the longest scan has every part: a settle slice, a cursor inside a second, a limit
		expect(longestScanSoql(o)).toMatch(/^SELECT .* WHERE \(.*\) AND \(\(LastModifiedDate > .* AND LastModifiedDate <= .*\) OR LastModifiedDate > .* OR \(LastModifiedDate = .* AND Id > 'a{18}'\)\) ORDER BY .* LIMIT 99999$/);
		expect(() => opts('new', { filter: 42 })).toThrow(TypeError);
		expect(opts('new', { filter: '  ' }).filter).toBeUndefined();
	});
});
