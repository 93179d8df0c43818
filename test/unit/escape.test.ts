import fc from 'fast-check';

import {
	escapeSoqlString,
	fieldPathProblem,
	isSoqlIdentifier,
	objectNameProblem,
	soqlContains,
	soqlDate,
	soqlDateTime,
	soqlEndsWith,
	soqlNumber,
	soqlRelativeDate,
	soqlStartsWith,
	soqlString,
	soqlTime,
} from '../../shared/query/escape';
import { WILD, decodeLiteral, unquote } from './query-helpers';

describe('SOQL escaping', () => {
	it('escapes quotes, backslashes and control characters', () => {
		expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
		expect(soqlString('a\\')).toBe("'a\\\\'");
		expect(soqlString('line\nnext')).toBe("'line\\nnext'");
		expect(soqlString('say "hi"\t')).toBe("'say \\\"hi\\\"\\t'");
		expect(soqlString('nul\u0000 bell\u0007 del\u007f')).toBe("'nul\\u0000 bell\\u0007 del\\u007f'");
		expect(soqlString('a\u2028b')).toBe("'a\\u2028b'");
	});

	it('keeps Unicode as it is, but writes lone surrogates as \\u escapes', () => {
		expect(soqlString('Zoë 😀 日本')).toBe("'Zoë 😀 日本'");
		expect(soqlString('x\ud800y')).toBe("'x\\ud800y'");
		expect(soqlString('\udc00')).toBe("'\\udc00'");
		expect(() => encodeURIComponent(soqlString('\ud800'))).not.toThrow();
	});

	it('escapes LIKE wildcards in contains, starts-with and ends-with patterns', () => {
		expect(soqlContains('50%_off')).toBe("'%50\\%\\_off%'");
		expect(soqlStartsWith("O'")).toBe("'O\\'%'");
		expect(soqlEndsWith('_x')).toBe("'%\\_x'");
	});

	it('escapeSoqlString (for hand-written SOQL) is the literal without its quotes', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => `'${escapeSoqlString(s)}'` === soqlString(s)));
	});

	it('property: every string survives quoting and cannot break out of the literal', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				expect(unquote(soqlString(s))).toBe(s);
			}),
		);
	});

	it('property: a contains pattern matches the text literally between two wildcards', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				const parts = decodeLiteral(soqlContains(s), true);
				expect(parts[0]).toBe(WILD['%']);
				expect(parts[parts.length - 1]).toBe(WILD['%']);
				const middle = parts.slice(1, -1);
				expect(middle.every((p) => typeof p === 'string')).toBe(true);
				expect(middle.join('')).toBe(s);
			}),
		);
	});

	it('renders unquoted literals only from validated text', () => {
		expect(soqlNumber('-12.5')).toBe('-12.5');
		expect(soqlDate('2024-05-31')).toBe('2024-05-31');
		expect(soqlDateTime('2024-05-31T10:00:00Z')).toBe('2024-05-31T10:00:00Z');
		expect(soqlTime('10:00:00.000Z')).toBe('10:00:00.000Z');
		expect(soqlRelativeDate('LAST_N_DAYS', 30)).toBe('LAST_N_DAYS:30');
		for (const bad of ['1 OR 1=1', '1e5', '01', '', '1,5']) expect(() => soqlNumber(bad)).toThrow(/unvalidated number/);
		expect(() => soqlDate("2024-01-01' OR")).toThrow(/unvalidated date/);
		expect(() => soqlDateTime('2024-01-01T00:00:00+02:00')).toThrow(/unvalidated datetime/);
		expect(() => soqlTime('10:00')).toThrow(/unvalidated time/);
		expect(() => soqlRelativeDate('TODAY OR Id != null')).toThrow(/unvalidated date literal/);
		expect(() => soqlRelativeDate('LAST_N_DAYS', -1)).toThrow(/unvalidated date literal number/);
	});
});

describe('SOQL identifiers', () => {
	it('accepts API names and relationship paths only', () => {
		expect(isSoqlIdentifier('Account')).toBe(true);
		expect(isSoqlIdentifier('Invoice__c')).toBe(true);
		expect(isSoqlIdentifier('ns__Invoice__r.Owner.Name')).toBe(true);
		expect(isSoqlIdentifier('Account.Owner.Name')).toBe(true);
		expect(isSoqlIdentifier("Name' OR Id != '")).toBe(false);
		expect(isSoqlIdentifier('1Name')).toBe(false);
		expect(isSoqlIdentifier('Name FROM User --')).toBe(false);
		expect(isSoqlIdentifier('Account..Name')).toBe(false);
		expect(isSoqlIdentifier('.Name')).toBe(false);
		expect(isSoqlIdentifier('')).toBe(false);
	});

	it('allows five relationships in a path, not six', () => {
		expect(fieldPathProblem('A.B.C.D.E.Name')).toBeUndefined();
		expect(fieldPathProblem('A.B.C.D.E.F.Name')).toMatch(/at most 5 relationships \(this one has 6\)/);
	});

	it('refuses SOQL keywords as names, except Group as an object or relationship', () => {
		for (const word of ['FROM', 'where', 'Not', 'NULL', 'true', 'LIMIT', 'Select']) {
			expect(fieldPathProblem(word)).toMatch(/is a SOQL keyword/);
			expect(fieldPathProblem(`Owner.${word}`)).toMatch(/is a SOQL keyword/);
		}
		expect(fieldPathProblem('Group')).toMatch(/keyword/);
		expect(fieldPathProblem('Group.Name')).toBeUndefined();
		expect(objectNameProblem('Group')).toBeUndefined();
		expect(objectNameProblem('Order')).toBeUndefined();
		expect(objectNameProblem('Select')).toMatch(/keyword/);
		expect(objectNameProblem('Account WHERE')).toMatch(/letters, digits/);
	});

	it('refuses names longer than any API name', () => {
		expect(fieldPathProblem('A'.repeat(100))).toBeUndefined();
		expect(fieldPathProblem('A'.repeat(101))).toMatch(/at most 100 characters/);
		expect(objectNameProblem('A'.repeat(101))).toMatch(/at most 100 characters/);
	});
});
