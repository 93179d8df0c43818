/**
 * Get Records and SOQL Query through Bulk API 2.0 (the read option "Bulk API"), through n8n's engine against the
 * sandbox org: the same output as REST on a mixed-type object (numbers, booleans, dates, datetimes, multi-select
 * picklists, nulls, parents with and without their fields empty, two levels of parents, the polymorphic Owner);
 * Limit; Auto's choice and its API calls around the threshold (never more than REST); queries a Bulk job cannot
 * run (Always: an error naming the item and the part, no job created; Auto: REST); jobs that fail or do not finish;
 * Continue On Fail.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import * as admin from '../sandbox/admin-client';
import { dataCalls, startOrg, type ApiCall, type TestOrg } from '../harness/org';
import { objectParam, runAction } from '../harness/workflows';

let org: TestOrg;
const N = 2500;
const FIELDS = [
	'Name',
	'External_Id__c',
	'Amount__c',
	'Status__c',
	'Tags__c',
	'Due_Date__c',
	'Paid__c',
	'Discount__c',
	'Quantity__c',
	'Issued_At__c',
	'Account__c',
	'Account__r.Name',
	'Account__r.Industry',
	'Account__r.AnnualRevenue',
	'Account__r.Owner.Email',
	'Owner.Name',
	'CreatedDate',
];
const SOQL = `SELECT Id, ${FIELDS.join(', ')} FROM Invoice__c WHERE External_Id__c LIKE 'BR-%' ORDER BY External_Id__c`;

beforeAll(async () => {
	org = await startOrg();
	// a parent with every selected field set, and one whose selected fields are all empty (REST: {Industry: null, ...})
	const [full, empty] = (await admin.load(org.url, 'Account', [{ Name: 'BR Parent', Industry: 'Energy', AnnualRevenue: 1250000 }, { Name: 'BR Bare' }])).ids;
	const records = Array.from({ length: N }, (_, i) => ({
		Name: `BR ${i}`,
		External_Id__c: `BR-${String(i).padStart(5, '0')}`,
		Amount__c: i % 3 === 0 ? null : i + 0.25,
		Status__c: i % 5 === 0 ? 'Paid' : 'Draft',
		Tags__c: i % 2 ? 'Priority;Export' : null,
		Due_Date__c: i % 7 === 0 ? null : '2026-03-01',
		Paid__c: i % 2 === 0,
		Discount__c: i % 11 === 0 ? null : 12.5,
		Quantity__c: i,
		Issued_At__c: i % 13 === 0 ? null : '2026-03-01T10:15:00.000Z',
		Account__c: i % 4 === 0 ? null : i % 4 === 1 ? empty : full,
	}));
	await admin.load(org.url, 'Invoice__c', records);
}, 120_000);
afterAll(async () => {
	await org?.close();
});
afterEach(async () => {
	await admin.configureBulk(org.url, { queuedMs: 50, processingMs: 500 });
});

type NodeErr = Error & { description?: string; context?: { itemIndex?: number; input?: string; fields?: string[] } };

const jobCalls = (calls: ApiCall[]) => dataCalls(calls).filter((c) => c.path.includes('/jobs/query'));
const queryCalls = (calls: ApiCall[]) => dataCalls(calls).filter((c) => !c.path.includes('/jobs/') && /\/query(All)?(\/|$)/.test(c.path));
const queryJobs = async () => (await admin.bulk(org.url)).jobs.filter((j) => j.kind === 'query');
const getMany = (options: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	resource: 'record',
	operation: 'getMany',
	sobject: objectParam('Invoice__c'),
	fieldsToReturn: 'selected',
	selectedFields: FIELDS,
	conditions: { condition: [{ field: 'External_Id__c', operator: 'startsWith', value: 'BR-' }] },
	sort: { rule: [{ field: 'External_Id__c', direction: 'ASC' }] },
	returnAll: true,
	options,
	...extra,
});
const soql = (options: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ resource: 'record', operation: 'soql', soql: SOQL, returnAll: true, options, ...extra });
const json = (out: INodeExecutionData[]) => out.map((o) => o.json);

async function run(params: Record<string, unknown>, items: object[] = [{}], continueOnFail = false) {
	await org.clearCalls();
	const result = await runAction(org, items, params, { continueOnFail });
	const calls = await org.calls();
	return {
		result,
		calls,
		get out() {
			return result.output('Salesforce');
		},
	};
}

describe('Bulk API: Always gives what REST gives', () => {
	it.each([
		['Get Records', getMany],
		['SOQL Query', soql],
	])('%s: deep-equal items, typed values, parents nested as REST nests them, the same _soql', async (_name, params) => {
		const rest = await run(params({ bulkApi: 'never', addSoql: true }));
		const bulk = await run(params({ bulkApi: 'always', addSoql: true }));
		expect(jobCalls(rest.calls)).toHaveLength(0);
		expect(jobCalls(bulk.calls).filter((c) => c.method === 'POST')).toHaveLength(1);
		expect(queryCalls(bulk.calls)).toHaveLength(0);
		expect(rest.out).toHaveLength(N);
		expect(json(bulk.out)).toEqual(json(rest.out));
		expect(bulk.out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);

		// what the equality covers: every kind of value, the empty parent, no parent, two levels, the polymorphic Owner
		const byKey = new Map(json(bulk.out).map((j) => [j.External_Id__c, j]));
		expect(byKey.get('BR-00000')).toMatchObject({ Amount__c: null, Paid__c: true, Quantity__c: 0, Due_Date__c: null, Account__r: null, Account__c: null, Tags__c: null });
		expect(byKey.get('BR-00001')).toMatchObject({
			Amount__c: 1.25,
			Paid__c: false,
			Tags__c: 'Priority;Export',
			Discount__c: 12.5,
			Due_Date__c: '2026-03-01',
			Issued_At__c: '2026-03-01T10:15:00.000+0000',
			Account__r: { Name: 'BR Bare', Industry: null, AnnualRevenue: null, Owner: { Email: expect.any(String) } },
			Owner: { Name: expect.any(String) },
		});
		expect(byKey.get('BR-00002')).toMatchObject({ Account__r: { Name: 'BR Parent', Industry: 'Energy', AnnualRevenue: 1250000 } });
		expect(Object.keys(byKey.get('BR-00002') as object)).toEqual(Object.keys(json(rest.out)[2]));
		expect(bulk.out[0].json._soql).toBe(rest.out[0].json._soql);
	}, 60_000);

	it('a parent whose selected fields are all empty is an object of nulls, as in REST; no parent is null', async () => {
		const text = "SELECT Id, External_Id__c, Account__r.Industry, Account__r.AnnualRevenue FROM Invoice__c WHERE External_Id__c LIKE 'BR-0000%' ORDER BY External_Id__c";
		const params = (bulkApi: string) => ({ resource: 'record', operation: 'soql', soql: text, returnAll: true, options: { bulkApi } });
		const rest = json((await run(params('never'))).out);
		const bulk = json((await run(params('always'))).out);
		expect(bulk).toEqual(rest);
		expect(bulk.slice(0, 3).map((j) => j.Account__r)).toEqual([null, { Industry: null, AnnualRevenue: null }, { Industry: 'Energy', AnnualRevenue: 1250000 }]);
	});

	it('One Item With All Records: the same records and totalSize', async () => {
		const rest = await run(soql({ bulkApi: 'never', output: 'single' }));
		const bulk = await run(soql({ bulkApi: 'always', output: 'single' }));
		expect(bulk.out).toHaveLength(1);
		expect(bulk.out[0].json).toEqual(rest.out[0].json);
		expect(bulk.out[0].json.totalSize).toBe(N);
	}, 60_000);

	it('Limit: SOQL Query stops after that many (the results page asks for no more), Get Records sends LIMIT; both as REST', async () => {
		const restSoql = await run(soql({ bulkApi: 'never' }, { returnAll: false, limit: 1234 }));
		const bulkSoql = await run(soql({ bulkApi: 'always' }, { returnAll: false, limit: 1234 }));
		expect(bulkSoql.out).toHaveLength(1234);
		expect(json(bulkSoql.out)).toEqual(json(restSoql.out));

		const restGet = await run(getMany({ bulkApi: 'never' }, { returnAll: false, limit: 777 }));
		const bulkGet = await run(getMany({ bulkApi: 'always' }, { returnAll: false, limit: 777 }));
		expect(bulkGet.out).toHaveLength(777);
		expect(json(bulkGet.out)).toEqual(json(restGet.out));
	}, 60_000);

	it('Include Deleted and Archived: queryAll as a job too', async () => {
		const [id] = (await admin.load(org.url, 'Account', [{ Name: 'BR deleted one' }])).ids;
		await org.jsforce.sobject('Account').destroy(id);
		const params = (bulkApi: string) => ({ resource: 'record', operation: 'soql', soql: "SELECT Id, Name, IsDeleted FROM Account WHERE Name = 'BR deleted one'", returnAll: true, options: { bulkApi, includeDeleted: true } });
		const bulk = await run(params('always'));
		expect(json(bulk.out)).toEqual(json((await run(params('never'))).out));
		expect(bulk.out[0].json).toMatchObject({ Name: 'BR deleted one', IsDeleted: true });
	});
});

describe('queries a Bulk API job cannot run', () => {
	it.each([
		['a subquery', 'SELECT Id, (SELECT Id FROM Contacts) FROM Account', /a subquery \(a parent-to-child relationship\) at character 13/],
		['an aggregate', 'SELECT COUNT(Id) FROM Account', /the aggregate function COUNT\(\)/],
		['GROUP BY', 'SELECT Industry FROM Account GROUP BY Industry', /GROUP BY/],
		['OFFSET', 'SELECT Id FROM Account ORDER BY Name OFFSET 5', /OFFSET/],
		['FOR VIEW', 'SELECT Id FROM Account LIMIT 5 FOR VIEW', /FOR VIEW/],
		['toLabel()', 'SELECT toLabel(Industry) FROM Account', /the function toLabel\(\) in the field list/],
		['a compound field', 'SELECT Id, BillingAddress FROM Account', /the compound field BillingAddress/],
	])('SOQL Query, Always, %s: an error on the item that names the part and the fix; no job is created', async (_what, text, message) => {
		const before = (await queryJobs()).length;
		const { result, calls } = await run({ resource: 'record', operation: 'soql', soql: text, returnAll: true, options: { bulkApi: 'always' } }, [{}, {}]);
		const err = result.error('Salesforce') as NodeErr;
		expect(err.message).toMatch(/^Bulk API: Always cannot read this query: Bulk API 2.0 query jobs do not run /);
		expect(err.message).toMatch(message);
		expect(err.description).toMatch(/set the Bulk API option to Auto or Never/);
		expect(err.context?.itemIndex).toBe(0);
		expect(jobCalls(calls)).toHaveLength(0);
		expect(await queryJobs()).toHaveLength(before);
	});

	it('Get Records, Always: Offset and a compound field among All Fields are refused by name', async () => {
		const offset = (await run(getMany({ bulkApi: 'always', offset: 10 }))).result.error('Salesforce') as NodeErr;
		expect(offset.message).toMatch(/do not run OFFSET/);
		expect(offset.description).toMatch(/^Remove the Offset option/);
		const all = (await run({ resource: 'record', operation: 'getMany', sobject: objectParam('Account'), fieldsToReturn: 'all', returnAll: true, options: { bulkApi: 'always' } }))
			.result.error('Salesforce') as NodeErr;
		expect(all.message).toMatch(/do not run the compound field BillingAddress/);
		expect(all.description).toMatch(/Choose its components in Fields to Return/);
		expect(all.context?.fields).toEqual(['BillingAddress']);
	});

	it('Continue On Fail: the refused item is an error item, the other item’s records follow, each paired with its item', async () => {
		const items = [{ q: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' }, { q: "SELECT Id, Name FROM Invoice__c WHERE External_Id__c LIKE 'BR-0000%' ORDER BY Name" }];
		const { out } = await run({ resource: 'record', operation: 'soql', soql: '={{ $json.q }}', returnAll: true, options: { bulkApi: 'always' } }, items, true);
		expect(out).toHaveLength(11);
		expect(out[0].json).toMatchObject({ error: expect.stringMatching(/Bulk API: Always cannot read this query/), statusCode: 'INVALID_INPUT', outcome: 'failed' });
		expect((out[0].pairedItem as { item: number }).item).toBe(0);
		expect(out.slice(1).every((o) => (o.pairedItem as { item: number }).item === 1 && typeof o.json.Id === 'string' && !o.json.error)).toBe(true);
	});
});

describe('a job that fails or does not finish', () => {
	it('Always, not finished within Bulk API Timeout: an error with the job id, and the job is aborted (none left running)', async () => {
		await admin.configureBulk(org.url, { processingMs: 3_600_000 });
		const { result } = await run(soql({ bulkApi: 'always', bulkTimeout: 1 }));
		const err = result.error('Salesforce') as NodeErr;
		const jobs = await queryJobs();
		const last = jobs[jobs.length - 1];
		expect(err.message).toContain(`Bulk API query job ${last.id} did not finish within 1 s`);
		expect(err.description).toMatch(/Bulk API Timeout/);
		expect(err.context?.itemIndex).toBe(0);
		expect(last.state).toBe('Aborted');
	});

	it('Always, a job that fails: an error with the job id; Continue On Fail makes it the item’s error', async () => {
		await admin.configureBulk(org.url, { processingMs: 3_600_000 });
		const running = run(soql({ bulkApi: 'always' }), [{}], true);
		let jobId: string | undefined;
		for (let i = 0; i < 200 && !jobId; i++) {
			jobId = (await queryJobs()).find((j) => j.state === 'UploadComplete' || j.state === 'InProgress')?.id;
			if (!jobId) await new Promise((r) => setTimeout(r, 20));
		}
		expect(jobId).toBeDefined();
		await admin.advanceBulkJob(org.url, String(jobId), { to: 'Failed', errorMessage: 'QUERY_TIMEOUT : test stop' });
		const { out } = await running;
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ statusCode: 'BULK_JOB_FAILED', bulkJobId: jobId });
		expect(String(out[0].json.error)).toContain(`Bulk API query job ${jobId} failed`);
		expect(String(out[0].json.description)).toMatch(/Set Bulk API to Never/);
	});
});

describe('Bulk API: Auto', () => {
	const BIG = 20_600;
	beforeAll(async () => {
		const rows = Array.from({ length: BIG }, (_, i) => ({ LastName: 'Auto Read', FirstName: `No ${i}`, Email: i % 3 ? `n${i}@example.com` : null }));
		for (let s = 0; s < rows.length; s += 10_000) await admin.load(org.url, 'Contact', rows.slice(s, s + 10_000));
	}, 180_000);

	const contacts = (options: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		resource: 'record',
		operation: 'getMany',
		sobject: objectParam('Contact'),
		fieldsToReturn: 'selected',
		selectedFields: ['FirstName', 'Email', 'Account.Name'],
		conditions: { condition: [{ field: 'LastName', operator: 'equals', value: 'Auto Read' }] },
		returnAll: true,
		options,
		...extra,
	});

	it.each([
		['19,999 records: REST pages only', { returnAll: false, limit: 19_999 }, false],
		['20,000 records: the first page, then one job', { returnAll: false, limit: 20_000 }, true],
		[`${BIG.toLocaleString('en-US')} records (Return All): the first page, then one job`, {}, true],
	])('Get Records, %s; never more API calls than REST, the same records', async (_tag, extra, bulk) => {
		const rest = await run(contacts({ bulkApi: 'never' }, extra));
		const auto = await run(contacts({}, extra));
		const n = 'limit' in extra ? (extra.limit as number) : BIG;
		expect(auto.out).toHaveLength(n);
		expect(new Set(auto.out.map((o) => o.json.Id)).size).toBe(n);
		const sorted = (out: INodeExecutionData[]) => json(out).sort((a, b) => String(a.Id).localeCompare(String(b.Id)));
		expect(sorted(auto.out)).toEqual(sorted(rest.out));
		expect(jobCalls(auto.calls).length > 0).toBe(bulk);
		expect(queryCalls(auto.calls)).toHaveLength(bulk ? 1 : Math.ceil(n / 2000));
		expect(dataCalls(auto.calls).length).toBeLessThanOrEqual(dataCalls(rest.calls).length);
		// REST's describes, the first page, then the job: create, polls, one results page
		if (bulk) expect(jobCalls(auto.calls).length).toBeLessThanOrEqual(5);
	}, 120_000);

	it('SOQL Query over 20,000 records: its describes are inside the budget; fewer calls than REST', async () => {
		const text = "SELECT Id, FirstName, Email, Account.Name, Owner.Name FROM Contact WHERE LastName = 'Auto Read'";
		const rest = await run({ resource: 'record', operation: 'soql', soql: text, returnAll: true, options: { bulkApi: 'never' } });
		const auto = await run({ resource: 'record', operation: 'soql', soql: text, returnAll: true });
		expect(auto.out).toHaveLength(BIG);
		expect(jobCalls(auto.calls).length).toBeGreaterThan(0);
		expect(dataCalls(auto.calls).length).toBeLessThan(dataCalls(rest.calls).length);
	}, 120_000);

	it('a query a job cannot run stays with REST, however large', async () => {
		const text = "SELECT Id, MailingAddress FROM Contact WHERE LastName = 'Auto Read'";
		const auto = await run({ resource: 'record', operation: 'soql', soql: text, returnAll: true });
		expect(auto.out).toHaveLength(BIG);
		expect(jobCalls(auto.calls)).toHaveLength(0);
		expect(queryCalls(auto.calls)).toHaveLength(Math.ceil(BIG / 2000));
	}, 120_000);

	it('a small batch size: more REST pages to save, the same choice', async () => {
		const auto = await run(contacts({ batchSize: 1000 }, { returnAll: false, limit: 20_000 }));
		expect(auto.out).toHaveLength(20_000);
		expect(queryCalls(auto.calls)).toHaveLength(1);
		expect(dataCalls(auto.calls).length).toBeLessThan(Math.ceil(20_000 / 1000));
	}, 120_000);

	it('a job not finished within its budget (here the timeout): aborted, and the records read on through REST from the first page', async () => {
		await admin.configureBulk(org.url, { processingMs: 3_600_000 });
		const auto = await run(contacts({ bulkTimeout: 1 }));
		expect(auto.out).toHaveLength(BIG);
		expect(new Set(auto.out.map((o) => o.json.Id)).size).toBe(BIG);
		expect(queryCalls(auto.calls)).toHaveLength(Math.ceil(BIG / 2000));
		const jobs = await queryJobs();
		expect(jobs[jobs.length - 1].state).toBe('Aborted');
	}, 120_000);
});
