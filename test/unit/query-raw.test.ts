import { parseQuery } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';

import { QueryInputError, checkRawSoql, escapeSoqlString } from '../../shared/query';

function errorOf(fn: () => unknown): QueryInputError {
	try {
		fn();
	} catch (e) {
		if (e instanceof QueryInputError) return e;
		throw e;
	}
	throw new Error('expected a QueryInputError');
}

describe('raw SOQL check', () => {
	it('accepts one SELECT, trimmed, without a trailing semicolon, and names its object', () => {
		expect(checkRawSoql('SELECT Id FROM Account')).toEqual({ soql: 'SELECT Id FROM Account', object: 'Account' });
		expect(checkRawSoql("  select Id, (SELECT Id FROM Contacts) from Invoice__c where Name = 'a;b' ;  \n")).toEqual({
			soql: "select Id, (SELECT Id FROM Contacts) from Invoice__c where Name = 'a;b'",
			object: 'Invoice__c',
		});
		const valid = [
			"SELECT Id FROM Account WHERE Name = 'It\\'s' AND Note__c = 'back\\\\slash \\n \\u00e9' AND Name LIKE '50\\%%'",
			'SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:30 AND LastModifiedDate > 2024-01-01T10:00:00Z',
			'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email != null)',
			'SELECT COUNT() FROM Account',
			'SELECT FIELDS(ALL) FROM Account LIMIT 200',
			'SELECT Id, TYPEOF What WHEN Account THEN Name END FROM Event',
			'SELECT Opens__c FROM Store__c WHERE Opens__c < 12:00:00.000Z',
			'SELECT Id FROM Account WITH USER_MODE',
			'SELECT Amount FROM Opportunity WHERE Amount > -5 ORDER BY Amount DESC NULLS LAST LIMIT 10 OFFSET 5',
		];
		for (const soql of valid) expect(checkRawSoql(soql).soql).toBe(soql);
	});

	const refused: Array<[string, string, number]> = [
		['SELECT Id FROM Account; SELECT Id FROM User', 'SOQL: only one statement can be sent', 22],
		['SELECT Id FROM Account;;', 'SOQL: only one statement can be sent', 22],
		["SELECT Id FROM Account WHERE Name = 'x'; DELETE FROM Account", 'SOQL: only one statement can be sent', 39],
		['DELETE FROM Account', 'SOQL: a query starts with SELECT, not "DELETE"', 0],
		['  UPDATE Account SET Name = 1', 'SOQL: a query starts with SELECT, not "UPDATE"', 2],
		['FIND {Acme} RETURNING Account', 'SOQL: a query starts with SELECT, not "FIND"', 0],
		['(SELECT Id FROM Account)', 'SOQL: a query starts with SELECT, not "("', 0],
		["SELECT Id FROM Account WHERE Name = 'open", 'SOQL: the string that starts here is never closed', 36],
		["SELECT Id FROM Account WHERE Name = 'a\\'", 'SOQL: the string that starts here is never closed', 36],
		["SELECT Id FROM Account WHERE Name = 'a\\qb'", 'SOQL: "\\q" is not a valid escape in a string', 38],
		["SELECT Id FROM Account WHERE Name = 'a\\u12'", 'SOQL: \\u must be followed by 4 hexadecimal digits', 38],
		['SELECT Id FROM Account WHERE (Name = null', 'SOQL: "(" is never closed', 29],
		['SELECT Id FROM Account WHERE Name = null)', 'SOQL: ")" without a matching "("', 40],
		["SELECT Id FROM Account WHERE Name = 'x' -- all", 'SOQL: comments are not part of SOQL', 40],
		['SELECT Id FROM Account /* x */', 'SOQL: comments are not part of SOQL', 23],
		['SELECT Id FROM Account WHERE Id = :recordId', 'SOQL: bind variables (:name) only work in Apex', 34],
		['SELECT Id, Name', 'SOQL: the query has no FROM with an object', 15],
		['SELECT Id FROM (SELECT Id FROM Account)', 'SOQL: the query has no FROM with an object', 10],
	];
	it.each(refused)('%j is refused: %s', (soql, message, position) => {
		const e = errorOf(() => checkRawSoql(soql));
		expect(e.message.split(' at character ')[0]).toBe(message);
		expect(e.position).toBe(position);
		expect(e.input).toBe('soql');
		expect(e.hint).not.toBe('');
	});

	it('refuses empty input and queries over the URL limit', () => {
		expect(errorOf(() => checkRawSoql('  ')).message).toBe('The SOQL query is empty');
		expect(errorOf(() => checkRawSoql(undefined)).message).toBe('The SOQL query is empty');
		const long = `SELECT Id FROM Account WHERE Name IN (${Array.from({ length: 1500 }, (_, k) => `'Name ${k}'`).join(', ')})`;
		expect(errorOf(() => checkRawSoql(long)).message).toMatch(/^The query is too long for Salesforce/);
	});

	it('property: a value escaped with escapeSoqlString never ends the statement or the string early', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (value) => {
				const soql = `SELECT Id FROM Account WHERE Name = '${escapeSoqlString(value)}' LIMIT 1`;
				const checked = checkRawSoql(soql, { apiVersion: '66.0' });
				expect(checked.soql).toBe(soql);
				expect(checked.object).toBe('Account');
			}),
		);
	});

	it('property: what passes the check and the SOQL parser is the statement that was given', () => {
		fc.assert(
			fc.property(fc.constantFrom('Account', 'Contact', 'Invoice__c'), fc.string(), (object, value) => {
				const soql = `SELECT Id FROM ${object} WHERE Name = '${escapeSoqlString(value)}'`;
				expect(checkRawSoql(`${soql};`).soql).toBe(soql);
				expect(parseQuery(soql).sObject).toBe(object);
			}),
		);
	});
});
