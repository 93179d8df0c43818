/**
 * What a Bulk API 2.0 query job can run (the lexical check), the SELECT list's paths, the relationship Ids a job reads
 * on top, and records typed from them: a parent with empty fields is an object of nulls, no parent is null.
 */
import { relationshipIdColumns, typedRecords, type QueryColumn } from '../../shared/client/bulk';
import { bulkQueryProblem, compoundFieldProblem, selectList } from '../../shared/query';

describe('bulkQueryProblem', () => {
	it.each([
		['SELECT Id, (SELECT Id FROM Contacts) FROM Account', 'a subquery (a parent-to-child relationship)', 12],
		['SELECT COUNT() FROM Account', 'the aggregate function COUNT()', 7],
		['SELECT Industry, MAX(AnnualRevenue) FROM Account GROUP BY Industry', 'the aggregate function MAX()', 17],
		['SELECT Industry FROM Account GROUP BY Industry', 'GROUP BY', 29],
		['SELECT Id FROM Account ORDER BY Name LIMIT 10 OFFSET 5', 'OFFSET', 46],
		['SELECT Id FROM Account LIMIT 5 FOR VIEW', 'FOR VIEW', 31],
		['SELECT Id FROM Account LIMIT 5 for reference', 'FOR REFERENCE', 31],
		['SELECT TYPEOF What WHEN Account THEN Name END FROM Event', 'TYPEOF', 7],
		['SELECT FIELDS(STANDARD) FROM Account LIMIT 200', 'FIELDS()', 7],
		['SELECT toLabel(Industry) FROM Account', 'the function toLabel() in the field list', 7],
	])('%s: %s', (soql, what, position) => {
		expect(bulkQueryProblem(soql)).toEqual({ what, position });
	});

	it.each([
		"SELECT Id, Name FROM Account WHERE Name = 'GROUP BY (SELECT x) OFFSET 5 FOR VIEW'",
		'SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = null)',
		'SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024 ORDER BY Name LIMIT 10',
		'SELECT Group__c, Offset__c, For__c, Account.Group__c FROM Thing__c',
		"SELECT Id FROM Account WHERE Name LIKE 'it\\'s (SELECT%'",
	])('runs as a job: %s', (soql) => {
		expect(bulkQueryProblem(soql)).toBeUndefined();
	});
});

describe('selectList and compound fields', () => {
	it('paths in order, the object and its alias as prefixes', () => {
		expect(selectList('SELECT Id, a.Name, Owner.Email FROM Account a WHERE Name > \'b\'')).toEqual({ paths: ['Id', 'a.Name', 'Owner.Email'], prefixes: ['Account', 'a'] });
		expect(selectList('SELECT Id FROM Account WHERE Id != null').prefixes).toEqual(['Account']);
	});

	it('a compound field of the object, also written with its prefix; a parent’s is left to Salesforce', () => {
		const fields = [
			{ name: 'BillingAddress', type: 'address' },
			{ name: 'Name', type: 'string' },
		];
		expect(compoundFieldProblem('SELECT Id, Account.BillingAddress FROM Account', fields)).toEqual({ what: 'the compound field BillingAddress', position: 11, field: 'BillingAddress' });
		expect(compoundFieldProblem('SELECT Id, Name, Parent.BillingAddress FROM Account', fields)).toBeUndefined();
		expect(compoundFieldProblem("SELECT Id FROM Account WHERE Name = 'BillingAddress'", fields)).toBeUndefined();
	});
});

describe('relationship Ids', () => {
	it('one per relationship prefix not selected already, not for the object’s own prefix', () => {
		expect(relationshipIdColumns(['Id', 'Account.Name', 'Account.Owner.Email', 'Owner.Name', 'Owner.Id', 'c.Name'], ['Contact', 'c'])).toEqual(['Account.Id', 'Account.Owner.Id']);
	});

	it('typed records: a related record with empty fields is an object of nulls, none is null, the added Ids are dropped', () => {
		const col = (path: string, type: string, parents: Array<string | undefined> = []): QueryColumn => ({ path: path.split('.'), type, parents });
		const columns = [
			col('Id', 'id'),
			col('Account.Industry', 'picklist', ['Account']),
			col('Account.Owner.Email', 'email', ['Account', 'User']),
			col('Account.Id', 'id', ['Account']),
			col('Account.Owner.Id', 'id', ['Account', 'User']),
		];
		const rows = [
			['003A', '', '', '001A', '005A'],
			['003B', '', '', '', ''],
			['003C', 'Energy', '', '001C', ''],
		];
		const records = typedRecords(columns, rows, 'Contact', '66.0', ['Account.Id', 'Account.Owner.Id']).map((r) => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'attributes' ? undefined : v))) as unknown);
		expect(records).toEqual([
			{ Id: '003A', Account: { Industry: null, Owner: { Email: null } } },
			{ Id: '003B', Account: null },
			{ Id: '003C', Account: { Industry: 'Energy', Owner: null } },
		]);
	});
});
