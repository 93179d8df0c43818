import fc from 'fast-check';

import type { FieldDescribe } from '../../shared/client/types';
import { CoercionError, coerceFieldValue } from '../../shared/records/coerce';

type FieldInfo = Pick<FieldDescribe, 'name' | 'label' | 'type' | 'picklistValues' | 'restrictedPicklist' | 'referenceTo'>;

const f = (type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({ name: `X_${type}__c`, label: `X ${type}`, type, ...extra });

describe('field value coercion', () => {
	it('numbers: plain numeric strings and numbers pass; separators, text and objects fail naming the field', () => {
		expect(coerceFieldValue(f('double'), '1250.50')).toBe(1250.5);
		expect(coerceFieldValue(f('double'), ' -3e2 ')).toBe(-300);
		for (const ambiguous of ['1,5', '1.234,56', '1,250.50', '1 000', '€5', '0x10', 'Infinity']) {
			expect(() => coerceFieldValue(f('double'), ambiguous)).toThrow(/expects a number/);
		}
		expect(() => coerceFieldValue(f('double'), { a: 1 })).toThrow(/expects a single value, got an object/);
		expect(coerceFieldValue(f('currency'), 99)).toBe(99);
		expect(coerceFieldValue(f('int'), '42')).toBe(42);
		expect(() => coerceFieldValue(f('int'), '4.2')).toThrow(/whole number/);
		expect(() => coerceFieldValue(f('double'), 'abc')).toThrow(new CoercionError('X_double__c', 'X double (X_double__c) expects a number, got "abc"', ''));
	});

	it('booleans accept true/false words', () => {
		expect(coerceFieldValue(f('boolean'), 'Yes')).toBe(true);
		expect(coerceFieldValue(f('boolean'), '0')).toBe(false);
		expect(() => coerceFieldValue(f('boolean'), 'maybe')).toThrow(/true or false/);
	});

	it('dates and datetimes go out in Salesforce format, in UTC', () => {
		expect(coerceFieldValue(f('date'), '2024-05-20T23:30:00+02:00')).toBe('2024-05-20');
		expect(coerceFieldValue(f('date'), '2024/01/31')).toBe('2024-01-31');
		expect(coerceFieldValue(f('datetime'), '2024-05-20T16:30:00+02:00')).toBe('2024-05-20T14:30:00.000Z');
		expect(coerceFieldValue(f('datetime'), '2024-05-20T20:49:32.000+0000')).toBe('2024-05-20T20:49:32.000Z');
		expect(coerceFieldValue(f('datetime'), new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('2024-01-02T03:04:05.000Z');
		expect(() => coerceFieldValue(f('date'), 'not a date')).toThrow(/expects a date/);
		expect(coerceFieldValue(f('time'), '14:30')).toBe('14:30:00.000Z');
		expect(coerceFieldValue(f('datetime'), 1716236972000)).toBe('2024-05-20T20:29:32.000Z');
		expect(coerceFieldValue(f('datetime'), 'Mon, 20 May 2024 20:49:32 GMT')).toBe('2024-05-20T20:49:32.000Z');
		expect(coerceFieldValue(f('datetime'), '2024-05-20 20:49:32')).toBe('2024-05-20T20:49:32.000Z');
	});

	it('ambiguous dates are refused, not guessed', () => {
		// yyyymmdd as a number, epoch seconds, a time alone, a bare year, a bare month, day-first text
		for (const v of [20240520, 1716236972, '10:30', '2024', '2024-05', '05/20/2024', '20.05.2024', true, { y: 2024 }]) {
			expect(() => coerceFieldValue(f('date'), v)).toThrow(/expects a date/);
			expect(() => coerceFieldValue(f('datetime'), v)).toThrow(/expects a date and time/);
		}
	});

	it('multi-select picklists join arrays with ; and restricted picklists refuse unknown values', () => {
		const pick = f('multipicklist', {
			restrictedPicklist: true,
			picklistValues: [{ value: 'A' }, { value: 'B' }, { value: 'C', active: false }],
		});
		expect(coerceFieldValue(pick, ['A', 'B'])).toBe('A;B');
		expect(coerceFieldValue(pick, 'A; B')).toBe('A;B');
		expect(() => coerceFieldValue(pick, ['A', 'C'])).toThrow(/does not allow "C"/);
		expect(() => coerceFieldValue(f('multipicklist'), [{ a: 1 }])).toThrow(/expects picklist values/);
		expect(() => coerceFieldValue(f('string'), ['A', 'B'])).toThrow(/expects text, got a list/);
		const single = f('picklist', { restrictedPicklist: true, picklistValues: [{ value: 'Open' }] });
		expect(() => coerceFieldValue(single, 'Closed')).toThrow(/Allowed values|does not allow/);
		expect(coerceFieldValue(f('picklist', { picklistValues: [{ value: 'Open' }] }), 'Anything')).toBe('Anything');
	});

	it('references must look like ids', () => {
		expect(coerceFieldValue(f('reference', { referenceTo: ['Account'] }), '001000000000001AAA')).toBe('001000000000001AAA');
		expect(() => coerceFieldValue(f('reference', { referenceTo: ['Account'] }), 'acme')).toThrow(/record ID of Account/);
	});

	it('empty input leaves the field out; null clears it', () => {
		expect(coerceFieldValue(f('double'), '')).toBeUndefined();
		expect(coerceFieldValue(f('string'), '')).toBeUndefined();
		expect(coerceFieldValue(f('textarea'), '   ')).toBeUndefined();
		expect(coerceFieldValue(f('date'), undefined)).toBeUndefined();
		expect(coerceFieldValue(f('string'), null)).toBeNull();
	});

	it('property: any finite number round-trips through its string form', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
				expect(coerceFieldValue(f('double'), String(n))).toBe(Number(String(n)));
				expect(coerceFieldValue(f('double'), n)).toBe(n);
			}),
		);
	});

	it('property: any datetime instant survives the conversion', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (d) => {
				expect(new Date(coerceFieldValue(f('datetime'), d.toISOString()) as string).getTime()).toBe(d.getTime());
			}),
		);
	});
});
