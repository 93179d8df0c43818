/**
 * Property tests: random histories of an object (inserts, user edits, system changes, late commits, bursts in one
 * second) interleaved with polls (failures on any call, changes between pages, overlapping polls, a restart between
 * every two polls, the host clock off by up to 10 minutes). Three triggers (new, updated, new-or-updated) watch the
 * same org. Checked: nothing twice, nothing invented, every change delivered that must be, promptness, the memory
 * bound, and that an idle poll is one call.
 */
import fc from 'fast-check';

import { parseTriggerOptions, readState, STATE_PROPERTY, type TriggerEvent, type TriggerOptions } from '../../shared/trigger';
import { OrgModel, TriggerUnderTest, type Change } from './trigger-org-model';

type Delay = 'none' | 'margin' | 'lookback' | 'beyond';
type Action =
	| { kind: 'insert'; count: number; delay: Delay; jitter: number }
	| { kind: 'update'; picks: number[]; system: boolean; delay: Delay; jitter: number }
	| { kind: 'advance'; seconds: number }
	| { kind: 'poll'; failAt: number; during: 'nothing' | 'insert' | 'update' | 'advance' }
	| { kind: 'overlap'; lease: boolean; which: number };

interface Setup {
	pageSize: number;
	maxPerPoll: number;
	lookbackMinutes: number;
	changeField: 'LastModifiedDate' | 'SystemModstamp';
	start: 'now' | 'date' | 'beginning';
	startBack: number;
	existing: number;
	/** records saved in the second of activation, before its first poll */
	atActivation: number;
	skewMs: number;
	actions: Action[];
}

const delayArb = fc.constantFrom<Delay>('none', 'none', 'none', 'margin', 'lookback', 'beyond');
const actionArb: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), count: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 30 })), delay: delayArb, jitter: fc.nat() }) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('update' as const),
			picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
			system: fc.boolean(),
			delay: delayArb,
			jitter: fc.nat(),
		}),
	},
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('advance' as const),
			seconds: fc.oneof(
				{ weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
				{ weight: 4, arbitrary: fc.integer({ min: 4, max: 90 }) },
				{ weight: 1, arbitrary: fc.integer({ min: 91, max: 400 }) },
			),
		}),
	},
	{
		weight: 6,
		arbitrary: fc.record({
			kind: fc.constant('poll' as const),
			failAt: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
			during: fc.constantFrom('nothing' as const, 'nothing' as const, 'insert' as const, 'update' as const, 'advance' as const),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('overlap' as const), lease: fc.boolean(), which: fc.nat({ max: 2 }) }) },
);

const setupArb: fc.Arbitrary<Setup> = fc.record({
	pageSize: fc.integer({ min: 2, max: 12 }),
	maxPerPoll: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 40 }), fc.constant(10000)),
	lookbackMinutes: fc.constantFrom(0, 1, 5),
	changeField: fc.constantFrom('LastModifiedDate' as const, 'SystemModstamp' as const),
	start: fc.constantFrom('now' as const, 'date' as const, 'beginning' as const),
	startBack: fc.integer({ min: 0, max: 3000 }),
	existing: fc.integer({ min: 0, max: 15 }),
	atActivation: fc.integer({ min: 0, max: 3 }),
	skewMs: fc.integer({ min: -600_000, max: 600_000 }),
	actions: fc.array(actionArb, { minLength: 5, maxLength: 60 }),
});

const MARGIN = 10;
const EVENTS: TriggerEvent[] = ['new', 'updated', 'newOrUpdated'];
const isoOf = (sec: number) => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

/** Seconds from stamp to visibility: none, inside the margin, inside the lookback, beyond it. */
function delaySeconds(delay: Delay, lookback: number, n: number): number {
	switch (delay) {
		case 'none':
			return 0;
		case 'margin':
			return 1 + (n % (MARGIN - 1));
		case 'lookback':
			return lookback === 0 ? 0 : MARGIN + 1 + (n % (lookback - MARGIN));
		case 'beyond':
			return lookback + 1 + (n % 200);
	}
}

const failure = () => Object.assign(new Error('Service Unavailable'), { errorCode: 'SERVER_UNAVAILABLE' });

/** One version of a record as a trigger orders it: `(id, ts)`, when it became visible and when it stopped being current. */
interface Version {
	id: string;
	ts: number;
	created: number;
	/** Index in org.changes of the change that made it, and of the change that replaced it (or Infinity). */
	born: number;
	ended: number;
	delay: number;
}

function versionsOf(changes: Change[], options: TriggerOptions): Version[] {
	const field = (c: Change) => (options.cursorField === 'CreatedDate' ? c.created : options.cursorField === 'LastModifiedDate' ? c.lmd : c.sms);
	const out: Version[] = [];
	const current = new Map<string, Version>();
	changes.forEach((c, i) => {
		const ts = field(c);
		const cur = current.get(c.id);
		if (cur && cur.ts === ts) return; // e.g. a system change under LastModifiedDate: same version
		if (cur) cur.ended = i;
		const v = { id: c.id, ts, created: c.created, born: i, ended: Infinity, delay: c.visibleAt - c.stampedAt };
		current.set(c.id, v);
		out.push(v);
	});
	return out;
}

async function run(setup: Setup): Promise<void> {
	const org = new OrgModel({ pageSize: setup.pageSize });
	const lookback = setup.lookbackMinutes * 60;
	let n = 0;
	for (let i = 0; i < setup.existing; i++) {
		org.insert(1 + (i % 3));
		org.advance(7 + (i % 5) * 50);
		if (i % 2) org.update(org.editable().slice(0, 2), i % 4 === 1 ? 'system' : 'update');
	}
	org.advance(30);
	// saved in the second of activation, before it: history for Start "Now", although the later ones of that second fire
	if (setup.atActivation) org.insert(setup.atActivation);
	const startAt = org.clock - setup.startBack;
	const hostNow = () => org.clock * 1000 + setup.skewMs;
	const triggers = EVENTS.map(
		(event) =>
			new TriggerUnderTest(
				org,
				parseTriggerOptions(
					{
						object: 'Account',
						event,
						changeField: setup.changeField,
						start: setup.start,
						startDate: isoOf(startAt),
						maxPerPoll: setup.maxPerPoll,
						lookbackMinutes: setup.lookbackMinutes,
						fields: ['Name', 'NumberOfEmployees', 'LastModifiedDate', 'SystemModstamp'],
					},
					{ now: new Date(hostNow()) },
				),
				{ leaseKey: `prop/${event}`, hostNow },
			),
	);
	const activation = org.clock;
	// Start "Now": what exists at activation is history; what is saved later, in the same second too, fires
	const bornAtActivation = org.changes.length;
	for (const t of triggers) await t.poll();

	const pick = (picks: number[]) => {
		const ids = org.editable();
		return ids.length ? [...new Set(picks.map((p) => ids[p % ids.length]))] : [];
	};
	for (const a of setup.actions) {
		n++;
		switch (a.kind) {
			case 'insert':
				org.insert(a.count, delaySeconds(a.delay, lookback, a.jitter));
				break;
			case 'update':
				org.update(pick(a.picks), a.system ? 'system' : 'update', delaySeconds(a.delay, lookback, a.jitter));
				break;
			case 'advance':
				org.advance(a.seconds);
				break;
			case 'poll':
				for (const t of triggers) {
					if (a.failAt) org.failCall(a.failAt, failure());
					let once = a.during !== 'nothing';
					org.betweenPages = () => {
						if (!once) return;
						once = false;
						if (a.during === 'insert') org.insert(2);
						if (a.during === 'update') org.update(pick([n, n * 7]));
						if (a.during === 'advance') org.advance(2);
					};
					await t.poll().catch(() => undefined);
					org.betweenPages = undefined;
					org.clearFaults(); // a fault past this poll's last call is not for the next trigger
				}
				break;
			case 'overlap': {
				const t = triggers[a.which];
				const s = a.lease ? [t.settings, t.settings] : [{ hostNow }, { hostNow }];
				const outcomes = await t.overlappingPolls(s as [typeof t.settings, typeof t.settings]);
				const statuses = outcomes.map((o) => o.status).sort();
				expect(statuses).toEqual(a.lease ? ['busy', 'ok'] : ['ok', 'superseded']);
				break;
			}
		}
	}
	for (const t of triggers) await t.drain(60, 2000);

	for (const t of triggers) {
		check(t, org, setup, lookback, startAt, activation, bornAtActivation);
		await idleAndMemory(t, org);
	}
}

function check(t: TriggerUnderTest, org: OrgModel, setup: Setup, lookback: number, startAt: number, activation: number, bornAtActivation: number): void {
	const { options } = t;
	const label = `${options.event}/${options.cursorField}`;
	const versions = versionsOf(org.changes, options);
	const byKey = new Map(versions.map((v) => [`${v.id}@${isoOf(v.ts)}`, v]));
	const after = (v: Version) =>
		setup.start === 'beginning' ? true : setup.start === 'date' ? v.ts >= startAt : v.ts > activation || (v.ts === activation && v.born >= bornAtActivation);
	const fires = (v: Version) =>
		after(v) && (options.event === 'new' || options.event === 'newOrUpdated' || v.ts > v.created);

	// nothing twice (On New Record: no record twice)
	const keys = t.delivered.map((i) => (options.event === 'new' ? i.id : `${i.id}@${i.changedAt}`));
	expect({ label, duplicates: keys.filter((k, i) => keys.indexOf(k) !== i) }).toEqual({ label, duplicates: [] });

	// nothing invented: each item is a real version that fires, labelled by the rule, with a real state of the record
	for (const item of t.delivered) {
		const v = byKey.get(`${item.id}@${item.changedAt}`);
		expect({ label, item: item.id, known: v !== undefined }).toEqual({ label, item: item.id, known: true });
		expect(fires(v!)).toBe(true);
		expect(item.event).toBe(options.event === 'new' || v!.ts === v!.created ? 'created' : 'updated');
		const states = org.changes.filter((c) => c.id === item.id).map((c) => `${c.name}/${c.employees}`);
		expect(states).toContain(`${item.record.Name as string}/${item.record.NumberOfEmployees as number}`);
	}

	// everything that must arrive did: the last version of every record (committed within the lookback)
	const last = new Map<string, Version>();
	for (const v of versions) last.set(v.id, v);
	const missing = [...last.values()]
		.filter((v) => fires(v) && v.delay <= lookback)
		.map((v) => `${v.id}@${isoOf(v.ts)}`)
		.filter((k) => !t.deliveredAt.has(k) && !(options.event === 'new' && t.delivered.some((i) => k.startsWith(i.id))));
	expect({ label, missing }).toEqual({ label, missing: [] });

	// promptly: a version visible at once and current when a complete poll read up to it came with that poll or earlier
	for (const p of t.polls) {
		const o = p.outcome;
		if (o.status !== 'ok' || !p.snapshot || o.items.length >= options.maxPerPoll) continue;
		const scanEnd = p.snapshot.clock - options.marginSeconds;
		for (const v of versions) {
			if (v.delay !== 0 || !fires(v) || v.ts > scanEnd || v.born >= p.snapshot.changes || v.ended < p.snapshot.changes) continue;
			const at = t.deliveredAt.get(`${v.id}@${isoOf(v.ts)}`);
			expect({ label, v: `${v.id}@${v.ts}`, late: at === undefined || at > p.snapshot.clock }).toEqual({ label, v: `${v.id}@${v.ts}`, late: false });
		}
	}

	// memory: only delivered changes between `settled` and the cursor, and when polls complete, no more than the
	// changes in the lookback window plus one interval
	let previous: { clock: number; complete: boolean } | undefined;
	for (const p of t.polls) {
		const o = p.outcome;
		if (!p.stateAfter) continue;
		const state = readState(p.stateAfter, options);
		expect(state).toBeDefined();
		const { cursor, settled, seen } = state!;
		const complete = o.status === 'ok' && p.snapshot !== undefined && o.items.length < options.maxPerPoll;
		let size = 0;
		for (const [ts, ids] of seen) {
			size += ids.size;
			// settled seconds are forgotten, but for the cursor's own second while the cursor is inside it
			expect(settled === null || ts > settled || (cursor !== null && cursor.id !== null && ts === cursor.ts)).toBe(true);
			// above the cursor: only what Start "Now" found existing in the second of activation
			expect(cursor !== null && (ts <= cursor.ts || (setup.start === 'now' && ts === activation))).toBe(true);
		}
		// what may stay besides the window's changes: Start "Now"'s second, and the cursor's second while it is inside it
		const nowSecond = setup.start === 'now' ? (seen.get(activation)?.size ?? 0) : 0;
		const cursorSecond = cursor !== null && cursor.id !== null && !(setup.start === 'now' && cursor.ts === activation) ? (seen.get(cursor.ts)?.size ?? 0) : 0;
		if (lookback === 0) expect(size - nowSecond - cursorSecond).toBe(0);
		if (complete && previous?.complete && cursor) {
			const from = previous.clock - Math.max(lookback, options.marginSeconds);
			expect(settled).not.toBeNull();
			expect(settled!).toBeGreaterThanOrEqual(from);
			expect(size - nowSecond - cursorSecond).toBeLessThanOrEqual(versions.filter((v) => v.ts > from && v.ts <= cursor.ts).length);
		}
		previous = p.snapshot ? { clock: p.snapshot.clock, complete } : undefined;
	}
}

/** After everything has settled: an idle poll is one call and the memory is empty. */
async function idleAndMemory(t: TriggerUnderTest, org: OrgModel): Promise<void> {
	org.advance(60);
	const before = org.calls;
	expect(await t.poll()).toEqual([]);
	expect(org.calls - before).toBe(1);
	expect(readState(t.holder()[STATE_PROPERTY], t.options)?.seen.size).toBe(0);
}

it('property: every event delivers exactly the changes it must, each once, under failures, overlaps and restarts', async () => {
	await fc.assert(
		fc.asyncProperty(setupArb, async (setup) => {
			await run(setup);
		}),
		{ numRuns: Number(process.env.TRIGGER_PROPERTY_RUNS ?? 150) },
	);
});
