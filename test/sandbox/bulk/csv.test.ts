/** The Bulk API CSV reader and writer ("Bulk API 2.0 and Bulk API Developer Guide": Prepare CSV Files, Valid CSV Record Rows). */
import fc from 'fast-check';

import { COLUMN_DELIMITERS, LINE_ENDINGS, parseCsv, writeCsv } from './csv';

describe('parseCsv', () => {
	it('reads quoted values with delimiters, doubled quotes and line breaks ("Sample CSV File")', () => {
		const text = 'FirstName,Description\nTom,"Self-described as ""the top"" guru, West"\nIan,"World-renowned.\nInfluential."\n';
		expect(parseCsv(text, ',', '\n')).toEqual({
			header: ['FirstName', 'Description'],
			rows: [
				{ line: 2, values: ['Tom', 'Self-described as "the top" guru, West'] },
				{ line: 3, values: ['Ian', 'World-renowned.\nInfluential.'] },
			],
		});
	});

	it('does not trim, and fails only the row with a space before or after a quote ("Valid CSV Record Rows")', () => {
		const { rows } = parseCsv('A,B\nJohn, Smith\n"John", "Smith"\n"x" ,y\nok,row\n', ',', '\n');
		expect(rows[0]).toEqual({ line: 2, values: ['John', ' Smith'] });
		expect(rows[1].error).toMatch(/quote/);
		expect(rows[2].error).toMatch(/closing quote/);
		expect(rows[3]).toEqual({ line: 5, values: ['ok', 'row'] });
	});

	it('keeps a carriage return in the value when the job says LF, drops a BOM, skips empty lines', () => {
		const { header, rows } = parseCsv('\ufeffName\r\nOne\r\n\n', ',', '\n');
		expect(header).toEqual(['Name\r']);
		expect(rows).toEqual([{ line: 2, values: ['One\r'] }]);
	});

	it('reads back what writeCsv writes, for every delimiter and line ending', () => {
		const delimiter = fc.constantFrom(...Object.values(COLUMN_DELIMITERS));
		const lineEnding = fc.constantFrom(...Object.values(LINE_ENDINGS));
		const value = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '^', '|', '`', '\t', '"', '\n', '\r', 'é') });
		fc.assert(
			fc.property(delimiter, lineEnding, fc.integer({ min: 1, max: 4 }), fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { maxLength: 5 }), (d, le, width, table) => {
				const header = Array.from({ length: width }, (_, i) => `Col${i}`);
				const rows = table.map((r) => r.slice(0, width));
				const parsed = parseCsv(writeCsv(header, rows, { delimiter: d, lineEnding: le }), d, le);
				expect(parsed.header).toEqual(header);
				expect(parsed.rows.map((r) => r.values)).toEqual(rows);
			}),
		);
	});
});
