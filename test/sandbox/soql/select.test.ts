import { executeSoql, SoqlError } from './index';
import { makeOrg } from './test-fixtures';

function seed() {
	const org = makeOrg();
	const user = org.add('User', { Name: 'Ada Admin', Email: 'ada@example.com', Alias: 'ada' });
	const group = org.add('Group', { Name: 'Support Queue', Type: 'Queue' });
	const parent = org.add('Account', { Name: 'Parent Co', OwnerId: user.Id, CreatedById: user.Id });
	const acme = org.add('Account', {
		Name: 'Acme',
		Industry: 'Energy',
		ParentId: parent.Id,
		OwnerId: group.Id,
		CreatedById: user.Id,
		AnnualRevenue: 1000,
		Regions__c: 'EMEA;APAC',
		Active__c: true,
		Founded__c: '2001-02-03',
	});
	const contact = org.add('Contact', { LastName: 'Smith', AccountId: acme.Id, OwnerId: user.Id });
	const orphan = org.add('Contact', { LastName: 'Orphan', AccountId: null, OwnerId: user.Id });
	org.add('Case', { Subject: 'Broken', ContactId: contact.Id });
	org.add('Project__c', { Name: 'P1', Account__c: acme.Id, Due__c: '2024-06-01' });
	return { org, user, group, parent, acme, contact, orphan };
}

function expectSoqlError(fn: () => unknown, code: string, message: string | RegExp): void {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(SoqlError);
	const err = caught as SoqlError;
	expect(err.errorCode).toBe(code);
	if (typeof message === 'string') expect(err.message).toBe(message);
	else expect(err.message).toMatch(message);
}

describe('SELECT field lists', () => {
	it('returns attributes first, then fields in SELECT order with canonical casing', () => {
		const { org, acme } = seed();
		const res = executeSoql("SELECT name, ID, industry FROM account WHERE Name = 'Acme'", org.ctx);
		expect(res.totalSize).toBe(1);
		const rec = res.records[0];
		expect(Object.keys(rec)).toEqual(['attributes', 'Name', 'Id', 'Industry']);
		expect(rec).toEqual({
			attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acme.Id}` },
			Name: 'Acme',
			Id: acme.Id,
			Industry: 'Energy',
		});
	});

	it('returns null for unset fields and values as stored', () => {
		const { org } = seed();
		const [rec] = executeSoql(
			"SELECT Phone, AnnualRevenue, Regions__c, Active__c, Founded__c, CreatedDate FROM Account WHERE Name = 'Acme'",
			org.ctx,
		).records;
		expect(rec).toMatchObject({
			Phone: null,
			AnnualRevenue: 1000,
			Regions__c: 'EMEA;APAC',
			Active__c: true,
			Founded__c: '2001-02-03',
			CreatedDate: '2024-01-01T00:00:00.000+0000',
		});
	});

	it('nests parent relationship fields and merges several fields of one parent', () => {
		const { org, parent, user } = seed();
		const [rec] = executeSoql("SELECT Name, Parent.Name, CreatedBy.Name, Parent.Id FROM Account WHERE Name = 'Acme'", org.ctx).records;
		expect(Object.keys(rec)).toEqual(['attributes', 'Name', 'Parent', 'CreatedBy']);
		expect(rec.Parent).toEqual({
			attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${parent.Id}` },
			Name: 'Parent Co',
			Id: parent.Id,
		});
		expect(rec.CreatedBy).toEqual({
			attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${user.Id}` },
			Name: 'Ada Admin',
		});
	});

	it('returns null for an empty reference', () => {
		const { org } = seed();
		const [rec] = executeSoql("SELECT LastName, Account.Name FROM Contact WHERE LastName = 'Orphan'", org.ctx).records;
		expect(rec.Account).toBeNull();
	});

	it('follows two levels and custom __r relationships', () => {
		const { org } = seed();
		const [c] = executeSoql('SELECT Subject, Contact.Account.Name, Contact.LastName FROM Case', org.ctx).records;
		expect(c.Contact).toMatchObject({ attributes: { type: 'Contact' }, LastName: 'Smith', Account: { attributes: { type: 'Account' }, Name: 'Acme' } });
		const [p] = executeSoql('SELECT Name, Account__r.Name FROM Project__c', org.ctx).records;
		expect(p.Account__r).toMatchObject({ attributes: { type: 'Account' }, Name: 'Acme' });
	});

	it('resolves polymorphic references to the record actually referenced', () => {
		const { org } = seed();
		const res = executeSoql('SELECT Name, Owner.Name FROM Account ORDER BY Name', org.ctx);
		expect(res.records.map((r) => r.Owner)).toEqual([
			expect.objectContaining({ attributes: expect.objectContaining({ type: 'Group' }), Name: 'Support Queue' }),
			expect.objectContaining({ attributes: expect.objectContaining({ type: 'User' }), Name: 'Ada Admin' }),
		]);
	});

	it('accepts the object alias and the object name as prefixes', () => {
		const { org } = seed();
		const res = executeSoql("SELECT a.Name FROM Account a WHERE a.Name = 'Acme'", org.ctx);
		expect(res.records[0].Name).toBe('Acme');
		expect(executeSoql("SELECT Account.Name FROM Account WHERE Name = 'Acme'", org.ctx).records[0].Name).toBe('Acme');
	});

	it('expands FIELDS(ALL), FIELDS(STANDARD) and FIELDS(CUSTOM)', () => {
		const { org } = seed();
		const custom = executeSoql("SELECT FIELDS(CUSTOM) FROM Account WHERE Name = 'Acme' LIMIT 200", org.ctx).records[0];
		expect(Object.keys(custom)).toEqual(['attributes', 'Rating__c', 'Share__c', 'Notes__c', 'Regions__c', 'Active__c', 'Founded__c', 'Secret__c', 'Logo__c']);
		const std = executeSoql("SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Acme'", org.ctx).records[0];
		expect(Object.keys(std)).toContain('Name');
		expect(Object.keys(std)).not.toContain('Regions__c');
		const all = executeSoql("SELECT FIELDS(ALL) FROM Account WHERE Name = 'Acme' LIMIT 10", org.ctx).records[0];
		expect(Object.keys(all)).toEqual(expect.arrayContaining(['Name', 'Regions__c', 'CreatedDate']));
		expectSoqlError(() => executeSoql('SELECT FIELDS(ALL) FROM Account', org.ctx), 'MALFORMED_QUERY', /The SOQL FIELDS function must have a LIMIT of at most 200$/);
	});

	it('returns child subqueries as {totalSize, done, records} or null', () => {
		const { org } = seed();
		const res = executeSoql('SELECT Name, (SELECT LastName FROM Contacts), (SELECT Name FROM Projects__r) FROM Account ORDER BY Name', org.ctx);
		const [acme, parent] = res.records;
		expect(acme.Contacts).toEqual({
			totalSize: 1,
			done: true,
			records: [{ attributes: expect.objectContaining({ type: 'Contact' }), LastName: 'Smith' }],
		});
		expect(acme.Projects__r).toMatchObject({ totalSize: 1, records: [{ Name: 'P1' }] });
		expect(parent.Contacts).toBeNull();
		expectSoqlError(
			() => executeSoql('SELECT Name, (SELECT Id FROM Contact) FROM Account', org.ctx),
			'INVALID_TYPE',
			/Didn't understand relationship 'Contact' in FROM part of query call\. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name\./,
		);
	});

	it('applies child WHERE, ORDER BY and LIMIT per parent', () => {
		const { org, acme } = seed();
		org.add('Contact', { LastName: 'Adams', AccountId: acme.Id });
		org.add('Contact', { LastName: 'Zed', AccountId: acme.Id });
		const [rec] = executeSoql(
			"SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Zed' ORDER BY LastName LIMIT 5) FROM Account WHERE Name = 'Acme'",
			org.ctx,
		).records;
		expect((rec.Contacts as { records: Array<{ LastName: string }> }).records.map((r) => r.LastName)).toEqual(['Adams', 'Smith']);
	});
});

describe('COUNT and aggregates', () => {
	it('COUNT() puts the count in totalSize with no records', () => {
		const { org } = seed();
		expect(executeSoql('SELECT COUNT() FROM Contact', org.ctx)).toEqual({ totalSize: 2, records: [] });
		expect(executeSoql("SELECT COUNT() FROM Contact WHERE LastName = 'Smith'", org.ctx)).toEqual({ totalSize: 1, records: [] });
	});

	it('COUNT(Id) and friends return one AggregateResult with exprN keys or aliases', () => {
		const { org } = seed();
		const res = executeSoql('SELECT COUNT(Id), MAX(Name) maxName, COUNT(Industry), SUM(AnnualRevenue) FROM Account', org.ctx);
		expect(res).toEqual({
			totalSize: 1,
			records: [{ attributes: { type: 'AggregateResult' }, expr0: 2, maxName: 'Parent Co', expr1: 1, expr2: 1000 }],
		});
		expectSoqlError(() => executeSoql('SELECT Name, COUNT(Id) FROM Account', org.ctx), 'MALFORMED_QUERY', /Field must be grouped or aggregated: Name$/);
	});
});

describe('LIMIT and OFFSET', () => {
	it('applies OFFSET then LIMIT after ordering', () => {
		const org = makeOrg();
		for (const n of ['e', 'b', 'a', 'd', 'c']) org.add('Account', { Name: n });
		const res = executeSoql('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1', org.ctx);
		expect(res.records.map((r) => r.Name)).toEqual(['b', 'c']);
		expect(res.totalSize).toBe(2);
		expect(executeSoql('SELECT Name FROM Account ORDER BY Name OFFSET 2000', org.ctx).records).toEqual([]);
	});

	it('rejects OFFSET above 2000', () => {
		const org = makeOrg();
		expectSoqlError(() => executeSoql('SELECT Id FROM Account LIMIT 10 OFFSET 2001', org.ctx), 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
	});
});

describe('deleted records', () => {
	it('query never returns IsDeleted records, queryAll does', () => {
		const org = makeOrg();
		org.add('Account', { Name: 'live' });
		org.add('Account', { Name: 'gone', IsDeleted: true });
		expect(executeSoql('SELECT Name FROM Account', org.ctx).records.map((r) => r.Name)).toEqual(['live']);
		expect(executeSoql('SELECT Name FROM Account WHERE IsDeleted = true', org.ctx).totalSize).toBe(0);
		const all = executeSoql('SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true', org.ctx, { includeDeleted: true });
		expect(all.records.map((r) => r.Name)).toEqual(['gone']);
	});
});

describe('errors', () => {
	it('unknown object: INVALID_TYPE with the query echoed and a caret', () => {
		const org = makeOrg();
		expectSoqlError(
			() => executeSoql('SELECT Id FROM Foo', org.ctx),
			'INVALID_TYPE',
			"\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
		);
	});

	it('unknown field: INVALID_FIELD pointing at the field', () => {
		const org = makeOrg();
		expectSoqlError(
			() => executeSoql('SELECT Id, Foo FROM Account', org.ctx),
			'INVALID_FIELD',
			"\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
		);
		expectSoqlError(() => executeSoql("SELECT Id FROM Account WHERE Bar__c = 'x'", org.ctx), 'INVALID_FIELD', /ERROR at Row:1:Column:30\nNo such column 'Bar__c' on entity 'Account'/);
		expectSoqlError(() => executeSoql('SELECT Id FROM Account ORDER BY Nope', org.ctx), 'INVALID_FIELD', /No such column 'Nope' on entity 'Account'/);
		expectSoqlError(() => executeSoql('SELECT Account.Nope FROM Contact', org.ctx), 'INVALID_FIELD', /No such column 'Nope' on entity 'Account'/);
	});

	it('unknown relationship: INVALID_FIELD "Didn\'t understand relationship"', () => {
		const org = makeOrg();
		expectSoqlError(
			() => executeSoql('SELECT Foo.Name FROM Contact', org.ctx),
			'INVALID_FIELD',
			"\nSELECT Foo.Name FROM Contact\n       ^\nERROR at Row:1:Column:8\nDidn't understand relationship 'Foo' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
		);
		// the field name is not the relationship name
		expectSoqlError(() => executeSoql('SELECT AccountId.Name FROM Contact', org.ctx), 'INVALID_FIELD', /Didn't understand relationship 'AccountId'/);
	});

	it('syntax errors: MALFORMED_QUERY "unexpected token"', () => {
		const org = makeOrg();
		expectSoqlError(() => executeSoql('SELECT Id FROM Account WHERE', org.ctx), 'MALFORMED_QUERY', /ERROR at Row:1:Column:\d+\nunexpected token: '<EOF>'$/);
		expectSoqlError(() => executeSoql('SELECT Id FROM Account WHERE Name = abc', org.ctx), 'MALFORMED_QUERY', /\nSELECT Id FROM Account WHERE Name = abc\n {36}\^\nERROR at Row:1:Column:37\nunexpected token: 'abc'$/);
		expectSoqlError(() => executeSoql("SELECT Id FROM Account WHERE Name = 'x", org.ctx), 'MALFORMED_QUERY', /unexpected token/);
		expectSoqlError(() => executeSoql('SELECT Id FROM Account GROUP BY Name', org.ctx), 'MALFORMED_QUERY', /GROUP BY/);
	});

	it('reports the row and column on multi-line queries', () => {
		const org = makeOrg();
		expectSoqlError(() => executeSoql('SELECT Id\nFROM Account\nWHERE Nope = 1', org.ctx), 'INVALID_FIELD', /^\nWHERE Nope = 1\n {6}\^\nERROR at Row:3:Column:7\nNo such column 'Nope'/);
	});
});
