/** The trigger core's polls against a model org: the events, the eight hard cases of issue 11, API cost. */
import {
	parseTriggerOptions,
	runPoll,
	runTestEvent,
	seenSize,
	readState,
	STATE_PROPERTY,
	TriggerOptionError,
	type ChangeItem,
	type TriggerOptionsInput,
} from '../../shared/trigger';
import { OrgModel, TriggerUnderTest } from './trigger-org-model';

const FIELDS = ['Name', 'NumberOfEmployees', 'LastModifiedDate', 'SystemModstamp'];
const options = (over: Partial<TriggerOptionsInput> = {}) =>
	parseTriggerOptions({ object: 'Account', event: 'newOrUpdated', fields: FIELDS, ...over });

/** A trigger that has had its activation poll (start "now") on a fresh org. */
async function activated(over: Partial<TriggerOptionsInput> = {}, org = new OrgModel()) {
	const t = new TriggerUnderTest(org, options(over));
	expect(await t.poll()).toEqual([]);
	return t;
}

const brief = (items: ChangeItem[]) => items.map((i) => `${i.event} ${i.record.Name as string}`);
const names = (items: ChangeItem[]) => items.map((i) => i.record.Name as string).sort();

describe('events', () => {
	it('start "now": records that exist at activation never fire; the activation poll is one call', async () => {
		const org = new OrgModel();
		const [old] = org.insert(3);
		org.advance(30);
		const calls = org.calls;
		const t = await activated({}, org);
		expect(org.calls - calls).toBe(1);
		org.advance(60);
		expect(await t.poll()).toEqual([]);
		org.update([old]);
		org.advance(60);
		expect(brief(await t.poll())).toEqual([`updated ${old}:1`]);
	});

	it('new, updated and new-or-updated on create, then edit in a later interval', async () => {
		const org = new OrgModel();
		const triggers = {
			new: await activated({ event: 'new' }, org),
			updated: await activated({ event: 'updated' }, org),
			newOrUpdated: await activated({ event: 'newOrUpdated' }, org),
		};
		const pollAll = async () => Object.fromEntries(await Promise.all(Object.entries(triggers).map(async ([k, t]) => [k, brief(await t.poll())])));
		org.advance(5);
		const [a] = org.insert();
		org.advance(60);
		expect(await pollAll()).toEqual({ new: [`created ${a}:0`], updated: [], newOrUpdated: [`created ${a}:0`] });
		org.update([a]);
		org.advance(60);
		expect(await pollAll()).toEqual({ new: [], updated: [`updated ${a}:1`], newOrUpdated: [`updated ${a}:1`] });
		org.advance(600);
		expect(await pollAll()).toEqual({ new: [], updated: [], newOrUpdated: [] });
	});

	it('case 4: created then updated within one interval fires On Updated Record; On New Record once', async () => {
		const org = new OrgModel();
		const upd = await activated({ event: 'updated' }, org);
		const nw = await activated({ event: 'new' }, org);
		org.advance(5);
		const [a] = org.insert();
		org.advance(20);
		org.update([a]);
		org.advance(60);
		expect(brief(await upd.poll())).toEqual([`updated ${a}:1`]);
		expect(brief(await nw.poll())).toEqual([`created ${a}:1`]);
		org.update([a]);
		org.advance(600);
		expect(brief(await nw.poll())).toEqual([]);
		expect(brief(await upd.poll())).toEqual([`updated ${a}:2`]);
	});

	it('updated twice in one interval: once with the latest state; updated in many polls: once per poll', async () => {
		const org = new OrgModel();
		const [a] = org.insert();
		const t = await activated({ event: 'updated' }, org);
		org.advance(5);
		org.update([a]);
		org.advance(10);
		org.update([a]);
		org.advance(60);
		expect(brief(await t.poll())).toEqual([`updated ${a}:2`]);
		for (let n = 3; n < 6; n++) {
			org.update([a]);
			org.advance(60);
			expect(brief(await t.poll())).toEqual([`updated ${a}:${n}`]);
		}
	});

	it('each item carries the event, the change timestamp and the record with its timestamps', async () => {
		const org = new OrgModel();
		const t = await activated({}, org);
		org.advance(1);
		const [a] = org.insert();
		org.advance(60);
		const [item] = await t.poll();
		const created = new Date((org.clock - 60) * 1000).toISOString().replace('.000Z', 'Z');
		expect(item).toMatchObject({ event: 'created', id: a, changedAt: created, createdDate: created });
		expect(item.record).toMatchObject({ Id: a, CreatedDate: expect.any(String), LastModifiedDate: expect.any(String), SystemModstamp: expect.any(String) });
	});

	it('case 8: system-only changes fire only with SystemModstamp', async () => {
		const org = new OrgModel();
		const [a] = org.insert();
		const user = await activated({ event: 'updated', changeField: 'LastModifiedDate' }, org);
		const all = await activated({ event: 'updated', changeField: 'SystemModstamp' }, org);
		org.advance(5);
		org.update([a], 'system');
		org.advance(60);
		expect(await user.poll()).toEqual([]);
		expect((await all.poll()).map((i) => i.record.NumberOfEmployees)).toEqual([1]);
	});
});

describe('start', () => {
	it('from a date: changes at or after it fire, once; a date after the org time is refused on the first poll', async () => {
		const org = new OrgModel();
		const [before] = org.insert();
		org.advance(100);
		const from = new Date(org.clock * 1000).toISOString();
		const [at] = org.insert();
		org.advance(100);
		const t = new TriggerUnderTest(org, options({ event: 'new', start: 'date', startDate: from }));
		expect(names(await t.poll())).toEqual([`${at}:0`]);
		expect(before).toBeDefined();
		org.advance(60);
		expect(await t.poll()).toEqual([]);

		// the host's clock (parse time) may be behind the org; the org's own clock decides
		const ahead = new Date((org.clock + 120) * 1000).toISOString();
		const future = new TriggerUnderTest(org, options({ start: 'date', startDate: ahead }));
		await expect(future.poll()).rejects.toThrow(/in the future \(the org's time is/);
		expect(future.state()).toBeUndefined();
	});

	it('from the beginning: a backfill oldest first, at most the maximum per poll, each record once', async () => {
		const org = new OrgModel({ pageSize: 7 });
		const ids: string[] = [];
		for (let i = 0; i < 10; i++) {
			ids.push(...org.insert(5));
			org.advance(3600);
		}
		const t = new TriggerUnderTest(org, options({ event: 'new', start: 'beginning', maxPerPoll: 12 }));
		const polls: number[] = [];
		for (let i = 0; i < 6; i++) {
			org.advance(60);
			polls.push((await t.poll()).length);
		}
		expect(polls).toEqual([12, 12, 12, 12, 2, 0]);
		expect(t.delivered.map((i) => i.id).sort()).toEqual([...ids].sort());
		const times = t.delivered.map((i) => i.changedAt);
		expect([...times].sort()).toEqual(times);
		// a backfill settles what it passes: memory stays at the last second's ids
		expect(Object.keys(t.state()?.seen ?? {}).length).toBeLessThanOrEqual(1);
	});

	it('changing the object or event starts over; changing the maximum or the lookback keeps the position', async () => {
		const org = new OrgModel();
		const t = await activated({}, org);
		org.advance(5);
		org.insert(2);
		org.advance(60);
		t.options = options({ maxPerPoll: 1, lookbackMinutes: 2 });
		expect(await t.poll()).toHaveLength(1);
		t.options = options({ event: 'updated' });
		expect(await t.poll()).toEqual([]); // a new activation poll: "now" again
		expect(t.state()?.key).toBe('account|updated|LastModifiedDate|now');
	});
});

describe('the hard cases', () => {
	it('case 1: 2,500 records sharing one second, across pages and the per-poll maximum', async () => {
		const org = new OrgModel({ pageSize: 200 });
		const t = await activated({ event: 'new', maxPerPoll: 700 }, org);
		org.advance(5);
		const ids = org.insert(2500);
		const counts: number[] = [];
		for (let i = 0; i < 5; i++) {
			org.advance(60);
			counts.push((await t.poll()).length);
		}
		expect(counts).toEqual([700, 700, 700, 400, 0]);
		expect(t.delivered.map((i) => i.id).sort()).toEqual([...ids].sort());
		await t.drain();
		expect(t.delivered).toHaveLength(2500);
	});

	it('case 2: more changes in one interval than a page and than the maximum', async () => {
		const org = new OrgModel({ pageSize: 50 });
		const existing = org.insert(300);
		const t = await activated({ event: 'updated', maxPerPoll: 120 }, org);
		for (let s = 0; s < 30; s++) {
			org.advance(1);
			org.insert(4); // inserts are read and dropped by On Updated Record
			org.update(existing.slice(s * 9, s * 9 + 9));
		}
		org.advance(60);
		await t.drain();
		const expected = org.changes.filter((c) => c.kind === 'update').map((c) => `${c.id}@${c.lmd}`);
		const got = t.delivered.map((i) => `${i.id}@${Date.parse(i.changedAt) / 1000}`);
		expect(expected).toHaveLength(270);
		expect(new Set(got).size).toBe(got.length);
		expect(got.sort()).toEqual(expected.sort());
		expect(Math.max(...t.outcomes.map((o) => o.items.length))).toBe(120);
	});

	it('case 3: late commits, inserts and updates, within the lookback arrive once; beyond it they are missed', async () => {
		const org = new OrgModel();
		const [x] = org.insert();
		const t = await activated({ lookbackMinutes: 5 }, org);
		org.advance(5);
		const [slow] = org.insert(1, 120); // stamped now, visible in 2 minutes
		org.update([x], 'update', 200);
		const [quick] = org.insert(1, 4); // inside the margin: on time
		const [tooLate] = org.insert(1, 420); // beyond the 5-minute lookback
		org.advance(60);
		expect(brief(await t.poll())).toEqual([`created ${quick}:0`]);
		for (let i = 0; i < 12; i++) {
			org.advance(60);
			await t.poll();
		}
		expect(brief(t.delivered).sort()).toEqual([`created ${quick}:0`, `created ${slow}:0`, `updated ${x}:1`].sort());
		expect(tooLate).toBeDefined();
		// delivered when its second settles: no later than lookback + two intervals after its stamp
		const stamp = org.changes.find((c) => c.id === slow)!.stampedAt;
		const at = t.deliveredAt.get(`${slow}@${new Date(stamp * 1000).toISOString().replace('.000Z', 'Z')}`)!;
		expect(at - stamp).toBeGreaterThanOrEqual(300);
		expect(at - stamp).toBeLessThanOrEqual(300 + 2 * 60);
	});

	it('case 3: a late transaction larger than the maximum and than a page settles over several polls', async () => {
		const org = new OrgModel({ pageSize: 4 });
		const t = await activated({ event: 'new', maxPerPoll: 10, lookbackMinutes: 5 }, org);
		org.advance(5);
		const late = org.insert(30, 90); // one transaction, one second, visible 90 s later
		org.advance(1);
		const onTime = org.insert(3);
		const counts: number[] = [];
		for (let i = 0; i < 12; i++) {
			org.advance(60);
			counts.push((await t.poll()).length);
		}
		expect(counts[0]).toBe(3);
		expect(Math.max(...counts)).toBe(10);
		expect(t.delivered.map((i) => i.id).sort()).toEqual([...late, ...onTime].sort());
	});

	it('case 5: the host clock 10 minutes ahead or behind the org changes nothing', async () => {
		const org = new OrgModel();
		const runs = [-600_000, 0, 600_000].map(
			(skew) => new TriggerUnderTest(org, options(), { leaseKey: `skew${skew}`, hostNow: () => org.clock * 1000 + skew }),
		);
		for (const t of runs) await t.poll();
		for (let i = 0; i < 8; i++) {
			org.advance(17);
			org.insert(3);
			org.update(org.editable().slice(0, 2));
			org.advance(43);
			for (const t of runs) await t.poll();
		}
		const [a, b, c] = runs.map((t) => brief(t.delivered));
		expect(a.length).toBeGreaterThan(20);
		expect(b).toEqual(a);
		expect(c).toEqual(a);
	});

	it('case 6: an overlapping poll of the same trigger in this process is turned away without an API call', async () => {
		const org = new OrgModel({ pageSize: 10 });
		const t = await activated({}, org);
		org.advance(5);
		org.insert(35);
		org.advance(60);
		const holder = t.holder();
		const calls = org.calls;
		const [first, second] = await Promise.all([
			runPoll(org.source(), holder, t.options, { leaseKey: 'wf/node' }),
			runPoll(org.source(), holder, t.options, { leaseKey: 'wf/node' }),
		]);
		expect(first.status).toBe('ok');
		expect(first.items).toHaveLength(35);
		expect(second).toEqual({ status: 'busy', items: [], pages: 0 });
		expect(org.calls - calls).toBe(4);
	});

	it('case 6: two polls that both run (no lease, or it expired) deliver nothing twice: the later one is discarded', async () => {
		const org = new OrgModel({ pageSize: 10 });
		const t = await activated({}, org);
		org.advance(5);
		org.insert(35);
		org.advance(60);
		const holder = t.holder();
		const outcomes = await Promise.all([runPoll(org.source(), holder, t.options), runPoll(org.source(), holder, t.options)]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['ok', 'superseded']);
		expect(outcomes.flatMap((o) => o.items)).toHaveLength(35);
		org.advance(60);
		expect(await runPoll(org.source(), holder, t.options)).toMatchObject({ status: 'ok', items: [] });
	});

	describe('case 7: a poll fails halfway', () => {
		const failures: Array<[string, Error]> = [
			['503', Object.assign(new Error('Service Unavailable'), { errorCode: 'SERVER_UNAVAILABLE', httpCode: 503 })],
			['expired session', Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID' })],
			['limit exceeded', Object.assign(new Error('TotalRequests Limit exceeded.'), { errorCode: 'REQUEST_LIMIT_EXCEEDED' })],
			['dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
		];

		it.each(failures)('%s on a later page: the items so far are delivered, the next poll continues after them', async (_, error) => {
			const org = new OrgModel({ pageSize: 10 });
			const t = await activated({}, org);
			org.advance(5);
			org.insert(25);
			org.advance(60);
			org.failCall(2, error);
			const holder = t.holder();
			const outcome = await runPoll(org.source(), holder, t.options);
			expect(outcome).toMatchObject({ status: 'partial', error });
			expect(outcome.items).toHaveLength(10);
			const rest = await runPoll(org.source(), holder, t.options);
			expect(rest.items).toHaveLength(15);
			expect(new Set([...outcome.items, ...rest.items].map((i) => i.id)).size).toBe(25);
		});

		it.each(failures)('%s on the first call: the poll fails, the state is untouched, the next poll delivers all', async (_, error) => {
			const org = new OrgModel({ pageSize: 10 });
			const t = await activated({}, org);
			org.advance(5);
			org.insert(25);
			org.advance(60);
			const before = t.state();
			org.failCall(1, error);
			await expect(t.poll()).rejects.toBe(error);
			expect(t.state()).toEqual(before);
			expect(await t.poll()).toHaveLength(25);
		});
	});

	it('a poll that runs out of its time budget stops fetching pages and keeps its progress', async () => {
		const org = new OrgModel({ pageSize: 10 });
		const t = await activated({}, org);
		org.advance(5);
		org.insert(35);
		org.advance(60);
		let host = 0;
		org.betweenPages = () => {
			host += 150_000;
		};
		const holder = t.holder();
		// after the third page 300 s have passed, more than 3/4 of the 300 s budget: no fourth page
		const outcome = await runPoll(org.source(), holder, t.options, { budgetMs: 300_000, hostNow: () => host });
		expect(outcome).toMatchObject({ status: 'ok', pages: 3 });
		expect(outcome.items).toHaveLength(30);
		org.betweenPages = undefined;
		expect((await runPoll(org.source(), holder, t.options)).items).toHaveLength(5);
	});
});

describe('API cost and memory', () => {
	it('an idle poll is one call; K changes cost about K / page size calls, plus one re-read when they settle', async () => {
		const org = new OrgModel({ pageSize: 2000 });
		const t = await activated({ maxPerPoll: 10000, lookbackMinutes: 5 }, org);
		const cost = async () => {
			const before = org.calls;
			const n = (await t.poll()).length;
			return [n, org.calls - before];
		};
		org.advance(60);
		expect(await cost()).toEqual([0, 1]);
		org.insert(5000);
		org.advance(60);
		expect(await cost()).toEqual([5000, 3]);
		const later: number[][] = [];
		for (let i = 0; i < 8; i++) {
			org.advance(60);
			later.push(await cost());
		}
		// one of the following polls reads the burst's second again as it settles; every other poll is one call
		expect(later.map(([n]) => n)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
		expect(later.map(([, calls]) => calls).sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 3]);
		expect(seenSize(readState(t.holder()[STATE_PROPERTY], t.options)!)).toBe(0);
	});

	it('memory holds the changes of the lookback window plus one interval, and empties when quiet', async () => {
		const org = new OrgModel();
		const t = await activated({ lookbackMinutes: 5 }, org);
		const sizes: number[] = [];
		for (let i = 0; i < 20; i++) {
			org.advance(30);
			org.insert(10);
			org.advance(30);
			await t.poll();
			sizes.push(seenSize(readState(t.holder()[STATE_PROPERTY], t.options)!));
		}
		// 10 changes a minute, lookback 5 minutes + one interval
		expect(Math.max(...sizes)).toBeLessThanOrEqual(10 * 7);
		await t.drain();
		expect(seenSize(readState(t.holder()[STATE_PROPERTY], t.options)!)).toBe(0);
	});
});

describe('Fetch Test Event', () => {
	it('returns the newest matching record in one call and leaves the state alone', async () => {
		const org = new OrgModel();
		const [a, b] = org.insert(2);
		org.advance(10);
		org.update([a]);
		org.advance(10);
		const [c] = org.insert();
		org.advance(10);
		const t = await activated({}, org);
		const before = JSON.stringify(t.holder());
		const calls = org.calls;
		expect(brief(await runTestEvent(org.source(), options({ event: 'updated' })))).toEqual([`updated ${a}:1`]);
		expect(brief(await runTestEvent(org.source(), options({ event: 'new' }), 2))).toEqual([`created ${c}:0`, expect.stringMatching(/^created /)]);
		expect(brief(await runTestEvent(org.source(), options({ event: 'newOrUpdated' })))).toEqual([`created ${c}:0`]);
		expect(org.calls - calls).toBe(3);
		expect(JSON.stringify(t.holder())).toBe(before);
		expect(b).toBeDefined();
	});
});

it('options errors surface as TriggerOptionError with a hint', () => {
	expect(() => options({ start: 'date', startDate: 'yesterday-ish' })).toThrow(TriggerOptionError);
});
