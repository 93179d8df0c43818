/**
 * Bulk API 2.0 ingest jobs against the running sandbox, by plain HTTP and by jsforce's bulk2 client. Each rule cites
 * its page of the "Bulk API 2.0 and Bulk API Developer Guide".
 */
import { request as httpRequest } from 'node:http';

import { Connection } from '@jsforce/jsforce-node';
import { parse } from 'csv-parse/sync';

import * as admin from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let token: string;
let accountId: string;
const V = '/services/data/v66.0';

type Json = Record<string, unknown>;
type Res = { status: number; text: string; json: unknown; headers: Headers };

async function http(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Res> {
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json, headers: res.headers };
}

function errorOf(res: { json: unknown }): { errorCode: string; message: string } {
	return (res.json as Array<{ errorCode: string; message: string }>)[0];
}

async function openJob(body: Json): Promise<Json> {
	const res = await http('POST', `${V}/jobs/ingest`, body);
	if (res.status !== 200) throw new Error(`create ${res.status}: ${res.text}`);
	return res.json as Json;
}

/** Create, upload, close and finish a job (the test control runs it at once); returns its info. */
async function runJob(body: Json, csv: string): Promise<Json> {
	const job = await openJob(body);
	const up = await http('PUT', `${V}/jobs/ingest/${job.id as string}/batches`, csv, 'text/csv');
	if (up.status !== 201) throw new Error(`upload ${up.status}: ${up.text}`);
	await http('PATCH', `${V}/jobs/ingest/${job.id as string}`, { state: 'UploadComplete' });
	await admin.advanceBulkJob(sb.url, job.id as string);
	return (await http('GET', `${V}/jobs/ingest/${job.id as string}`)).json as Json;
}

async function results(id: string, kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): Promise<Array<Record<string, string>>> {
	const res = await http('GET', `${V}/jobs/ingest/${id}/${kind}/`);
	expect(res.status).toBe(200);
	return parse(res.text, { columns: true }) as Array<Record<string, string>>;
}

async function soql<T = Json>(q: string, all = false): Promise<T[]> {
	const res = await http('GET', `${V}/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(q)}`);
	return (res.json as { records: T[] }).records;
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await admin.clientCredentialsToken(sb.url)).access_token;
	accountId = (await admin.load(sb.url, 'Account', [{ Name: 'Parent Co', Customer_Number__c: 'P-1' }])).ids[0];
});

afterAll(async () => {
	await sb.close();
});

describe('Create a Job', () => {
	it('answers with an Open job and its contentUrl ("Create a Job")', async () => {
		const res = await http('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'insert' });
		expect(res.status).toBe(200);
		const job = res.json as Json;
		expect(Object.keys(job)).toEqual([
			'id', 'operation', 'object', 'createdById', 'createdDate', 'systemModstamp', 'state', 'concurrencyMode', 'contentType', 'apiVersion', 'contentUrl', 'lineEnding', 'columnDelimiter',
		]);
		expect(job).toMatchObject({ operation: 'insert', object: 'Account', state: 'Open', contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA' });
		expect(job.contentUrl).toBe(`services/data/v66.0/jobs/ingest/${job.id as string}/batches`);
		expect(res.text).toContain('"apiVersion":66.0');
	});

	it('checks the job: object, operation, externalIdFieldName for upsert, API version 41.0+', async () => {
		const unknown = await http('POST', `${V}/jobs/ingest`, { object: 'Nope__c', operation: 'insert' });
		expect([unknown.status, errorOf(unknown).errorCode]).toEqual([400, 'INVALIDENTITY']);
		const op = await http('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'merge' });
		expect(errorOf(op).errorCode).toBe('JSON_PARSER_ERROR');
		const noExt = await http('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'upsert' });
		expect(errorOf(noExt).errorCode).toBe('INVALIDJOB');
		const notExt = await http('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' });
		expect(errorOf(notExt)).toEqual({ errorCode: 'INVALIDJOB', message: 'Field name provided, Name is not an External ID or indexed field for Account' });
		const old = await http('POST', '/services/data/v40.0/jobs/ingest', { object: 'Account', operation: 'insert' });
		expect(old.status).toBe(404);
	});

	it('refuses hardDelete without the "Bulk API Hard Delete" permission ("Create a Job": hardDelete)', async () => {
		const res = await http('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'hardDelete' });
		expect([res.status, errorOf(res).errorCode]).toEqual([400, 'FEATURENOTENABLED']);
	});
});

describe('Upload Job Data, Upload Complete, job states', () => {
	it('takes one text/csv upload while Open (201), then queues the job; states move on the org clock', async () => {
		await admin.configureBulk(sb.url, { queuedMs: 30_000, processingMs: 60_000 });
		try {
			const job = await openJob({ object: 'Account', operation: 'insert' });
			const id = job.id as string;
			const up = await http('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name\nClock One\nClock Two\n', 'text/csv');
			expect([up.status, up.text]).toEqual([201, '']);
			const second = await http('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name\nAgain\n', 'text/csv');
			expect([second.status, errorOf(second).errorCode]).toEqual([400, 'API_ERROR']);
			const early = await http('GET', `${V}/jobs/ingest/${id}/successfulResults`);
			expect([early.status, errorOf(early).errorCode]).toEqual([400, 'API_ERROR']);
			const closed = await http('PATCH', `${V}/jobs/ingest/${id}`, { state: 'UploadComplete' });
			expect(closed.json).toMatchObject({ id, state: 'UploadComplete' });
			const late = await http('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name\nLate\n', 'text/csv');
			expect(late.status).toBe(400);
			const info = async () => (await http('GET', `${V}/jobs/ingest/${id}`)).json as Json;
			expect((await info()).state).toBe('UploadComplete');
			await admin.setClock(sb.url, { advanceMs: 30_000 });
			expect(await info()).toMatchObject({ state: 'InProgress', numberRecordsProcessed: 0 });
			expect(await soql("SELECT Id FROM Account WHERE Name LIKE 'Clock %'")).toHaveLength(0);
			await admin.setClock(sb.url, { advanceMs: 60_000 });
			// the writes land when the job finishes, even for a client that never polls the job
			expect(await soql("SELECT Id FROM Account WHERE Name LIKE 'Clock %'")).toHaveLength(2);
			const done = await info();
			expect(done).toMatchObject({ state: 'JobComplete', jobType: 'V2Ingest', numberRecordsProcessed: 2, numberRecordsFailed: 0, retries: 0, apexProcessingTime: 0 });
			expect(done.contentUrl).toBeUndefined();
			const again = await http('PATCH', `${V}/jobs/ingest/${id}`, { state: 'UploadComplete' });
			expect([again.status, errorOf(again).errorCode]).toEqual([400, 'INVALIDJOBSTATE']);
		} finally {
			await admin.configureBulk(sb.url, { queuedMs: 50, processingMs: 500 });
			await admin.setClock(sb.url, { reset: true });
		}
	});

	it('caps an upload at 100 MB of CSV ("Upload Job Data": 150 MB once base64-encoded) with 413', async () => {
		const job = await openJob({ object: 'Account', operation: 'insert' });
		const url = new URL(`${sb.url}${V}/jobs/ingest/${job.id as string}/batches`);
		const status = await new Promise<number>((resolve, reject) => {
			const req = httpRequest(
				{ method: 'PUT', hostname: url.hostname, port: url.port, path: url.pathname, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': 100 * 1024 * 1024 + 1 } },
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				},
			);
			req.on('error', reject);
			req.write('Name\n');
		});
		expect(status).toBe(413);
	});

	it('aborts an Open job: its uploaded rows become unprocessed records ("Close or Abort a Job", "Get Job Unprocessed Record Results")', async () => {
		const job = await openJob({ object: 'Account', operation: 'insert' });
		const id = job.id as string;
		await http('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name,Site\nNever One,a\nNever Two,b\n', 'text/csv');
		expect((await http('DELETE', `${V}/jobs/ingest/${id}`)).status).toBe(400);
		const aborted = await http('PATCH', `${V}/jobs/ingest/${id}`, { state: 'Aborted' });
		expect(aborted.json).toMatchObject({ state: 'Aborted' });
		expect(await results(id, 'unprocessedrecords')).toEqual([
			{ Name: 'Never One', Site: 'a' },
			{ Name: 'Never Two', Site: 'b' },
		]);
		expect(await results(id, 'successfulResults')).toEqual([]);
		expect(await soql("SELECT Id FROM Account WHERE Name LIKE 'Never %'")).toHaveLength(0);
		// "Delete a Job": UploadComplete, JobComplete, Aborted or Failed jobs
		expect((await http('DELETE', `${V}/jobs/ingest/${id}`)).status).toBe(204);
		expect((await http('GET', `${V}/jobs/ingest/${id}`)).status).toBe(404);
	});

	it('fails the whole job for a header column that is no field; its rows are unprocessed', async () => {
		const info = await runJob({ object: 'Account', operation: 'insert' }, 'Name,Nope__c\nX,1\n');
		expect(info).toMatchObject({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Nope__c', numberRecordsProcessed: 0 });
		expect(await results(info.id as string, 'unprocessedrecords')).toEqual([{ Name: 'X', Nope__c: '1' }]);
	});

	it('lists ingest jobs ("Get Information About All Ingest Jobs")', async () => {
		const job = await openJob({ object: 'Contact', operation: 'insert' });
		const list = (await http('GET', `${V}/jobs/ingest`)).json as { done: boolean; records: Json[] };
		expect(list.done).toBe(true);
		expect(list.records.find((r) => r.id === job.id)).toMatchObject({ object: 'Contact', state: 'Open', jobType: 'V2Ingest' });
	});
});

describe('Record results ("Get Job Successful Record Results", "Get Job Failed Record Results")', () => {
	it('inserts with the REST validation: failed rows carry the REST path\'s error codes in sf__Error', async () => {
		const csv = [
			'Name,Status__c,Amount__c,Account__r.Customer_Number__c,Due_Date__c,Paid__c,Tags__c,Issued_At__c',
			'Ok One,Sent,12.5,P-1,2024-03-01Z,true,Urgent;VIP,2024-03-01T10:00:00.000+0200',
			'"Ok, Two",#N/A,,,,0,,',
			'Bad Status,Nope,1,,,,,',
			'Bad Amount,Draft,lots,,,,,',
			'No Parent,Draft,1,P-404,,,,',
			'"Bad", "Quote",Draft,1,,,,,',
		].join('\n');
		const info = await runJob({ object: 'Invoice__c', operation: 'insert' }, `${csv}\n`);
		expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 6, numberRecordsFailed: 4 });
		const id = info.id as string;

		const okRes = await http('GET', `${V}/jobs/ingest/${id}/successfulResults`);
		expect(okRes.text.split('\n')[0]).toBe('"sf__Id","sf__Created",Name,Status__c,Amount__c,Account__r.Customer_Number__c,Due_Date__c,Paid__c,Tags__c,Issued_At__c');
		const ok = parse(okRes.text, { columns: true }) as Array<Record<string, string>>;
		expect(ok.map((r) => [r.Name, r.sf__Created, r.sf__Id.slice(0, 3)])).toEqual([
			['Ok One', 'true', 'a01'],
			['Ok, Two', 'true', 'a01'],
		]);
		const [one] = await soql<Json>(`SELECT Status__c, Amount__c, Account__c, Due_Date__c, Paid__c, Tags__c, Issued_At__c FROM Invoice__c WHERE Id = '${ok[0].sf__Id}'`);
		expect(one).toMatchObject({ Status__c: 'Sent', Amount__c: 12.5, Account__c: accountId, Due_Date__c: '2024-03-01', Paid__c: true, Tags__c: 'Urgent;VIP', Issued_At__c: '2024-03-01T08:00:00.000+0000' });
		// #N/A on insert is null: the restricted picklist's default is not applied
		const [two] = await soql<Json>(`SELECT Status__c, Paid__c FROM Invoice__c WHERE Id = '${ok[1].sf__Id}'`);
		expect(two).toMatchObject({ Status__c: null, Paid__c: false });

		const failed = await results(id, 'failedResults');
		const codes = Object.fromEntries(failed.map((r) => [r.Name, r.sf__Error.split(':')[0]]));
		expect(codes).toEqual({ 'Bad Status': 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'Bad Amount': 'JSON_PARSER_ERROR', 'No Parent': 'INVALID_FIELD', Bad: 'ClientInputError' });
		expect(failed.find((r) => r.Name === 'Bad Status')?.sf__Error).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for restricted picklist field: Nope:Status__c --');
		expect(failed.find((r) => r.Name === 'No Parent')?.sf__Error).toBe('INVALID_FIELD:Foreign key external ID: P-404 not found for field Customer_Number__c in entity Account:Account__c --');
		expect(failed.every((r) => r.sf__Id === '')).toBe(true);

		// the same record through the REST API fails with the same code
		const rest = await http('POST', `${V}/sobjects/Invoice__c`, { Name: 'Bad Status', Status__c: 'Nope' });
		expect(errorOf(rest).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
	});

	it('reports REQUIRED_FIELD_MISSING like the documented example ("Handling Failed Records in Batches")', async () => {
		const info = await runJob({ object: 'Contact', operation: 'insert' }, 'FirstName,LastName\nAnn,\nBob,Builder\n');
		const failed = await results(info.id as string, 'failedResults');
		expect(failed).toEqual([{ sf__Id: '', sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --', FirstName: 'Ann', LastName: '' }]);
	});

	it('updates by Id: empty values are ignored, #N/A sets null ("Prepare CSV Files")', async () => {
		const ids = (await admin.load(sb.url, 'Account', [{ Name: 'Upd One', Site: 'keep', Phone: '111' }, { Name: 'Upd Two', Site: 'keep', Phone: '222' }])).ids;
		const csv = `Id,Site,Phone\n${ids[0]},,#N/A\n${ids[1]},changed,\n,orphan,\n001000000000000AAA,x,\n`;
		const info = await runJob({ object: 'Account', operation: 'update' }, csv);
		expect(info).toMatchObject({ numberRecordsProcessed: 4, numberRecordsFailed: 2 });
		const rows = await soql<{ Id: string; Site: string | null; Phone: string | null }>(`SELECT Id, Site, Phone FROM Account WHERE Id IN ('${ids[0]}','${ids[1]}') ORDER BY Name`);
		expect(rows.map((r) => [r.Site, r.Phone])).toEqual([
			['keep', null],
			['changed', '222'],
		]);
		const ok = await results(info.id as string, 'successfulResults');
		expect(ok.map((r) => [r.sf__Id, r.sf__Created])).toEqual([
			[ids[0], 'false'],
			[ids[1], 'false'],
		]);
		const failed = await results(info.id as string, 'failedResults');
		expect(failed.map((r) => [r.sf__Id, r.sf__Error])).toEqual([
			['', 'MISSING_ARGUMENT:Id not specified in an update call:--'],
			['001000000000000AAA', 'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--'],
		]);
	});

	it('upserts on externalIdFieldName: sf__Created tells insert from update ("Create a Job": upsert)', async () => {
		await admin.load(sb.url, 'Account', [{ Name: 'Existing', Customer_Number__c: 'U-1' }]);
		const info = await runJob({ object: 'Account', operation: 'upsert', externalIdFieldName: 'Customer_Number__c' }, 'Customer_Number__c,Name\nU-1,Existing Renamed\nU-2,Brand New\n,No Key\n');
		const ok = await results(info.id as string, 'successfulResults');
		expect(ok.map((r) => [r.Customer_Number__c, r.sf__Created])).toEqual([
			['U-1', 'false'],
			['U-2', 'true'],
		]);
		expect((await soql<{ Name: string }>("SELECT Name FROM Account WHERE Customer_Number__c = 'U-1'"))[0].Name).toBe('Existing Renamed');
		expect((await results(info.id as string, 'failedResults'))[0].sf__Error).toBe('MISSING_ARGUMENT:Customer_Number__c not specified:--');
	});

	it('deletes by Id (the Recycle Bin keeps them for queryAll); hardDelete needs the permission and skips it', async () => {
		const ids = (await admin.load(sb.url, 'Account', [{ Name: 'Del Soft' }, { Name: 'Del Hard' }])).ids;
		const soft = await runJob({ object: 'Account', operation: 'delete' }, `Id\n${ids[0]}\n${ids[0]}\n`);
		expect(soft).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 1 });
		expect((await results(soft.id as string, 'failedResults'))[0].sf__Error).toBe('ENTITY_IS_DELETED:entity is deleted:--');
		expect(await soql(`SELECT Id FROM Account WHERE Id = '${ids[0]}'`, true)).toHaveLength(1);

		await admin.upsertUser(sb.url, { username: admin.DEFAULTS.username, permissions: ['BulkApiHardDelete'] });
		try {
			const hard = await runJob({ object: 'Account', operation: 'hardDelete' }, `Id\n${ids[1]}\n`);
			expect(hard).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1, numberRecordsFailed: 0 });
			expect(await soql(`SELECT Id FROM Account WHERE Id = '${ids[1]}'`, true)).toHaveLength(0);
		} finally {
			await admin.upsertUser(sb.url, { username: admin.DEFAULTS.username, permissions: [] });
		}
	});

	it('reads the job\'s columnDelimiter and lineEnding, and writes its results with them ("Prepare CSV Files")', async () => {
		const info = await runJob({ object: 'Account', operation: 'insert', columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' }, 'Name;Site\r\n"Semi; Colon";x\r\n');
		expect(info).toMatchObject({ numberRecordsProcessed: 1, numberRecordsFailed: 0 });
		const res = await http('GET', `${V}/jobs/ingest/${info.id as string}/successfulResults`);
		expect(res.text).toMatch(/^"sf__Id";"sf__Created";Name;Site\r\n"001[a-zA-Z0-9]{15}";"true";"Semi; Colon";"x"\r\n$/);
	});
});

describe('Daily allocations ("Bulk API and Bulk API 2.0 Limits and Allocations", "Understanding Bulk API 2.0 Ingest")', () => {
	it('uses one DailyBulkApiBatches batch per 10,000 records, and fails the job once none are left', async () => {
		const limits = async () => ((await http('GET', `${V}/limits`)).json as Record<string, { Max: number; Remaining: number }>).DailyBulkApiBatches;
		const before = await limits();
		expect(before.Max).toBe(15_000);
		await runJob({ object: 'Account', operation: 'insert' }, 'Name\nBatch One\n');
		expect((await limits()).Remaining).toBe(before.Remaining - 1);
		await admin.setBulkLimits(sb.url, { batchesUsed: 15_000 });
		try {
			const info = await runJob({ object: 'Account', operation: 'insert' }, 'Name\nNo Batch Left\n');
			expect(info.state).toBe('Failed');
			expect(String(info.errorMessage)).toMatch(/^ExceededQuota/);
		} finally {
			await admin.setBulkLimits(sb.url, { batchesUsed: 0 });
		}
	});
});

describe("jsforce's bulk2 client", () => {
	function connection(): Connection {
		const conn = new Connection({ instanceUrl: sb.url, accessToken: token, version: '66.0' });
		conn.bulk2.pollInterval = 50;
		return conn;
	}

	it('loadAndWaitForResults inserts a few thousand records and reports each one', async () => {
		// jsforce takes the CSV header from the first record: every record has the same fields
		const input = Array.from({ length: 3000 }, (_, i) => ({ Name: `JS ${String(i).padStart(4, '0')}`, External_Id__c: `JS-${i}`, Paid__c: i % 2 === 0, Status__c: i === 7 ? 'Nope' : 'Draft' }));
		const res = await connection().bulk2.loadAndWaitForResults({ object: 'Invoice__c', operation: 'insert', input });
		expect(res.successfulResults).toHaveLength(2999);
		expect(res.failedResults).toHaveLength(1);
		expect(res.failedResults[0]).toMatchObject({ External_Id__c: 'JS-7', sf__Id: '' });
		expect(String(res.failedResults[0].sf__Error)).toMatch(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:/);
		expect(res.unprocessedRecords).toEqual([]);
		const count = await http('GET', `${V}/query?q=${encodeURIComponent("SELECT COUNT() FROM Invoice__c WHERE Name LIKE 'JS %'")}`);
		expect((count.json as { totalSize: number }).totalSize).toBe(2999);
	});

	it('upserts through jsforce with externalIdFieldName', async () => {
		const res = await connection().bulk2.loadAndWaitForResults({
			object: 'Invoice__c',
			operation: 'upsert',
			externalIdFieldName: 'External_Id__c',
			input: [
				{ External_Id__c: 'JS-1', Name: 'JS renamed' },
				{ External_Id__c: 'JS-new', Name: 'JS fresh' },
			],
		});
		expect(res.successfulResults.map((r) => [(r as Record<string, unknown>).External_Id__c, r.sf__Created])).toEqual([
			['JS-1', 'false'],
			['JS-new', 'true'],
		]);
	});
});

describe('Test controls', () => {
	it('/__sandbox/reset drops every job and restores the allocations and timings', async () => {
		const job = await openJob({ object: 'Account', operation: 'insert' });
		await admin.configureBulk(sb.url, { processingMs: 9_999 });
		await admin.setBulkLimits(sb.url, { batchesUsed: 42 });
		await admin.reset(sb.url, { seed: false });
		expect((await http('GET', `${V}/jobs/ingest/${job.id as string}`)).status).toBe(404);
		const state = await admin.bulk(sb.url);
		expect(state.jobs).toEqual([]);
		expect(state.config).toEqual({ queuedMs: 50, processingMs: 500, defaultPageSize: 50_000 });
		expect(((await http('GET', `${V}/limits`)).json as Record<string, { Remaining: number }>).DailyBulkApiBatches.Remaining).toBe(15_000);
	});
});
