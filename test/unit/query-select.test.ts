import { parseQuery } from '@jetstreamapp/soql-parser-js';

import {
	MAX_URI_BYTES,
	QueryInputError,
	chunkToFit,
	composeQuery,
	defaultFields,
	queryUrlLength,
	type QuerySpec,
} from '../../shared/query';
import { ACCOUNT_FIELDS, field, parseWhere, resolveParent } from './query-helpers';

const base: QuerySpec = { object: 'Account', objectFields: ACCOUNT_FIELDS, resolveParentField: resolveParent };

function errorOf(fn: () => unknown): QueryInputError {
	try {
		fn();
	} catch (e) {
		if (e instanceof QueryInputError) return e;
		throw e;
	}
	throw new Error('expected a QueryInputError');
}

// 15-character ids (all digits: no checksum to get wrong)
const ids = (n: number) => Array.from({ length: n }, (_, k) => `001${String(k).padStart(12, '0')}`);

describe('SELECT composition', () => {
	it('default fields: Id, the name field, CreatedDate, LastModifiedDate, SystemModstamp when present', () => {
		expect(composeQuery(base).soql).toBe('SELECT Id, Name, CreatedDate, LastModifiedDate, SystemModstamp FROM Account');
		expect(defaultFields([field('Id', 'id'), field('CaseNumber', 'string', { nameField: true }), field('CreatedDate', 'datetime')])).toEqual([
			'Id',
			'CaseNumber',
			'CreatedDate',
		]);
		// no name field flagged: a field called Name still counts
		expect(defaultFields([field('id', 'id'), field('name', 'string')])).toEqual(['id', 'name']);
	});

	it('all fields, or chosen ones (Id first, duplicates dropped, parent fields allowed)', () => {
		expect(composeQuery({ ...base, fields: 'all' }).fields).toEqual(ACCOUNT_FIELDS.map((f) => f.name));
		expect(composeQuery({ ...base, fields: ['Name', 'name', ' Owner.Email ', 'Industry'] }).soql).toBe('SELECT Id, Name, Owner.Email, Industry FROM Account');
		expect(composeQuery({ ...base, fields: ['Id', 'Name'] }).fields).toEqual(['Id', 'Name']);
	});

	it('refuses unknown or malformed fields, naming them', () => {
		expect(errorOf(() => composeQuery({ ...base, fields: ['Nope__c'] })).message).toBe('Account has no field Nope__c');
		expect(errorOf(() => composeQuery({ ...base, fields: ['Owner.Nope'] })).hint).toMatch(/relationship name/);
		const e = errorOf(() => composeQuery({ ...base, fields: ['Name FROM User --'] }));
		expect(e.message).toMatch(/^"Name FROM User --" is not a field name/);
		expect(e.input).toBe('fields');
		expect(errorOf(() => composeQuery({ ...base, fields: 'Name' as never })).message).toMatch(/must be a list/);
	});

	it('refuses bad object names', () => {
		expect(errorOf(() => composeQuery({ ...base, object: 'Account WHERE Id != null' })).message).toMatch(/is not an object name/);
		expect(errorOf(() => composeQuery({ ...base, object: 'Select' })).message).toMatch(/SOQL keyword/);
		expect(composeQuery({ ...base, object: ' Group ', fields: ['Id'] }).soql).toBe('SELECT Id FROM Group');
	});

	it('WHERE, ORDER BY, LIMIT and OFFSET in SOQL order, as the parser reads them', () => {
		const q = composeQuery({
			...base,
			conditions: [
				{ field: 'Industry', operator: 'in', value: ['Media', 'Banking'] },
				{ field: 'Owner.IsActive', operator: 'isTrue' },
			],
			sort: [{ field: 'AnnualRevenue', direction: 'desc', nulls: 'last' }, { field: 'Owner.Name' }, { field: 'Name', nulls: 'FIRST' }],
			limit: 50,
			offset: 100,
		});
		expect(q.soql).toBe(
			"SELECT Id, Name, CreatedDate, LastModifiedDate, SystemModstamp FROM Account WHERE Industry IN ('Media', 'Banking') AND Owner.IsActive = TRUE ORDER BY AnnualRevenue DESC NULLS LAST, Owner.Name ASC, Name ASC NULLS FIRST LIMIT 50 OFFSET 100",
		);
		expect(q.where).toBe("Industry IN ('Media', 'Banking') AND Owner.IsActive = TRUE");
		const parsed = parseQuery(q.soql);
		expect(parsed.limit).toBe(50);
		expect(parsed.offset).toBe(100);
		expect(parsed.orderBy).toEqual([
			{ field: 'AnnualRevenue', order: 'DESC', nulls: 'LAST' },
			{ field: 'Owner.Name', order: 'ASC' },
			{ field: 'Name', order: 'ASC', nulls: 'FIRST' },
		]);
		expect(q.urlLength).toBe(queryUrlLength(q.soql));
	});

	it('ANDs a clause built by code (the trigger cursor) with the conditions', () => {
		const cursor = "SystemModstamp > 2024-05-31T10:00:00Z OR (SystemModstamp = 2024-05-31T10:00:00Z AND Id > '001000000000001AAA')";
		const q = composeQuery({
			...base,
			fields: ['Id'],
			conditions: [{ field: 'Name', operator: 'startsWith', value: 'A' }, { field: 'Industry', operator: 'equals', value: 'Media' }],
			logic: 'any',
			andClause: cursor,
			sort: [{ field: 'SystemModstamp' }, { field: 'Id' }],
		});
		expect(q.where).toBe(`(Name LIKE 'A%' OR Industry = 'Media') AND (${cursor})`);
		expect(parseWhere(q.where ?? '').skeleton).toBe('(C OR C) AND (C OR (C AND C))');
		expect(composeQuery({ ...base, fields: ['Id'], andClause: cursor }).where).toBe(cursor);
	});

	it('sorting: only sortable fields, once each, with known directions', () => {
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: 'Regions__c' }] })).message).toBe('Sort 1 (Regions__c): Regions__c cannot be sorted');
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: 'Name' }, { field: 'name', direction: 'DESC' }] })).message).toBe(
			'Sort 2 (name): name is sorted by twice',
		);
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: 'Name', direction: 'DOWN' }] })).message).toBe('Sort 1 (Name): unknown direction "DOWN"');
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: 'Name', nulls: 'MIDDLE' }] })).hint).toBe('Use FIRST or LAST.');
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: 'Nope' }] })).message).toBe('Sort 1 (Nope): there is no field Nope');
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: 'Name DESC, Id' }] })).message).toMatch(/is not a field name/);
		expect(errorOf(() => composeQuery({ ...base, sort: [{ field: '' }] })).message).toBe('Sort 1: no field is chosen');
		// options an editor leaves empty mean the defaults
		expect(composeQuery({ ...base, fields: ['Id'], sort: [{ field: 'Name', direction: '', nulls: '' }] }).soql).toBe('SELECT Id FROM Account ORDER BY Name ASC');
	});

	it('LIMIT must be 1 or more; OFFSET at most 2,000', () => {
		expect(composeQuery({ ...base, limit: 1 }).soql).toMatch(/ LIMIT 1$/);
		expect(composeQuery({ ...base, offset: 2000 }).soql).toMatch(/ OFFSET 2000$/);
		expect(composeQuery({ ...base, offset: 0 }).soql).not.toMatch(/OFFSET/);
		expect(errorOf(() => composeQuery({ ...base, limit: 0 })).message).toBe('Limit must be a whole number of 1 or more, got 0');
		expect(errorOf(() => composeQuery({ ...base, limit: 2.5 })).input).toBe('limit');
		const e = errorOf(() => composeQuery({ ...base, offset: 2001 }));
		expect(e.message).toBe("Offset 2,001 is over Salesforce's maximum of 2,000");
		expect(e.hint).toMatch(/skips at most 2,000 records/);
		expect(e.input).toBe('offset');
		expect(errorOf(() => composeQuery({ ...base, offset: -1 })).message).toMatch(/whole number of 0 or more/);
	});
});

describe('URL length', () => {
	it('measures the request URI the way jsforce builds it', () => {
		expect(queryUrlLength('SELECT Id FROM Account')).toBe('/services/data/v66.0/query?q='.length + 'SELECT%20Id%20FROM%20Account'.length);
		expect(queryUrlLength('SELECT Id FROM Account', { apiVersion: '60.0', queryAll: true })).toBe(queryUrlLength('SELECT Id FROM Account') + 3);
		// the quote is percent-encoded on the way out (WHATWG URL), as Node's URL shows
		const sent = new URL(`http://org.example/services/data/v66.0/query?q=${encodeURIComponent("Name = 'é'")}`);
		expect(queryUrlLength("Name = 'é'")).toBe((sent.pathname + sent.search).length);
		expect(queryUrlLength("Name = 'é'")).toBe('/services/data/v66.0/query?q='.length + encodeURIComponent("Name = 'é'").length + 4);
	});

	it('refuses a query over 16,384 bytes, saying how many list values fit', () => {
		const spec = (n: number): QuerySpec => ({ ...base, conditions: [{ field: 'Id', operator: 'in', value: ids(n) }] });
		const e = errorOf(() => composeQuery(spec(2000)));
		const fit = Number(/; ([\d,]+) would fit$/.exec(e.message)?.[1].replace(/,/g, ''));
		expect(e.message).toMatch(/^The query is too long for Salesforce: [\d,]+ bytes in the request URL, the limit is 16,384\. Condition 1 \(Id\) lists 2,000 values; [\d,]+ would fit$/);
		expect(e.row).toBe(1);
		// the count is exact: that many fit, one more does not
		expect(composeQuery(spec(fit)).urlLength).toBeLessThanOrEqual(MAX_URI_BYTES);
		expect(() => composeQuery(spec(fit + 1))).toThrow(QueryInputError);
		expect(e.hint).toBe(`Split the list into batches of at most ${fit.toLocaleString('en-US')} values (e.g. with Loop Over Items) and run one query per batch.`);
	});

	it('refuses a query that is too long because of its fields', () => {
		const wide = Array.from({ length: 800 }, (_, k) => field(`Very_Long_Custom_Field_Name_${k}__c`, 'string'));
		const e = errorOf(() => composeQuery({ object: 'Wide__c', objectFields: wide, fields: 'all' }));
		expect(e.message).toMatch(/too long for Salesforce: [\d,]+ bytes in the request URL, the limit is 16,384 \(800 fields selected\)$/);
		expect(e.input).toBe('fields');
	});

	it('chunkToFit splits a big list into the fewest queries that each fit', () => {
		const values = ids(5000);
		const build = (chunk: readonly string[]) => composeQuery({ ...base, fields: ['Id'], conditions: [{ field: 'Id', operator: 'in', value: [...chunk] }] }).soql;
		const render = (chunk: readonly string[]) => `SELECT Id FROM Account WHERE Id IN (${chunk.map((v) => `'${v}'`).join(', ')})`;
		const chunks = chunkToFit(values, render);
		expect(chunks.flat()).toEqual(values);
		for (const c of chunks) expect(queryUrlLength(render(c))).toBeLessThanOrEqual(MAX_URI_BYTES);
		// each chunk but the last is full: one more value would not fit
		for (const [k, c] of chunks.slice(0, -1).entries()) {
			const next = values[chunks.slice(0, k + 1).flat().length];
			expect(queryUrlLength(render([...c, next]))).toBeGreaterThan(MAX_URI_BYTES);
		}
		expect(chunkToFit(values.slice(0, 100), build)).toEqual([values.slice(0, 100)]);
		expect(chunkToFit([], render)).toEqual([]);
		expect(errorOf(() => chunkToFit(['x'.repeat(20000)], (c) => `SELECT Id FROM Account WHERE Name IN ('${c.join("','")}')`)).message).toMatch(/even with a single value/);
	});
});
