/** docs/query-model.md stays true: its operator table matches the data, and its escaping recipe is safe. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseQuery } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';

import { DATE_LITERALS, OPERATORS_BY_CATEGORY, checkRawSoql, escapeSoqlString, parseFilterLogic, QueryInputError } from '../../shared/query';
import { unquote } from './query-helpers';

const doc = readFileSync(join(__dirname, '../../docs/query-model.md'), 'utf8');

/** The n8n expression the doc recommends, as JavaScript */
const RECIPE = ".replace(/[\\\\']/g, '\\\\$&').replace(/\\n/g, '\\\\n').replace(/\\r/g, '\\\\r')";
const recipe = (s: string) => s.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

describe('docs/query-model.md', () => {
	it('lists every operator of every category in that category’s row, with its label', () => {
		const rows = doc.split('\n').filter((l) => l.startsWith('| ') && l.includes('(`'));
		for (const [category, ops] of Object.entries(OPERATORS_BY_CATEGORY)) {
			const row = rows.find((r) => r.includes(`(\`${category}\`)`));
			expect(row).toBeDefined();
			for (const op of ops) {
				if (op.value === 'dateLiteral') expect(row).toContain(`\`${op.id}\``);
				else expect(row).toContain(`${op.label} \`${op.id}\``);
			}
		}
	});

	it('names every relative date', () => {
		for (const d of DATE_LITERALS) {
			const family = d.name.replace(/_(WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)/, '_DAYS');
			expect(doc.includes(`\`${d.name}\``) || doc.includes(`\`${family}\``)).toBe(true);
		}
	});

	it('shows the real error text for the filter logic example', () => {
		let message = '';
		try {
			parseFilterLogic('1 AND (2 OR 5)', 4);
		} catch (e) {
			message = (e as QueryInputError).message;
		}
		expect(doc).toContain(message.split('\n').map((l) => `  ${l}`).join('\n'));
	});

	it('its escaping recipe keeps any text inside the string literal', () => {
		expect(doc).toContain(`$json.lastName${RECIPE}`);
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom('', "'", '\\', '\n', '\r\n', "\\'"), (s, hostile) => {
				const value = s + hostile;
				const soql = `SELECT Id FROM Contact WHERE LastName = '${recipe(value)}'`;
				expect(checkRawSoql(soql).soql).toBe(soql);
				const where = parseQuery(soql).where?.left as { value: string };
				expect(unquote(where.value)).toBe(value);
				// the package helper is the stricter form of the same thing
				expect(unquote(`'${escapeSoqlString(value)}'`)).toBe(value);
			}),
		);
	});
});

describe('README: Get Records and SOQL Query', () => {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('#### Get Records and SOQL Query'), readme.indexOf('**Static objects**'));
	const ROWS: Record<string, string> = {
		text: '| Text:',
		number: '| Number:',
		date: '| Date, date/time |',
		datetime: '| Date, date/time |',
		time: '| Time |',
		boolean: '| Checkbox |',
		picklist: '| Picklist |',
		multipicklist: '| Multi-select picklist |',
		id: '| Record ID |',
		reference: '| Lookup |',
	};

	it("its operator table lists every operator of every category with the editor's label", () => {
		const rows = section.split('\n').filter((l) => l.startsWith('| '));
		for (const [category, ops] of Object.entries(OPERATORS_BY_CATEGORY)) {
			const row = rows.find((r) => r.startsWith(ROWS[category]));
			expect(row).toBeDefined();
			// the relative operators are listed after "with a relative date:", without the suffix
			for (const op of ops) expect(row).toContain(op.label.replace(' (relative date)', ''));
		}
	});

	it('shows the same escaping recipe and the real filter logic error', () => {
		expect(section).toContain(`$json.lastName${RECIPE}`);
		let message = '';
		try {
			parseFilterLogic('1 AND (2 OR 5)', 4);
		} catch (e) {
			message = (e as QueryInputError).message;
		}
		expect(section).toContain(message);
	});
});
