import { buildWhere, conditionToSoql, fieldResolver, type ConditionRow } from '../../shared/query/conditions';
import { QueryInputError } from '../../shared/query/errors';
import { OPERATORS_BY_CATEGORY, operatorsForField } from '../../shared/query/operators';
import { ACCOUNT_FIELDS, byName, field, parseWhere, resolveParent } from './query-helpers';

const resolve = fieldResolver(ACCOUNT_FIELDS, resolveParent);

/** The SOQL of one row on the test Account */
function soql(fieldName: string, operator: string, value?: unknown, more: Partial<ConditionRow> = {}): string {
	return buildWhere({ conditions: [{ field: fieldName, operator, value, ...more }], resolveField: resolve }).clause ?? '';
}

function errorOf(fn: () => unknown): QueryInputError {
	try {
		fn();
	} catch (e) {
		if (e instanceof QueryInputError) return e;
		throw e;
	}
	throw new Error('expected a QueryInputError');
}

describe('conditions to SOQL, per type and operator', () => {
	it('text', () => {
		expect(soql('Name', 'equals', "O'Brien")).toBe("Name = 'O\\'Brien'");
		expect(soql('Name', 'notEquals', 'Acme')).toBe("Name != 'Acme'");
		expect(soql('Name', 'contains', '50%')).toBe("Name LIKE '%50\\%%'");
		expect(soql('Name', 'notContains', 'test')).toBe("(NOT Name LIKE '%test%')");
		expect(soql('Name', 'startsWith', 'A_')).toBe("Name LIKE 'A\\_%'");
		expect(soql('Email__c', 'endsWith', '@example.com')).toBe("Email__c LIKE '%@example.com'");
		expect(soql('Phone', 'in', ['1', '2', '1'])).toBe("Phone IN ('1', '2')");
		expect(soql('Website', 'notIn', 'x.com')).toBe("Website NOT IN ('x.com')");
		expect(soql('Notes__c', 'isEmpty')).toBe('Notes__c = null');
		expect(soql('Rating__c', 'isNotEmpty')).toBe('Rating__c != null');
	});

	it('numbers', () => {
		expect(soql('AnnualRevenue', 'equals', 1000)).toBe('AnnualRevenue = 1000');
		expect(soql('AnnualRevenue', 'notEquals', '1000.50')).toBe('AnnualRevenue != 1000.5');
		expect(soql('NumberOfEmployees', 'lt', '10')).toBe('NumberOfEmployees < 10');
		expect(soql('Score__c', 'lte', -1.5)).toBe('Score__c <= -1.5');
		expect(soql('Share__c', 'gt', '50')).toBe('Share__c > 50');
		expect(soql('Big__c', 'gte', '9007199254740993')).toBe('Big__c >= 9007199254740993');
		expect(soql('AnnualRevenue', 'between', '10', { valueTo: '20' })).toBe('(AnnualRevenue >= 10 AND AnnualRevenue <= 20)');
		expect(soql('AnnualRevenue', 'isEmpty')).toBe('AnnualRevenue = null');
	});

	it('dates, datetimes and times, with relative dates', () => {
		expect(soql('Founded__c', 'equals', '2024-05-31')).toBe('Founded__c = 2024-05-31');
		expect(soql('Founded__c', 'between', '2024-01-01', { valueTo: '2024-12-31' })).toBe('(Founded__c >= 2024-01-01 AND Founded__c <= 2024-12-31)');
		expect(soql('CreatedDate', 'gt', '2024-05-31T10:00:00.5+02:00')).toBe('CreatedDate > 2024-05-31T08:00:00Z');
		expect(soql('CreatedDate', 'gte', '2024-05-31T10:00:00.5+02:00')).toBe('CreatedDate >= 2024-05-31T08:00:01Z');
		expect(soql('CreatedDate', 'inRelative', 'LAST_N_DAYS', { n: 30 })).toBe('CreatedDate = LAST_N_DAYS:30');
		expect(soql('CreatedDate', 'notInRelative', 'THIS_MONTH')).toBe('CreatedDate != THIS_MONTH');
		expect(soql('Founded__c', 'beforeRelative', 'THIS_FISCAL_YEAR')).toBe('Founded__c < THIS_FISCAL_YEAR');
		expect(soql('Founded__c', 'inOrBeforeRelative', 'LAST_YEAR')).toBe('Founded__c <= LAST_YEAR');
		expect(soql('Founded__c', 'afterRelative', 'NEXT_N_WEEKS:2')).toBe('Founded__c > NEXT_N_WEEKS:2');
		expect(soql('Founded__c', 'inOrAfterRelative', 'TODAY')).toBe('Founded__c >= TODAY');
		expect(soql('Opens__c', 'lt', '09:30')).toBe('Opens__c < 09:30:00.000Z');
		expect(soql('Founded__c', 'isNotEmpty')).toBe('Founded__c != null');
	});

	it('checkboxes, picklists and multi-select picklists', () => {
		expect(soql('IsActive__c', 'isTrue')).toBe('IsActive__c = TRUE');
		expect(soql('IsActive__c', 'isFalse', 'ignored')).toBe('IsActive__c = FALSE');
		expect(soql('Industry', 'equals', 'media')).toBe("Industry = 'Media'");
		expect(soql('Industry', 'notIn', ['Banking', 'Media'])).toBe("Industry NOT IN ('Banking', 'Media')");
		expect(soql('Industry', 'isEmpty')).toBe('Industry = null');
		// INCLUDES ('A;B') = both selected, ('A','B') = either; EXCLUDES negates INCLUDES
		expect(soql('Regions__c', 'includesAll', ['EU', 'US'])).toBe("Regions__c INCLUDES ('EU;US')");
		expect(soql('Regions__c', 'includesAny', ['EU', 'US'])).toBe("Regions__c INCLUDES ('EU', 'US')");
		expect(soql('Regions__c', 'excludesAll', ['EU', 'US'])).toBe("Regions__c EXCLUDES ('EU', 'US')");
		expect(soql('Regions__c', 'excludesAny', ['EU', 'US'])).toBe("Regions__c EXCLUDES ('EU;US')");
		expect(soql('Regions__c', 'includesAny', 'apac')).toBe("Regions__c INCLUDES ('APAC')");
		expect(soql('Regions__c', 'isEmpty')).toBe('Regions__c = null');
	});

	it('ids, lookups and parent fields', () => {
		expect(soql('Id', 'equals', '001000000000001AAA')).toBe("Id = '001000000000001AAA'");
		expect(soql('OwnerId', 'in', ['005000000000001', '005000000000002'])).toBe("OwnerId IN ('005000000000001', '005000000000002')");
		expect(soql('ParentId', 'isEmpty')).toBe('ParentId = null');
		expect(soql('Owner.Email', 'endsWith', '@x.com')).toBe("Owner.Email LIKE '%@x.com'");
		expect(soql('Parent.Owner.IsActive', 'isTrue')).toBe('Parent.Owner.IsActive = TRUE');
		expect(soql(' Name ', 'equals', 'trimmed path')).toBe("Name = 'trimmed path'");
	});

	it('every operator of every category yields SOQL the parser reads as one comparison (or its NOT / range)', () => {
		const sample: Record<string, { field: string; one: unknown; two: unknown; list: unknown[] }> = {
			text: { field: 'Name', one: 'a', two: 'b', list: ['a', 'b'] },
			number: { field: 'AnnualRevenue', one: 1, two: 2, list: [1, 2] },
			date: { field: 'Founded__c', one: '2024-01-01', two: '2024-02-01', list: ['2024-01-01'] },
			datetime: { field: 'CreatedDate', one: '2024-01-01T00:00:00Z', two: '2024-02-01T00:00:00Z', list: [] },
			boolean: { field: 'IsActive__c', one: undefined, two: undefined, list: [] },
			picklist: { field: 'Industry', one: 'Media', two: undefined, list: ['Media', 'Banking'] },
			multipicklist: { field: 'Regions__c', one: undefined, two: undefined, list: ['EU', 'US'] },
			id: { field: 'Id', one: '001000000000001', two: undefined, list: ['001000000000001'] },
			reference: { field: 'OwnerId', one: '005000000000001', two: undefined, list: ['005000000000001'] },
		};
		for (const [category, s] of Object.entries(sample)) {
			for (const op of OPERATORS_BY_CATEGORY[category as keyof typeof OPERATORS_BY_CATEGORY]) {
				const value = op.value === 'list' ? s.list : op.value === 'dateLiteral' ? 'LAST_N_DAYS:7' : s.one;
				const where = soql(s.field, op.id, value, { valueTo: s.two });
				const shape = parseWhere(where);
				expect(['C', '(NOT C)', '(C AND C)']).toContain(shape.skeleton);
				expect(shape.conditions.every((c) => c.field === s.field)).toBe(true);
			}
		}
	});
});

describe('condition errors name the row and the field', () => {
	it('an operator the field does not offer', () => {
		const e = errorOf(() => soql('AnnualRevenue', 'contains', '5'));
		expect(e.message).toBe('Condition 1 (AnnualRevenue): "contains" is not an operator for a currency field');
		expect(e.hint).toMatch(/^Operators for AnnualRevenue: equals \(equals\), does not equal \(notEquals\), is less than \(lt\)/);
		expect(e.row).toBe(1);
		expect(e.field).toBe('AnnualRevenue');
		expect(errorOf(() => soql('IsActive__c', 'equals', true)).hint).toBe('Operators for IsActive__c: is true (isTrue), is false (isFalse).');
		expect(errorOf(() => soql('Regions__c', 'equals', 'EU')).message).toMatch(/not an operator for a multipicklist field/);
	});

	it('a field that cannot be filtered, or does not exist, or is no field name', () => {
		for (const name of ['Description', 'Logo__c', 'Secret__c', 'BillingAddress', 'Geo__c']) {
			expect(errorOf(() => soql(name, 'equals', 'x')).message).toBe(`Condition 1 (${name}): ${name} cannot be used in a filter`);
		}
		expect(errorOf(() => soql('Nope__c', 'equals', 'x')).message).toBe('Condition 1 (Nope__c): there is no field Nope__c');
		expect(errorOf(() => soql('Owner.Nope', 'equals', 'x')).message).toBe('Condition 1 (Owner.Nope): there is no field Owner.Nope');
		expect(errorOf(() => soql('Name FROM User --', 'equals', 'x')).message).toMatch(/^Condition 1 \(Name FROM User --\): "Name FROM User --" is not a field name/);
		expect(errorOf(() => soql('', 'equals', 'x')).message).toBe('Condition 1: no field is chosen');
	});

	it('values of the wrong type, with the row among several', () => {
		const rows: ConditionRow[] = [
			{ field: 'Name', operator: 'equals', value: 'ok' },
			{ field: 'Founded__c', operator: 'gt', value: '31/12/2024' },
		];
		const e = errorOf(() => buildWhere({ conditions: rows, resolveField: resolve }));
		expect(e.message).toBe('Condition 2 (Founded__c): "31/12/2024" is not a date');
		expect(e.row).toBe(2);
		expect(errorOf(() => soql('AnnualRevenue', 'between', '20', { valueTo: '10' })).message).toBe('Condition 1 (AnnualRevenue): the range 20 to 10 is empty');
		expect(errorOf(() => soql('AnnualRevenue', 'between', '20')).message).toBe('Condition 1 (AnnualRevenue): the second value is empty');
		expect(errorOf(() => soql('Phone', 'in', [])).message).toBe('Condition 1 (Phone): the list of values is empty');
		expect(errorOf(() => soql('Id', 'in', ['001000000000001', 'bad'])).message).toBe('Condition 1 (Id): "bad" is not a record ID');
		expect(errorOf(() => soql('Name', 'equals', '')).message).toBe('Condition 1 (Name): the value is empty');
		expect(errorOf(() => soql('Name', 'contains', undefined)).hint).toMatch(/use "is empty"/);
	});
});

describe('combining rows', () => {
	const rows: ConditionRow[] = [
		{ field: 'Name', operator: 'startsWith', value: 'A' },
		{ field: 'AnnualRevenue', operator: 'gt', value: 10 },
		{ field: 'Industry', operator: 'equals', value: 'Media' },
	];

	it('all (the default), any, custom', () => {
		expect(buildWhere({ conditions: rows, resolveField: resolve }).clause).toBe("Name LIKE 'A%' AND AnnualRevenue > 10 AND Industry = 'Media'");
		expect(buildWhere({ conditions: rows, logic: 'any', resolveField: resolve }).clause).toBe("Name LIKE 'A%' OR AnnualRevenue > 10 OR Industry = 'Media'");
		expect(buildWhere({ conditions: rows, logic: 'custom', customLogic: '(1 OR 2) AND NOT 3', resolveField: resolve }).clause).toBe(
			"(Name LIKE 'A%' OR AnnualRevenue > 10) AND (NOT Industry = 'Media')",
		);
	});

	it('no rows: no clause; custom logic without rows is an error', () => {
		expect(buildWhere({ conditions: [], resolveField: resolve }).clause).toBeUndefined();
		expect(errorOf(() => buildWhere({ conditions: [], logic: 'custom', customLogic: '1', resolveField: resolve })).message).toMatch(/no conditions/);
		expect(errorOf(() => buildWhere({ conditions: rows, logic: 'some' as never, resolveField: resolve })).message).toBe('Unknown filter logic "some"');
	});

	it('a row with several parts stays one operand (between, does not contain)', () => {
		const two: ConditionRow[] = [
			{ field: 'AnnualRevenue', operator: 'between', value: 1, valueTo: 2 },
			{ field: 'Name', operator: 'notContains', value: 'x' },
		];
		const where = buildWhere({ conditions: two, logic: 'any', resolveField: resolve }).clause ?? '';
		expect(where).toBe("(AnnualRevenue >= 1 AND AnnualRevenue <= 2) OR (NOT Name LIKE '%x%')");
		expect(parseWhere(where).skeleton).toBe('(C AND C) OR (NOT C)');
	});

	it('reports list sizes for the URL-length check', () => {
		const built = buildWhere({ conditions: [...rows, { field: 'Phone', operator: 'in', value: ['1', '2', '3'] }], resolveField: resolve });
		expect(built.lists).toEqual([{ row: 4, field: 'Phone', values: 3 }]);
	});

	it('conditionToSoql works with any describe field, e.g. a catalogue one', () => {
		expect(conditionToSoql({ field: 'Amount', operator: 'gte', value: '5' }, field('Amount', 'currency'), 1).soql).toBe('Amount >= 5');
		// it checks the path itself too: it writes the name into SOQL
		expect(() => conditionToSoql({ field: 'Amount > 0 OR Id', operator: 'gte', value: '5' }, field('Amount', 'currency'), 3)).toThrow(
			'Condition 3 (Amount > 0 OR Id): "Amount > 0 OR Id" is not a field name',
		);
		expect(operatorsForField(byName('Name')).length).toBeGreaterThan(0);
	});
});
