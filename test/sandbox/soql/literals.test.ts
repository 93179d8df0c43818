import fc from 'fast-check';

import { dateLiteralRange, decodeString, firstDayOfWeek, parseDate, parseDateTime, startOfDayIn } from './literals';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
function range(name: string, now: string, n?: number): [string, string] {
	const r = dateLiteralRange(name, new Date(now), n);
	if (!r) throw new Error(`no range for ${name}`);
	return [iso(r.start), iso(r.end)];
}

describe('relative date literals (half-open UTC day ranges)', () => {
	const now = '2024-05-15T23:59:59.999Z'; // Wednesday, Q2

	it.each<[string, number | undefined, string, string]>([
		['TODAY', undefined, '2024-05-15', '2024-05-16'],
		['YESTERDAY', undefined, '2024-05-14', '2024-05-15'],
		['TOMORROW', undefined, '2024-05-16', '2024-05-17'],
		['THIS_WEEK', undefined, '2024-05-12', '2024-05-19'],
		['LAST_WEEK', undefined, '2024-05-05', '2024-05-12'],
		['NEXT_WEEK', undefined, '2024-05-19', '2024-05-26'],
		['THIS_MONTH', undefined, '2024-05-01', '2024-06-01'],
		['LAST_MONTH', undefined, '2024-04-01', '2024-05-01'],
		['NEXT_MONTH', undefined, '2024-06-01', '2024-07-01'],
		['LAST_90_DAYS', undefined, '2024-02-15', '2024-05-16'],
		['NEXT_90_DAYS', undefined, '2024-05-16', '2024-08-14'],
		['THIS_QUARTER', undefined, '2024-04-01', '2024-07-01'],
		['LAST_QUARTER', undefined, '2024-01-01', '2024-04-01'],
		['NEXT_QUARTER', undefined, '2024-07-01', '2024-10-01'],
		['THIS_YEAR', undefined, '2024-01-01', '2025-01-01'],
		['LAST_YEAR', undefined, '2023-01-01', '2024-01-01'],
		['NEXT_YEAR', undefined, '2025-01-01', '2026-01-01'],
		['THIS_FISCAL_YEAR', undefined, '2024-01-01', '2025-01-01'],
		['LAST_N_DAYS', 7, '2024-05-08', '2024-05-16'],
		['NEXT_N_DAYS', 7, '2024-05-16', '2024-05-23'],
		['N_DAYS_AGO', 3, '2024-05-12', '2024-05-13'],
		['LAST_N_WEEKS', 2, '2024-04-28', '2024-05-12'],
		['NEXT_N_WEEKS', 2, '2024-05-19', '2024-06-02'],
		['N_WEEKS_AGO', 1, '2024-05-05', '2024-05-12'],
		['LAST_N_MONTHS', 3, '2024-02-01', '2024-05-01'],
		['NEXT_N_MONTHS', 2, '2024-06-01', '2024-08-01'],
		['N_MONTHS_AGO', 5, '2023-12-01', '2024-01-01'],
		['LAST_N_QUARTERS', 2, '2023-10-01', '2024-04-01'],
		['NEXT_N_QUARTERS', 1, '2024-07-01', '2024-10-01'],
		['N_QUARTERS_AGO', 1, '2024-01-01', '2024-04-01'],
		['LAST_N_YEARS', 2, '2022-01-01', '2024-01-01'],
		['NEXT_N_YEARS', 1, '2025-01-01', '2026-01-01'],
		['N_YEARS_AGO', 1, '2023-01-01', '2024-01-01'],
	])('%s %s', (name, n, start, end) => {
		expect(range(name, now, n)).toEqual([start, end]);
	});

	it('crosses year boundaries', () => {
		expect(range('LAST_MONTH', '2024-01-10T00:00:00Z')).toEqual(['2023-12-01', '2024-01-01']);
		expect(range('NEXT_MONTH', '2024-12-31T10:00:00Z')).toEqual(['2025-01-01', '2025-02-01']);
		expect(range('THIS_WEEK', '2024-01-01T00:00:00Z')).toEqual(['2023-12-31', '2024-01-07']);
	});

	it('is undefined for unknown names', () => {
		expect(dateLiteralRange('SOMEDAY', new Date())).toBeUndefined();
	});
});

// SOQL and SOSL Reference: "Date Formats and Date Literals in WHERE": ranges depend on the querying user's locale
// (first day of the week) and are the user's calendar days
describe('relative date literals in a user\'s time zone and locale', () => {
	const at = (name: string, now: string, timeZone: string, locale: string, n?: number) => {
		const r = dateLiteralRange(name, new Date(now), n, { timeZone, locale });
		if (!r) throw new Error(`no range for ${name}`);
		return [iso(r.start), iso(r.end)];
	};

	it('starts weeks on the locale\'s first day', () => {
		expect([firstDayOfWeek('en_US'), firstDayOfWeek('en_GB'), firstDayOfWeek('de_DE'), firstDayOfWeek('xx_bogus!')]).toEqual([7, 1, 1, 7]);
		expect(at('THIS_WEEK', '2030-01-06T12:00:00Z', 'UTC', 'en_US')).toEqual(['2030-01-06', '2030-01-13']);
		expect(at('THIS_WEEK', '2030-01-06T12:00:00Z', 'UTC', 'de_DE')).toEqual(['2029-12-31', '2030-01-07']);
		expect(at('LAST_N_WEEKS', '2030-01-09T12:00:00Z', 'UTC', 'en_GB', 1)).toEqual(['2029-12-31', '2030-01-07']);
	});

	it('takes today from the user\'s time zone', () => {
		expect(at('TODAY', '2030-01-02T05:00:00Z', 'America/Los_Angeles', 'en_US')).toEqual(['2030-01-01', '2030-01-02']);
		expect(at('TODAY', '2030-01-02T05:00:00Z', 'Europe/Berlin', 'de_DE')).toEqual(['2030-01-02', '2030-01-03']);
		expect(at('THIS_MONTH', '2030-01-01T03:00:00Z', 'America/Los_Angeles', 'en_US')).toEqual(['2029-12-01', '2030-01-01']);
	});

	it('converts calendar days to the instants they start at, across daylight saving', () => {
		expect(new Date(startOfDayIn(Date.UTC(2030, 0, 1), 'America/Los_Angeles')).toISOString()).toBe('2030-01-01T08:00:00.000Z');
		expect(new Date(startOfDayIn(Date.UTC(2030, 6, 1), 'America/Los_Angeles')).toISOString()).toBe('2030-07-01T07:00:00.000Z');
		expect(new Date(startOfDayIn(Date.UTC(2030, 6, 1), 'Europe/Berlin')).toISOString()).toBe('2030-06-30T22:00:00.000Z');
	});
});

describe('date and datetime literals', () => {
	it('parses datetimes in every offset notation to the same instant', () => {
		const t = Date.UTC(2024, 0, 31, 0, 0, 0);
		expect(parseDateTime('2024-01-31T00:00:00Z')).toBe(t);
		expect(parseDateTime('2024-01-31T00:00:00.000+0000')).toBe(t);
		expect(parseDateTime('2024-01-31T05:30:00+05:30')).toBe(t);
		expect(parseDateTime('2024-01-30T19:00:00.000-0500')).toBe(t);
		expect(parseDateTime('2024-01-31T00:00:00.123Z')).toBe(t + 123);
		expect(parseDateTime('2024-01-31T00:00:00')).toBeUndefined();
		expect(parseDateTime('2024-02-30T00:00:00Z')).toBeUndefined();
	});

	it('parses real dates only', () => {
		expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
		expect(parseDate('2023-02-29')).toBeUndefined();
		expect(parseDate('2024-1-1')).toBeUndefined();
	});

	it('round-trips any instant through the Salesforce datetime format', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
				const sf = d.toISOString().replace('Z', '+0000');
				expect(parseDateTime(sf)).toBe(d.getTime());
			}),
		);
	});
});

describe('string escapes', () => {
	it('decodes every documented escape', () => {
		expect(decodeString("\\n\\r\\t\\b\\f\\\"\\'\\\\\\u00e9")).toBe('\n\r\t\b\f"\'\\é');
	});

	it('rejects unknown escapes, and \\% outside LIKE', () => {
		expect(() => decodeString('\\q')).toThrow('\\q');
		expect(() => decodeString('\\%')).toThrow('\\%');
		expect(() => decodeString('\\u12')).toThrow();
	});
});
