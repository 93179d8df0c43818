/**
 * The trigger node through n8n's engine: every poll runs in a fresh PollContext with the static data serialised in
 * between (an n8n restart between any two polls), against the sandbox org, whose clock the tests move instead of
 * waiting. For each event: thousands of records in one second across pages and the per-poll maximum, bursts larger
 * than a page, late commits, create-then-update, clock skew, concurrent polls, failures halfway, system-only changes;
 * then the API cost, bad inputs, Fetch Test Event, conditions, the item layout and the editor's lists.
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type INodeParameters, type INodePropertyOptions, type NodeParameterValueType } from 'n8n-workflow';

import { callNodeMethod, packageNode, pollOnce } from '../harness/engine';
import { dataCalls, OAUTH2_CREDENTIAL_ID, OAUTH2_TYPE, startOrg, type ApiCall, type TestOrg } from '../harness/org';
import * as admin from '../sandbox/admin-client';

type Event = 'new' | 'updated' | 'newOrUpdated';
const EVENTS: Event[] = ['new', 'updated', 'newOrUpdated'];
const PAGE = 2000;

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

function recordingLogger() {
	const calls = { info: jest.fn(), debug: jest.fn(), warn: jest.fn(), error: jest.fn() };
	// what nodes and n8n-core's scheduler call on n8n's Logger; nothing else of it is used here
	const logger = { ...calls, scoped: () => logger } as unknown as Logger;
	return { ...calls, logger };
}

/** Runs `test` with n8n's logger replaced by a recording one (each PollContext takes it from the container). */
async function withRecordingLogger(test: (log: ReturnType<typeof recordingLogger>) => Promise<void>): Promise<void> {
	const original = Container.get(Logger);
	const log = recordingLogger();
	Container.set(Logger, log.logger);
	try {
		await test(log);
	} finally {
		Container.set(Logger, original);
	}
}
beforeEach(async () => {
	await admin.reset(org.url);
});

// ---- the org: its clock and writes as users make them (in-process, through the store's validated paths) ----

const sandbox = () => org.sandbox.org;
/** The org's clock moves on; sessions do not age (a skew, not time passing on the host). */
const advance = (seconds: number) => sandbox().clock.skew(sandbox().clock.offsetMs + seconds * 1000);
/** To just after the start of the org's next second, so that what follows shares one timestamp. */
const toNextSecond = () => sandbox().clock.skew(sandbox().clock.offsetMs + 1000 - (sandbox().clock.nowMs() % 1000) + 2);
const orgSeconds = () => Math.floor(sandbox().clock.nowMs() / 1000);
const user = () => sandbox().defaultUserId;

function insert(count: number, name = (i: number) => `Trigger test ${i}`, fields: IDataObject = {}): string[] {
	const store = sandbox().store;
	return store.transaction(() => Array.from({ length: count }, (_, i) => store.insert('Account', { Name: name(i), ...fields }, { userId: user() }).Id));
}

function update(ids: string[], fields: (i: number) => IDataObject = (i) => ({ Name: `Edited ${i}` })): void {
	const store = sandbox().store;
	store.transaction(() => ids.forEach((id, i) => store.update('Account', id, fields(i), { userId: user() })));
}

function stamps(ids: string[], field: string): Set<unknown> {
	const wanted = new Set(ids);
	return new Set([...sandbox().store.records('Account')].filter((r) => wanted.has(r.Id)).map((r) => r[field]));
}

/**
 * The changes an event fires for: inserts (On New Record), edits of records created earlier (On Updated Record),
 * half and half (On New Or Updated Record). `prepare` runs before the stream starts, `make` after.
 */
function changes(event: Event, count: number) {
	const edits = event === 'new' ? 0 : event === 'updated' ? count : Math.floor(count / 2);
	let pool: string[] = [];
	return {
		prepare() {
			pool = edits ? insert(edits, (i) => `Existing ${i}`) : [];
		},
		/** Makes the changes in `slices` transactions one second apart; returns the ids that changed. */
		make(slices = 1): string[] {
			const inserts = count - edits;
			const ids: string[] = [];
			for (let k = 0; k < slices; k++) {
				if (k > 0) advance(1);
				const part = (n: number) => [Math.floor((n * k) / slices), Math.floor((n * (k + 1)) / slices)] as const;
				const [a, b] = part(edits);
				update(pool.slice(a, b));
				const [c, d] = part(inserts);
				ids.push(...pool.slice(a, b), ...insert(d - c));
			}
			return ids;
		},
	};
}

// ---- the trigger ----

interface TriggerSetup {
	name?: string;
	fields?: string[] | 'all' | 'default';
	options?: INodeParameters;
	conditions?: INodeParameters[];
	filterLogic?: string;
	customLogic?: string;
	object?: string;
}

function triggerNode(event: Event, setup: TriggerSetup = {}): INode {
	const parameters: Record<string, NodeParameterValueType> = {
		authentication: 'oAuth2',
		event,
		sobject: { __rl: true, mode: 'list', value: setup.object ?? 'Account' },
		fieldsToReturn: typeof setup.fields === 'string' ? setup.fields : 'selected',
		selectedFields: typeof setup.fields === 'string' ? [] : (setup.fields ?? ['Name']),
		options: setup.options ?? {},
	};
	if (setup.conditions) parameters.conditions = { condition: setup.conditions };
	if (setup.filterLogic) parameters.filterLogic = setup.filterLogic;
	if (setup.customLogic) parameters.customLogic = setup.customLogic;
	return packageNode('salesforceConnectorTrigger', parameters, {
		name: setup.name ?? 'Trigger',
		credentials: { [OAUTH2_TYPE]: { id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org' } },
	});
}

interface Poll {
	items: IDataObject[];
	calls: ApiCall[];
	/** `/query` calls (first pages and queryMore) */
	queries: number;
}

const queryCalls = (calls: ApiCall[]) => calls.filter((c) => /\/query(\/|$)/.test(c.path)).length;

/** One trigger as n8n runs it: its static data survives only as the JSON n8n stores. */
class Stream {
	staticData: string | undefined;
	readonly delivered: IDataObject[] = [];
	constructor(readonly node: INode) {}

	static async start(event: Event, setup: TriggerSetup = {}): Promise<Stream> {
		const stream = new Stream(triggerNode(event, setup));
		const first = await stream.poll();
		expect(first.items).toEqual([]);
		return stream;
	}

	async poll(): Promise<Poll> {
		await org.clearCalls();
		const result = await pollOnce(org.harness, this.node, this.staticData);
		this.staticData = result.staticData;
		const items = (result.items ?? []).map((i) => i.json);
		this.delivered.push(...items);
		const calls = dataCalls(await org.calls());
		return { items, calls, queries: queryCalls(calls) };
	}

	/** Polls (the clock moving `interval` seconds before each) until a poll delivers nothing. */
	async drain(interval = 60): Promise<Poll[]> {
		const polls: Poll[] = [];
		for (;;) {
			advance(interval);
			const p = await this.poll();
			polls.push(p);
			if (p.items.length === 0) return polls;
			if (polls.length > 50) throw new Error('the stream does not drain');
		}
	}

	async fetchTestEvent(): Promise<IDataObject[]> {
		await org.clearCalls();
		return ((await pollOnce(org.harness, this.node, this.staticData, 'manual')).items ?? []).map((i) => i.json);
	}
}

/** Every change delivered exactly once: as (Id, changedAt) nothing twice, and the ids are the expected ones. */
function expectOnce(items: IDataObject[], ids: string[]): void {
	const versions = items.map((i) => `${String(i.Id)}@${String(i.changedAt)}`);
	expect(new Set(versions).size).toBe(versions.length);
	expect(items.map((i) => i.Id).sort()).toEqual([...ids].sort());
}

/** `2026-05-20T14:30:00.000+0000` → `2026-05-20T14:30:00Z` */
const isoOf = (sf: unknown) => new Date(String(sf).replace(/\+0000$/, 'Z')).toISOString().replace('.000Z', 'Z');
const eventOf = (event: Event, created: boolean) => (event === 'new' || (event === 'newOrUpdated' && created) ? 'created' : 'updated');

const cursorField = (event: Event) => (event === 'new' ? 'CreatedDate' : 'LastModifiedDate');

describe.each(EVENTS)('%s', (event) => {
	it('an idle poll is one API call; a first poll learns the org time (describe + one query)', async () => {
		await org.clearCalls();
		const stream = new Stream(triggerNode(event));
		const first = await stream.poll();
		expect(first.items).toEqual([]);
		expect(first.calls.map((c) => c.path)).toEqual(['/services/data/v66.0/sobjects/Account/describe', '/services/data/v66.0/query']);
		for (let k = 0; k < 3; k++) {
			advance(300);
			const idle = await stream.poll();
			expect(idle.items).toEqual([]);
			expect(idle.calls.map((c) => c.path)).toEqual(['/services/data/v66.0/query']);
		}
	});

	it('Start Now, to the second: what was saved before the activation poll never fires, what is saved after it in the same second does', async () => {
		const before = changes(event, 4);
		const after = changes(event, 4);
		before.prepare();
		after.prepare();
		advance(5);
		toNextSecond();
		const existing = before.make();
		const stream = await Stream.start(event);
		const later = after.make();
		expect(new Set([...stamps(existing, cursorField(event)), ...stamps(later, cursorField(event))]).size).toBe(1);
		await stream.drain(30);
		expectOnce(stream.delivered, later);
	});

	it('1. 2,500 changes in one second: split across pages and the per-poll maximum by (timestamp, Id), none twice', async () => {
		const work = changes(event, 2500);
		work.prepare();
		advance(5);
		const stream = await Stream.start(event, { options: { maxPerPoll: 2200 } });
		advance(5);
		toNextSecond();
		const ids = work.make();
		expect(stamps(ids, cursorField(event)).size).toBe(1);
		const polls = await stream.drain(30);
		expect(polls.map((p) => [p.items.length, p.queries])).toEqual([
			[2200, 2],
			[300, 1],
			[0, 1],
		]);
		expectOnce(stream.delivered, ids);
	});

	it('2. a burst larger than a page and the maximum: oldest first over several polls; K changes cost about K / 2,000 calls', async () => {
		const work = changes(event, 2500);
		work.prepare();
		advance(5);
		const from = new Date(sandbox().clock.nowMs()).toISOString();
		const stream = await Stream.start(event);
		advance(2);
		// 2,500 changes spread over 25 seconds of one poll interval
		const ids = work.make(25);
		const polls = await stream.drain(60);
		expect(polls.map((p) => [p.items.length, p.queries])).toEqual([
			[1000, 1],
			[1000, 1],
			[500, 1],
			[0, 1],
		]);
		expectOnce(stream.delivered, ids);
		// once the lookback has passed, their seconds are read once more for late commits (sharing one query), then idle
		const later: number[] = [];
		for (let k = 0; k < 6; k++) {
			advance(60);
			const p = await stream.poll();
			expect(p.items).toEqual([]);
			later.push(p.queries);
		}
		// at most ceil(2,500 / 2,000) - 1 calls more than six idle polls, once
		expect(later.reduce((a, b) => a + b)).toBeLessThanOrEqual(6 + Math.ceil(2500 / PAGE) - 1);
		expect(later.slice(-2)).toEqual([1, 1]);
		// the same changes read by a trigger that starts before them with room for all: one poll, ceil(2,500 / 2,000) calls
		const all = new Stream(triggerNode(event, { name: 'Backfill', options: { start: 'date', startDate: from, maxPerPoll: 10000 } }));
		const once = await all.poll();
		expect([once.items.length, once.queries]).toEqual([2500, 2]);
		expectOnce(once.items, ids);
	});

	it('3. transactions that commit late (an insert, an update) are delivered once, after they commit and within the lookback', async () => {
		const [edited] = insert(1, () => 'Edited late');
		advance(5);
		const stream = await Stream.start(event);
		advance(5);
		const t = orgSeconds();
		const lateInsert = (await admin.lateCommit(org.url, 'Account', { Name: 'Late insert' }, 120_000)).id;
		await admin.lateUpdate(org.url, 'Account', edited, { Name: 'Late edit' }, 120_000);
		// commits within the margin: found on time
		const quick = (await admin.lateCommit(org.url, 'Account', { Name: 'Quick insert' }, 5_000)).id;
		advance(15);
		const onTime = await stream.poll();
		const expectedOnTime = event === 'updated' ? [] : [quick];
		expectOnce(onTime.items, expectedOnTime);
		const seenAt = new Map<string, number>();
		// polls every minute until L + two intervals after the stamp
		while (orgSeconds() < t + 300 + 120 + 15) {
			advance(60);
			for (const item of (await stream.poll()).items) seenAt.set(String(item.Id), orgSeconds());
		}
		const late = { new: [lateInsert], updated: [edited], newOrUpdated: [lateInsert, edited] }[event];
		expect([...seenAt.keys()].sort()).toEqual([...late].sort());
		for (const at of seenAt.values()) expect(at).toBeGreaterThanOrEqual(t + 120);
		expectOnce(stream.delivered, [...expectedOnTime, ...late]);
		const item = stream.delivered.find((i) => i.Id === late[0]);
		expect(item?.event).toBe(eventOf(event, late[0] === lateInsert));
	});

	it('4. created, then updated within one interval: one item with the latest version', async () => {
		advance(5);
		const stream = await Stream.start(event);
		advance(5);
		const [id] = insert(1, () => 'First name');
		advance(3);
		update([id], () => ({ Name: 'Second name' }));
		const polls = await stream.drain(60);
		expect(polls.map((p) => p.items.length)).toEqual([1, 0]);
		expect(stream.delivered).toEqual([expect.objectContaining({ Id: id, Name: 'Second name', event: eventOf(event, false) })]);
	});

	it.each([600, -600])('5. the org clock %i s off the host: changes arrive by the org clock; a start date is checked against it', async (skew) => {
		await admin.setClock(org.url, { skewMs: skew * 1000 });
		const work = changes(event, 20);
		work.prepare();
		advance(5);
		const stream = await Stream.start(event);
		advance(5);
		const ids = work.make(3);
		await stream.drain(60);
		expectOnce(stream.delivered, ids);
		// two minutes after the host's time: in the past of an org 10 minutes ahead, in the future of one behind
		const startDate = new Date(Date.now() + 120_000).toISOString();
		const dated = new Stream(triggerNode(event, { name: 'Dated', options: { start: 'date', startDate } }));
		if (skew > 0) {
			const first = await dated.poll();
			expectOnce(first.items, ids);
		} else {
			await expect(dated.poll()).rejects.toThrow(/^The start date .* is in the future \(the org's time is /);
			await expect(dated.fetchTestEvent()).rejects.toThrow(/is in the future \(the org's time is /);
		}
	});

	it('6. restarts between polls, and two polls at once on the same static data: one delivers, the other spends nothing', async () => {
		const work = changes(event, 300);
		work.prepare();
		advance(5);
		const stream = await Stream.start(event);
		advance(5);
		const ids = work.make(2);
		advance(15);
		await org.clearCalls();
		const both = await Promise.all([0, 1].map(async () => await pollOnce(org.harness, stream.node, stream.staticData)));
		const winners = both.filter((r) => r.items?.length);
		expect(winners).toHaveLength(1);
		expect(both.filter((r) => r.items === null)).toHaveLength(1);
		expect(queryCalls(dataCalls(await org.calls()))).toBe(1);
		expectOnce(winners[0].items!.map((i) => i.json), ids);
		stream.staticData = winners[0].staticData;
		expect((await stream.drain(60)).map((p) => p.items.length)).toEqual([0]);
	});

	it('7. a poll that fails halfway delivers what it read and the next poll the rest, none twice; one that fails at once delivers nothing and loses nothing', async () => {
		const work = changes(event, 2500);
		work.prepare();
		advance(5);
		const names = ['503', 'reset', 'limit', 'session', 'at once'];
		const streams = new Map<string, Stream>();
		for (const name of names) streams.set(name, await Stream.start(event, { name, options: { maxPerPoll: 10000 } }));
		advance(5);
		const ids = work.make(5);
		advance(15);
		const secondPage = '/query/01g';
		const halfway = async (name: string, fault: () => Promise<unknown>, after?: () => Promise<unknown>) => {
			const stream = streams.get(name)!;
			await fault();
			const first = await stream.poll();
			await admin.clearFaults(org.url);
			await after?.();
			expect(first.items).toHaveLength(PAGE);
			const rest = await stream.drain(60);
			expect(rest.map((p) => p.items.length)).toEqual([500, 0]);
			expectOnce(stream.delivered, ids);
			return first;
		};
		// Salesforce unavailable on every try of the second page (the client retries 3 times)
		const f503 = await halfway('503', async () => await admin.faults(org.url, { fail503: 4, matchPath: secondPage }));
		expect(f503.calls.filter((c) => c.status === 503)).toHaveLength(4);
		// the connection drops on every try of the second page
		await halfway('reset', async () => await admin.faults(org.url, { resetConnection: 4, matchPath: secondPage }));
		// the daily API limit runs out after the first page (never retried)
		const { max } = await admin.setLimits(org.url, {});
		const limit = await halfway(
			'limit',
			async () => await admin.setLimits(org.url, { used: max - 1 }),
			async () => await admin.setLimits(org.url, { used: 0 }),
		);
		expect(limit.calls.map((c) => c.status)).toEqual([200, 403]);

		// the session expires while the first page is served: n8n refreshes the token and the poll goes on
		const session = streams.get('session')!;
		await admin.faults(org.url, { latencyMs: 400, matchPath: '/query\\?' });
		const polling = session.poll();
		await new Promise((resolve) => setTimeout(resolve, 150));
		await admin.expireSessions(org.url);
		const refreshed = await polling;
		await admin.clearFaults(org.url);
		expect(refreshed.items).toHaveLength(2500);
		expect(refreshed.calls.map((c) => c.status)).toEqual([200, 401, 200]);
		expectOnce(session.delivered, ids);

		// the limit is used up before the first call: an n8n error, the state untouched, everything on the next poll
		const atOnce = streams.get('at once')!;
		const before = atOnce.staticData;
		await admin.setLimits(org.url, { used: max });
		await expect(atOnce.poll()).rejects.toMatchObject({ name: 'NodeApiError', message: expect.stringMatching(/^REQUEST_LIMIT_EXCEEDED/) });
		await admin.setLimits(org.url, { used: 0 });
		expect(atOnce.staticData).toBe(before);
		expect((await atOnce.drain(60)).map((p) => p.items.length)).toEqual([2500, 0]);
		expectOnce(atOnce.delivered, ids);
	});

	it('8. changes by automated processes (SystemModstamp only) fire only when SystemModstamp counts', async () => {
		const ids = insert(5);
		advance(5);
		const byUsers = await Stream.start(event, { name: 'Users' });
		const bySystem = await Stream.start(event, { name: 'System', options: { changeField: 'SystemModstamp' } });
		advance(5);
		const { records } = await admin.recalculate(org.url, 'Account', ids);
		expect(records.every((r) => r.systemModstamp !== r.lastModifiedDate)).toBe(true);
		await byUsers.drain(60);
		await bySystem.drain(60);
		expect(byUsers.delivered).toEqual([]);
		if (event === 'new') {
			expect(bySystem.delivered).toEqual([]);
		} else {
			expectOnce(bySystem.delivered, ids);
			expect(bySystem.delivered.every((i) => i.event === 'updated' && i.changedAt === isoOf(i.SystemModstamp))).toBe(true);
		}
	});
});

describe("the object's describe", () => {
	const paths = (p: Poll) => p.calls.map((c) => c.path.replace('/services/data/v66.0', ''));

	it('is read at activation and kept in the static data; read again when the parameters change, after a day, or when Salesforce refuses a field it named', async () => {
		advance(5);
		const stream = await Stream.start('newOrUpdated');
		advance(60);
		expect(paths(await stream.poll())).toEqual(['/query']);
		// Max Records per Poll and Lookback change nothing the describe said
		stream.node.parameters.options = { maxPerPoll: 50, lookbackMinutes: 10 };
		advance(60);
		expect(paths(await stream.poll())).toEqual(['/query']);
		// other fields: described again, and the position is kept (a change made before arrives, with the new field)
		advance(5);
		const [id] = insert(1, () => 'Before the change', { Industry: 'Energy' });
		stream.node.parameters.selectedFields = ['Name', 'Industry'];
		advance(60);
		const changed = await stream.poll();
		expect(paths(changed)).toEqual(['/sobjects/Account/describe', '/query']);
		expect(changed.items).toEqual([expect.objectContaining({ Id: id, Industry: 'Energy' })]);
		// a day later (host clock) the describe is read again, for fields added meanwhile
		type Kept = Record<string, { salesforceTriggerQuery: { at: number; fields: string[] } }>;
		const kept = JSON.parse(stream.staticData!) as Kept;
		const compiled = kept['node:Trigger'].salesforceTriggerQuery;
		compiled.at -= 25 * 60 * 60 * 1000;
		stream.staticData = JSON.stringify(kept);
		advance(60);
		expect(paths(await stream.poll())).toEqual(['/sobjects/Account/describe', '/query']);
		// a field deleted after activation: Salesforce refuses the query; the next poll describes again and goes on
		const again = JSON.parse(stream.staticData!) as Kept;
		again['node:Trigger'].salesforceTriggerQuery.fields.push('Deleted_Field__c');
		stream.staticData = JSON.stringify(again);
		advance(60);
		const [later] = insert(1, () => 'After the field went away');
		advance(60);
		const recovered = await stream.poll();
		expect(recovered.calls.map((c) => [c.path.replace('/services/data/v66.0', ''), c.status])).toEqual([
			['/query', 400],
			['/sobjects/Account/describe', 200],
			['/query', 200],
		]);
		expect(recovered.items.map((i) => i.Id)).toEqual([later]);
		advance(60);
		expect(paths(await stream.poll())).toEqual(['/query']);
	});
});

describe('bad inputs: refused with a clear error at activation (the first active poll) and on Fetch Test Event', () => {
	const cases: Array<[string, Event, TriggerSetup, RegExp, RegExp | undefined, number]> = [
		['an unknown object', 'new', { object: 'Nope__c' }, /^INVALID_TYPE: The object "Nope__c" does not exist in this org/, /pick the object from the list/, 1],
		['an object without CreatedDate', 'new', { object: 'UserRole', fields: [] }, /^UserRole has no CreatedDate field/, /needs CreatedDate and LastModifiedDate or SystemModstamp/, 1],
		['an unknown field to return', 'updated', { fields: ['Name', 'Nope__c'] }, /^Account has no field Nope__c$/, /custom fields end in __c/, 1],
		['an unknown parent field to return', 'updated', { fields: ['Owner.Nope'] }, /^Account has no field Owner.Nope$/, /Check the relationship name/, 2],
		['a start date in the future', 'newOrUpdated', { options: { start: 'date', startDate: new Date(Date.now() + 86_400_000).toISOString() } }, /^The start date .* is in the future$/, /Choose a date in the past/, 0],
		['a start date that is no date', 'newOrUpdated', { options: { start: 'date', startDate: 'next tuesday' } }, /^The start date "next tuesday" is not a date and time/, /2026-05-20T14:30:00/, 0],
		['a start date from an expression', 'new', { options: { start: 'date', startDate: '={{ $now.minus(1, "day") }}' } }, /^Start Date is an expression$/, /Pick a fixed date/, 0],
		['Max Records per Poll out of range', 'new', { options: { maxPerPoll: 0 } }, /^Max Records per Poll must be a number from 1 to 10000, not 0/, undefined, 0],
		['a condition on an unknown field', 'new', { conditions: [{ field: 'Nope__c', operator: 'equals', value: 'x' }] }, /^Condition 1 \(Nope__c\): there is no field Nope__c/, /Pick the field from the list/, 1],
		['an operator the field does not offer', 'new', { conditions: [{ field: 'AnnualRevenue', operator: 'contains', value: '5' }] }, /^Condition 1 \(AnnualRevenue\): "contains" is not an operator for a currency field/, /is greater than \(gt\)/, 1],
		['a value of the wrong type', 'updated', { conditions: [{ field: 'AnnualRevenue', operator: 'gt', value: '1,5' }] }, /^Condition 1 \(AnnualRevenue\): .*"1,5"/, /dot/, 1],
		['a condition on a long text area', 'updated', { conditions: [{ field: 'Description', operator: 'contains', value: 'x' }] }, /^Condition 1 \(Description\): Description cannot be used in a filter/, /cannot filter long text areas/, 1],
		[
			'custom logic that names a missing condition',
			'newOrUpdated',
			{ conditions: [{ field: 'Name', operator: 'equals', value: 'x' }], filterLogic: 'custom', customLogic: '1 OR 2' },
			/^Filter logic: there is no condition 2/,
			undefined,
			1,
		],
	];

	it.each(cases)('%s', async (_what, event, setup, message, hint, calls) => {
		for (const mode of ['trigger', 'manual'] as const) {
			await org.clearCalls();
			const error = await pollOnce(org.harness, triggerNode(event, setup), undefined, mode).then(
				() => undefined,
				(e: unknown) => e as { name: string; message: string; description?: string },
			);
			expect(error?.message).toMatch(message);
			expect(['NodeOperationError', 'NodeApiError']).toContain(error?.name);
			if (hint) expect(error?.description).toMatch(hint);
			// refused before any call where the parameters alone say so; otherwise after the one describe
			expect(dataCalls(await org.calls())).toHaveLength(calls);
		}
	});
});

describe('Fetch Test Event', () => {
	it("returns the newest matching record without moving the trigger's position: a describe and one query", async () => {
		const [older, newer] = [insert(1, () => 'Older')[0], (advance(2), insert(1, () => 'Newer'))[0]];
		advance(5);
		const stream = await Stream.start('new');
		const before = stream.staticData;
		expect(await stream.fetchTestEvent()).toEqual([expect.objectContaining({ Id: newer, Name: 'Newer', event: 'created' })]);
		expect(dataCalls(await org.calls()).map((c) => c.path)).toEqual(['/services/data/v66.0/sobjects/Account/describe', '/services/data/v66.0/query']);
		expect(stream.staticData).toBe(before);
		// On Updated Record: the newest record edited after its creation
		advance(5);
		update([older], () => ({ Name: 'Older, edited' }));
		advance(5);
		insert(1, () => 'Newest, never edited');
		const updated = new Stream(triggerNode('updated'));
		expect(await updated.fetchTestEvent()).toEqual([expect.objectContaining({ Id: older, Name: 'Older, edited', event: 'updated' })]);
		expect(updated.staticData).toBeUndefined();
	});

	it.each(EVENTS)('%s: nothing matching is an error that says so, not an empty success', async (event) => {
		const node = triggerNode(event, { conditions: [{ field: 'Name', operator: 'equals', value: 'No account has this name' }] });
		await expect(pollOnce(org.harness, node, undefined, 'manual')).rejects.toMatchObject({
			message: `No Account records that match the conditions to show for ${{ new: 'On New Record', updated: 'On Updated Record', newOrUpdated: 'On New Or Updated Record' }[event]}`,
			description: expect.stringMatching(/in Salesforce and fetch again/),
		});
	});
});

describe('conditions (the query model: typed values, escaped text, filter logic)', () => {
	it('only matching changes fire; quotes and wildcards in values are matched literally', async () => {
		advance(5);
		const stream = await Stream.start('newOrUpdated', {
			fields: ['Name', 'Industry', 'AnnualRevenue'],
			conditions: [
				{ field: 'Name', operator: 'contains', value: "O'Brien_%" },
				{ field: 'Industry', operator: 'in', values: ['Banking', 'Energy'] },
				{ field: 'AnnualRevenue', operator: 'gte', value: '1000000' },
			],
			filterLogic: 'custom',
			customLogic: '1 OR (2 AND 3)',
		});
		advance(5);
		const [quote] = insert(1, () => "O'Brien_% & Sons");
		insert(1, () => 'OXBrienXX & Sons');
		const [bank] = insert(1, () => 'Big bank', { Industry: 'Banking', AnnualRevenue: 5_000_000 });
		insert(1, () => 'Small bank', { Industry: 'Banking', AnnualRevenue: 10 });
		insert(1, () => 'Big retailer', { Industry: 'Retail', AnnualRevenue: 5_000_000 });
		await stream.drain(60);
		expectOnce(stream.delivered, [quote, bank]);
	});
});

describe('Start', () => {
	it('From the Beginning: every existing record, oldest first, Max Records per Poll at a time, none twice', async () => {
		const existing = [...sandbox().store.records('Account')].map((r) => r.Id);
		const stream = new Stream(triggerNode('new', { options: { start: 'beginning', maxPerPoll: 40 } }));
		const first = await stream.poll();
		expect(first.items).toHaveLength(40);
		await stream.drain(60);
		expectOnce(stream.delivered, existing);
		const created = stream.delivered.map((i) => String(i.CreatedDate));
		expect(created).toEqual([...created].sort());
	});
});

describe('items', () => {
	it('{event, changedAt, ...the record without attributes}; All Fields returns every field of the describe', async () => {
		advance(5);
		const stream = await Stream.start('newOrUpdated', { fields: 'all' });
		advance(5);
		const [id] = insert(1, () => 'Layout', { BillingCity: 'Lyon', Industry: 'Energy' });
		const [{ items }] = await stream.drain(60);
		const describe = sandbox().schemas.get('Account')!.fields.map((f) => f.name);
		// what the trigger reads first, then the describe's order
		const first = ['Id', 'CreatedDate', 'LastModifiedDate'];
		expect(Object.keys(items[0])).toEqual(['event', 'changedAt', ...first, ...describe.filter((f) => !first.includes(f))]);
		expect(items[0]).toMatchObject({ event: 'created', Id: id, Name: 'Layout', Industry: 'Energy', BillingCity: 'Lyon' });
		expect(items[0].changedAt).toBe(isoOf(items[0].LastModifiedDate));
		expect(JSON.stringify(items[0])).not.toContain('attributes');
	});

	it('Default Fields, and fields of parent records (nested as Salesforce returns them) in fields and conditions', async () => {
		advance(5);
		const byDefault = await Stream.start('new', { name: 'Default', fields: 'default' });
		const parents = await Stream.start('new', {
			name: 'Parents',
			fields: ['Name', 'Owner.Username'],
			conditions: [{ field: 'Owner.Username', operator: 'equals', value: 'admin@sandbox.example' }],
		});
		advance(5);
		const [id] = insert(1, () => 'Owned');
		await byDefault.drain(60);
		await parents.drain(60);
		expect(Object.keys(byDefault.delivered[0])).toEqual(['event', 'changedAt', 'Id', 'CreatedDate', 'Name', 'LastModifiedDate', 'SystemModstamp']);
		expect(parents.delivered).toEqual([{ event: 'created', changedAt: expect.any(String), Id: id, CreatedDate: expect.any(String), Name: 'Owned', Owner: { Username: 'admin@sandbox.example' } }]);
	});

	it('logs per poll the records, the API calls and the daily usage; a partial poll as a warning', async () => {
		await withRecordingLogger(async ({ info, debug, warn }) => {
			advance(5);
			const stream = await Stream.start('new', { options: { maxPerPoll: 10000 } });
			advance(5);
			insert(2100);
			advance(60);
			// the daily limit runs out after the first page
			const { max } = await admin.setLimits(org.url, {});
			await admin.setLimits(org.url, { used: max - 1 });
			expect((await stream.poll()).items).toHaveLength(PAGE);
			await admin.setLimits(org.url, { used: 0 });
			expect(warn.mock.calls[0][0]).toMatch(/^Salesforce trigger: a poll failed after 2000 Account records \(On New Record\), 2 API calls; the org has used 100,000 of its 100,000 daily API requests \(100\.0%\); they are delivered, the next poll continues after them\. The org's usage is above 80% of the daily limit\./);
			expect(warn.mock.calls[0][1]).toEqual({ error: expect.stringMatching(/^REQUEST_LIMIT_EXCEEDED/) });
			await stream.drain(60);
			expect(info.mock.calls.map((c) => c[0])).toContainEqual(expect.stringMatching(/^Salesforce trigger: 100 Account records \(On New Record\), 1 API call; the org has used \d+ of its 100,000 daily API requests \(0\.\d%\)$/));
			expect(debug.mock.calls.map((c) => c[0])).toContainEqual(expect.stringMatching(/^Salesforce trigger: nothing new on Account, 1 API call; the org has used/));
		});
	});

	it('above 80% of the daily limit every poll logs a warning with its calls and the usage, idle polls too', async () => {
		await withRecordingLogger(async ({ info, debug, warn }) => {
			advance(5);
			const stream = await Stream.start('new');
			advance(5);
			insert(3);
			advance(60);
			await admin.setLimits(org.url, { used: 4_100, max: 5_000 });
			expect((await stream.poll()).items).toHaveLength(3);
			advance(60);
			expect((await stream.poll()).items).toHaveLength(0);
			// at 80% itself, no warning
			await admin.setLimits(org.url, { used: 3_998, max: 5_000 });
			advance(60);
			expect((await stream.poll()).items).toHaveLength(0);
			await admin.setLimits(org.url, { used: 0, max: 100_000 });
			const limit = 'above 80% of the daily limit. When the limit is reached, every call fails with REQUEST_LIMIT_EXCEEDED; Salesforce counts requests over a rolling 24 hours.';
			expect(warn.mock.calls.map((c) => c[0])).toEqual([
				`Salesforce trigger: 3 Account records (On New Record), 1 API call; the org has used 4,101 of its 5,000 daily API requests (82.0%), ${limit}`,
				`Salesforce trigger: nothing new on Account, 1 API call; the org has used 4,102 of its 5,000 daily API requests (82.0%), ${limit}`,
			]);
			expect(info.mock.calls.map((c) => c[0])).not.toContainEqual(expect.stringMatching(/^Salesforce trigger: 3 Account/));
			expect(debug.mock.calls.map((c) => c[0])).toContainEqual('Salesforce trigger: nothing new on Account, 1 API call; the org has used 3,999 of its 5,000 daily API requests (80.0%)');
		});
	});
});

describe('editor lists', () => {
	const editorNode = (parameters: Record<string, NodeParameterValueType> = {}) =>
		packageNode('salesforceConnectorTrigger', { authentication: 'oAuth2', sobject: { __rl: true, mode: 'list', value: 'Account' }, ...parameters }, {
			name: 'Trigger',
			credentials: { [OAUTH2_TYPE]: { id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org' } },
		});

	it('objects: the spec objects first, custom objects included, searchable', async () => {
		const all = await callNodeMethod<{ results: Array<{ value: string }> }>(org.harness, editorNode(), 'listSearch', 'searchObjects');
		expect(all.results[0].value).toBe('Address');
		const custom = await callNodeMethod<{ results: Array<{ value: string }> }>(org.harness, editorNode(), 'listSearch', 'searchObjects', 'invoice');
		expect(custom.results.map((r) => r.value)).toContain('Invoice__c');
	});

	it("fields (own and of parents), filterable fields, and the operators of a condition row's field: Get Records' lists", async () => {
		const fields = await callNodeMethod<INodePropertyOptions[]>(org.harness, editorNode(), 'loadOptions', 'getQueryFields');
		const filterable = await callNodeMethod<INodePropertyOptions[]>(org.harness, editorNode(), 'loadOptions', 'getFilterFields');
		expect(fields.map((f) => f.value)).toEqual(expect.arrayContaining(['Description', 'Owner.Email']));
		expect(filterable.map((f) => f.value)).not.toContain('Description');
		expect(filterable.map((f) => f.value)).toContain('AnnualRevenue');
		const operators = async (field: string) => {
			const node = editorNode({ conditions: { condition: [{ field }] } });
			const workflow = new Workflow({ id: 'wf-edit', nodes: [node], connections: {}, active: false, nodeTypes: org.harness.nodeTypes });
			const additionalData = org.harness.additionalData();
			additionalData.currentNodeParameters = node.parameters;
			// the path of the row's Operator parameter, as the editor passes it
			const ctx = new LoadOptionsContext(workflow, node, additionalData, 'parameters.conditions.condition[0].operator');
			const type = org.harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const method = type.methods?.loadOptions?.getConditionOperators;
			return ((await method!.call(ctx)) as INodePropertyOptions[]).map((o) => o.value);
		};
		expect(await operators('AnnualRevenue')).toEqual(['equals', 'notEquals', 'lt', 'lte', 'gt', 'gte', 'between', 'isEmpty', 'isNotEmpty']);
		expect(await operators('Industry')).toEqual(['equals', 'notEquals', 'in', 'notIn', 'isEmpty', 'isNotEmpty']);
		// an expression the editor cannot resolve: every operator, the check at activation decides
		expect((await operators('={{ $json.field }}')).length).toBeGreaterThan(20);
	});
});
