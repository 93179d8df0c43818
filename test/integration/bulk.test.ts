/**
 * Bulk API 2.0 against the sandbox org: record writes through n8n's engine (Auto / Always / Never, create, update,
 * upsert, delete, dynamic and static; per-item errors with the REST path's codes, in input order; Continue On Fail on
 * and off; a job that does not finish in time; a job that fails; a lost answer while closing the job), and the
 * client's bulkQuery read directly (pages, typed values, nested relationships, the same records as REST's query).
 */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INodeExecutionData } from 'n8n-workflow';

import { SalesforceClient } from '../../shared/client/client';
import { SalesforceError } from '../../shared/client/error';
import type { BulkQueryPage, SalesforceRecord } from '../../shared/client/types';
import * as admin from '../sandbox/admin-client';
import { dataCalls, startOrg, type ApiCall, type TestOrg } from '../harness/org';
import { actionNode, mapped, objectParam, runAction } from '../harness/workflows';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});
afterEach(async () => {
	await org.admin('faults', {});
	await admin.configureBulk(org.url, { queuedMs: 50, processingMs: 500 });
});

type NodeErr = Error & { description?: string; context?: { itemIndex?: number } };

const itemOf = (o: INodeExecutionData) => (o.pairedItem as { item: number }).item;
const failedAt = (out: INodeExecutionData[]) => out.map((o, i) => (o.json.error ? i : -1)).filter((i) => i >= 0);
const bulkCalls = (calls: ApiCall[]) => dataCalls(calls).filter((c) => c.path.includes('/jobs/'));
const collectionCalls = (calls: ApiCall[]) => dataCalls(calls).filter((c) => c.path.includes('/composite/sobjects'));
const count = async (soql: string) => (await org.jsforce.query(soql)).totalSize;

async function namesById(like: string): Promise<Map<string, string>> {
	const records = (await org.jsforce
		.sobject('Account')
		.find({ Name: { $like: like } }, ['Id', 'Name'])
		.execute({ autoFetch: true, maxFetch: 200_000 })) as Array<{ Id: string; Name: string }>;
	return new Map(records.map((r) => [r.Id, r.Name]));
}

const create = (columns: Record<string, string | number | boolean | null>, options: Record<string, unknown> = {}) => ({
	resource: 'record',
	operation: 'create',
	sobject: objectParam('Account'),
	columns: mapped(columns),
	options,
});

async function accounts(names: string[], extra: Record<string, unknown> = {}): Promise<string[]> {
	return (await admin.load(org.url, 'Account', names.map((Name) => ({ Name, ...extra })))).ids;
}

describe('10,000 creates through one Bulk API job', () => {
	const N = 10_000;
	const bad = { 17: 'long', 777: 'parent', 4242: 'long', 9998: 'long' } as Record<number, 'long' | 'parent'>;
	const missingParent = '0018d00000zzzzz';
	const items = Array.from({ length: N }, (_, i) => ({
		name: bad[i] === 'long' ? 'x'.repeat(300) : `Bulk10k ${i}`,
		parent: bad[i] === 'parent' ? missingParent : '',
	}));
	const params = (options: Record<string, unknown> = {}) => create({ Name: '={{ $json.name }}', ParentId: '={{ $json.parent }}' }, options);

	it('the bad rows fail with the REST path’s codes on the right items, in input order, for a handful of API calls', async () => {
		await org.clearCalls();
		const result = await runAction(org, items, params(), { continueOnFail: true });
		const calls = await org.calls();
		const out = result.output('Salesforce');
		expect(out).toHaveLength(N);
		expect(out.map(itemOf)).toEqual(items.map((_, i) => i));
		expect(failedAt(out)).toEqual([17, 777, 4242, 9998]);

		// the same items through REST (Bulk API: Never) fail with the same codes and fields
		const badItems = Object.keys(bad).map(Number);
		const rest = (await runAction(org, badItems.map((i) => items[i]), params({ bulkApi: 'never' }), { continueOnFail: true })).output('Salesforce');
		badItems.forEach((i, k) => {
			expect(out[i].json).toMatchObject({ statusCode: rest[k].json.statusCode, fields: rest[k].json.fields, outcome: 'failed', bulkJobId: expect.stringMatching(/^750/) });
		});
		expect(out[17].json.statusCode).toBe('STRING_TOO_LONG');
		expect(out[777].json.statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');

		// every saved item's id is the record made from that item
		const names = await namesById('Bulk10k %');
		expect(names.size).toBe(N - 4);
		out.forEach((o, i) => {
			if (!o.json.error) expect(names.get(String(o.json.id))).toBe(`Bulk10k ${i}`);
		});

		// describe + job create + upload + close + polls + the result files the job's counts say are not empty
		const data = dataCalls(calls);
		const job = bulkCalls(calls);
		expect(job.filter((c) => c.method === 'POST')).toHaveLength(1);
		expect(job.filter((c) => c.method === 'PUT')).toHaveLength(1);
		expect(job.filter((c) => c.method === 'PATCH')).toHaveLength(1);
		const polls = job.filter((c) => c.method === 'GET' && /\/jobs\/ingest\/750\w+$/.test(c.path));
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.length).toBeLessThanOrEqual(4);
		expect(job.filter((c) => /Results\/?$|unprocessedrecords\/?$/.test(c.path)).map((c) => c.path.split('/').filter(Boolean).pop())).toEqual([
			'successfulResults',
			'failedResults',
		]);
		expect(collectionCalls(calls)).toHaveLength(0);
		expect(data.length).toBeLessThanOrEqual(10);
		await org.jsforce.sobject('Account').destroy([...names.keys()], { allowRecursive: true });
	}, 120_000);
});

describe('Bulk API option: Auto, Always, Never', () => {
	const items = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ name: `${tag} ${i}` }));

	it.each([
		['Auto below the threshold: collections', 'auto', 1999, false],
		['Auto at the threshold: one job', 'auto', 2000, true],
		['Never: collections', 'never', 2000, false],
		['Always: one job for 3 items', 'always', 3, true],
	] as const)('%s', async (tag, mode, n, bulk) => {
		await org.clearCalls();
		const out = (await runAction(org, items(n, tag), create({ Name: '={{ $json.name }}' }, { bulkApi: mode }))).output('Salesforce');
		expect(out).toHaveLength(n);
		expect(out.every((o) => o.json.success === true && String(o.json.id).startsWith('001'))).toBe(true);
		const calls = await org.calls();
		expect(bulkCalls(calls).length > 0).toBe(bulk);
		expect(collectionCalls(calls)).toHaveLength(bulk ? 0 : Math.ceil(n / 200));
		expect(await count(`SELECT COUNT() FROM Account WHERE Name LIKE '${tag} %'`)).toBe(n);
	});

	it('Auto decides per group: 2,000 Accounts go as one job, 3 Contacts of the same input through collections, output in input order', async () => {
		const contacts = new Set([5, 705, 1405]);
		const list = Array.from({ length: 2003 }, (_, i) => (contacts.has(i) ? { object: 'Contact', LastName: `Mixed group ${i}` } : { object: 'Account', Name: `Mixed group ${i}` }));
		await org.clearCalls();
		const out = (
			await runAction(org, list, {
				resource: 'record',
				operation: 'create',
				sobject: { __rl: true, mode: 'name', value: '={{ $json.object }}' },
				columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
			})
		).output('Salesforce');
		expect(out.map(itemOf)).toEqual(list.map((_, i) => i));
		out.forEach((o, i) => expect(String(o.json.id).slice(0, 3)).toBe(contacts.has(i) ? '003' : '001'));
		const calls = await org.calls();
		expect(bulkCalls(calls).filter((c) => c.method === 'POST')).toHaveLength(1);
		expect(collectionCalls(calls)).toHaveLength(1);
	});

	it('Auto with All or None stays with collections (the Bulk API has no All or None)', async () => {
		await org.clearCalls();
		const out = (await runAction(org, items(2000, 'AutoAon'), create({ Name: '={{ $json.name }}' }, { allOrNone: true }))).output('Salesforce');
		expect(out.every((o) => o.json.success === true)).toBe(true);
		expect(bulkCalls(await org.calls())).toHaveLength(0);
	});

	it('Always with All or None is refused before anything is sent', async () => {
		await org.clearCalls();
		const result = await runAction(org, items(3, 'AlwaysAon'), create({ Name: '={{ $json.name }}' }, { bulkApi: 'always', allOrNone: true }));
		expect(result.error('Salesforce')?.message).toMatch(/All or None cannot be used with Bulk API set to Always/);
		expect(dataCalls(await org.calls())).toHaveLength(0);
	});

	it('a text value "#N/A" (null in Bulk CSV): Auto keeps REST for the group, Always refuses that item only', async () => {
		const list = items(2000, 'NA').map((it, i) => ({ ...it, description: i === 5 ? '#N/A' : 'kept' }));
		const params = (bulkApi: string) => create({ Name: '={{ $json.name }}', Description: '={{ $json.description }}' }, { bulkApi });
		await org.clearCalls();
		const auto = (await runAction(org, list, params('auto'))).output('Salesforce');
		expect(bulkCalls(await org.calls())).toHaveLength(0);
		const rec = (await org.jsforce.sobject('Account').retrieve(String(auto[5].json.id))) as { Description: string };
		expect(rec.Description).toBe('#N/A');

		await org.clearCalls();
		const always = (await runAction(org, list.slice(0, 10), params('always'), { continueOnFail: true })).output('Salesforce');
		expect(failedAt(always)).toEqual([5]);
		expect(always[5].json).toMatchObject({ statusCode: 'INVALID_INPUT', outcome: 'failed' });
		expect(String(always[5].json.error)).toMatch(/cannot go through the Bulk API: Description: the text "#N\/A"/);
		expect(bulkCalls(await org.calls()).length).toBeGreaterThan(0);

		// without Continue On Fail nothing is sent
		await org.clearCalls();
		const stopped = await runAction(org, list.slice(0, 10), params('always'));
		expect((stopped.error('Salesforce') as NodeErr).context?.itemIndex).toBe(5);
		expect(bulkCalls(await org.calls())).toHaveLength(0);
	});
});

describe('update, upsert and delete through Bulk', () => {
	it('update: changed, cleared by null, left alone when empty; a deleted record and a too-long value fail on their items', async () => {
		const ids = await accounts(['Upd 0', 'Upd 1', 'Upd 2', 'Upd 3', 'Upd 4'], { AccountNumber: 'AN', Description: 'before' });
		await org.jsforce.sobject('Account').destroy(ids[3]);
		const items = [
			{ id: ids[0], name: 'Upd 0 renamed' },
			{ id: ids[1], number: null },
			{ id: ids[2], number: '', description: 'after' },
			{ id: ids[3], name: 'Upd 3 gone' },
			{ id: ids[4], name: 'x'.repeat(300) },
		];
		const params = (bulkApi: string) => ({
			resource: 'record',
			operation: 'update',
			sobject: objectParam('Account'),
			columns: mapped({ Id: '={{ $json.id }}', Name: '={{ $json.name }}', AccountNumber: '={{ $json.number }}', Description: '={{ $json.description }}' }, ['Id']),
			options: { bulkApi },
		});
		await org.clearCalls();
		const out = (await runAction(org, items, params('always'), { continueOnFail: true })).output('Salesforce');
		expect(bulkCalls(await org.calls()).length).toBeGreaterThan(0);
		expect(out.map((o) => o.json.success ?? o.json.statusCode)).toEqual([true, true, true, 'ENTITY_IS_DELETED', 'STRING_TOO_LONG']);
		expect(out.slice(0, 3).map((o) => o.json.id)).toEqual(ids.slice(0, 3).map((id) => expect.stringContaining(id.slice(0, 15))));
		const rest = (await runAction(org, items.slice(3), params('never'), { continueOnFail: true })).output('Salesforce');
		expect(rest.map((o) => o.json.statusCode)).toEqual(['ENTITY_IS_DELETED', 'STRING_TOO_LONG']);

		const read = async (id: string) => (await org.jsforce.sobject('Account').retrieve(id)) as { Name: string; AccountNumber: string | null; Description: string };
		expect(await read(ids[0])).toMatchObject({ Name: 'Upd 0 renamed', AccountNumber: 'AN', Description: 'before' });
		expect((await read(ids[1])).AccountNumber).toBeNull();
		expect(await read(ids[2])).toMatchObject({ AccountNumber: 'AN', Description: 'after' });
	});

	it('upsert on an external ID: created true/false per item, the existing record updated', async () => {
		const [existing] = await accounts(['Ups existing'], { Customer_Number__c: 'UPS-1' });
		const items = [
			{ key: 'UPS-2', name: 'Ups new 2' },
			{ key: 'UPS-1', name: 'Ups existing renamed' },
			{ key: 'UPS-3', name: 'x'.repeat(300) },
			{ key: 'UPS-4', name: 'Ups new 4' },
		];
		const out = (
			await runAction(
				org,
				items,
				{
					resource: 'record',
					operation: 'upsert',
					sobject: objectParam('Account'),
					columns: mapped({ Customer_Number__c: '={{ $json.key }}', Name: '={{ $json.name }}' }, ['Customer_Number__c']),
					options: { bulkApi: 'always' },
				},
				{ continueOnFail: true },
			)
		).output('Salesforce');
		expect(out.map((o) => o.json.created ?? o.json.statusCode)).toEqual([true, false, 'STRING_TOO_LONG', true]);
		expect(String(out[1].json.id).slice(0, 15)).toBe(existing.slice(0, 15));
		const recs = await org.jsforce.query<{ Customer_Number__c: string; Name: string; Id: string }>(
			"SELECT Id, Name, Customer_Number__c FROM Account WHERE Customer_Number__c LIKE 'UPS-%' ORDER BY Customer_Number__c",
		);
		expect(recs.records.map((r) => [r.Customer_Number__c, r.Name])).toEqual([
			['UPS-1', 'Ups existing renamed'],
			['UPS-2', 'Ups new 2'],
			['UPS-4', 'Ups new 4'],
		]);
		expect(String(out[3].json.id)).toBe(recs.records[2].Id);
	});

	it('delete: an already deleted record fails on its item with the REST code; the others are deleted', async () => {
		const ids = await accounts(['Del 0', 'Del 1', 'Del 2', 'Del 3']);
		await org.jsforce.sobject('Account').destroy(ids[1]);
		const params = (bulkApi: string) => ({ resource: 'record', operation: 'delete', sobject: objectParam('Account'), recordId: '={{ $json.id }}', options: { bulkApi } });
		const out = (await runAction(org, ids.map((id) => ({ id })), params('always'), { continueOnFail: true })).output('Salesforce');
		expect(out.map((o) => o.json.success ?? o.json.statusCode)).toEqual([true, 'ENTITY_IS_DELETED', true, true]);
		const rest = (await runAction(org, [{ id: ids[1] }], params('never'), { continueOnFail: true })).output('Salesforce');
		expect(rest[0].json.statusCode).toBe('ENTITY_IS_DELETED');
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Del %'")).toBe(0);
	});

	it('a static action (Account > Create) with Return Full Record goes through the same Bulk path', async () => {
		await org.clearCalls();
		const out = (
			await runAction(org, [{ n: 'Static bulk 1' }, { n: 'Static bulk 2' }], {
				resource: 'account',
				operation: 'create',
				accountName: '={{ $json.n }}',
				options: { bulkApi: 'always', returnFullRecord: true },
			})
		).output('Salesforce');
		expect(out.map((o) => o.json.Name)).toEqual(['Static bulk 1', 'Static bulk 2']);
		expect(out[0].json.Id).toMatch(/^001/);
		const calls = await org.calls();
		expect(bulkCalls(calls).length).toBeGreaterThan(0);
		// the read-back: one retrieve for the job's records
		expect(collectionCalls(calls).map((c) => c.method)).toEqual(['POST']);
	});
});

describe('a job that does not finish, fails, or loses an answer', () => {
	it('not finished within the timeout: every item’s outcome is unknown, with the job id (never "failed, retry")', async () => {
		await admin.configureBulk(org.url, { processingMs: 3_600_000 });
		const items = [{ n: 'Slow 0' }, { n: 'Slow 1' }, { n: 'Slow 2' }];
		const params = create({ Name: '={{ $json.n }}' }, { bulkApi: 'always', bulkTimeout: 1 });
		const started = Date.now();
		const out = (await runAction(org, items, params, { continueOnFail: true })).output('Salesforce');
		expect(Date.now() - started).toBeLessThan(10_000);
		const jobs = (await admin.bulk(org.url)).jobs.filter((j) => j.kind === 'ingest' && j.state === 'InProgress');
		expect(jobs).toHaveLength(1);
		for (const o of out) {
			expect(o.json).toMatchObject({ outcome: 'unknown', statusCode: 'OUTCOME_UNKNOWN', bulkJobId: jobs[0].id });
			expect(String(o.json.error)).toContain(`Bulk API job ${jobs[0].id} did not finish within 1 s`);
			expect(String(o.json.description)).toMatch(/Bulk Data Load Jobs/);
			expect(String(o.json.description)).not.toMatch(/you can retry/i);
		}

		const result = await runAction(org, items, params);
		const err = result.error('Salesforce') as NodeErr;
		expect(err.message).toMatch(/Bulk API job 750\w+ did not finish within 1 s/);
		expect(err.description).toMatch(/Saved or not is unknown for item\(s\) 0-2/);

		// the jobs go on: Salesforce saves the records later
		for (const job of (await admin.bulk(org.url)).jobs.filter((j) => j.state === 'InProgress')) await admin.advanceBulkJob(org.url, job.id);
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Slow %'")).toBe(6);
	});

	it('a job that fails before processing: its items were not saved, with the job’s reason', async () => {
		await admin.configureBulk(org.url, { processingMs: 3_600_000 });
		const run = runAction(org, [{ n: 'Fails 0' }, { n: 'Fails 1' }], create({ Name: '={{ $json.n }}' }, { bulkApi: 'always' }), { continueOnFail: true });
		let jobId: string | undefined;
		for (let i = 0; i < 100 && !jobId; i++) {
			jobId = (await admin.bulk(org.url)).jobs.find((j) => j.kind === 'ingest' && (j.state === 'UploadComplete' || j.state === 'InProgress'))?.id;
			if (!jobId) await new Promise((r) => setTimeout(r, 20));
		}
		expect(jobId).toBeDefined();
		await admin.advanceBulkJob(org.url, String(jobId), { to: 'Failed', errorMessage: 'InvalidBatch : test stop' });
		const out = (await run).output('Salesforce');
		for (const o of out) {
			expect(o.json).toMatchObject({ statusCode: 'BULK_JOB_FAILED', outcome: 'failed', bulkJobId: jobId });
			expect(String(o.json.error)).toContain(`Bulk API job ${jobId} failed before it processed this record: InvalidBatch : test stop`);
		}
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Fails %'")).toBe(0);
	});

	it('the answer to closing the job is lost: the job is found queued and followed to its results', async () => {
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs: 'reset', matchPath: '/jobs/ingest/750\\w+$', methods: ['PATCH'] });
		const out = (await runAction(org, [{ n: 'Lost close 0' }, { n: 'Lost close 1' }], create({ Name: '={{ $json.n }}' }, { bulkApi: 'always' }))).output('Salesforce');
		expect(out.map((o) => o.json.success)).toEqual([true, true]);
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Lost close %'")).toBe(2);
	});
});

describe('Continue On Fail off', () => {
	it('the first failure is reported, with what the job saved', async () => {
		const items = Array.from({ length: 2500 }, (_, i) => ({ name: i === 7 || i === 1000 ? 'x'.repeat(300) : `NoCof ${i}` }));
		const result = await runAction(org, items, create({ Name: '={{ $json.name }}' }));
		const err = result.error('Salesforce') as NodeErr;
		expect(err.message).toMatch(/STRING_TOO_LONG/);
		expect(err.context?.itemIndex).toBe(7);
		expect(err.description).toMatch(/2498 item\(s\) were created in Salesforce before the node stopped: items 0-6, 8-999, 1001-2499\./);
		expect(err.description).toMatch(/Turn on Continue On Fail/);
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'NoCof %'")).toBe(2498);
	});
});

describe('bulkQuery (the client, for Get Records)', () => {
	let client: SalesforceClient;
	const SOQL =
		"SELECT Id, Name, Amount__c, Status__c, Tags__c, External_Id__c, Due_Date__c, Paid__c, Discount__c, Quantity__c, Issued_At__c, Account__r.Name, Account__r.AnnualRevenue, Owner.Name, CreatedDate FROM Invoice__c WHERE External_Id__c LIKE 'BQ-%' ORDER BY External_Id__c";

	beforeAll(async () => {
		const node = actionNode({ resource: 'record', operation: 'get' });
		const workflow = new Workflow({ id: 'wf-bulk', nodes: [node], connections: {}, active: false, nodeTypes: org.harness.nodeTypes });
		const additionalData = org.harness.additionalData();
		additionalData.currentNodeParameters = node.parameters;
		client = await SalesforceClient.create(new LoadOptionsContext(workflow, node, additionalData, 'parameters'));
		const [account] = await accounts(['BQ Parent'], { AnnualRevenue: 1250000 });
		const records = Array.from({ length: 2500 }, (_, i) => ({
			Name: `BQ ${i}`,
			External_Id__c: `BQ-${String(i).padStart(5, '0')}`,
			Amount__c: i % 3 === 0 ? null : i + 0.25,
			Status__c: 'Draft',
			Tags__c: i % 2 ? 'Priority;Export' : null,
			Due_Date__c: '2026-03-01',
			Paid__c: i % 2 === 0,
			Discount__c: 12.5,
			Quantity__c: i,
			Issued_At__c: '2026-03-01T10:15:00.000Z',
			Account__c: i % 4 === 0 ? null : account,
		}));
		await admin.load(org.url, 'Invoice__c', records);
	});

	async function all(pages: AsyncGenerator<BulkQueryPage>): Promise<BulkQueryPage[]> {
		const out: BulkQueryPage[] = [];
		for await (const page of pages) out.push(page);
		return out;
	}

	it('pages of typed records, the same records as REST’s query returns', async () => {
		await org.clearCalls();
		const pages = await all(client.bulkQuery(SOQL, { pageSize: 1000 }));
		expect(pages.map((p) => [p.records.length, p.done, p.totalSize])).toEqual([
			[1000, false, 2500],
			[1000, false, 2500],
			[500, true, 2500],
		]);
		const calls = bulkCalls(await org.calls());
		expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
		expect(calls.filter((c) => c.path.endsWith('/results'))).toHaveLength(3);

		const bulkRecords = pages.flatMap((p) => p.records);
		const restRecords: SalesforceRecord[] = [];
		for await (const page of client.query(SOQL)) restRecords.push(...page.records);
		expect(bulkRecords).toHaveLength(2500);
		// a related record's url needs its Id, and a polymorphic one's type its row: CSV has neither unless selected
		const withoutParentUrls = (r: SalesforceRecord) => ({
			...r,
			Account__r: r.Account__r ? { ...(r.Account__r as object), attributes: { type: 'Account' } } : null,
			Owner: { ...(r.Owner as object), attributes: {} },
		});
		expect(bulkRecords).toEqual(restRecords.map(withoutParentUrls));

		const [first, second] = bulkRecords;
		expect(first).toMatchObject({ Amount__c: null, Paid__c: true, Quantity__c: 0, Discount__c: 12.5, Due_Date__c: '2026-03-01', Account__r: null, Tags__c: null });
		expect(second).toMatchObject({
			Amount__c: 1.25,
			Paid__c: false,
			Tags__c: 'Priority;Export',
			Issued_At__c: '2026-03-01T10:15:00.000+0000',
			Account__r: { Name: 'BQ Parent', AnnualRevenue: 1250000 },
			Owner: { Name: expect.any(String) },
		});
	});

	it('queryAll includes deleted records; one page by default', async () => {
		const [id] = await accounts(['BQ deleted one']);
		await org.jsforce.sobject('Account').destroy(id);
		const soql = "SELECT Id, Name, IsDeleted FROM Account WHERE Name = 'BQ deleted one'";
		expect((await all(client.bulkQuery(soql))).flatMap((p) => p.records)).toEqual([]);
		const pages = await all(client.bulkQuery(soql, { includeDeleted: true }));
		expect(pages).toHaveLength(1);
		expect(pages[0].records).toEqual([expect.objectContaining({ Name: 'BQ deleted one', IsDeleted: true })]);
	});

	it('what Bulk queries refuse, a bad field and a timeout are SalesforceErrors', async () => {
		const failure = async (soql: string, options = {}) => await all(client.bulkQuery(soql, options)).then(() => undefined, (e: unknown) => e);
		expect(await failure('SELECT Name, COUNT(Id) FROM Account GROUP BY Name')).toMatchObject({ code: 'FEATURENOTENABLED' });
		expect(await failure('SELECT Nope__c FROM Account')).toMatchObject({ code: 'INVALID_FIELD' });
		expect(await failure('SELECT Id FROM Nope__c')).toMatchObject({ code: 'INVALID_TYPE' });
		await admin.configureBulk(org.url, { processingMs: 3_600_000 });
		const slow = await failure('SELECT Id FROM Account', { timeoutMs: 600 });
		expect(slow).toBeInstanceOf(SalesforceError);
		expect(slow).toMatchObject({ code: 'BULK_JOB_TIMEOUT', jobId: expect.stringMatching(/^750/) });
	});
});
