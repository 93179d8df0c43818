/**
 * SOQL rules against the running sandbox: checkboxes compared with null, picklist sort order, date literals in the
 * querying user's time zone and locale, and the queries Salesforce refuses (OFFSET in subqueries, relationship
 * paths deeper than five levels, unfiltered ContentDocumentLink). Each test names the documentation page it follows.
 */
import * as admin from '../admin-client';
import { DEFAULT_USERS } from '../org';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
/** access tokens by username */
const tokens = new Map<string, string>();
const V = '/services/data/v66.0';
const [LA, BERLIN, LONDON] = DEFAULT_USERS.map((u) => u.username);

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	for (const u of DEFAULT_USERS) tokens.set(u.username, (await admin.browserLogin(sb.url, { username: u.username, password: u.password })).access_token);
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await admin.reset(sb.url, { seed: false });
});

type Json = Record<string, unknown>;

async function soql(q: string, as = LA): Promise<{ status: number; body: Json & Json[] }> {
	const res = await fetch(`${sb.url}${V}/query?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${tokens.get(as)}` } });
	return { status: res.status, body: (await res.json()) as Json & Json[] };
}

async function names(q: string, as = LA): Promise<unknown[]> {
	const res = await soql(q, as);
	expect(res.status).toBe(200);
	return (res.body.records as Json[]).map((r) => r.Name);
}

async function refused(q: string): Promise<Json> {
	const res = await soql(q);
	expect(res.status).toBe(400);
	return res.body[0] as Json;
}

describe('checkboxes compared with null', () => {
	// SOQL and SOSL Reference: "Use null in WHERE": "If you run a query on a boolean field, null matches FALSE values ...
	// WHERE Test_c = null is equivalent to WHERE Test_c = false. The clause WHERE Test_c != null is equivalent to WHERE
	// Test_c = true."
	it('= null means false and != null means true', async () => {
		await admin.load(sb.url, 'Invoice__c', [
			{ Name: 'Paid', Paid__c: true },
			{ Name: 'Open', Paid__c: false },
			{ Name: 'Default' },
		]);
		expect(await names('SELECT Name FROM Invoice__c WHERE Paid__c = null ORDER BY Name')).toEqual(['Default', 'Open']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Paid__c != null ORDER BY Name')).toEqual(['Paid']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Paid__c IN (null) ORDER BY Name')).toEqual(['Default', 'Open']);
		expect(await names('SELECT Name FROM Invoice__c WHERE NOT Paid__c = null')).toEqual(['Paid']);
	});
});

describe('ORDER BY on a picklist', () => {
	// SOQL and SOSL Reference: "ORDER BY": "Picklist sorting is defined by the picklist sort determined during setup"
	it('sorts in the picklist order of the describe, not alphabetically', async () => {
		// Account.Rating: Hot, Warm, Cold; the picklist is not restricted, so a value outside it can be stored
		await admin.load(sb.url, 'Account', [{ Name: 'c', Rating: 'Cold' }, { Name: 'h', Rating: 'Hot' }, { Name: 'n' }, { Name: 'x', Rating: 'Lukewarm' }, { Name: 'w', Rating: 'Warm' }]);
		const describe = (await (await fetch(`${sb.url}${V}/sobjects/Account/describe`, { headers: { authorization: `Bearer ${tokens.get(LA)}` } })).json()) as {
			fields: Array<{ name: string; picklistValues: Array<{ value: string }> }>;
		};
		expect(describe.fields.find((f) => f.name === 'Rating')?.picklistValues.map((p) => p.value)).toEqual(['Hot', 'Warm', 'Cold']);
		// values outside the list after those in it; nulls first ascending, last descending ("ORDER BY": nulls first by default)
		expect(await names('SELECT Name FROM Account ORDER BY Rating')).toEqual(['n', 'h', 'w', 'c', 'x']);
		expect(await names('SELECT Name FROM Account ORDER BY Rating DESC')).toEqual(['x', 'c', 'w', 'h', 'n']);
		expect(await names('SELECT Name FROM Account ORDER BY Rating NULLS LAST, Name')).toEqual(['h', 'w', 'c', 'x', 'n']);
		// text fields still sort alphabetically, case-insensitively
		expect(await names('SELECT Name FROM Account WHERE Rating != null ORDER BY Rating, Name LIMIT 1')).toEqual(['h']);
	});
});

describe('date literals in the user\'s time zone and locale', () => {
	// SOQL and SOSL Reference: "Date Formats and Date Literals in WHERE": "The exact start and end of the range depends on
	// the date literal and the locale of the user sending the query"; "Your locale determines the first day of the week".
	// The default users: Los Angeles / en_US, Berlin / de_DE, London / en_GB.
	it('TODAY and YESTERDAY on a dateTime field start at the user\'s midnight', async () => {
		// Wednesday 2030-01-02 05:00 UTC = Tuesday 21:00 in Los Angeles, Wednesday 06:00 in Berlin, 05:00 in London
		await admin.setClock(sb.url, { set: '2030-01-02T05:00:00.000Z' });
		await admin.load(sb.url, 'Invoice__c', [
			{ Name: 'A', Issued_At__c: '2030-01-01T22:00:00Z' },
			{ Name: 'B', Issued_At__c: '2030-01-02T07:00:00Z' },
			{ Name: 'C', Issued_At__c: '2030-01-01T07:30:00Z' },
		]);
		const q = (literal: string) => `SELECT Name FROM Invoice__c WHERE Issued_At__c = ${literal} ORDER BY Name`;
		expect(await names(q('TODAY'), LA)).toEqual(['A', 'B']);
		expect(await names(q('YESTERDAY'), LA)).toEqual(['C']);
		expect(await names(q('TODAY'), BERLIN)).toEqual(['B']);
		expect(await names(q('YESTERDAY'), BERLIN)).toEqual(['A', 'C']);
		expect(await names(q('TODAY'), LONDON)).toEqual(['B']);
		// LAST_N_DAYS:1 = yesterday and today
		expect(await names(q('LAST_N_DAYS:1'), LA)).toEqual(['A', 'B', 'C']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Issued_At__c > TODAY ORDER BY Name', BERLIN)).toEqual([]);
		expect(await names('SELECT Name FROM Invoice__c WHERE Issued_At__c < TODAY ORDER BY Name', LA)).toEqual(['C']);
	});

	it('TODAY on a date field is the user\'s calendar day', async () => {
		await admin.setClock(sb.url, { set: '2030-01-02T05:00:00.000Z' });
		await admin.load(sb.url, 'Invoice__c', [
			{ Name: 'Jan 1', Due_Date__c: '2030-01-01' },
			{ Name: 'Jan 2', Due_Date__c: '2030-01-02' },
		]);
		expect(await names('SELECT Name FROM Invoice__c WHERE Due_Date__c = TODAY', LA)).toEqual(['Jan 1']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Due_Date__c = TODAY', BERLIN)).toEqual(['Jan 2']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Due_Date__c = TOMORROW', LA)).toEqual(['Jan 2']);
	});

	it('THIS_WEEK starts on Sunday for en_US and on Monday for de_DE and en_GB', async () => {
		// Sunday 2030-01-06, noon UTC: Sunday in all three zones
		await admin.setClock(sb.url, { set: '2030-01-06T12:00:00.000Z' });
		await admin.load(sb.url, 'Invoice__c', [
			{ Name: 'Sat 5', Due_Date__c: '2030-01-05' },
			{ Name: 'Sun 6', Due_Date__c: '2030-01-06' },
			{ Name: 'Mon 7', Due_Date__c: '2030-01-07' },
		]);
		const q = 'SELECT Name FROM Invoice__c WHERE Due_Date__c = THIS_WEEK ORDER BY Due_Date__c';
		expect(await names(q, LA)).toEqual(['Sun 6', 'Mon 7']);
		expect(await names(q, BERLIN)).toEqual(['Sat 5', 'Sun 6']);
		expect(await names(q, LONDON)).toEqual(['Sat 5', 'Sun 6']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Due_Date__c = LAST_WEEK', LA)).toEqual(['Sat 5']);
		expect(await names('SELECT Name FROM Invoice__c WHERE Due_Date__c = NEXT_WEEK', LONDON)).toEqual(['Mon 7']);
	});
});

describe('queries Salesforce refuses', () => {
	// SOQL and SOSL Reference: "OFFSET": "A subquery can use OFFSET only if the parent query has a LIMIT 1 clause";
	// "OFFSET cannot be used as a subquery in the WHERE clause, even if the parent query uses LIMIT 1" (MALFORMED_QUERY)
	it('OFFSET in a subquery, unless the outer query has LIMIT 1; never in a WHERE subquery', async () => {
		const { ids } = await admin.load(sb.url, 'Account', [{ Name: 'Parent' }]);
		await admin.load(sb.url, 'Invoice__c', [1, 2, 3].map((i) => ({ Name: `Inv ${i}`, Account__c: ids[0] })));
		const child = '(SELECT Name FROM Invoices__r ORDER BY Name LIMIT 1 OFFSET 1)';
		expect((await refused(`SELECT Name, ${child} FROM Account`)).errorCode).toBe('MALFORMED_QUERY');
		const ok = await soql(`SELECT Name, ${child} FROM Account LIMIT 1`);
		expect(ok.status).toBe(200);
		expect(((ok.body.records as Json[])[0].Invoices__r as { records: Json[] }).records.map((r) => r.Name)).toEqual(['Inv 2']);
		const semi = 'SELECT Name FROM Account WHERE Id IN (SELECT Account__c FROM Invoice__c LIMIT 1 OFFSET 1) LIMIT 1';
		expect((await refused(semi)).errorCode).toBe('MALFORMED_QUERY');
	});

	// SOQL and SOSL Reference: "Understanding Relationship Query Limitations": "no more than five levels can be specified
	// in a child-to-parent relationship. For example, Contact.Account.Owner.FirstName (three levels)."
	it('relationship paths deeper than five levels', async () => {
		const four = 'Account.Owner.Manager.Manager.Name';
		expect((await soql(`SELECT ${four} FROM Contact`)).status).toBe(200);
		expect((await soql(`SELECT Id FROM Contact WHERE ${four} = 'x' ORDER BY ${four}`)).status).toBe(200);
		for (const q of [
			'SELECT Account.Owner.Manager.Manager.Manager.Name FROM Contact',
			"SELECT Id FROM Contact WHERE Account.Owner.Manager.Manager.Manager.Name = 'x'",
			'SELECT Id FROM Contact ORDER BY Account.Owner.Manager.Manager.Manager.Name',
		]) {
			const err = await refused(q);
			expect(err.errorCode).toBe('MALFORMED_QUERY');
			expect(err.message).toContain('Account.Owner.Manager.Manager.Manager.Name');
		}
	});

	// Object Reference: "ContentDocumentLink": "You can't run a query without filters against ContentDocumentLink"
	it('ContentDocumentLink without a filter on ContentDocumentId or LinkedEntityId', async () => {
		const message =
			"Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.";
		for (const q of [
			'SELECT Id FROM ContentDocumentLink',
			"SELECT Id FROM ContentDocumentLink WHERE ShareType = 'V'",
			"SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId != '0058d0000000001AAA'",
			"SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '0058d0000000001AAA' OR ShareType = 'V'",
			"SELECT Id FROM Account WHERE Id IN (SELECT LinkedEntityId FROM ContentDocumentLink WHERE ShareType = 'V')",
		]) {
			expect(await refused(q)).toEqual({ errorCode: 'MALFORMED_QUERY', message });
		}
		for (const q of [
			"SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '0058d0000000001AAA'",
			"SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId IN ('0698d0000000001AAA', '0698d0000000002AAA') AND ShareType = 'V'",
			"SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId IN (SELECT Id FROM Account)",
			'SELECT Name, (SELECT Id FROM ContentDocumentLinks) FROM Account',
		]) {
			expect((await soql(q)).status).toBe(200);
		}
	});
});
