/** sObject REST resources driven by jsforce over HTTP: describe, CRUD, upsert's outcomes, error bodies, updated/deleted. */
import { Connection } from '@jsforce/jsforce-node';

import { clientCredentialsToken, lateCommit, restCaller, setClock } from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let conn: Connection;
let token: string;
/** Raw REST call, for status codes and exact bodies jsforce hides. */
const rest = (method: string, path: string, body?: unknown) => restCaller(sb.url, () => token)(method, path, body);



async function count(externalId: string): Promise<number> {
	return (await conn.query(`SELECT Id FROM Invoice__c WHERE External_Id__c = '${externalId}'`)).totalSize;
}

async function jsforceError(p: Promise<unknown>): Promise<{ errorCode: string; message: string }> {
	try {
		await p;
	} catch (e) {
		return e as { errorCode: string; message: string };
	}
	throw new Error('expected a failure');
}

function saved<T extends { id?: string }>(r: T): T & { id: string } {
	if (typeof r.id !== 'string') throw new Error(`no id in ${JSON.stringify(r)}`);
	return r as T & { id: string };
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await clientCredentialsToken(sb.url)).access_token;
	conn = new Connection({ instanceUrl: sb.url, accessToken: token, version: '66.0' });
});

afterAll(async () => {
	await sb.close();
});

describe('describe', () => {
	it('describe global lists every object with its URLs', async () => {
		const g = await conn.describeGlobal();
		expect(g.encoding).toBe('UTF-8');
		expect(g.maxBatchSize).toBe(200);
		const account = g.sobjects.find((s) => s.name === 'Account');
		expect(account).toMatchObject({
			name: 'Account',
			label: 'Account',
			keyPrefix: '001',
			custom: false,
			queryable: true,
			createable: true,
			urls: {
				sobject: '/services/data/v66.0/sobjects/Account',
				describe: '/services/data/v66.0/sobjects/Account/describe',
				rowTemplate: '/services/data/v66.0/sobjects/Account/{ID}',
			},
		});
		expect(g.sobjects.find((s) => s.name === 'Invoice__c')?.custom).toBe(true);
	});

	it('describe returns fields, child relationships and the master record type', async () => {
		const d = await conn.sobject('Contact').describe();
		expect(d.name).toBe('Contact');
		expect(d.keyPrefix).toBe('003');
		const accountId = d.fields.find((f) => f.name === 'AccountId');
		expect(accountId).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
		expect(d.recordTypeInfos[0]).toMatchObject({ master: true, recordTypeId: '012000000000000AAA' });
		expect(d.urls.describe).toBe('/services/data/v66.0/sobjects/Contact/describe');
	});

	it('basic info carries recent items; unknown objects are NOT_FOUND', async () => {
		const info = await rest('GET', '/sobjects/Account');
		expect(info.status).toBe(200);
		expect(info.body).toMatchObject({ objectDescribe: { name: 'Account' }, recentItems: expect.any(Array) });
		const missing = await rest('GET', '/sobjects/Foo__c/describe');
		expect(missing).toEqual({ status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
	});
});

describe('create / retrieve / update / delete', () => {
	it('round-trips a record through jsforce', async () => {
		const created = saved(await conn.sobject('Account').create({ Name: 'Acme Rockets', AnnualRevenue: 1500000, Industry: 'Technology' }));
		expect(created).toEqual({ id: expect.stringMatching(/^001[a-zA-Z0-9]{15}$/), success: true, errors: [] });
		const rec = (await conn.sobject('Account').retrieve(created.id)) as Record<string, unknown>;
		expect(rec.attributes).toEqual({ type: 'Account', url: `/services/data/v66.0/sobjects/Account/${created.id}` });
		expect(rec.Name).toBe('Acme Rockets');
		expect(rec.AnnualRevenue).toBe(1500000);
		expect(rec.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
		expect(rec.IsDeleted).toBe(false);

		const limited = (await conn.sobject('Account').retrieve(created.id, { fields: ['Name'] })) as Record<string, unknown>;
		expect(Object.keys(limited)).toEqual(['attributes', 'Name', 'Id']);

		const upd = await conn.sobject('Account').update({ Id: created.id, Name: 'Acme Rockets Ltd' });
		expect(upd).toEqual({ id: created.id, success: true, errors: [] });
		const again = (await conn.sobject('Account').retrieve(created.id.slice(0, 15))) as Record<string, unknown>;
		expect(again.Name).toBe('Acme Rockets Ltd');
		expect(again.Id).toBe(created.id);

		await conn.sobject('Account').destroy(created.id);
		const gone = await rest('GET', `/sobjects/Account/${created.id}`);
		expect(gone).toEqual({ status: 404, body: [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }] });
		const twice = await jsforceError(conn.sobject('Account').destroy(created.id));
		expect(twice.errorCode).toBe('ENTITY_IS_DELETED');
	});

	it('answers unknown, malformed and foreign ids like Salesforce', async () => {
		const contact = saved(await conn.sobject('Contact').create({ LastName: 'Other' }));
		const foreign = await rest('GET', `/sobjects/Account/${contact.id}`);
		expect(foreign.status).toBe(404);
		expect(foreign.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
		const malformed = await rest('GET', '/sobjects/Account/xyz');
		expect(malformed.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: xyz' }]);
		const badField = await rest('GET', `/sobjects/Contact/${contact.id}?fields=Nope`);
		expect(badField.status).toBe(400);
		expect((badField.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
	});

	it('returns Salesforce error bodies for invalid writes', async () => {
		expect(await rest('POST', '/sobjects/Account', { Industry: 'Technology' })).toEqual({
			status: 400,
			body: [{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }],
		});
		expect(await rest('POST', '/sobjects/Account', { Name: 'A', Foo: 1 })).toEqual({
			status: 400,
			body: [{ message: "No such column 'Foo' on sobject of type Account", errorCode: 'INVALID_FIELD' }],
		});
		const ro = await rest('POST', '/sobjects/Account', { Name: 'A', CreatedById: '005000000000001AAA' });
		expect(ro.body).toEqual([
			{
				message:
					'Unable to create/update fields: CreatedById. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
				errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
				fields: ['CreatedById'],
			},
		]);
		const num = await rest('POST', '/sobjects/Invoice__c', { Amount__c: 'abc' });
		expect((num.body as Array<{ errorCode: string; message: string }>)[0]).toMatchObject({
			errorCode: 'JSON_PARSER_ERROR',
			message: expect.stringMatching(/^Cannot deserialize instance of double from VALUE_STRING value abc or request may be missing a required field at \[line:1, column:\d+\]$/),
		});
		const pick = await rest('POST', '/sobjects/Invoice__c', { Status__c: 'Bogus' });
		expect(pick.body).toEqual([
			{ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: Bogus', fields: ['Status__c'] },
		]);
		const email = await rest('POST', '/sobjects/Invoice__c', { Contact_Email__c: 'not-an-email' });
		expect((email.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_EMAIL_ADDRESS');
		const ref = await rest('POST', '/sobjects/Contact', { LastName: 'X', AccountId: 'bad' });
		expect(ref.body).toEqual([{ errorCode: 'MALFORMED_ID', message: 'Account ID: id value of incorrect type: bad', fields: ['AccountId'] }]);
		const unknownObject = await rest('POST', '/sobjects/Nope__c', { Name: 'x' });
		expect(unknownObject.status).toBe(404);
	});

	it('keeps unique external ids unique', async () => {
		const first = saved(await conn.sobject('Invoice__c').create({ External_Id__c: 'UNIQ-1' }));
		const dup = await rest('POST', '/sobjects/Invoice__c', { External_Id__c: 'uniq-1' });
		expect(dup).toEqual({
			status: 400,
			body: [{ errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: External_Id__c duplicates value on record with id: ${first.id}`, fields: [] }],
		});
	});
});

describe('upsert', () => {
	it('creates (201), updates (200 created:false) and reports several matches (300)', async () => {
		const created = await rest('PATCH', '/sobjects/Invoice__c/External_Id__c/INV%2F001', { Amount__c: 10 });
		expect(created).toEqual({ status: 201, body: { id: expect.stringMatching(/^a01/), success: true, errors: [], created: true } });
		const id = (created.body as { id: string }).id;
		expect(((await conn.sobject('Invoice__c').retrieve(id)) as Record<string, unknown>).External_Id__c).toBe('INV/001');

		// jsforce does not URL-encode the value: INV/001 makes a 4-segment path that names no resource
		const unencoded = await jsforceError(conn.sobject('Invoice__c').upsert({ External_Id__c: 'INV/001', Amount__c: 20 }, 'External_Id__c'));
		expect(unencoded.errorCode).toBe('NOT_FOUND');
		const viaRest = await rest('PATCH', '/sobjects/Invoice__c/External_Id__c/INV%2F001', { Amount__c: 30 });
		expect(viaRest).toEqual({ status: 200, body: { id, success: true, errors: [], created: false } });

		const r1 = await conn.sobject('Invoice__c').upsert({ External_Id__c: 'J-1', Amount__c: 1 }, 'External_Id__c');
		expect(r1).toMatchObject({ success: true, created: true });
		const r2 = await conn.sobject('Invoice__c').upsert({ External_Id__c: 'J-1', Amount__c: 2 }, 'External_Id__c');
		expect(r2).toMatchObject({ id: (r1 as { id: string }).id, success: true, created: false });

		// Duplicates cannot be created through the API for a unique field; plant one the way old data could hold it
		sb.org.store.insertSystem('Invoice__c', { External_Id__c: 'J-1', Name: 'dup' }, '005000000000001AAA');
		const multi = await rest('PATCH', '/sobjects/Invoice__c/External_Id__c/J-1', { Amount__c: 3 });
		expect(multi.status).toBe(300);
		expect(multi.body).toEqual([expect.stringMatching(/^\/services\/data\/v66\.0\/sobjects\/Invoice__c\/a01/), expect.stringMatching(/^\/services\/data\/v66\.0\/sobjects\/Invoice__c\/a01/)]);
	});

	it('404s for a field that is not an external id, and upserts by Id', async () => {
		expect(await rest('PATCH', '/sobjects/Invoice__c/Amount__c/5', { Paid__c: true })).toEqual({
			status: 404,
			body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
		});
		const c = saved(await conn.sobject('Invoice__c').create({ Amount__c: 5 }));
		expect(await rest('PATCH', `/sobjects/Invoice__c/Id/${c.id}`, { Paid__c: true })).toEqual({
			status: 200,
			body: { id: c.id, success: true, errors: [], created: false },
		});
		// "Do not specify Id or an external ID field in the request body or an error is generated."
		const inBody = await rest('PATCH', '/sobjects/Invoice__c/External_Id__c/K-1', { External_Id__c: 'K-1' });
		expect(inBody.status).toBe(400);
		expect((inBody.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
		expect(await count('K-1')).toBe(0);
	});
});

describe('get updated / get deleted', () => {
	it('lists ids changed and deleted within the window', async () => {
		const start = new Date(sb.org.now().getTime() - 60_000);
		const a = saved(await conn.sobject('Lead').create({ LastName: 'Window', Company: 'W Inc' }));
		const b = saved(await conn.sobject('Lead').create({ LastName: 'Gone', Company: 'G Inc' }));
		await conn.sobject('Lead').destroy(b.id);
		// The window covers whole minutes up to the current one: let the clock move past this minute
		await setClock(sb.url, { advanceMs: 120_000 });
		const end = sb.org.now();
		const updated = await conn.sobject('Lead').updated(start.toISOString(), end.toISOString());
		expect(updated.ids).toContain(a.id);
		expect(updated.ids).not.toContain(b.id);
		expect(updated.latestDateCovered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+0000$/);
		const deleted = await conn.sobject('Lead').deleted(start.toISOString(), end.toISOString());
		expect(deleted.deletedRecords).toEqual([{ id: b.id, deletedDate: expect.stringMatching(/\+0000$/) }]);
		expect(typeof deleted.earliestDateAvailable).toBe('string');
	});

	it('holds latestDateCovered back while a late commit is pending', async () => {
		const start = sb.org.now();
		const late = await lateCommit(sb.url, 'Lead', { LastName: 'Late', Company: 'L Inc' }, 10 * 60_000);
		await setClock(sb.url, { advanceMs: 3 * 60_000 });
		const pending = await conn.sobject('Lead').updated(start.toISOString(), sb.org.now().toISOString());
		expect(pending.ids).not.toContain(late.id);
		expect(Date.parse(pending.latestDateCovered)).toBeLessThanOrEqual(Date.parse(late.systemModstamp.replace('+0000', 'Z')));
		await setClock(sb.url, { advanceMs: 10 * 60_000 });
		const committed = await conn.sobject('Lead').updated(start.toISOString(), sb.org.now().toISOString());
		expect(committed.ids).toContain(late.id);
	});

	it('rejects windows older than 30 days', async () => {
		const end = sb.org.now();
		const old = new Date(sb.org.now().getTime() - 40 * 24 * 3600 * 1000).toISOString();
		const err = await jsforceError(conn.sobject('Lead').updated(old, end.toISOString()));
		expect(err.errorCode).toBe('INVALID_REPLICATION_DATE');
	});
});
