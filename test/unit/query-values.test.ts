import fc from 'fast-check';
import { DateTime } from 'luxon';

import { QueryInputError } from '../../shared/query/errors';
import {
	listOf,
	parseDate,
	parseDateTime,
	parseId,
	parseNumber,
	parseRelativeDate,
	parseTime,
	picklistValueOf,
	textOf,
} from '../../shared/query/values';
import { byName } from './query-helpers';

const ctx = { row: 2, field: 'AnnualRevenue' };

function errorOf(fn: () => unknown): QueryInputError {
	try {
		fn();
	} catch (e) {
		if (e instanceof QueryInputError) return e;
		throw e;
	}
	throw new Error('expected a QueryInputError');
}

describe('numbers', () => {
	it('accepts plain decimals and JavaScript numbers, written without exponent or leading zeros', () => {
		const cases: Array<[unknown, string]> = [
			['42', '42'],
			[' -12.50 ', '-12.5'],
			['+7', '7'],
			['.5', '0.5'],
			['5.', '5'],
			['007', '7'],
			['-0', '0'],
			['1e3', '1000'],
			['2.5E-3', '0.0025'],
			[1e21, '1000000000000000000000'],
			[1e-7, '0.0000001'],
			[-3.25, '-3.25'],
			[BigInt(123), '123'],
			['12345678901234567890.123456789', '12345678901234567890.123456789'],
		];
		for (const [input, out] of cases) expect(parseNumber(input, ctx)).toBe(out);
	});

	it('refuses ambiguous or non-numeric input, naming row and field', () => {
		for (const bad of ['1,5', '1.234,56', '1,000', '1 000', "1'000"]) {
			const e = errorOf(() => parseNumber(bad, ctx));
			expect(e.message).toBe(`Condition 2 (AnnualRevenue): "${bad}" is not a number`);
			expect(e.hint).toMatch(/dot for decimals and no thousands separators/);
			expect(e.row).toBe(2);
			expect(e.field).toBe('AnnualRevenue');
		}
		for (const bad of ['$100', '10%', 'abc', '1.2.3', '.', '-', 'e5', '0x10', 'Infinity', '1 OR 1=1']) {
			expect(errorOf(() => parseNumber(bad, ctx)).hint).toMatch(/digits only/);
		}
		expect(errorOf(() => parseNumber(NaN, ctx)).message).toMatch(/not a number Salesforce can compare/);
		expect(errorOf(() => parseNumber(true, ctx)).message).toMatch(/expects a number, got true/);
		expect(errorOf(() => parseNumber('', ctx)).message).toMatch(/the value is empty/);
		expect(errorOf(() => parseNumber('1e999', ctx)).message).toMatch(/out of range/);
	});

	it('wants whole numbers for int and long fields', () => {
		expect(parseNumber('12.0', ctx, { integer: true })).toBe('12');
		expect(errorOf(() => parseNumber('12.5', ctx, { integer: true })).message).toMatch(/not a whole number/);
	});

	it('property: any finite JavaScript number round-trips', () => {
		fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => Number(parseNumber(n, ctx)) === (Object.is(n, -0) ? 0 : n)));
	});
});

describe('dates, datetimes and times', () => {
	const d = { row: 1, field: 'Founded__c' };

	it('dates: YYYY-MM-DD, or the date part of an ISO datetime or date object', () => {
		expect(parseDate('2024-02-29', d)).toBe('2024-02-29');
		expect(parseDate(' 2024-05-31T23:30:00+02:00 ', d)).toBe('2024-05-31');
		expect(parseDate(DateTime.fromISO('2024-05-31T23:30:00', { zone: 'America/New_York' }), d)).toBe('2024-05-31');
		expect(parseDate(new Date('2024-05-31T12:00:00Z'), d)).toBe('2024-05-31');
		for (const bad of ['2023-02-29', '31/05/2024', '05/31/2024', '2024-5-31', '20240531', 'today', '2024-13-01', '2024-05-31T25:00:00Z']) {
			expect(errorOf(() => parseDate(bad, d)).hint).toMatch(/YYYY-MM-DD/);
		}
		expect(errorOf(() => parseDate('1699-12-31', d)).message).toMatch(/outside Salesforce's date range/);
		expect(errorOf(() => parseDate(new Date(NaN), d)).message).toMatch(/expects a date/);
	});

	it('datetimes: ISO 8601 with Z or an offset, sent in UTC', () => {
		const c = { row: 1, field: 'CreatedDate' };
		expect(parseDateTime('2024-05-31T14:30:00Z', c)).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime('2024-05-31T16:30:00+02:00', c)).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime('2024-05-31T16:30+0200', c)).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime('2024-05-31T09:30:00-05', c)).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime('2024-05-31T14:30:00.000+0000', c)).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime(new Date('2024-05-31T14:30:00Z'), c)).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime(DateTime.fromISO('2024-05-31T16:30:00+02:00', { setZone: true }), c)).toBe('2024-05-31T14:30:00Z');
		expect(errorOf(() => parseDateTime('2024-05-31', c)).hint).toMatch(/2024-05-31T00:00:00Z/);
		expect(errorOf(() => parseDateTime('2024-05-31T14:30:00', c)).message).toMatch(/has no time zone/);
		expect(errorOf(() => parseDateTime('2024-05-31 14:30', c)).message).toMatch(/has no time zone/);
		expect(errorOf(() => parseDateTime('Fri, 31 May 2024 14:30:00 GMT', c)).hint).toMatch(/ISO 8601/);
		expect(errorOf(() => parseDateTime('4000-12-31T23:30:00-02:00', c)).message).toMatch(/outside Salesforce's date range/);
	});

	it('datetimes: a fraction of a second is rounded so that whole-second comparisons stay exact', () => {
		const c = { row: 1, field: 'CreatedDate' };
		expect(parseDateTime('2024-05-31T14:30:00.250Z', c, 'floor')).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime('2024-05-31T14:30:00.250Z', c, 'ceil')).toBe('2024-05-31T14:30:01Z');
		expect(parseDateTime('2024-05-31T14:30:00.000Z', c, 'ceil')).toBe('2024-05-31T14:30:00Z');
		expect(parseDateTime('2024-05-31T14:30:00.0001Z', c, 'ceil')).toBe('2024-05-31T14:30:01Z');
		expect(parseDateTime('2024-05-31T23:59:59.5Z', c, 'ceil')).toBe('2024-06-01T00:00:00Z');
	});

	it('property: for whole-second record times t, "t op value" keeps its meaning after rounding', () => {
		const c = { row: 1, field: 'CreatedDate' };
		const base = Date.UTC(2024, 0, 1);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10 }), (ms, t) => {
				const value = new Date(base + ms).toISOString();
				const record = base + t * 1000;
				const at = (s: string) => Date.parse(s);
				expect(record > base + ms).toBe(record > at(parseDateTime(value, c, 'floor')));
				expect(record >= base + ms).toBe(record >= at(parseDateTime(value, c, 'ceil')));
				expect(record < base + ms).toBe(record < at(parseDateTime(value, c, 'ceil')));
				expect(record <= base + ms).toBe(record <= at(parseDateTime(value, c, 'floor')));
			}),
		);
	});

	it('times of day: hh:mm[:ss[.SSS]], written as hh:mm:ss.SSSZ', () => {
		const c = { row: 1, field: 'Opens__c' };
		expect(parseTime('14:30', c)).toBe('14:30:00.000Z');
		expect(parseTime('9:05:30', c)).toBe('09:05:30.000Z');
		expect(parseTime('23:59:59.5Z', c)).toBe('23:59:59.500Z');
		for (const bad of ['24:00', '12:60', '2pm', '12', '12:30:61']) expect(errorOf(() => parseTime(bad, c)).message).toMatch(/not a time of day/);
	});
});

describe('ids, text, picklists and lists', () => {
	it('ids have 15 or 18 letters and digits', () => {
		const c = { row: 1, field: 'OwnerId' };
		expect(parseId('005000000000001', c)).toBe("'005000000000001'");
		expect(parseId(' 005000000000001AAA ', c)).toBe("'005000000000001AAA'");
		for (const bad of ['005', '0050000000000010', "005000000000001' OR", '00500000000000!']) {
			expect(errorOf(() => parseId(bad, c)).message).toMatch(/is not a record ID/);
		}
	});

	it('text is matched as written, up to 4,000 characters', () => {
		const c = { row: 1, field: 'Name' };
		expect(textOf('  spaced  ', c)).toBe('  spaced  ');
		expect(textOf(42, c)).toBe('42');
		expect(errorOf(() => textOf('', c)).hint).toMatch(/is empty/);
		expect(errorOf(() => textOf({ a: 1 }, c)).message).toMatch(/expects text, got an object/);
		expect(textOf('x'.repeat(4000), c)).toHaveLength(4000);
		expect(errorOf(() => textOf('x'.repeat(4001), c)).message).toMatch(/has 4001 characters/);
	});

	it('restricted picklists take their own values (any case, inactive included); open ones anything', () => {
		const c = { row: 1, field: 'Industry' };
		expect(picklistValueOf('banking', byName('Industry'), c)).toBe('Banking');
		expect(picklistValueOf('Retail', byName('Industry'), c)).toBe('Retail');
		const e = errorOf(() => picklistValueOf('Mining', byName('Industry'), c));
		expect(e.message).toBe('Condition 1 (Industry): "Mining" is not a value of this picklist');
		expect(e.hint).toBe('Use one of: Banking, Media, Retail.');
		expect(picklistValueOf('Phone', byName('Source__c'), c)).toBe('Phone');
		expect(errorOf(() => picklistValueOf('EU;US', byName('Regions__c'), c, true)).hint).toMatch(/own list entry/);
	});

	it('lists: arrays or a single value; blanks dropped; empty refused', () => {
		const c = { row: 3, field: 'Name' };
		expect(listOf(['a', '', null, 'b'], c)).toEqual(['a', 'b']);
		expect(listOf('a', c)).toEqual(['a']);
		expect(errorOf(() => listOf([], c)).message).toBe('Condition 3 (Name): the list of values is empty');
		expect(errorOf(() => listOf(undefined, c)).message).toMatch(/list of values is empty/);
	});

	it('relative dates: a known literal, with N when it takes one', () => {
		const c = { row: 1, field: 'CreatedDate' };
		expect(parseRelativeDate('today', undefined, c)).toBe('TODAY');
		expect(parseRelativeDate('LAST_N_DAYS:30', undefined, c)).toBe('LAST_N_DAYS:30');
		expect(parseRelativeDate('LAST_N_DAYS', 30, c)).toBe('LAST_N_DAYS:30');
		expect(parseRelativeDate('n_fiscal_years_ago', '2', c)).toBe('N_FISCAL_YEARS_AGO:2');
		// a leftover N from the editor does not matter for a literal without one
		expect(parseRelativeDate('THIS_MONTH', 5, c)).toBe('THIS_MONTH');
		expect(errorOf(() => parseRelativeDate('LAST_N_DAYS', undefined, c)).message).toMatch(/LAST_N_DAYS needs N/);
		expect(errorOf(() => parseRelativeDate('LAST_N_DAYS', -1, c)).message).toMatch(/not a valid N/);
		expect(errorOf(() => parseRelativeDate('LAST_N_DAYS', 1.5, c)).message).toMatch(/not a valid N/);
		expect(errorOf(() => parseRelativeDate('LAST_N_DAYS:x', undefined, c)).message).toMatch(/not a valid N/);
		expect(errorOf(() => parseRelativeDate('TODAY:3', undefined, c)).message).toMatch(/takes no number/);
		expect(errorOf(() => parseRelativeDate('SOON', undefined, c)).message).toMatch(/is not a relative date/);
		expect(errorOf(() => parseRelativeDate('TODAY OR Id != null', undefined, c)).message).toMatch(/is not a relative date/);
	});
});
