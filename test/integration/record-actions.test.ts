/**
 * Dynamic record actions through n8n's engine against the sandbox org: every operation on a standard object, a
 * custom object and spec objects; batching through sObject Collections (API calls counted in the org's log);
 * mixed success with and without Continue On Fail; All or None; bad input that writes nothing.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { dataCalls, startOrg, type TestOrg } from '../harness/org';
import { mapped, objectParam, runAction } from '../harness/workflows';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);

async function count(soql: string): Promise<number> {
	return (await org.jsforce.query(soql)).totalSize;
}

/** A valid value per required field of an object, from its describe (references point at existing records). */
async function requiredValues(object: string): Promise<Record<string, string | number | boolean>> {
	const d = await org.jsforce.describe(object);
	const out: Record<string, string | number | boolean> = {};
	for (const f of d.fields.filter((x) => x.createable && !x.nillable && !x.defaultedOnCreate && x.type !== 'boolean')) {
		switch (f.type) {
			case 'reference': {
				const target = f.referenceTo?.[0] ?? 'User';
				const r = await org.jsforce.query<{ Id: string }>(`SELECT Id FROM ${target} LIMIT 1`);
				out[f.name] = r.records[0].Id;
				break;
			}
			case 'picklist':
			case 'multipicklist':
				out[f.name] = f.picklistValues?.find((p) => p.active)?.value ?? 'x';
				break;
			case 'int':
			case 'double':
			case 'currency':
			case 'percent':
				out[f.name] = 1;
				break;
			case 'date':
				out[f.name] = '2026-01-15';
				break;
			case 'datetime':
				out[f.name] = '2026-01-15T10:00:00Z';
				break;
			case 'email':
				out[f.name] = 'someone@example.com';
				break;
			default:
				out[f.name] = `Test ${f.name}`.slice(0, f.length || 80);
		}
	}
	return out;
}

describe('dynamic record actions', () => {
	it('creates, gets, updates, upserts and deletes Accounts with expressions over several items', async () => {
		const people = [{ n: 'Acme' }, { n: 'Globex' }, { n: 'Initech' }];
		const created = await runAction(org, people, {
			resource: 'record',
			operation: 'create',
			sobject: objectParam('Account'),
			columns: mapped({ Name: '={{ $json.n + " Corp" }}', NumberOfEmployees: '={{ $itemIndex * 10 + 5 }}', Industry: 'Banking' }),
		});
		const out = created.output('Salesforce');
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.every((i) => i.json.success === true && /^001[A-Za-z0-9]{15}$/.test(String(i.json.id)))).toBe(true);
		const ids = out.map((i) => String(i.json.id));
		const stored = await org.jsforce.sobject('Account').retrieve(ids);
		expect(stored.map((r) => [r?.Name, r?.NumberOfEmployees, r?.Industry])).toEqual([
			['Acme Corp', 5, 'Banking'],
			['Globex Corp', 15, 'Banking'],
			['Initech Corp', 25, 'Banking'],
		]);

		const got = await runAction(org, ids.map((id) => ({ id })), {
			resource: 'record',
			operation: 'get',
			sobject: objectParam('Account'),
			recordId: '={{ $json.id }}',
			fields: ['Name', 'Industry'],
			options: { relationshipFields: 'Owner.Name' },
		});
		const records = json(got.output('Salesforce'));
		expect(records.map((r) => r.Name)).toEqual(['Acme Corp', 'Globex Corp', 'Initech Corp']);
		expect(records[0]).toHaveProperty('Owner');

		const updated = await runAction(org, ids.map((id, i) => ({ id, rating: ['Hot', 'Warm', 'Cold'][i] })), {
			resource: 'record',
			operation: 'update',
			sobject: objectParam('Account'),
			columns: mapped({ Id: '={{ $json.id }}', Rating: '={{ $json.rating }}' }, ['Id']),
			options: { returnFullRecord: true },
		});
		expect(json(updated.output('Salesforce')).map((r) => [r.Id, r.Rating, r.Name])).toEqual([
			[ids[0], 'Hot', 'Acme Corp'],
			[ids[1], 'Warm', 'Globex Corp'],
			[ids[2], 'Cold', 'Initech Corp'],
		]);

		const upsertItems = [{ no: 'CUST-9001', name: 'Upserted One' }, { no: 'CUST-9001', name: 'Upserted Again' }];
		const first = await runAction(org, [upsertItems[0]], {
			resource: 'record',
			operation: 'upsert',
			sobject: objectParam('Account'),
			columns: mapped({ Customer_Number__c: '={{ $json.no }}', Name: '={{ $json.name }}' }, ['Customer_Number__c']),
		});
		expect(first.output('Salesforce')[0].json).toMatchObject({ success: true, created: true });
		const second = await runAction(org, [upsertItems[1]], {
			resource: 'record',
			operation: 'upsert',
			sobject: objectParam('Account'),
			columns: mapped({ Customer_Number__c: '={{ $json.no }}', Name: '={{ $json.name }}' }, ['Customer_Number__c']),
		});
		expect(second.output('Salesforce')[0].json).toMatchObject({ success: true, created: false, id: first.output('Salesforce')[0].json.id });
		expect(await count("SELECT COUNT() FROM Account WHERE Name = 'Upserted Again'")).toBe(1);

		const deleted = await runAction(org, ids.map((id) => ({ id })), {
			resource: 'record',
			operation: 'delete',
			sobject: objectParam('Account'),
			recordId: '={{ $json.id }}',
		});
		expect(json(deleted.output('Salesforce'))).toEqual(ids.map((id) => ({ id, success: true })));
		expect(await count(`SELECT COUNT() FROM Account WHERE Id IN ('${ids.join("','")}')`)).toBe(0);
	});

	it.each(['Invoice__c', 'Campaign', 'Asset', 'WorkOrder'])('runs every operation on %s', async (object) => {
		const values = await requiredValues(object);
		const d = await org.jsforce.describe(object);
		const textField = d.fields.find((f) => f.createable && f.updateable && f.type === 'string' && !f.externalId && !(f.name in values));
		const create = await runAction(org, [{}], {
			resource: 'record',
			operation: 'create',
			sobject: objectParam(object),
			columns: mapped(values),
		});
		const id = String(create.output('Salesforce')[0].json.id);
		expect(id.slice(0, 3)).toBe(d.keyPrefix);
		if (textField) {
			await runAction(org, [{}], {
				resource: 'record',
				operation: 'update',
				sobject: objectParam(object),
				columns: mapped({ Id: id, [textField.name]: 'changed' }, ['Id']),
			});
		}
		const got = await runAction(org, [{}], { resource: 'record', operation: 'get', sobject: objectParam(object), recordId: id });
		expect(got.output('Salesforce')[0].json.Id).toBe(id);
		if (textField) expect(got.output('Salesforce')[0].json[textField.name]).toBe('changed');
		const ext = d.fields.find((f) => f.externalId && f.createable);
		if (ext) {
			const up = await runAction(org, [{}], {
				resource: 'record',
				operation: 'upsert',
				sobject: objectParam(object),
				columns: mapped({ ...values, [ext.name]: `EXT-${object}` }, [ext.name]),
			});
			expect(up.output('Salesforce')[0].json.created).toBe(true);
		}
		const del = await runAction(org, [{}], { resource: 'record', operation: 'delete', sobject: objectParam(object), recordId: id });
		expect(del.output('Salesforce')[0].json).toEqual({ id, success: true });
	});
});

describe('items for different objects in one run', () => {
	it('groups them per object: one collection call and one describe per object, output in input order', async () => {
		const items = [
			{ object: 'Account', name: 'Grouped A1' },
			{ object: 'Invoice__c', name: 'Grouped I1' },
			{ object: 'Account', name: 'Grouped A2' },
			{ object: 'Invoice__c', name: 'Grouped I2' },
		];
		await org.clearCalls();
		const result = await runAction(org, items, {
			resource: 'record',
			operation: 'create',
			sobject: { __rl: true, mode: 'name', value: '={{ $json.object }}' },
			columns: mapped({ Name: '={{ $json.name }}' }),
		});
		const out = result.output('Salesforce');
		expect(out.map((o) => String(o.json.id).slice(0, 3))).toEqual(['001', 'a01', '001', 'a01']);
		const calls = dataCalls(await org.calls());
		expect(calls.filter((c) => c.path.endsWith('/describe'))).toHaveLength(2);
		expect(calls.filter((c) => c.path.endsWith('/composite/sobjects'))).toHaveLength(2);
		const names = await org.jsforce.sobject('Account').retrieve([String(out[0].json.id), String(out[2].json.id)]);
		expect(names.map((r) => r?.Name)).toEqual(['Grouped A1', 'Grouped A2']);
	});
});

describe('an object the org lacks, with Continue On Fail', () => {
	it('answers every item with the reason, for one describe call', async () => {
		await org.clearCalls();
		const result = await runAction(
			org,
			Array.from({ length: 50 }, (_, i) => ({ i })),
			{ resource: 'record', operation: 'create', sobject: objectParam('Missing__c'), columns: mapped({ Name: 'x' }) },
			{ continueOnFail: true },
		);
		const out = result.output('Salesforce');
		expect(out).toHaveLength(50);
		expect(out.every((o) => /Missing__c/.test(String(o.json.error)) && o.json.statusCode === 'INVALID_TYPE')).toBe(true);
		expect(dataCalls(await org.calls())).toHaveLength(1);
	});
});

describe('mapper values as the editor saves them (with a typed schema)', () => {
	// a date keeps the calendar day as written in its own offset: Salesforce dates have no time zone
	it('accepts n8n-converted types: numbers, booleans, dates from the date picker, multi-select arrays', async () => {
		const schema = [
			{ id: 'Name', displayName: 'Invoice Name (Name)', required: false, defaultMatch: false, display: true, type: 'string', canBeUsedToMatch: false },
			{ id: 'Amount__c', displayName: 'Amount (Amount__c)', required: false, defaultMatch: false, display: true, type: 'number', canBeUsedToMatch: false },
			{ id: 'Paid__c', displayName: 'Paid (Paid__c)', required: false, defaultMatch: false, display: true, type: 'boolean', canBeUsedToMatch: false },
			{ id: 'Due_Date__c', displayName: 'Due Date (Due_Date__c)', required: false, defaultMatch: false, display: true, type: 'dateTime', canBeUsedToMatch: false },
			{ id: 'Tags__c', displayName: 'Tags (Tags__c)', required: false, defaultMatch: false, display: true, type: 'array', canBeUsedToMatch: false },
		];
		const result = await runAction(org, [{ amount: '1250.75', paid: 'true', due: '2027-03-31T00:00:00.000+02:00' }], {
			resource: 'record',
			operation: 'create',
			sobject: objectParam('Invoice__c'),
			columns: {
				mappingMode: 'defineBelow',
				value: {
					Name: 'Typed',
					Amount__c: '={{ $json.amount }}',
					Paid__c: '={{ $json.paid }}',
					Due_Date__c: '={{ $json.due }}',
					Tags__c: '={{ ["Urgent", "Partner"] }}',
				},
				matchingColumns: [],
				schema,
				attemptToConvertTypes: true,
				convertFieldsToString: false,
			},
		});
		const id = String(result.output('Salesforce')[0].json.id);
		const stored = (await org.jsforce.sobject('Invoice__c').retrieve(id)) as Record<string, unknown>;
		expect(stored).toMatchObject({ Name: 'Typed', Amount__c: 1250.75, Paid__c: true, Due_Date__c: '2027-03-31', Tags__c: 'Urgent;Partner' });
	});
});

describe('Map Automatically', () => {
	it('creates from input items and updates from the output of a Get (system fields left out)', async () => {
		const created = await runAction(org, [{ Name: 'Auto One', Industry: 'Energy', note: 'not a field' }], {
			resource: 'record',
			operation: 'create',
			sobject: objectParam('Account'),
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
		});
		const id = String(created.output('Salesforce')[0].json.id);
		const got = await runAction(org, [{}], { resource: 'record', operation: 'get', sobject: objectParam('Account'), recordId: id });
		const record = got.output('Salesforce')[0].json;
		expect(record).toMatchObject({ Name: 'Auto One', Industry: 'Energy' });
		expect(record).toHaveProperty('CreatedDate');
		const updated = await runAction(org, [{ ...record, Industry: 'Utilities' }], {
			resource: 'record',
			operation: 'update',
			sobject: objectParam('Account'),
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['Id'], schema: [] },
		});
		expect(updated.output('Salesforce')[0].json).toEqual({ id, success: true });
		expect(((await org.jsforce.sobject('Account').retrieve(id)) as { Industry: string }).Industry).toBe('Utilities');
	});
});

describe('batching through sObject Collections', () => {
	const N = 1000;
	it(`${N} creates, updates and deletes cost at most 5 record calls each, plus one describe`, async () => {
		const items = Array.from({ length: N }, (_, i) => ({ i }));
		await org.clearCalls();
		const created = await runAction(org, items, {
			resource: 'record',
			operation: 'create',
			sobject: objectParam('Invoice__c'),
			columns: mapped({ Name: '={{ "Batch " + $json.i }}', Amount__c: '={{ $json.i }}' }),
		});
		const out = created.output('Salesforce');
		expect(out).toHaveLength(N);
		expect(out.every((o, i) => o.json.success === true && (o.pairedItem as { item: number }).item === i)).toBe(true);
		let calls = dataCalls(await org.calls());
		expect(calls.filter((c) => c.path.endsWith('/composite/sobjects'))).toHaveLength(5);
		expect(calls.filter((c) => c.path.endsWith('/describe'))).toHaveLength(1);
		expect(calls).toHaveLength(6);
		const ids = out.map((o) => String(o.json.id));
		expect(await count("SELECT COUNT() FROM Invoice__c WHERE Name LIKE 'Batch %'")).toBe(N);

		await org.clearCalls();
		await runAction(org, ids.map((id, i) => ({ id, i })), {
			resource: 'record',
			operation: 'update',
			sobject: objectParam('Invoice__c'),
			columns: mapped({ Id: '={{ $json.id }}', Amount__c: '={{ $json.i * 2 }}' }, ['Id']),
		});
		calls = dataCalls(await org.calls());
		expect(calls.filter((c) => c.method === 'PATCH' && c.path.endsWith('/composite/sobjects'))).toHaveLength(5);
		expect(calls).toHaveLength(6);
		expect(((await org.jsforce.sobject('Invoice__c').retrieve(ids[999])) as { Amount__c: number }).Amount__c).toBe(1998);

		await org.clearCalls();
		await runAction(org, ids.map((id) => ({ id })), {
			resource: 'record',
			operation: 'delete',
			sobject: objectParam('Invoice__c'),
			recordId: '={{ $json.id }}',
		});
		calls = dataCalls(await org.calls());
		expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(5);
		expect(calls).toHaveLength(6);
		expect(await count("SELECT COUNT() FROM Invoice__c WHERE Name LIKE 'Batch %'")).toBe(0);
	});
});

describe('mixed success and All or None', () => {
	// items 2, 5 and 8 carry a name longer than the field allows: only Salesforce can tell
	const items = Array.from({ length: 10 }, (_, i) => ({ name: [2, 5, 8].includes(i) ? 'x'.repeat(300) : `Mixed ${i}` }));
	const params = (options: object = {}) => ({
		resource: 'record',
		operation: 'create',
		sobject: objectParam('Account'),
		columns: mapped({ Name: '={{ $json.name }}' }),
		options,
	});

	it('with Continue On Fail: 7 created, 3 errors on the right items with Salesforce status code and fields', async () => {
		const result = await runAction(org, items, params(), { continueOnFail: true });
		const out = result.output('Salesforce');
		expect(out).toHaveLength(10);
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const failed = out.map((o, i) => (o.json.error ? i : -1)).filter((i) => i >= 0);
		expect(failed).toEqual([2, 5, 8]);
		for (const i of failed) {
			expect(out[i].json).toMatchObject({ statusCode: 'STRING_TOO_LONG', fields: ['Name'] });
			expect(String(out[i].json.error)).toMatch(/STRING_TOO_LONG/);
		}
		expect(out.filter((o) => o.json.success === true)).toHaveLength(7);
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Mixed %'")).toBe(7);
		await org.jsforce.sobject('Account').destroy(out.filter((o) => o.json.id).map((o) => String(o.json.id)));
	});

	it('without Continue On Fail: the node fails on the first bad item and says what was written', async () => {
		const result = await runAction(org, items, params());
		const error = result.error('Salesforce') as Error & { description?: string; context?: { itemIndex?: number } };
		expect(error.message).toMatch(/STRING_TOO_LONG/);
		expect(error.context?.itemIndex).toBe(2);
		expect(error.description).toMatch(/7 item\(s\) were created in Salesforce before the node stopped/);
		const written = await org.jsforce.query<{ Id: string }>("SELECT Id FROM Account WHERE Name LIKE 'Mixed %'");
		expect(written.totalSize).toBe(7);
		await org.jsforce.sobject('Account').destroy(written.records.map((r) => r.Id));
	});

	it('with All or None: nothing is created and every item says why', async () => {
		const result = await runAction(org, items, params({ allOrNone: true }), { continueOnFail: true });
		const out = result.output('Salesforce');
		expect(out).toHaveLength(10);
		expect(out.every((o) => typeof o.json.error === 'string')).toBe(true);
		expect(out[2].json.statusCode).toBe('STRING_TOO_LONG');
		expect(out[0].json.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
		expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Mixed %'")).toBe(0);
	});
});

describe('bad input: a clear error naming the field and the fix, and nothing written', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp, RegExp]> = [
		['unknown object', { operation: 'create', sobject: objectParam('Nope__c'), columns: mapped({ Name: 'x' }) }, /Nope__c/, /does not exist/],
		['unknown field', { operation: 'create', sobject: objectParam('Account'), columns: mapped({ Name: 'x', Colour__c: 'red' }) }, /no field "Colour__c"/, /Writable fields/],
		['text into a number', { operation: 'create', sobject: objectParam('Account'), columns: mapped({ Name: 'x', NumberOfEmployees: 'many' }) }, /Employees.*expects a number/, /dot for decimals/],
		['bad date', { operation: 'create', sobject: objectParam('Invoice__c'), columns: mapped({ Name: 'x', Due_Date__c: '31/31/2024' }) }, /Due_Date__c.*expects a date/, /ISO date/],
		['bad id', { operation: 'get', sobject: objectParam('Account'), recordId: 'not-an-id' }, /not a Salesforce ID/, /15 or 18/],
		['id of another object', { operation: 'delete', sobject: objectParam('Account'), recordId: '003000000000001AAA' }, /not an ID of Account/, /start with "001"/],
		['empty required field', { operation: 'create', sobject: objectParam('Account'), columns: mapped({ Phone: '123' }) }, /Required field is empty: Account Name \(Name\)/, /Fill in/],
		['read-only field', { operation: 'create', sobject: objectParam('Account'), columns: mapped({ Name: 'x', CreatedDate: '2024-01-01T00:00:00Z' }) }, /CreatedDate is read-only/, /Remove/],
		['restricted picklist', { operation: 'create', sobject: objectParam('Invoice__c'), columns: mapped({ Name: 'x', Status__c: 'Bogus' }) }, /does not allow "Bogus"/, /Allowed values/],
	];

	it.each(cases)('%s', async (_name, parameters, message, description) => {
		await org.clearCalls();
		const result = await runAction(org, [{}, {}], { resource: 'record', ...parameters });
		const error = result.error('Salesforce') as Error & { description?: string; context?: { itemIndex?: number } };
		expect(error.message).toMatch(message);
		expect(error.description ?? '').toMatch(description);
		expect(error.context?.itemIndex).toBe(0);
		const writes = dataCalls(await org.calls()).filter((c) => c.method !== 'GET' && !c.path.includes('/composite/sobjects/Account'));
		expect(writes).toEqual([]);
	});
});
