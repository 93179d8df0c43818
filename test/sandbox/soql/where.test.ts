import { executeSoql, SoqlError } from './index';
import { makeOrg } from './test-fixtures';

function names(soql: string, org: ReturnType<typeof makeOrg>, sort = true): string[] {
	const out = executeSoql(soql, org.ctx).records.map((r) => String(r.Name));
	return sort ? out.sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1)) : out;
}

function errorOf(fn: () => unknown): SoqlError {
	try {
		fn();
	} catch (e) {
		if (e instanceof SoqlError) return e;
		throw e;
	}
	throw new Error('expected a SoqlError');
}

function seed() {
	const org = makeOrg('2024-05-15T12:00:00.000Z'); // a Wednesday
	const a = org.add('Account', {
		Name: 'Acme',
		Industry: 'Energy',
		Phone: '555-0100',
		Website: 'https://acme.example',
		AnnualRevenue: 1000,
		NumberOfEmployees: 50,
		Rating__c: 4.5,
		Share__c: 12.5,
		Regions__c: 'EMEA;APAC',
		Active__c: true,
		Founded__c: '2001-02-03',
		Notes__c: 'first',
		CreatedDate: '2024-05-15T08:00:00.000+0000',
	});
	org.add('Account', {
		Name: 'Globex',
		Industry: 'Banking',
		AnnualRevenue: 5000,
		NumberOfEmployees: 500,
		Regions__c: 'AMER',
		Active__c: false,
		Founded__c: '1999-12-31',
		CreatedDate: '2024-05-14T23:59:59.999+0000',
	});
	org.add('Account', {
		Name: 'initech',
		Industry: null,
		AnnualRevenue: null,
		Regions__c: 'APAC;AMER;EMEA',
		Active__c: false,
		CreatedDate: '2024-04-01T00:00:00.000+0000',
	});
	org.add('Account', { Name: "O'Brien \\ Sons", Industry: 'Energy', Regions__c: null, Active__c: false, CreatedDate: '2023-12-31T23:00:00.000-0200' });
	return { org, a };
}

describe('logical operators', () => {
	it('AND, OR, NOT and parentheses', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Industry = 'Energy' AND AnnualRevenue > 10", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Industry = 'Banking' OR Name = 'initech'", org)).toEqual(['Globex', 'initech']);
		expect(names("SELECT Name FROM Account WHERE NOT Industry = 'Energy'", org)).toEqual(['Globex', 'initech']);
		expect(names("SELECT Name FROM Account WHERE NOT (Industry = 'Energy' OR Industry = 'Banking')", org)).toEqual(['initech']);
		expect(names("SELECT Name FROM Account WHERE (Industry = 'Energy' OR Industry = 'Banking') AND Active__c = false", org)).toEqual([
			'Globex',
			"O'Brien \\ Sons",
		]);
		expect(names("SELECT Name FROM Account WHERE Industry = 'Energy' AND (NOT Name = 'Acme')", org)).toEqual(["O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE ((Name = 'Acme'))", org)).toEqual(['Acme']);
	});

	it('rejects AND and OR mixed without parentheses', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql("SELECT Name FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", org.ctx));
		expect(e.errorCode).toBe('MALFORMED_QUERY');
		expect(e.message).toMatch(/\n {57}\^\nERROR at Row:1:Column:58\nunexpected token: 'OR'$/);
	});
});

describe('strings', () => {
	it('= != IN NOT IN < > compare case-insensitively', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Name = 'ACME'", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Name IN ('acme', 'GLOBEX')", org)).toEqual(['Acme', 'Globex']);
		expect(names("SELECT Name FROM Account WHERE Name NOT IN ('acme', 'GLOBEX')", org)).toEqual(['initech', "O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE Name < 'H'", org)).toEqual(['Acme', 'Globex']);
		expect(names("SELECT Name FROM Account WHERE Name >= 'Initech'", org)).toEqual(['initech', "O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE Name <> 'acme'", org)).toHaveLength(3);
	});

	it('!= and NOT IN match empty fields (SOQL treats null as a value); < and > never do', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Industry != 'Energy'", org)).toEqual(['Globex', 'initech']);
		expect(names("SELECT Name FROM Account WHERE Industry NOT IN ('Energy')", org)).toEqual(['Globex', 'initech']);
		expect(names("SELECT Name FROM Account WHERE Industry < 'Z'", org)).toEqual(['Acme', 'Globex', "O'Brien \\ Sons"]);
	});

	it('= null and != null', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account WHERE Industry = null', org)).toEqual(['initech']);
		expect(names('SELECT Name FROM Account WHERE Industry != null', org)).toHaveLength(3);
		expect(names('SELECT Name FROM Account WHERE AnnualRevenue = null', org)).toEqual(['initech', "O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE Industry IN ('Banking', null)", org)).toEqual(['Globex', 'initech']);
		expect(names('SELECT Name FROM Account WHERE AnnualRevenue > null', org)).toEqual([]);
	});

	it('decodes escapes in string literals', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Name = 'O\\'Brien \\\\ Sons'", org)).toEqual(["O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE Name = 'O\\u0027Brien \\\\ Sons'", org)).toEqual(["O'Brien \\ Sons"]);
		const org2 = makeOrg();
		org2.add('Account', { Name: 'tab\there\nnew "q"' });
		expect(names("SELECT Name FROM Account WHERE Name = 'tab\\there\\nnew \\\"q\\\"'", org2)).toEqual(['tab\there\nnew "q"']);
	});

	it('rejects an illegal escape and literals over 4000 characters', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql("SELECT Name FROM Account WHERE Name = 'a\\d'", org.ctx));
		expect(e.errorCode).toBe('MALFORMED_QUERY');
		expect(e.message).toMatch(/Illegal character sequence '\\d' in string literal/);
		const e2 = errorOf(() => executeSoql(`SELECT Name FROM Account WHERE Name = '${'x'.repeat(4001)}'`, org.ctx));
		expect(e2.errorCode).toBe('MALFORMED_QUERY');
		expect(names(`SELECT Name FROM Account WHERE Name = '${'x'.repeat(4000)}'`, org)).toEqual([]);
	});

	it('an unquoted value on a string field is an error', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql('SELECT Name FROM Account WHERE Name = 5', org.ctx));
		expect(e.errorCode).toBe('INVALID_FIELD');
		expect(e.message).toBe(
			"\nSELECT Name FROM Account WHERE Name = 5\n                                      ^\nERROR at Row:1:Column:39\nvalue of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
		);
	});
});

describe('LIKE', () => {
	it('supports % and _ wildcards, case-insensitively, anchored', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Name LIKE 'a%'", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Name LIKE '%E%'", org)).toEqual(['Acme', 'Globex', 'initech', "O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE Name LIKE '%EX'", org)).toEqual(['Globex']);
		expect(names("SELECT Name FROM Account WHERE Name LIKE '_cme'", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Name LIKE 'cme'", org)).toEqual([]);
		expect(names("SELECT Name FROM Account WHERE Phone LIKE '555%'", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Website LIKE '%.example'", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Industry LIKE 'ener%'", org)).toEqual(['Acme', "O'Brien \\ Sons"]);
	});

	it('\\% and \\_ match literally; regex characters are not special', () => {
		const org = makeOrg();
		for (const n of ['100% sure', '100 sure', 'a_b', 'axb', 'a.c', 'abc']) org.add('Account', { Name: n });
		expect(names("SELECT Name FROM Account WHERE Name LIKE '100\\%%'", org)).toEqual(['100% sure']);
		expect(names("SELECT Name FROM Account WHERE Name LIKE 'a\\_b'", org)).toEqual(['a_b']);
		expect(names("SELECT Name FROM Account WHERE Name LIKE 'a_b'", org)).toEqual(['a_b', 'axb']);
		expect(names("SELECT Name FROM Account WHERE Name LIKE 'a.c'", org)).toEqual(['a.c']);
	});

	it('works on id and reference fields', () => {
		const { org, a } = seed();
		expect(names(`SELECT Name FROM Account WHERE Id LIKE '${a.Id.slice(0, 10)}%'`, org)).toContain('Acme');
	});

	it('is rejected on multipicklist, number, boolean and date fields', () => {
		const { org } = seed();
		const multi = errorOf(() => executeSoql("SELECT Name FROM Account WHERE Regions__c LIKE 'E%'", org.ctx));
		expect(multi.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
		expect(multi.message).toMatch(/invalid operator on multipicklist field$/);
		const num = errorOf(() => executeSoql("SELECT Name FROM Account WHERE AnnualRevenue LIKE '1%'", org.ctx));
		expect(num.errorCode).toBe('INVALID_FIELD');
		expect(num.message).toMatch(/value of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes$/);
		expect(errorOf(() => executeSoql("SELECT Name FROM Account WHERE Active__c LIKE 't%'", org.ctx)).message).toMatch(/must be of type boolean/);
		expect(errorOf(() => executeSoql("SELECT Name FROM Account WHERE Founded__c LIKE '2001%'", org.ctx)).message).toMatch(/must be of type date /);
	});
});

describe('multipicklists', () => {
	it("INCLUDES ('A;B','C') means (A and B) or C", () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('EMEA')", org)).toEqual(['Acme', 'initech']);
		expect(names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('emea;amer')", org)).toEqual(['initech']);
		expect(names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('EMEA;AMER', 'AMER')", org)).toEqual(['Globex', 'initech']);
		expect(names("SELECT Name FROM Account WHERE Regions__c EXCLUDES ('APAC')", org)).toEqual(['Globex', "O'Brien \\ Sons"]);
		expect(names("SELECT Name FROM Account WHERE Regions__c EXCLUDES ('APAC;AMER')", org)).toEqual(['Acme', 'Globex', "O'Brien \\ Sons"]);
	});

	it('= compares the exact set, in any order', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Regions__c = 'APAC;EMEA'", org)).toEqual(['Acme']);
		expect(names("SELECT Name FROM Account WHERE Regions__c = 'EMEA'", org)).toEqual([]);
		expect(names("SELECT Name FROM Account WHERE Regions__c != 'EMEA;APAC'", org)).toEqual(['Globex', 'initech', "O'Brien \\ Sons"]);
	});

	it('INCLUDES/EXCLUDES only on multipicklists; no ordering operators on them', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql("SELECT Name FROM Account WHERE Industry INCLUDES ('Energy')", org.ctx));
		expect(e.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
		expect(e.message).toMatch(/includes or excludes operator only valid on multipicklist field$/);
		expect(errorOf(() => executeSoql("SELECT Name FROM Account WHERE Regions__c > 'A'", org.ctx)).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
	});
});

describe('numbers', () => {
	it('compares currency, int, double and percent with numeric literals', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account WHERE AnnualRevenue >= 1000', org)).toEqual(['Acme', 'Globex']);
		expect(names('SELECT Name FROM Account WHERE AnnualRevenue < 1000.5', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE NumberOfEmployees = 500', org)).toEqual(['Globex']);
		expect(names('SELECT Name FROM Account WHERE NumberOfEmployees IN (50, 7)', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE Rating__c > -1.5', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE Share__c <= 12.5', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE AnnualRevenue != 1000', org)).toEqual(['Globex', 'initech', "O'Brien \\ Sons"]);
		expect(names('SELECT Name FROM Account WHERE AnnualRevenue > USD999', org)).toEqual(['Acme', 'Globex']);
	});

	it('a quoted value on a number field is an error', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql("SELECT Name FROM Account WHERE NumberOfEmployees = '50'", org.ctx));
		expect(e.errorCode).toBe('INVALID_FIELD');
		expect(e.message).toMatch(/value of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes$/);
		expect(errorOf(() => executeSoql('SELECT Name FROM Account WHERE Rating__c = 2024-01-01', org.ctx)).errorCode).toBe('INVALID_FIELD');
		expect(errorOf(() => executeSoql('SELECT Name FROM Account WHERE Rating__c = USD5', org.ctx)).errorCode).toBe('INVALID_FIELD');
	});
});

describe('booleans', () => {
	it('= TRUE / FALSE and !=', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account WHERE Active__c = TRUE', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE Active__c = false', org)).toHaveLength(3);
		expect(names('SELECT Name FROM Account WHERE Active__c != true', org)).toHaveLength(3);
	});

	it('rejects quoted values and ordering operators', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql("SELECT Name FROM Account WHERE Active__c = 'true'", org.ctx));
		expect(e.errorCode).toBe('INVALID_FIELD');
		expect(e.message).toMatch(/value of filter criterion for field 'Active__c' must be of type boolean and should not be enclosed in quotes$/);
		expect(errorOf(() => executeSoql('SELECT Name FROM Account WHERE Active__c = 1', org.ctx)).errorCode).toBe('INVALID_FIELD');
		expect(errorOf(() => executeSoql('SELECT Name FROM Account WHERE Active__c > false', org.ctx)).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
	});
});

describe('dates and datetimes', () => {
	it('compares date fields with date literals', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account WHERE Founded__c = 2001-02-03', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE Founded__c < 2000-01-01', org)).toEqual(['Globex']);
		expect(names('SELECT Name FROM Account WHERE Founded__c IN (1999-12-31, 2001-02-03)', org)).toEqual(['Acme', 'Globex']);
	});

	it('compares datetimes by instant, whatever the offset notation', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account WHERE CreatedDate > 2024-05-15T00:00:00Z', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = 2024-05-15T08:00:00.000+0000', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = 2024-05-15T13:30:00+05:30', org)).toEqual(['Acme']);
		// stored 2023-12-31T23:00-02:00 is 2024-01-01T01:00Z
		expect(names('SELECT Name FROM Account WHERE CreatedDate >= 2024-01-01T01:00:00Z AND CreatedDate < 2024-02-01T00:00:00Z', org)).toEqual([
			"O'Brien \\ Sons",
		]);
	});

	it('rejects a date literal on a datetime field and vice versa, and quoted dates', () => {
		const { org } = seed();
		const e = errorOf(() => executeSoql('SELECT Name FROM Account WHERE CreatedDate > 2024-01-31', org.ctx));
		expect(e.errorCode).toBe('INVALID_FIELD');
		expect(e.message).toBe(
			"\nSELECT Name FROM Account WHERE CreatedDate > 2024-01-31\n                                             ^\nERROR at Row:1:Column:46\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
		);
		expect(errorOf(() => executeSoql('SELECT Name FROM Account WHERE Founded__c > 2024-01-31T00:00:00Z', org.ctx)).message).toMatch(
			/value of filter criterion for field 'Founded__c' must be of type date and should not be enclosed in quotes$/,
		);
		expect(errorOf(() => executeSoql("SELECT Name FROM Account WHERE Founded__c = '2001-02-03'", org.ctx)).errorCode).toBe('INVALID_FIELD');
		expect(errorOf(() => executeSoql("SELECT Name FROM Account WHERE CreatedDate = '2024-05-15T08:00:00Z'", org.ctx)).errorCode).toBe('INVALID_FIELD');
	});

	it('relative date literals are ranges on datetime fields, evaluated against ctx.now() in UTC', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account WHERE CreatedDate = TODAY', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = YESTERDAY', org)).toEqual(['Globex']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate < TODAY', org)).toEqual(['Globex', 'initech', "O'Brien \\ Sons"]);
		expect(names('SELECT Name FROM Account WHERE CreatedDate > YESTERDAY', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = THIS_WEEK', org)).toEqual(['Acme', 'Globex']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = THIS_MONTH', org)).toEqual(['Acme', 'Globex']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = LAST_MONTH', org)).toEqual(['initech']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:1', org)).toEqual(['Acme', 'Globex']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:44', org)).toEqual(['Acme', 'Globex', 'initech']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = N_DAYS_AGO:1', org)).toEqual(['Globex']);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = THIS_YEAR', org)).toHaveLength(4);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = LAST_YEAR', org)).toEqual([]);
		expect(names('SELECT Name FROM Account WHERE CreatedDate != TODAY', org)).toHaveLength(3);
		expect(names('SELECT Name FROM Account WHERE CreatedDate >= LAST_N_MONTHS:1 AND CreatedDate <= TODAY', org)).toEqual([
			'Acme',
			'Globex',
			'initech',
		]);
		org.setNow('2024-05-16T00:30:00Z');
		expect(names('SELECT Name FROM Account WHERE CreatedDate = TODAY', org)).toEqual([]);
		expect(names('SELECT Name FROM Account WHERE CreatedDate = YESTERDAY', org)).toEqual(['Acme']);
	});

	it('relative date literals on date fields', () => {
		const org = makeOrg('2024-05-15T12:00:00Z');
		org.add('Project__c', { Name: 'today', Due__c: '2024-05-15' });
		org.add('Project__c', { Name: 'tomorrow', Due__c: '2024-05-16' });
		org.add('Project__c', { Name: 'in 30', Due__c: '2024-06-14' });
		org.add('Project__c', { Name: 'next year', Due__c: '2025-01-01' });
		expect(names('SELECT Name FROM Project__c WHERE Due__c = TODAY', org)).toEqual(['today']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c = TOMORROW', org)).toEqual(['tomorrow']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c = NEXT_N_DAYS:30', org)).toEqual(['in 30', 'tomorrow']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c = NEXT_90_DAYS', org)).toEqual(['in 30', 'tomorrow']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c = NEXT_MONTH', org)).toEqual(['in 30']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c = NEXT_YEAR', org)).toEqual(['next year']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c > THIS_YEAR', org)).toEqual(['next year']);
		expect(names('SELECT Name FROM Project__c WHERE Due__c IN (TODAY, TOMORROW)', org)).toEqual(['today', 'tomorrow']);
	});
});

describe('ids', () => {
	it('15- and 18-character ids are equivalent; bad ids are rejected', () => {
		const { org, a } = seed();
		expect(names(`SELECT Name FROM Account WHERE Id = '${a.Id}'`, org)).toEqual(['Acme']);
		expect(names(`SELECT Name FROM Account WHERE Id = '${a.Id.slice(0, 15)}'`, org)).toEqual(['Acme']);
		expect(names(`SELECT Name FROM Account WHERE Id IN ('${a.Id.slice(0, 15)}')`, org)).toEqual(['Acme']);
		const e = errorOf(() => executeSoql("SELECT Name FROM Account WHERE Id = 'abc'", org.ctx));
		expect(e.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
		expect(e.message).toMatch(/invalid ID field: abc$/);
	});

	it('filters on relationship fields and semi-joins', () => {
		const { org, a } = seed();
		org.add('Contact', { LastName: 'Smith', AccountId: a.Id });
		const res = executeSoql("SELECT LastName FROM Contact WHERE Account.Name = 'acme'", org.ctx);
		expect(res.records.map((r) => r.LastName)).toEqual(['Smith']);
		expect(names('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)', org)).toEqual(['Acme']);
		expect(names('SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)', org)).toHaveLength(3);
	});
});

describe('unfilterable and unsortable fields', () => {
	it.each(['Description', 'Secret__c', 'Logo__c'])('%s can not be filtered', (f) => {
		const { org } = seed();
		const e = errorOf(() => executeSoql(`SELECT Name FROM Account WHERE ${f} = 'x'`, org.ctx));
		expect(e.errorCode).toBe('INVALID_FIELD');
		expect(e.message).toMatch(new RegExp(`field '${f}' can not be filtered in a query call$`));
	});

	it('a short text area can be filtered; a long one cannot be sorted', () => {
		const { org } = seed();
		expect(names("SELECT Name FROM Account WHERE Notes__c = 'FIRST'", org)).toEqual(['Acme']);
		const e = errorOf(() => executeSoql('SELECT Name FROM Account ORDER BY Description', org.ctx));
		expect(e.errorCode).toBe('INVALID_FIELD');
		expect(e.message).toMatch(/field 'Description' can not be sorted in a query call$/);
	});
});

describe('ORDER BY', () => {
	it('defaults to ASC with nulls first; DESC puts nulls last', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue, Name', org, false)).toEqual(['initech', "O'Brien \\ Sons", 'Acme', 'Globex']);
		expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC, Name', org, false)).toEqual(['Globex', 'Acme', 'initech', "O'Brien \\ Sons"]);
		expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue ASC NULLS LAST, Name DESC', org, false)).toEqual([
			'Acme',
			'Globex',
			"O'Brien \\ Sons",
			'initech',
		]);
		expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST, Name', org, false)).toEqual([
			'initech',
			"O'Brien \\ Sons",
			'Globex',
			'Acme',
		]);
	});

	it('sorts strings case-insensitively, dates and datetimes by instant, booleans false first', () => {
		const { org } = seed();
		expect(names('SELECT Name FROM Account ORDER BY Name', org, false)).toEqual(['Acme', 'Globex', 'initech', "O'Brien \\ Sons"]);
		expect(names('SELECT Name FROM Account ORDER BY CreatedDate', org, false)).toEqual(["O'Brien \\ Sons", 'initech', 'Globex', 'Acme']);
		expect(names('SELECT Name FROM Account ORDER BY Active__c DESC, Name', org, false)).toEqual(['Acme', 'Globex', 'initech', "O'Brien \\ Sons"]);
		expect(names('SELECT Name FROM Account ORDER BY Founded__c DESC', org, false).slice(0, 2)).toEqual(['Acme', 'Globex']);
	});

	it('sorts by relationship fields', () => {
		const org = makeOrg();
		const z = org.add('Account', { Name: 'Zeta' });
		const b = org.add('Account', { Name: 'beta' });
		org.add('Contact', { LastName: 'c1', AccountId: z.Id });
		org.add('Contact', { LastName: 'c2', AccountId: b.Id });
		org.add('Contact', { LastName: 'c3', AccountId: null });
		const res = executeSoql('SELECT LastName FROM Contact ORDER BY Account.Name DESC', org.ctx);
		expect(res.records.map((r) => r.LastName)).toEqual(['c1', 'c2', 'c3']);
	});
});
