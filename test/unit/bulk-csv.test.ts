/**
 * The client's Bulk API 2.0 CSV: rows as uploaded, results mapped back to rows whatever order Salesforce returns them
 * in, `sf__Error` read into code, message and fields, query cells typed like REST's JSON.
 */
import { stringify } from 'csv-stringify/sync';

import {
	BULK_NULL,
	bulkRecordProblem,
	ingestParts,
	ingestResults,
	parseBulkError,
	queriedObject,
	readCsv,
	typedRecords,
	typedValue,
	waitForJob,
	type IngestPart,
} from '../../shared/client/bulk';
import { SalesforceError } from '../../shared/client/error';

const unprocessed = new SalesforceError({ code: 'BULK_JOB_FAILED', message: 'not processed' });

/** Shuffles deterministically (results are "not guaranteed in input order") */
function shuffled<T>(list: T[]): T[] {
	const out = [...list];
	let seed = 7;
	for (let i = out.length - 1; i > 0; i--) {
		seed = (seed * 16807) % 2147483647;
		const j = seed % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const file = (header: string[], rows: string[][]) => stringify([header, ...rows]);

describe('ingest CSV', () => {
	it('one header for all records; empty leaves out, null is #N/A, numbers plain, booleans true/false', () => {
		const [part] = ingestParts([
			{ Name: 'A, "quoted"', AnnualRevenue: 1e21, Active__c: true },
			{ Name: 'line\nbreak', Description: null, NumberOfEmployees: 0.0000001 },
			{ name: 'case', Active__c: false },
		]);
		expect(part.header).toEqual(['Name', 'AnnualRevenue', 'Active__c', 'Description', 'NumberOfEmployees']);
		expect(part.rows).toEqual([
			['A, "quoted"', '1000000000000000000000', 'true', '', ''],
			['line\nbreak', '', '', BULK_NULL, '0.0000001'],
			['case', '', 'false', '', ''],
		]);
		// the CSV reads back to the same cells
		expect(readCsv(part.csv)).toEqual([part.header, ...part.rows]);
	});

	it('splits into several jobs only when one upload would be too large', () => {
		const records = Array.from({ length: 100 }, (_, i) => ({ Name: `Record ${i} ${'x'.repeat(80)}` }));
		expect(ingestParts(records)).toHaveLength(1);
		const parts = ingestParts(records, 2000);
		expect(parts.length).toBeGreaterThan(4);
		expect(parts.every((p) => Buffer.byteLength(p.csv) <= 2000)).toBe(true);
		expect(parts.flatMap((p) => p.indexes)).toEqual(records.map((_, i) => i));
	});

	it('records a CSV cannot carry as REST does are named', () => {
		expect(bulkRecordProblem({ Name: 'ok', Description: null })).toBeUndefined();
		expect(bulkRecordProblem({ Description: BULK_NULL })).toMatch(/Description: .*#N\/A.*null/);
		expect(bulkRecordProblem({})).toMatch(/no field values/);
		expect(bulkRecordProblem({ Name: undefined })).toMatch(/no field values/);
		expect(bulkRecordProblem({ BillingAddress: { city: 'x' } })).toMatch(/object or a list/);
	});
});

describe('ingest results back to rows', () => {
	const part = (rows: string[][], header = ['Name', 'Id']): IngestPart => ({ header, rows, indexes: rows.map((_, i) => i), csv: '' });

	it('insert: every row found by its cells in shuffled files; identical rows take the results in turn', () => {
		// rows 300 and 301 are identical
		const rows = Array.from({ length: 302 }, (_, i) => [`Name ${Math.min(i, 300)}`, i % 2 ? 'odd' : '']);
		rows[301] = [...rows[300]];
		const p = part(rows, ['Name', 'Description']);
		const id = (i: number) => `001${String(i).padStart(15, '0')}`;
		const failing = new Set([3, 150, 299, 301]);
		const ok = rows.flatMap((r, i) => (failing.has(i) ? [] : [[id(i), 'true', ...r]]));
		const bad = rows.flatMap((r, i) => (failing.has(i) ? [['', 'STRING_TOO_LONG:Account Name: data value too large: x (max length=255):Name --', ...r]] : []));
		const results = ingestResults(
			p,
			'insert',
			'750x',
			{ successful: file(['sf__Id', 'sf__Created', 'Name', 'Description'], shuffled(ok)), failed: file(['sf__Id', 'sf__Error', 'Name', 'Description'], shuffled(bad)) },
			{ object: 'Account', unprocessed },
		);
		results.slice(0, 300).forEach((r, i) => {
			if (failing.has(i)) expect(r).toMatchObject({ ok: false, jobId: '750x', error: { code: 'STRING_TOO_LONG', fields: ['Name'], object: 'Account' } });
			else expect(r).toEqual({ ok: true, id: id(i), created: true, jobId: '750x' });
		});
		// the identical pair got one result each: one saved, one failed
		expect([results[300]?.ok, results[301]?.ok].sort()).toEqual([false, true]);
	});

	it('update: found by Id when an echoed cell differs; a row with no result stays undefined', () => {
		const id = (n: number) => `0018d00000000${String(n).padStart(2, '0')}`;
		const p = part([
			['A', id(1)],
			['B', id(2)],
			['C', id(3)],
		]);
		const results = ingestResults(
			p,
			'update',
			'750x',
			{
				successful: file(['sf__Id', 'sf__Created', 'Name', 'Id'], [[`${id(2)}AAA`, 'false', 'B ', id(2)]]),
				failed: file(['sf__Id', 'sf__Error', 'Name', 'Id'], [[id(1), 'ENTITY_IS_DELETED:entity is deleted:--', 'A', id(1)]]),
			},
			{ object: 'Account', unprocessed },
		);
		expect(results[0]).toMatchObject({ ok: false, error: { code: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] } });
		expect(results[1]).toMatchObject({ ok: true, id: `${id(2)}AAA`, created: false, jobId: '750x' });
		expect(results[2]).toBeUndefined();
	});

	it('unprocessed rows are not saved, with the job error', () => {
		const p = part([['A', ''], ['B', '']], ['Name', 'Phone']);
		const results = ingestResults(p, 'insert', '750x', { unprocessed: file(['Name', 'Phone'], [['B', ''], ['A', '']]) }, { object: 'Account', unprocessed });
		expect(results.map((r) => r?.ok === false && r.error.code)).toEqual(['BULK_JOB_FAILED', 'BULK_JOB_FAILED']);
	});
});

describe('sf__Error', () => {
	it.each([
		['REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --', 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName']],
		['INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--', 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []],
		['ClientInputError:Line 3: a quoted value is not closed:--', 'ClientInputError', 'Line 3: a quoted value is not closed', []],
		['FIELD_INTEGRITY_EXCEPTION:bad: value:A__c,B__c --', 'FIELD_INTEGRITY_EXCEPTION', 'bad: value', ['A__c', 'B__c']],
		['DUPLICATE_VALUE:duplicate value found: a key: with a colon', 'DUPLICATE_VALUE', 'duplicate value found: a key: with a colon', []],
		['something odd', 'UNKNOWN_ERROR', 'something odd', []],
	])('%s', (text, code, message, fields) => {
		expect(parseBulkError(text)).toEqual({ code, message, fields });
	});
});

describe('query results', () => {
	it('cells typed like REST JSON', () => {
		expect(typedValue('', 'string')).toBeNull();
		expect(typedValue('12.5', 'currency')).toBe(12.5);
		expect(typedValue('7', 'int')).toBe(7);
		expect(typedValue('true', 'boolean')).toBe(true);
		expect(typedValue('false', 'boolean')).toBe(false);
		expect(typedValue('2024-01-31', 'date')).toBe('2024-01-31');
		expect(typedValue('2024-01-31T10:00:00.000Z', 'datetime')).toBe('2024-01-31T10:00:00.000+0000');
		expect(typedValue('2024-01-31T10:00:00Z', 'datetime')).toBe('2024-01-31T10:00:00.000+0000');
		expect(typedValue('A;B', 'multipicklist')).toBe('A;B');
		expect(typedValue('0012', undefined)).toBe('0012');
	});

	it('relationship columns nest; an empty relationship is null', () => {
		const records = typedRecords(
			[
				{ path: ['Id'], type: 'id', parents: [] },
				{ path: ['Account__r', 'Name'], type: 'string', parents: ['Account'] },
				{ path: ['Account__r', 'Owner', 'Name'], type: 'string', parents: ['Account', 'User'] },
				{ path: ['Owner', 'Name'], type: 'string', parents: [undefined] },
			],
			[
				['a01000000000001AAA', 'Acme', 'Ann', 'Bob'],
				['a01000000000002AAA', '', '', 'Bob'],
			],
			'Invoice__c',
			'66.0',
		);
		expect(records[0]).toEqual({
			attributes: { type: 'Invoice__c', url: '/services/data/v66.0/sobjects/Invoice__c/a01000000000001AAA' },
			Id: 'a01000000000001AAA',
			Account__r: { attributes: { type: 'Account' }, Name: 'Acme', Owner: { attributes: { type: 'User' }, Name: 'Ann' } },
			Owner: { attributes: {}, Name: 'Bob' },
		});
		expect(records[1].Account__r).toBeNull();
	});

	it('the queried object is the first FROM', () => {
		expect(queriedObject('SELECT Id, Account.Name FROM Contact WHERE AccountId IN (SELECT Id FROM Account)')).toBe('Contact');
		expect(queriedObject('select id from invoice__c')).toBe('invoice__c');
	});
});

describe('waiting for a job', () => {
	it('backs off up to the ceiling and stops at the deadline', async () => {
		const looks: number[] = [];
		const start = Date.now();
		const { timedOut, info } = await waitForJob(
			async () => {
				looks.push(Date.now() - start);
				return { state: 'InProgress' };
			},
			{ timeoutMs: 400, pollIntervalMs: 20, maxPollIntervalMs: 80 },
		);
		expect(timedOut).toBe(true);
		expect(info.state).toBe('InProgress');
		// 20, 40, 80, 80, ... then one last look at the deadline
		expect(looks.length).toBeGreaterThanOrEqual(5);
		expect(looks.length).toBeLessThanOrEqual(9);
		expect(looks[looks.length - 1]).toBeGreaterThanOrEqual(390);
	});

	it('returns as soon as the job is finished', async () => {
		let n = 0;
		const { timedOut, info } = await waitForJob(async () => ({ state: ++n < 3 ? 'UploadComplete' : 'JobComplete' }), { pollIntervalMs: 1 });
		expect(timedOut).toBe(false);
		expect(info.state).toBe('JobComplete');
		expect(n).toBe(3);
	});
});
