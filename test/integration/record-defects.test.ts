/**
 * Defects found when the record actions were attacked with hostile input and faults, each through n8n's engine
 * against the sandbox org: a write never hidden, an unknown outcome never called a failure, nothing silently converted.
 */
import { dataCalls, startOrg, type TestOrg } from '../harness/org';
import { mapped, objectParam, runAction } from '../harness/workflows';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});
afterEach(async () => {
	await org.admin('faults', {});
});

type NodeErr = Error & { description?: string; context?: { itemIndex?: number } };
const count = async (soql: string) => (await org.jsforce.query(soql)).totalSize;
const create = (object: string, columns: Record<string, string | number | boolean | null>, options: Record<string, unknown> = {}) => ({
	resource: 'record',
	operation: 'create',
	sobject: objectParam(object),
	columns: mapped(columns),
	options,
});

describe('1. Return Full Record: a failed read-back never loses what was saved', () => {
	it.each([
		['a repeated 503', { fail503: 10 }],
		['a dropped connection', { resetConnection: 10 }],
	])('%s on the read-back: every item keeps its id, with a warning', async (_name, fault) => {
		await org.admin('faults', { ...fault, matchPath: '/composite/sobjects/Account$', methods: ['POST'] });
		const items = Array.from({ length: 3 }, (_, i) => ({ i }));
		for (const continueOnFail of [false, true]) {
			const result = await runAction(org, items, create('Account', { Name: `={{ "FullRecord ${_name} " + $json.i }}` }, { returnFullRecord: true }), {
				continueOnFail,
			});
			expect(result.error('Salesforce')).toBeUndefined();
			const out = result.output('Salesforce');
			expect(out).toHaveLength(3);
			for (const o of out) {
				expect(o.json.id).toMatch(/^001/);
				expect(String(o.json.warning)).toMatch(/Saved, but the full record could not be read back/);
			}
			await org.admin('faults', { ...fault, matchPath: '/composite/sobjects/Account$', methods: ['POST'] });
		}
		expect(await count(`SELECT COUNT() FROM Account WHERE Name LIKE 'FullRecord ${_name} %'`)).toBe(6);
	});

	it('the daily limit on the read-back: ids kept, the limit named', async () => {
		const usage = (await org.admin('limits')) as { max: number };
		// room for the describe and the create, not for the read-back
		await org.admin('limits', { used: usage.max - 2 });
		const result = await runAction(org, [{}], create('Account', { Name: 'FullRecord limit' }, { returnFullRecord: true }));
		await org.admin('limits', { used: 0 });
		const out = result.output('Salesforce');
		expect(out[0].json.id).toMatch(/^001/);
		expect(String(out[0].json.warning)).toMatch(/REQUEST_LIMIT_EXCEEDED|Limit exceeded/i);
	});
});

describe('2. Empty means "leave out" for every type; only null clears', () => {
	it('an empty string on Update leaves Account Number alone; null clears it', async () => {
		const acc = await org.jsforce.sobject('Account').create({ Name: 'Empty test', AccountNumber: 'AN-1', Description: 'keep' });
		const id = (acc as { id: string }).id;
		const update = (columns: Record<string, string | null>) => ({ resource: 'record', operation: 'update', sobject: objectParam('Account'), columns: mapped({ Id: id, ...columns }, ['Id']) });
		const first = await runAction(org, [{}], update({ AccountNumber: '', Description: 'changed' }));
		expect(first.output('Salesforce')[0].json.success).toBe(true);
		let rec = (await org.jsforce.sobject('Account').retrieve(id)) as { AccountNumber: string | null; Description: string | null };
		expect(rec).toMatchObject({ AccountNumber: 'AN-1', Description: 'changed' });
		await runAction(org, [{}], update({ AccountNumber: null }));
		rec = (await org.jsforce.sobject('Account').retrieve(id)) as { AccountNumber: string | null; Description: string | null };
		expect(rec.AccountNumber).toBeNull();
	});
});

describe('3. A create whose answer was lost is reported as unknown, never as failed-so-retry', () => {
	it.each([
		['the socket closes after the commit', 'reset'],
		['a proxy answers 502 after the commit', '502'],
	])('%s', async (_name, lostAnswerAs) => {
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs, matchPath: '/composite/sobjects$', methods: ['POST'] });
		await org.clearCalls();
		const items = Array.from({ length: 5 }, (_, i) => ({ i }));
		const result = await runAction(org, items, create('Account', { Name: `={{ "Lost ${lostAnswerAs} " + $json.i }}` }), { continueOnFail: true });
		const out = result.output('Salesforce');
		expect(out).toHaveLength(5);
		for (const o of out) {
			expect(o.json).toMatchObject({ outcome: 'unknown', statusCode: 'OUTCOME_UNKNOWN' });
			expect(String(o.json.description)).toMatch(/check them in Salesforce before running the workflow again/);
			expect(String(o.json.description)).not.toMatch(/you can retry/i);
		}
		// sent once, not repeated, and the records are there
		expect(dataCalls(await org.calls()).filter((c) => c.method === 'POST' && c.path.endsWith('/composite/sobjects'))).toHaveLength(1);
		expect(await count(`SELECT COUNT() FROM Account WHERE Name LIKE 'Lost ${lostAnswerAs} %'`)).toBe(5);
	});

	it('without Continue On Fail the error says the outcome is unknown, for which items', async () => {
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs: 'reset', matchPath: '/composite/sobjects$', methods: ['POST'] });
		const result = await runAction(org, [{ i: 0 }, { i: 1 }], create('Account', { Name: '={{ "Lost noCof " + $json.i }}' }));
		const err = result.error('Salesforce') as NodeErr;
		expect(err.message).toMatch(/connection dropped|before Salesforce answered|failed/i);
		expect(err.description).toMatch(/Saved or not is unknown for item\(s\) 0-1/);
	});
});

describe('4. A retried delete or upsert reports its own success', () => {
	it('the retry of a committed delete says deleted, not "restore it"', async () => {
		const created = (await org.jsforce.sobject('Account').create([{ Name: 'Del retry 1' }, { Name: 'Del retry 2' }])) as Array<{ id: string }>;
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs: 'reset', matchPath: '/composite/sobjects\\?ids=', methods: ['DELETE'] });
		const result = await runAction(
			org,
			created.map((c) => ({ id: c.id })),
			{ resource: 'record', operation: 'delete', sobject: objectParam('Account'), recordId: '={{ $json.id }}' },
		);
		expect(result.error('Salesforce')).toBeUndefined();
		const out = result.output('Salesforce');
		expect(out.map((o) => o.json.success)).toEqual([true, true]);
		expect(String(out[0].json.warning)).toMatch(/sent again.*reports the record deleted/);
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Del retry %'")).toBe(0);
	});

	it('the retry of a committed upsert does not claim "created: false" for records it created', async () => {
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs: 'reset', matchPath: '/composite/sobjects/Invoice__c/', methods: ['PATCH'] });
		const result = await runAction(org, [{ n: 'R-1' }, { n: 'R-2' }], {
			resource: 'record',
			operation: 'upsert',
			sobject: objectParam('Invoice__c'),
			columns: mapped({ External_Id__c: '={{ $json.n }}', Name: '={{ "Upsert retry " + $json.n }}' }, ['External_Id__c']),
		});
		const out = result.output('Salesforce');
		for (const o of out) {
			expect(o.json.success).toBe(true);
			expect(o.json.created).toBeNull();
			expect(String(o.json.warning)).toMatch(/whether this record was created or updated is unknown/);
		}
	});
});

describe('5. Without Continue On Fail, nothing is sent after the first rejected batch', () => {
	it('1,000 items with a bad record in the first batch: 1 batch sent, every saved record named', async () => {
		await org.clearCalls();
		const items = Array.from({ length: 1000 }, (_, i) => ({ i }));
		const result = await runAction(org, items, create('Invoice__c', { Name: '={{ $json.i === 5 ? "x".repeat(300) : "Stop " + $json.i }}' }));
		const err = result.error('Salesforce') as NodeErr;
		expect(err.context?.itemIndex).toBe(5);
		expect(err.description).toMatch(/199 item\(s\) were created/);
		expect(err.description).toMatch(/Item\(s\) 200-999 were not sent/);
		const saved = await org.jsforce.query<{ Id: string }>("SELECT Id FROM Invoice__c WHERE Name LIKE 'Stop %'", { autoFetch: true, maxFetch: 5000 });
		expect(saved.totalSize).toBe(199);
		for (const r of saved.records) expect(err.description).toContain(r.Id);
		expect(dataCalls(await org.calls()).filter((c) => c.method === 'POST')).toHaveLength(1);
	});
});

describe('7. Objects and arrays are never turned into strings', () => {
	it.each([
		['an object as the external ID', { External_Id__c: '={{ { a: 1 } }}', Name: 'x' }, /external ID value \(External_Id__c\) is an object or a list/],
		['an array as text', { External_Id__c: 'E-arr', Name: '={{ ["A", "B"] }}' }, /Name.*expects text, got a list/],
	])('%s is refused, nothing sent', async (_name, columns, message) => {
		await org.clearCalls();
		const result = await runAction(org, [{}], { resource: 'record', operation: 'upsert', sobject: objectParam('Invoice__c'), columns: mapped(columns, ['External_Id__c']) });
		expect(result.error('Salesforce')?.message).toMatch(message);
		expect(dataCalls(await org.calls()).filter((c) => c.method !== 'GET')).toEqual([]);
	});
});

describe('8 and 9. Ambiguous numbers and dates are refused with the field and an example', () => {
	const opp = (closeDate: string | number) => ({ Name: 'x', StageName: 'Prospecting', CloseDate: closeDate });
	it.each([
		['"1,5" into a number', 'Account', { Name: 'x', NumberOfEmployees: '1,5' }, /Employees \(NumberOfEmployees\) expects a number/, /1250\.5/],
		['"1.234,56" into a number', 'Account', { Name: 'x', AnnualRevenue: '1.234,56' }, /AnnualRevenue\) expects a number/, /1250\.5/],
		['20240520 into a date', 'Opportunity', opp(20240520), /Close Date \(CloseDate\) expects a date/, /2024-05-20/],
		['epoch seconds into a date', 'Opportunity', opp(1716236972), /CloseDate\) expects a date/, /epoch milliseconds/],
		['"10:30" into a date', 'Opportunity', opp('10:30'), /CloseDate\) expects a date/, /2024-05-20/],
		['"2024" into a date', 'Opportunity', opp('2024'), /CloseDate\) expects a date/, /2024-05-20/],
	])('%s', async (_name, object, columns, message, hint) => {
		await org.clearCalls();
		const result = await runAction(org, [{}], create(object, columns));
		const err = result.error('Salesforce') as NodeErr;
		expect(err.message).toMatch(message);
		expect(err.description).toMatch(hint);
		expect(dataCalls(await org.calls()).filter((c) => c.method !== 'GET')).toEqual([]);
	});
});

describe('11. Smaller defects', () => {
	it('an external ID field and an auto-mapped key in another letter case are found', async () => {
		const result = await runAction(org, [{ external_id__c: 'CASE-1', name: 'Case insensitive' }], {
			resource: 'record',
			operation: 'upsert',
			sobject: objectParam('Invoice__c'),
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['external_id__c'], schema: [] },
		});
		expect(result.error('Salesforce')).toBeUndefined();
		expect(result.output('Salesforce')[0].json).toMatchObject({ success: true, created: true });
	});

	it('a relationship path that does not exist is refused before any query', async () => {
		const acc = (await org.jsforce.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1')).records[0];
		await org.clearCalls();
		const result = await runAction(org, [{}], {
			resource: 'record',
			operation: 'get',
			sobject: objectParam('Contact'),
			recordId: acc.Id,
			options: { relationshipFields: 'Account.Nmae' },
		});
		const err = result.error('Salesforce') as NodeErr;
		expect(err.message).toBe('Account has no field "Nmae" (in "Account.Nmae")');
		expect(err.message.length).toBeLessThan(200);
		expect(dataCalls(await org.calls()).filter((c) => c.path.includes('/query'))).toEqual([]);
	});

	it('300 ids with many relationship fields: queries sized by their URL, none refused as too long', async () => {
		const created = (await org.jsforce.sobject('Contact').create(
			Array.from({ length: 300 }, (_, i) => ({ LastName: `Url ${i}` })),
			{ allowRecursive: true },
		)) as Array<{ id: string }>;
		// every Account field through six relationship prefixes: about 11 KB of URL before the ids (300 ids add 8 KB)
		const accountFields = (await org.jsforce.describe('Account')).fields.filter((f) => f.type !== 'address' && f.type !== 'location').map((f) => f.name);
		const prefixes = ['Account.', 'Account.Parent.', 'Account.Parent.Parent.', 'Account.Parent.Parent.Parent.', 'Account.MasterRecord.', 'Account.Parent.MasterRecord.'];
		const rel = prefixes.flatMap((p) => accountFields.map((f) => p + f));
		expect(encodeURIComponent(rel.join(', ')).length).toBeGreaterThan(10_000);
		await org.clearCalls();
		const result = await runAction(
			org,
			created.map((c) => ({ id: c.id })),
			{ resource: 'record', operation: 'get', sobject: objectParam('Contact'), recordId: '={{ $json.id }}', fields: ['LastName'], options: { relationshipFields: rel.join(', ') } },
		);
		expect(result.error('Salesforce')).toBeUndefined();
		const out = result.output('Salesforce');
		expect(out.map((o) => o.json.LastName)).toEqual(created.map((_c, i) => `Url ${i}`));
		const queries = dataCalls(await org.calls()).filter((c) => c.path.includes('/query'));
		expect(queries.length).toBeGreaterThan(1);
		expect(queries.every((q) => q.status === 200)).toBe(true);
	});

	it('an 18-character id with a wrong checksum is refused the same way on both read paths', async () => {
		const acc = (await org.jsforce.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records[0];
		const bad = acc.Id.slice(0, 15) + (acc.Id.slice(15) === 'AAA' ? 'AAB' : 'AAA');
		for (const options of [{}, { relationshipFields: 'Owner.Name' }]) {
			const result = await runAction(org, [{}], { resource: 'record', operation: 'get', sobject: objectParam('Account'), recordId: bad, options });
			expect(result.error('Salesforce')?.message).toMatch(/wrong checksum/);
		}
	});

	it('messages never start with UNKNOWN_ERROR or point at error.data; articles fit the object', async () => {
		const result = await runAction(org, [{}], create('Account', {}));
		const err = result.error('Salesforce') as NodeErr;
		expect(err.description).toBe('Fill in this field to create an Account record.');
		for (const text of [err.message, err.description ?? '']) expect(text).not.toMatch(/UNKNOWN_ERROR|NodeApiError|error\.data/);
	});
});

describe('12. A 2xx answer of an undocumented shape is an error of those items, not a crash', () => {
	it('204 without a body to a collections update', async () => {
		const created = (await org.jsforce.sobject('Account').create([{ Name: 'Shape 1' }, { Name: 'Shape 2' }])) as Array<{ id: string }>;
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs: '204', matchPath: '/composite/sobjects$', methods: ['PATCH'] });
		const result = await runAction(
			org,
			created.map((c) => ({ id: c.id })),
			{ resource: 'record', operation: 'update', sobject: objectParam('Account'), columns: mapped({ Id: '={{ $json.id }}', Description: 'shape' }, ['Id']) },
			{ continueOnFail: true },
		);
		const out = result.output('Salesforce');
		expect(out).toHaveLength(2);
		for (const o of out) expect(o.json).toMatchObject({ statusCode: 'UNEXPECTED_RESPONSE', outcome: 'unknown' });
	});
});
