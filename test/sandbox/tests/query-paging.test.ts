/** /query and /queryAll paging with query locators over 5,000 records, driven by jsforce. */
import { Connection } from '@jsforce/jsforce-node';

import { clientCredentialsToken, load } from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let conn: Connection;
let token: string;
const TOTAL = 5000;


async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> | Array<Record<string, unknown>> }> {
	const res = await fetch(`${sb.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await clientCredentialsToken(sb.url)).access_token;
	conn = new Connection({ instanceUrl: sb.url, accessToken: token, version: '66.0' });
	const records = Array.from({ length: TOTAL }, (_, i) => ({ Name: `Paging ${String(i).padStart(5, '0')}`, External_Id__c: `P-${i}` }));
	await load(sb.url, 'Invoice__c', records);
});

afterAll(async () => {
	await sb.close();
});

const SOQL = "SELECT Id, Name FROM Invoice__c WHERE Name LIKE 'Paging %' ORDER BY Name";

describe('query paging', () => {
	it('pages 2,000 at a time by default with nextRecordsUrl locators', async () => {
		const first = await get(`/services/data/v66.0/query?q=${encodeURIComponent(SOQL)}`);
		expect(first.status).toBe(200);
		const page = first.body as { totalSize: number; done: boolean; nextRecordsUrl: string; records: unknown[] };
		expect(page.totalSize).toBe(TOTAL);
		expect(page.done).toBe(false);
		expect(page.records).toHaveLength(2000);
		expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g[a-zA-Z0-9]{15}-2000$/);
		expect(Object.keys(first.body)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
		const second = (await get(page.nextRecordsUrl)).body as typeof page;
		expect(second.records).toHaveLength(2000);
		expect(second.nextRecordsUrl).toMatch(/-4000$/);
		const last = (await get(second.nextRecordsUrl)).body as typeof page;
		expect(last.done).toBe(true);
		expect(last.records).toHaveLength(1000);
		expect('nextRecordsUrl' in last).toBe(false);
	});

	it('honours Sforce-Query-Options batchSize and clamps it to 200..2000', async () => {
		const q = `/services/data/v66.0/query?q=${encodeURIComponent(SOQL)}`;
		expect(((await get(q, { 'Sforce-Query-Options': 'batchSize=500' })).body as { records: unknown[] }).records).toHaveLength(500);
		expect(((await get(q, { 'Sforce-Query-Options': 'batchSize=10' })).body as { records: unknown[] }).records).toHaveLength(200);
		expect(((await get(q, { 'Sforce-Query-Options': 'batchSize=9000' })).body as { records: unknown[] }).records).toHaveLength(2000);
	});

	it('jsforce autoFetch collects all 5,000 records in order through queryMore', async () => {
		let fetches = 0;
		const query = conn.query<{ Id: string; Name: string }>(SOQL, { autoFetch: true, maxFetch: 10000, headers: { 'Sforce-Query-Options': 'batchSize=1000' } });
		query.on('fetch', () => fetches++);
		const res = await query.run();
		expect(res.totalSize).toBe(TOTAL);
		expect(res.records).toHaveLength(TOTAL);
		expect(res.records[0].Name).toBe('Paging 00000');
		expect(res.records[TOTAL - 1].Name).toBe('Paging 04999');
		expect(new Set(res.records.map((r) => r.Id)).size).toBe(TOTAL);
		expect(fetches).toBe(5);
	});

	it('jsforce queryMore follows a locator by hand', async () => {
		const first = await conn.query(SOQL);
		expect(first.done).toBe(false);
		expect(first.records).toHaveLength(2000);
		const more = await conn.queryMore(first.nextRecordsUrl as string);
		expect(more.records).toHaveLength(2000);
		expect((more.records[0] as { Name: string }).Name).toBe('Paging 02000');
	});

	it('queryAll includes deleted records and pages through /query locators', async () => {
		const res = await conn.query<{ Id: string }>('SELECT Id FROM Invoice__c LIMIT 3');
		await conn.sobject('Invoice__c').destroy(res.records[0].Id);
		const live = await conn.query(SOQL, { autoFetch: true, maxFetch: 10000 }).run();
		expect(live.totalSize).toBe(TOTAL - 1);
		const all = await conn.query(SOQL, { autoFetch: true, maxFetch: 10000, scanAll: true }).run();
		expect(all.totalSize).toBe(TOTAL);
		expect(all.records).toHaveLength(TOTAL);
	});

	it('answers unknown locators and bad SOQL with Salesforce errors', async () => {
		expect(await get('/services/data/v66.0/query/01gXXXXXXXXXXXXXXX-2000')).toEqual({
			status: 400,
			body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }],
		});
		const bad = await get(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT Nope FROM Invoice__c')}`);
		expect(bad.status).toBe(400);
		expect((bad.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
		expect(await get('/services/data/v66.0/query?q=')).toEqual({
			status: 400,
			body: [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }],
		});
		const count = await get(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT COUNT() FROM Invoice__c')}`);
		expect(count.body).toEqual({ totalSize: TOTAL - 1, done: true, records: [] });
	});
});
