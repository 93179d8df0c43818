/**
 * Time in the sandbox org, against the running server: whole-second timestamps, the `Date` header on the org's
 * clock, changes by automated processes (SystemModstamp without LastModifiedDate), late commits of inserts,
 * updates and deletes with `latestDateCovered` held back, get deleted's window, and query locators that expire
 * on the org's clock. Each test names the Salesforce documentation page it follows.
 */
import * as admin from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let token: string;
const V = '/services/data/v66.0';

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await admin.clientCredentialsToken(sb.url)).access_token;
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await admin.reset(sb.url, { seed: false });
});

type Json = Record<string, unknown>;

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: Json & Json[]; headers: Headers }> {
	const res = await fetch(`${sb.url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json & Json[], headers: res.headers };
}

const query = async (soql: string) => (await api(`${V}/query?q=${encodeURIComponent(soql)}`)).body as unknown as { totalSize: number; records: Json[] };

async function create(object: string, fields: Json): Promise<string> {
	const res = await api(`${V}/sobjects/${object}`, { method: 'POST', body: JSON.stringify(fields) });
	expect(res.status).toBe(201);
	return res.body.id as string;
}

async function get(object: string, id: string): Promise<Json> {
	return (await api(`${V}/sobjects/${object}/${id}`)).body;
}

const ms = (sf: string) => Date.parse(sf.replace(/\+0000$/, 'Z'));

describe('timestamps keep whole seconds', () => {
	// Object Reference: "Primitive Data Types": "Regular dateTime fields are full timestamps with a precision of one second"
	it('stamps CreatedDate, LastModifiedDate and SystemModstamp at whole seconds, shared by records of the same second', async () => {
		await admin.setClock(sb.url, { set: '2030-03-04T05:06:07.050Z' });
		const res = await api(`${V}/composite/sobjects`, {
			method: 'POST',
			body: JSON.stringify({ allOrNone: true, records: ['One', 'Two', 'Three'].map((Name) => ({ attributes: { type: 'Account' }, Name })) }),
		});
		const ids = (res.body as unknown as Array<{ id: string }>).map((r) => r.id);
		expect(ids).toHaveLength(3);
		const stamps = new Set<unknown>();
		for (const id of ids) {
			const rec = await get('Account', id);
			expect(rec.CreatedDate).toBe('2030-03-04T05:06:07.000+0000');
			stamps.add(rec.CreatedDate).add(rec.LastModifiedDate).add(rec.SystemModstamp);
		}
		expect([...stamps]).toEqual(['2030-03-04T05:06:07.000+0000']);
		// SOQL compares at that precision ("Comparison Operators"; "Date Formats and Date Literals in WHERE")
		expect((await query('SELECT Id FROM Account WHERE CreatedDate = 2030-03-04T05:06:07Z')).totalSize).toBe(3);
		expect((await query('SELECT Id FROM Account WHERE SystemModstamp > 2030-03-04T05:06:07Z')).totalSize).toBe(0);
		expect((await query('SELECT Id FROM Account WHERE SystemModstamp >= 2030-03-04T05:06:07Z')).totalSize).toBe(3);
		const rows = (await query('SELECT Id, CreatedDate FROM Account ORDER BY CreatedDate, Id')).records;
		expect(rows.map((r) => r.Id)).toEqual([...ids].sort());
		expect(rows.every((r) => r.CreatedDate === '2030-03-04T05:06:07.000+0000')).toBe(true);
	});

	// Object Reference: "Primitive Data Types" (one-second precision): milliseconds a client sends are dropped
	it('stores a datetime written with milliseconds truncated to the second', async () => {
		const id = await create('Invoice__c', { Name: 'Ms', Issued_At__c: '2030-01-01T10:00:00.999Z' });
		expect((await get('Invoice__c', id)).Issued_At__c).toBe('2030-01-01T10:00:00.000+0000');
		await api(`${V}/sobjects/Invoice__c/${id}`, { method: 'PATCH', body: JSON.stringify({ Issued_At__c: '2030-01-01T12:00:00.500+02:00' }) });
		expect((await get('Invoice__c', id)).Issued_At__c).toBe('2030-01-01T10:00:00.000+0000');
		expect((await query('SELECT Id FROM Invoice__c WHERE Issued_At__c = 2030-01-01T10:00:00Z')).totalSize).toBe(1);
		expect((await query('SELECT Id FROM Invoice__c WHERE Issued_At__c > 2030-01-01T10:00:00Z')).totalSize).toBe(0);
	});
});

describe('the Date header', () => {
	const skew = 3 * 24 * 3600 * 1000;
	const dateOf = (h: Headers) => Date.parse(h.get('date') ?? '');

	// RFC 9110 / MDN "Date header": the time the response originated; Salesforce's servers send theirs, so a client
	// reads the org's clock from it (whole seconds)
	it('follows the org clock (skew and advances) on every kind of response', async () => {
		await admin.setClock(sb.url, { skewMs: skew });
		await admin.setClock(sb.url, { advanceMs: 60_000 });
		const expected = () => Date.now() + skew + 60_000;
		const responses: Headers[] = [];
		responses.push((await api(`${V}/limits`)).headers);
		responses.push((await fetch(`${sb.url}${V}/limits`)).headers); // 401 INVALID_SESSION_ID
		responses.push((await api('/services/data/v99.0/limits')).headers); // 404
		responses.push((await fetch(`${sb.url}/services/data/`)).headers); // versions, no auth
		responses.push(
			(
				await fetch(`${sb.url}/services/oauth2/token`, {
					method: 'POST',
					body: new URLSearchParams({ grant_type: 'client_credentials', client_id: admin.DEFAULTS.clientId, client_secret: admin.DEFAULTS.clientSecret }),
				})
			).headers,
		);
		responses.push((await fetch(`${sb.url}/__sandbox/state`)).headers);
		for (const h of responses) {
			expect(h.get('date')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
			expect(Math.abs(dateOf(h) - expected())).toBeLessThan(2500);
		}
	});

	it('agrees with the timestamps of the records it reports', async () => {
		await admin.setClock(sb.url, { skewMs: -skew });
		const res = await api(`${V}/sobjects/Account`, { method: 'POST', body: JSON.stringify({ Name: 'Now' }) });
		const rec = await get('Account', res.body.id as string);
		const created = ms(rec.CreatedDate as string);
		expect(dateOf(res.headers)).toBeGreaterThanOrEqual(created);
		expect(dateOf(res.headers) - created).toBeLessThan(2000);
	});
});

describe('changes by automated processes', () => {
	// Object Reference: "System Fields": LastModifiedDate is when "a user last modified this record", SystemModstamp when
	// "a user or automated process (such as a trigger) last modified" it
	it('POST /__sandbox/recalculate moves SystemModstamp, not LastModifiedDate or LastModifiedById', async () => {
		await admin.setClock(sb.url, { set: '2030-05-01T08:00:00.000Z' });
		const id = await create('Account', { Name: 'Rolled up' });
		await admin.setClock(sb.url, { set: '2030-05-01T08:00:05.000Z' });
		const out = await admin.recalculate(sb.url, 'Account', [id], { Description: 'recalculated' });
		expect(out.records).toEqual([{ id, systemModstamp: '2030-05-01T08:00:05.000+0000', lastModifiedDate: '2030-05-01T08:00:00.000+0000' }]);
		const rec = await get('Account', id);
		expect([rec.LastModifiedDate, rec.SystemModstamp, rec.Description]).toEqual(['2030-05-01T08:00:00.000+0000', '2030-05-01T08:00:05.000+0000', 'recalculated']);
		// "user edits only" vs "system changes too"
		expect((await query('SELECT Id FROM Account WHERE LastModifiedDate > 2030-05-01T08:00:00Z')).totalSize).toBe(0);
		expect((await query('SELECT Id FROM Account WHERE SystemModstamp > 2030-05-01T08:00:00Z')).totalSize).toBe(1);
		// sObject Get Updated uses SystemModstamp ("REST API Developer Guide: sObject Get Updated")
		await admin.setClock(sb.url, { set: '2030-05-01T08:01:10.000Z' });
		const updated = await api(`${V}/sobjects/Account/updated/?start=2030-05-01T07:00:00Z&end=2030-05-01T09:00:00Z`);
		expect(updated.body.ids).toEqual([id]);
	});

	it('refuses unknown records and bad input, changing nothing', async () => {
		const id = await create('Account', { Name: 'Kept' });
		const before = await get('Account', id);
		await expect(admin.recalculate(sb.url, 'Account', [id, '001000000000000AAA'])).rejects.toThrow(/404/);
		expect((await get('Account', id)).SystemModstamp).toBe(before.SystemModstamp);
		await expect(admin.call(sb.url, 'POST', 'recalculate', { object: 'Account' })).rejects.toThrow(/400/);
	});
});

describe('late commits of updates and deletes', () => {
	// SOAP API Developer Guide: "GetUpdatedResult" / "GetDeletedResult": latestDateCovered lets the next call "capture
	// the changes that started after this date but didn't complete before endDate"
	it('a late update shows the old version until it commits, holds latestDateCovered back and locks the row', async () => {
		await admin.setClock(sb.url, { set: '2030-06-01T10:00:10.000Z' });
		const id = await create('Account', { Name: 'Before' });
		await admin.setClock(sb.url, { set: '2030-06-01T10:00:20.000Z' });
		const late = await admin.lateUpdate(sb.url, 'Account', id, { Name: 'After' }, 120_000);
		expect([late.operation, late.systemModstamp, late.visibleAfter]).toEqual(['update', '2030-06-01T10:00:20.000+0000', '2030-06-01T10:02:20.000Z']);
		await admin.setClock(sb.url, { set: '2030-06-01T10:01:30.000Z' });
		expect((await get('Account', id)).Name).toBe('Before');
		expect((await query(`SELECT Name FROM Account WHERE Id = '${id}'`)).records[0].Name).toBe('Before');
		const window = `${V}/sobjects/Account/updated/?start=2030-06-01T09:00:00Z&end=2030-06-01T11:00:00Z`;
		expect((await api(window)).body.latestDateCovered).toBe('2030-06-01T10:00:00.000+0000');
		const locked = await api(`${V}/sobjects/Account/${id}`, { method: 'PATCH', body: JSON.stringify({ Name: 'Other' }) });
		expect([locked.status, (locked.body[0] as Json).errorCode]).toEqual([400, 'UNABLE_TO_LOCK_ROW']);
		await admin.setClock(sb.url, { set: '2030-06-01T10:02:30.000Z' });
		const after = await get('Account', id);
		expect([after.Name, after.SystemModstamp, after.LastModifiedDate]).toEqual(['After', late.systemModstamp, late.systemModstamp]);
		const covered = (await api(window)).body;
		expect(covered.latestDateCovered).toBe('2030-06-01T10:02:00.000+0000');
		expect(covered.ids).toEqual([id]);
	});

	it('a late delete keeps the record visible and out of the delete log until it commits', async () => {
		await admin.setClock(sb.url, { set: '2030-06-02T10:00:10.000Z' });
		const id = await create('Account', { Name: 'Doomed' });
		const late = await admin.lateDelete(sb.url, 'Account', id, 120_000);
		await admin.setClock(sb.url, { set: '2030-06-02T10:01:30.000Z' });
		const window = `${V}/sobjects/Account/deleted/?start=2030-06-02T09:00:00Z&end=2030-06-02T11:00:00Z`;
		let res = (await api(window)).body;
		expect(res.deletedRecords).toEqual([]);
		expect(res.latestDateCovered).toBe('2030-06-02T10:00:00.000+0000');
		expect((await query(`SELECT Id FROM Account WHERE Id = '${id}'`)).totalSize).toBe(1);
		await admin.setClock(sb.url, { set: '2030-06-02T10:02:30.000Z' });
		res = (await api(window)).body;
		expect(res.deletedRecords).toEqual([{ id, deletedDate: late.systemModstamp }]);
		expect(res.latestDateCovered).toBe('2030-06-02T10:02:00.000+0000');
		expect((await query(`SELECT Id FROM Account WHERE Id = '${id}'`)).totalSize).toBe(0);
		expect((await api(`${V}/sobjects/Account/${id}`)).status).toBe(404);
	});

	it('keeps late inserts working as before', async () => {
		const late = await admin.lateCommit(sb.url, 'Account', { Name: 'Late Co' }, 60_000);
		expect(late.operation).toBe('insert');
		expect((await query("SELECT Id FROM Account WHERE Name = 'Late Co'")).totalSize).toBe(0);
		await admin.setClock(sb.url, { advanceMs: 61_000 });
		expect((await query("SELECT Id FROM Account WHERE Name = 'Late Co'")).totalSize).toBe(1);
	});
});

describe('get deleted', () => {
	async function deleteAt(iso: string, name: string): Promise<string> {
		await admin.setClock(sb.url, { set: iso });
		const id = await create('Account', { Name: name });
		expect((await api(`${V}/sobjects/Account/${id}`, { method: 'DELETE' })).status).toBe(204);
		return id;
	}

	// REST API Developer Guide: "sObject Get Deleted": "Results are returned for no more than 15 days previous to the day
	// the call is executed"; SOAP API Developer Guide: "GetDeletedResult": earliestDateAvailable is "the timestamp ... of
	// the last physically deleted object"
	it('serves 15 days of the delete log; earliestDateAvailable is the last purged deletion', async () => {
		const a = await deleteAt('2030-01-01T10:00:42.000Z', 'Old');
		await admin.setClock(sb.url, { set: '2030-01-01T10:05:00.000Z' });
		let res = (await api(`${V}/sobjects/Account/deleted/?start=2029-12-31T00:00:00Z&end=2030-01-01T11:00:00Z`)).body;
		expect(res.deletedRecords).toEqual([{ id: a, deletedDate: '2030-01-01T10:00:42.000+0000' }]);
		// nothing purged yet: the log is complete from the start of the 15-day horizon
		expect(res.earliestDateAvailable).toBe('2029-12-17T00:00:00.000+0000');
		const b = await deleteAt('2030-01-20T10:00:00.000Z', 'Recent');
		await admin.setClock(sb.url, { set: '2030-01-20T10:03:00.000Z' });
		res = (await api(`${V}/sobjects/Account/deleted/?start=2030-01-01T00:00:00Z&end=2030-01-20T10:03:00Z`)).body;
		expect(res.deletedRecords).toEqual([{ id: b, deletedDate: '2030-01-20T10:00:00.000+0000' }]);
		expect(res.earliestDateAvailable).toBe('2030-01-01T10:00:00.000+0000');
		expect(res.latestDateCovered).toBe('2030-01-20T10:03:00.000+0000');
	});

	// SOAP API Developer Guide: "getDeleted()": "The specified startDate must chronologically precede the specified
	// endDate value by more than one minute" (INVALID_REPLICATION_DATE); the seconds are ignored ("sObject Get Deleted")
	it('needs start to precede end by more than a minute, seconds ignored', async () => {
		await admin.setClock(sb.url, { set: '2030-02-01T12:00:00.000Z' });
		for (const [start, end] of [
			['2030-02-01T10:00:00Z', '2030-02-01T10:01:00Z'],
			['2030-02-01T10:00:30Z', '2030-02-01T10:01:59Z'],
			['2030-02-01T10:05:00Z', '2030-02-01T10:00:00Z'],
		]) {
			const res = await api(`${V}/sobjects/Account/deleted/?start=${start}&end=${end}`);
			expect(res.status).toBe(400);
			expect((res.body[0] as Json).errorCode).toBe('INVALID_REPLICATION_DATE');
		}
		const ok = await api(`${V}/sobjects/Account/deleted/?start=2030-02-01T10:00:59Z&end=2030-02-01T10:02:00Z`);
		expect(ok.status).toBe(200);
		expect(ok.body.latestDateCovered).toBe('2030-02-01T10:02:00.000+0000');
	});
});

describe('query locators', () => {
	// SOAP API Developer Guide: "QueryLocator": "The queryLocator value expires automatically after 15 minutes of
	// inactivity" (here on the org's clock, so advancing it ages open cursors)
	it('expire after 15 minutes without use on the org clock', async () => {
		await admin.load(sb.url, 'Invoice__c', Array.from({ length: 450 }, (_, i) => ({ Name: `Page ${i}` })));
		const first = await api(`${V}/query?q=${encodeURIComponent('SELECT Id FROM Invoice__c ORDER BY Name')}`, { headers: { 'Sforce-Query-Options': 'batchSize=200' } });
		const next = first.body.nextRecordsUrl as string;
		expect(next).toMatch(/-200$/);
		await admin.setClock(sb.url, { advanceMs: 14 * 60_000 });
		const second = await api(next);
		expect(second.status).toBe(200);
		await admin.setClock(sb.url, { advanceMs: 15 * 60_000 + 1000 });
		const third = await api(second.body.nextRecordsUrl as string);
		expect([third.status, (third.body[0] as Json).errorCode]).toEqual([400, 'INVALID_QUERY_LOCATOR']);
	});
});
