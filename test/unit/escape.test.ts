import fc from 'fast-check';

import { isSoqlIdentifier, soqlContains, soqlString } from '../../shared/query/escape';

/** Reads a SOQL quoted literal back the way Salesforce's lexer does. */
function unquote(literal: string): string {
	expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
	const body = literal.slice(1, -1);
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c === "'") throw new Error('unescaped quote inside literal');
		if (c !== '\\') {
			out += c;
			continue;
		}
		const n = body[++i];
		const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '%': '\\%', _: '\\_' };
		if (!(n in map)) throw new Error(`bad escape \\${n}`);
		out += map[n];
	}
	return out;
}

describe('SOQL escaping', () => {
	it('escapes quotes, backslashes and control characters', () => {
		expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
		expect(soqlString('a\\')).toBe("'a\\\\'");
		expect(soqlString('line\nnext')).toBe("'line\\nnext'");
	});

	it('escapes LIKE wildcards in contains searches', () => {
		expect(soqlContains('50%_off')).toBe("'%50\\%\\_off%'");
	});

	it('property: every string survives quoting and cannot break out of the literal', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				expect(unquote(soqlString(s))).toBe(s);
			}),
		);
	});

	it('accepts API names and relationship paths only', () => {
		expect(isSoqlIdentifier('Account')).toBe(true);
		expect(isSoqlIdentifier('Invoice__c')).toBe(true);
		expect(isSoqlIdentifier('Account.Owner.Name')).toBe(true);
		expect(isSoqlIdentifier("Name' OR Id != '")).toBe(false);
		expect(isSoqlIdentifier('1Name')).toBe(false);
	});
});
