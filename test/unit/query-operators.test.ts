import { parseQuery } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';

import {
	DATE_LITERALS,
	OPERATORS_BY_CATEGORY,
	filterCategory,
	findDateLiteral,
	findOperator,
	operatorsForField,
	type FilterCategory,
	type OperatorId,
} from '../../shared/query/operators';
import { STATIC_OBJECTS } from '../../shared/catalogue';

const ids = (type: string, extra: { filterable?: boolean; length?: number } = {}) => operatorsForField({ type, ...extra }).map((o) => o.id);

const DESCRIBE_TYPES = [
	'id', 'string', 'boolean', 'int', 'double', 'long', 'date', 'datetime', 'time', 'base64', 'reference', 'currency',
	'percent', 'textarea', 'phone', 'url', 'email', 'combobox', 'picklist', 'multipicklist', 'encryptedstring', 'anyType',
	'address', 'location', 'complexvalue', 'json',
];

describe('operators per field type', () => {
	it('text types: equality, contains, starts/ends with, lists and empty', () => {
		const text: OperatorId[] = ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];
		for (const t of ['string', 'email', 'phone', 'url', 'combobox']) expect(ids(t)).toEqual(text);
		expect(ids('textarea', { length: 255 })).toEqual(text);
	});

	it('numbers, currency, percent and times: comparisons, between and empty', () => {
		const ordered: OperatorId[] = ['equals', 'notEquals', 'lt', 'lte', 'gt', 'gte', 'between', 'isEmpty', 'isNotEmpty'];
		for (const t of ['int', 'double', 'long', 'currency', 'percent', 'time']) expect(ids(t)).toEqual(ordered);
	});

	it('dates and datetimes: comparisons plus relative dates', () => {
		for (const t of ['date', 'datetime']) {
			expect(ids(t)).toEqual([
				'equals', 'notEquals', 'lt', 'lte', 'gt', 'gte', 'between', 'isEmpty', 'isNotEmpty',
				'inRelative', 'notInRelative', 'beforeRelative', 'inOrBeforeRelative', 'afterRelative', 'inOrAfterRelative',
			]);
			expect(operatorsForField({ type: t }).filter((o) => o.value === 'dateLiteral')).toHaveLength(6);
		}
		expect(findOperator({ type: 'date' }, 'lt')?.label).toBe('is before');
		expect(findOperator({ type: 'int' }, 'lt')?.label).toBe('is less than');
		expect(findOperator({ type: 'time' }, 'gte')?.label).toBe('is on or after');
	});

	it('checkboxes: is true / is false', () => {
		expect(ids('boolean')).toEqual(['isTrue', 'isFalse']);
		expect(operatorsForField({ type: 'boolean' }).every((o) => o.value === 'none')).toBe(true);
	});

	it('picklists: is, is not, is one of, is not one of, empty', () => {
		expect(ids('picklist')).toEqual(['equals', 'notEquals', 'in', 'notIn', 'isEmpty', 'isNotEmpty']);
		expect(findOperator({ type: 'picklist' }, 'equals')?.label).toBe('is');
	});

	it('multi-select picklists: includes/excludes all/any of, empty', () => {
		expect(ids('multipicklist')).toEqual(['includesAll', 'includesAny', 'excludesAll', 'excludesAny', 'isEmpty', 'isNotEmpty']);
	});

	it('ids and lookups: equality and lists; only lookups can be empty', () => {
		expect(ids('id')).toEqual(['equals', 'notEquals', 'in', 'notIn']);
		expect(ids('reference')).toEqual(['equals', 'notEquals', 'in', 'notIn', 'isEmpty', 'isNotEmpty']);
	});

	it('nothing for fields Salesforce cannot filter', () => {
		for (const t of ['base64', 'encryptedstring', 'address', 'location', 'anyType', 'complexvalue', 'json', 'somethingNew']) {
			expect(ids(t)).toEqual([]);
		}
		expect(ids('textarea', { length: 32000 })).toEqual([]);
		expect(ids('string', { filterable: false })).toEqual([]);
		// describe's filterable wins over the length rule
		expect(ids('textarea', { length: 4000, filterable: true })).toContain('equals');
		expect(filterCategory({ type: 'STRING' })).toBe('text');
	});

	it('property: filterable false always means no operators; ids are unique; shapes are known', () => {
		fc.assert(
			fc.property(fc.oneof(fc.constantFrom(...DESCRIBE_TYPES), fc.string()), fc.option(fc.boolean(), { nil: undefined }), fc.option(fc.nat(40000), { nil: undefined }), (type, filterable, length) => {
				const ops = operatorsForField({ type, filterable, length });
				if (filterable === false) expect(ops).toEqual([]);
				expect(new Set(ops.map((o) => o.id)).size).toBe(ops.length);
				for (const o of ops) {
					expect(['none', 'one', 'two', 'list', 'dateLiteral']).toContain(o.value);
					expect(o.label).not.toBe('');
					expect(o.description).not.toBe('');
				}
			}),
		);
	});

	it('LIKE-style operators only on text, INCLUDES-style only on multi-select picklists', () => {
		const like: OperatorId[] = ['contains', 'notContains', 'startsWith', 'endsWith'];
		const multi: OperatorId[] = ['includesAll', 'includesAny', 'excludesAll', 'excludesAny'];
		for (const [category, ops] of Object.entries(OPERATORS_BY_CATEGORY) as Array<[FilterCategory, typeof OPERATORS_BY_CATEGORY.text]>) {
			expect(ops.some((o) => like.includes(o.id))).toBe(category === 'text');
			expect(ops.some((o) => multi.includes(o.id))).toBe(category === 'multipicklist');
		}
	});

	it('every field of the static catalogue gets operators unless Salesforce cannot filter it', () => {
		for (const def of STATIC_OBJECTS) {
			for (const f of def.fields) {
				const longText = f.type === 'textarea' && (f.length ?? 0) > 255;
				expect(operatorsForField(f).length > 0).toBe(!longText);
			}
		}
	});
});

describe('date literals', () => {
	it('lists every literal of the SOQL reference, each parsed as a date literal', () => {
		expect(DATE_LITERALS).toHaveLength(44);
		for (const d of DATE_LITERALS) {
			const soql = `SELECT Id FROM Account WHERE CreatedDate = ${d.name}${d.takesN ? ':3' : ''}`;
			const where = parseQuery(soql).where?.left as { literalType?: string };
			expect(where.literalType).toBe(d.takesN ? 'DATE_N_LITERAL' : 'DATE_LITERAL');
			expect(d.takesN).toBe(/_N_|^N_/.test(d.name));
		}
	});

	it('finds literals ignoring case', () => {
		expect(findDateLiteral('last_n_days')).toEqual({ name: 'LAST_N_DAYS', label: 'Last N days (today included)', takesN: true });
		expect(findDateLiteral('THIS_FISCAL_YEAR')?.takesN).toBe(false);
		expect(findDateLiteral('LAST_N_DECADES')).toBeUndefined();
	});
});
