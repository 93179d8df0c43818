/** sObject Collections and /composite, driven by jsforce and raw REST. */
import { Connection } from '@jsforce/jsforce-node';

import { clientCredentialsToken, restCaller } from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let conn: Connection;
let token: string;
/** Raw REST call, for status codes and exact bodies jsforce hides. */
const rest = (method: string, path: string, body?: unknown) => restCaller(sb.url, () => token)(method, path, body);



async function count(soql: string): Promise<number> {
	return (await conn.query(soql)).totalSize;
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await clientCredentialsToken(sb.url)).access_token;
	conn = new Connection({ instanceUrl: sb.url, accessToken: token, version: '66.0' });
});

afterAll(async () => {
	await sb.close();
});

const ROLLED_BACK = {
	statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
	message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
	fields: [],
};

describe('sObject Collections', () => {
	it('creates with allOrNone:false, reporting each record in input order', async () => {
		const res = await conn.sobject('Account').create([{ Name: 'Col A' }, { Industry: 'Energy' }, { Name: 'Col C' }], { allOrNone: false });
		expect(res).toEqual([
			{ id: expect.stringMatching(/^001/), success: true, errors: [] },
			{ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
			{ id: expect.stringMatching(/^001/), success: true, errors: [] },
		]);
		expect(await count("SELECT Id FROM Account WHERE Name LIKE 'Col %'")).toBe(2);
	});

	it('writes nothing with allOrNone:true when one record fails', async () => {
		const res = await conn.sobject('Account').create([{ Name: 'Aon A' }, { Industry: 'Energy' }, { Name: 'Aon C' }], { allOrNone: true });
		expect(res).toEqual([
			{ success: false, errors: [ROLLED_BACK] },
			{ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
			{ success: false, errors: [ROLLED_BACK] },
		]);
		expect(await count("SELECT Id FROM Account WHERE Name LIKE 'Aon %'")).toBe(0);
	});

	it('creates mixed types in one call', async () => {
		const res = await rest('POST', '/composite/sobjects', {
			allOrNone: true,
			records: [
				{ attributes: { type: 'Account' }, Name: 'Mixed' },
				{ attributes: { type: 'Contact' }, LastName: 'Mixed' },
			],
		});
		expect(res.status).toBe(200);
		const [a, c] = res.body as Array<{ id: string; success: boolean }>;
		expect(a.id.startsWith('001') && c.id.startsWith('003')).toBe(true);
	});

	it('updates and deletes, both ways', async () => {
		const created = (await conn.sobject('Account').create([{ Name: 'U1' }, { Name: 'U2' }])) as Array<{ id: string }>;
		const [id1, id2] = created.map((r) => r.id);
		const partial = await conn.sobject('Account').update(
			[
				{ Id: id1, Name: 'U1 changed' },
				{ Id: id2, Name: null },
			],
			{ allOrNone: false },
		);
		expect(partial).toEqual([
			{ id: id1, success: true, errors: [] },
			{ id: id2, success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
		]);
		const all = await conn.sobject('Account').update(
			[
				{ Id: id1, Name: 'U1 again' },
				{ Id: id2, Name: null },
			],
			{ allOrNone: true },
		);
		expect(all[0]).toEqual({ id: id1, success: false, errors: [ROLLED_BACK] });
		expect(((await conn.sobject('Account').retrieve(id1)) as { Name: string }).Name).toBe('U1 changed');

		const missing = '001000000000000AAA';
		const delAll = await conn.sobject('Account').destroy([id1, missing], { allOrNone: true });
		expect(delAll[0]).toEqual({ id: id1, success: false, errors: [ROLLED_BACK] });
		expect(delAll[1]).toMatchObject({ id: missing, success: false });
		expect(await count(`SELECT Id FROM Account WHERE Id = '${id1}'`)).toBe(1);
		const del = await conn.sobject('Account').destroy([id1, id2]);
		expect(del).toEqual([
			{ id: id1, success: true, errors: [] },
			{ id: id2, success: true, errors: [] },
		]);
		const again = await conn.sobject('Account').destroy([id1]);
		expect(again).toEqual([{ id: id1, success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] }]);
	});

	it('upserts by external id with created flags', async () => {
		const res = await conn.sobject('Invoice__c').upsert(
			[
				{ External_Id__c: 'C-1', Amount__c: 1 },
				{ External_Id__c: 'C-2', Amount__c: 2 },
			],
			'External_Id__c',
		);
		expect(res).toEqual([
			{ id: expect.stringMatching(/^a01/), success: true, errors: [], created: true },
			{ id: expect.stringMatching(/^a01/), success: true, errors: [], created: true },
		]);
		const res2 = (await conn.sobject('Invoice__c').upsert(
			[
				{ External_Id__c: 'C-1', Amount__c: 10 },
				{ External_Id__c: 'C-3', Amount__c: 3 },
			],
			'External_Id__c',
		)) as Array<{ id: string; created: boolean }>;
		expect(res2.map((r) => r.created)).toEqual([false, true]);
		expect(res2[0].id).toBe((res as Array<{ id: string }>)[0].id);
	});

	it('retrieves many, with null for ids that do not exist', async () => {
		const [a] = (await conn.sobject('Account').create([{ Name: 'R1' }])) as Array<{ id: string }>;
		const res = await rest('POST', '/composite/sobjects/Account', { ids: [a.id, '001000000000000AAA'], fields: ['Name'] });
		expect(res).toEqual({
			status: 200,
			body: [{ attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${a.id}` }, Name: 'R1' }, null],
		});
		const viaJsforce = (await conn.sobject('Account').retrieve([a.id], { fields: ['Name'] })) as Array<{ Name: string }>;
		expect(viaJsforce[0].Name).toBe('R1');
	});

	it('refuses more than 200 records', async () => {
		const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Big ${i}` }));
		const res = await rest('POST', '/composite/sobjects', { allOrNone: false, records });
		expect(res.status).toBe(400);
		expect((res.body as Array<{ errorCode: string }>)[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
	});
});

describe('/composite', () => {
	it('runs subrequests with references between them', async () => {
		const res = await rest('POST', '/composite', {
			allOrNone: true,
			compositeRequest: [
				{ method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Parent' } },
				{ method: 'POST', url: '/services/data/v66.0/sobjects/Contact', referenceId: 'ct', body: { LastName: 'Child', AccountId: '@{acct.id}' } },
				{ method: 'GET', url: '/services/data/v66.0/sobjects/Contact/@{ct.id}?fields=AccountId', referenceId: 'read' },
			],
		});
		expect(res.status).toBe(200);
		const [acct, ct, read] = (res.body as { compositeResponse: Array<{ body: Record<string, unknown>; httpStatusCode: number; referenceId: string; httpHeaders: Record<string, string> }> })
			.compositeResponse;
		expect(acct).toMatchObject({ httpStatusCode: 201, referenceId: 'acct', body: { success: true } });
		expect(acct.httpHeaders.Location).toBe(`/services/data/v66.0/sobjects/Account/${acct.body.id as string}`);
		expect(ct.httpStatusCode).toBe(201);
		expect(read).toMatchObject({ httpStatusCode: 200, body: { AccountId: acct.body.id } });
	});

	it('counts as one API call, and logs one call, however many subrequests it runs', async () => {
		const before = sb.org.apiUsage.used;
		const logged = sb.org.callLog.length;
		const res = await rest('POST', '/composite', {
			allOrNone: false,
			compositeRequest: [
				{ method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'a', body: { Name: 'Counted once' } },
				{ method: 'GET', url: '/services/data/v66.0/sobjects/Account/@{a.id}', referenceId: 'b' },
				{ method: 'DELETE', url: '/services/data/v66.0/sobjects/Account/@{a.id}', referenceId: 'c' },
			],
		});
		expect(res.status).toBe(200);
		expect((res.body as { compositeResponse: Array<{ httpStatusCode: number }> }).compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 200, 204]);
		expect(sb.org.apiUsage.used - before).toBe(1);
		expect(sb.org.callLog.slice(logged).map((c) => c.path)).toEqual(['/services/data/v66.0/composite']);
	});

	it('rolls everything back with allOrNone when a subrequest fails', async () => {
		const res = await rest('POST', '/composite', {
			allOrNone: true,
			compositeRequest: [
				{ method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'ok', body: { Name: 'Composite Rolled Back' } },
				{ method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'bad', body: { Industry: 'Energy' } },
				{ method: 'GET', url: '/services/data/v66.0/sobjects/Account/@{ok.id}', referenceId: 'after' },
			],
		});
		const [ok, bad, after] = (res.body as { compositeResponse: Array<{ body: Array<{ errorCode: string }>; httpStatusCode: number }> }).compositeResponse;
		expect(bad.httpStatusCode).toBe(400);
		expect(bad.body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
		expect(ok.httpStatusCode).toBe(400);
		expect(ok.body[0].errorCode).toBe('PROCESSING_HALTED');
		expect(after.body[0].errorCode).toBe('PROCESSING_HALTED');
		expect(await count("SELECT Id FROM Account WHERE Name = 'Composite Rolled Back'")).toBe(0);
	});

	it('refuses more than 25 subrequests', async () => {
		const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: '/services/data/v66.0/sobjects', referenceId: `r${i}` }));
		const res = await rest('POST', '/composite', { compositeRequest });
		expect(res.status).toBe(400);
	});
});
