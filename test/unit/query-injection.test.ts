/**
 * No input can change the structure of a composed query. Checked with an independent SOQL parser
 * (@jetstreamapp/soql-parser-js): for arbitrary values the WHERE clause keeps its skeleton, fields, operators and
 * condition count, and every value reads back as the literal it was; arbitrary identifiers are refused or appear
 * verbatim as identifiers; a corpus of hostile inputs is either matched literally or refused with a clear message.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';

import { QueryInputError, composeQuery, type ConditionRow, type QueryField, type QuerySpec } from '../../shared/query';
import { HOSTILE_IDENTIFIERS, HOSTILE_VALUES } from '../harness/hostile';
import { WILD, decodeLiteral, field, shapeOf, unquote, type ParsedCondition } from './query-helpers';

const FIELDS: QueryField[] = [
	field('Id', 'id'),
	field('Name', 'string', { nameField: true }),
	field('Phone', 'phone'),
	field('Source__c', 'picklist', { restrictedPicklist: false, picklistValues: [{ value: 'Web' }] }),
	field('Tags__c', 'multipicklist', { restrictedPicklist: false, sortable: false }),
	field('Amount__c', 'currency'),
	field('Count__c', 'int'),
	field('Day__c', 'date'),
	field('CreatedDate', 'datetime'),
	field('OwnerId', 'reference'),
];
const base: QuerySpec = { object: 'Account', objectFields: FIELDS, fields: ['Id', 'Name'] };

type TextOp = 'equals' | 'notEquals' | 'contains' | 'notContains' | 'startsWith' | 'endsWith' | 'in' | 'notIn';
const TEXT_OPS: TextOp[] = ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'in', 'notIn'];

interface Row {
	field: 'Name' | 'Phone' | 'Source__c' | 'Tags__c';
	op: TextOp | 'includesAny' | 'includesAll';
	value: string | string[];
}

const isBlank = (s: string) => s.trim() === '';
const unique = (xs: string[]) => [...new Set(xs)];

/**
 * Characters of the literal as written, between the quotes: Salesforce's 4,000 counts these. Named escapes take 2,
 * other control characters, line separators and lone surrogates 6 (\uXXXX); in LIKE, % and _ take 2 and the
 * pattern adds `wildcards` characters.
 */
function writtenLength(text: string, wildcards = 0): number {
	let n = wildcards;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const paired = c >= 0xd800 && c <= 0xdbff && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
		if (paired) {
			n += 2;
			i++;
		} else if ('\\\'"\n\r\t\b\f'.includes(text[i]) || (wildcards > 0 && (text[i] === '%' || text[i] === '_'))) n += 2;
		else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) n += 6;
		else n += 1;
	}
	return n;
}

/** What the parser must show for a row: skeleton, SOQL operator and a check of the literal(s). */
function expectationOf(row: Row): { skeleton: string; operator: string; check: (c: ParsedCondition) => void } | 'refused' {
	const v = row.value;
	if (row.op === 'in' || row.op === 'notIn' || row.op === 'includesAny' || row.op === 'includesAll') {
		const items = unique((Array.isArray(v) ? v : [v]).filter((s) => !isBlank(s)).map((s) => (row.field === 'Name' || row.field === 'Phone' ? s : s.trim())));
		if (items.length === 0 || items.some((s) => s.length > 4000)) return 'refused';
		if (row.field === 'Tags__c' && items.some((s) => s.includes(';'))) return 'refused';
		const expected = row.op === 'includesAll' ? [items.join(';')] : items;
		if (expected.some((s) => writtenLength(s) > 4000)) return 'refused';
		const operator = row.op === 'in' ? 'IN' : row.op === 'notIn' ? 'NOT IN' : 'INCLUDES';
		return {
			skeleton: 'C',
			operator,
			check: (c) => {
				expect(Array.isArray(c.value)).toBe(true);
				expect((c.value as string[]).map(unquote)).toEqual(expected);
			},
		};
	}
	const text = row.field === 'Source__c' ? (v as string).trim() : (v as string);
	if (text === '' || text.length > 4000) return 'refused';
	const wildcards = row.op === 'equals' || row.op === 'notEquals' ? 0 : row.op === 'startsWith' || row.op === 'endsWith' ? 1 : 2;
	if (writtenLength(text, wildcards) > 4000) return 'refused';
	if (row.op === 'equals' || row.op === 'notEquals') {
		return { skeleton: 'C', operator: row.op === 'equals' ? '=' : '!=', check: (c) => expect(unquote(c.value as string)).toBe(text) };
	}
	const chars = [...text].flatMap((ch) => ch.split(''));
	const pattern = row.op === 'startsWith' ? [...chars, WILD['%']] : row.op === 'endsWith' ? [WILD['%'], ...chars] : [WILD['%'], ...chars, WILD['%']];
	return {
		skeleton: row.op === 'notContains' ? '(NOT C)' : 'C',
		operator: 'LIKE',
		check: (c) => expect(decodeLiteral(c.value as string, true)).toEqual(pattern),
	};
}

function conditionOf(row: Row): ConditionRow {
	return { field: row.field, operator: row.op, value: row.value };
}

const rowArb = (value: fc.Arbitrary<string>) =>
	fc.oneof(
		fc.record({ field: fc.constantFrom<'Name' | 'Phone'>('Name', 'Phone'), op: fc.constantFrom(...TEXT_OPS), value: fc.oneof(value, fc.array(value, { maxLength: 4 })) }),
		fc.record({ field: fc.constant<'Source__c'>('Source__c'), op: fc.constantFrom<TextOp>('equals', 'notEquals', 'in', 'notIn'), value: fc.oneof(value, fc.array(value, { maxLength: 3 })) }),
		fc.record({ field: fc.constant<'Tags__c'>('Tags__c'), op: fc.constantFrom<'includesAny' | 'includesAll'>('includesAny', 'includesAll'), value: fc.array(value, { maxLength: 3 }) }),
	).map((r): Row => (r.op === 'in' || r.op === 'notIn' || r.op === 'includesAny' || r.op === 'includesAll' ? r : { ...r, value: Array.isArray(r.value) ? (r.value[0] ?? '') : r.value }) as Row);

/** Composes the rows with AND or OR; asserts the parsed query is exactly the intended one, or a clear refusal. */
function assertStructure(rows: Row[], logic: 'all' | 'any'): void {
	const expectations = rows.map(expectationOf);
	let soql: string;
	try {
		soql = composeQuery({ ...base, conditions: rows.map(conditionOf), logic }).soql;
	} catch (e) {
		expect(e).toBeInstanceOf(QueryInputError);
		const err = e as QueryInputError;
		// refused: the first row we expect to be refused is the one named
		const first = expectations.findIndex((x) => x === 'refused');
		expect(first).toBeGreaterThanOrEqual(0);
		expect(err.row).toBe(first + 1);
		expect(err.message).toMatch(new RegExp(`^Condition ${first + 1} \\(${rows[first].field}\\): `));
		return;
	}
	expect(expectations).not.toContain('refused');
	const query = parseQuery(soql) as Query;
	expect(query.sObject).toBe('Account');
	expect(query.fields).toEqual([{ type: 'Field', field: 'Id' }, { type: 'Field', field: 'Name' }]);
	expect(query.limit).toBeUndefined();
	expect(query.orderBy).toBeUndefined();
	if (!query.where) throw new Error('no WHERE parsed');
	const shape = shapeOf(query.where);
	const ok = expectations as Array<Exclude<ReturnType<typeof expectationOf>, 'refused'>>;
	const wrap = (s: string) => (rows.length > 1 && s.includes(' AND ') ? `(${s})` : s);
	expect(shape.skeleton).toBe(ok.map((x) => wrap(x.skeleton)).join(logic === 'all' ? ' AND ' : ' OR '));
	expect(shape.conditions).toHaveLength(rows.length);
	shape.conditions.forEach((c, k) => {
		expect(c.field).toBe(rows[k].field);
		expect(c.operator.toUpperCase()).toBe(ok[k].operator);
		ok[k].check(c);
	});
}

describe('(a) arbitrary values never change the query structure', () => {
	it('property: any strings, any text operators, AND or OR', () => {
		fc.assert(fc.property(fc.array(rowArb(fc.string({ unit: 'binary', maxLength: 40 })), { minLength: 1, maxLength: 5 }), fc.constantFrom<'all' | 'any'>('all', 'any'), assertStructure), {
			numRuns: 300,
		});
	});

	it('property: strings built from SOQL syntax', () => {
		const syntax = fc
			.array(fc.constantFrom("'", '\\', '"', '%', '_', ' OR ', ' AND ', 'NOT ', '(', ')', ',', ';', '--', '/*', '*/', 'FROM User', '= null', '\n', '\u0000', 'LIKE', 'IN', ':x', 'é', '😀', '\ud800'), { maxLength: 12 })
			.map((parts) => parts.join(''));
		fc.assert(fc.property(fc.array(rowArb(syntax), { minLength: 1, maxLength: 4 }), fc.constantFrom<'all' | 'any'>('all', 'any'), assertStructure), { numRuns: 300 });
	});

	it('property: values of typed fields are refused or become one literal of that type', () => {
		const cases: Array<[string, string, string[]]> = [
			['Amount__c', 'gt', ['INTEGER', 'DECIMAL']],
			['Count__c', 'lte', ['INTEGER']],
			['Day__c', 'equals', ['DATE']],
			['CreatedDate', 'lt', ['DATETIME']],
			['CreatedDate', 'inRelative', ['DATE_LITERAL', 'DATE_N_LITERAL']],
			['OwnerId', 'equals', ['STRING']],
		];
		const typedish = fc.oneof(
			fc.string({ unit: 'binary' }),
			fc.stringMatching(/^[-+0-9.,eE: TZ_A-Za-z']{0,30}$/),
			fc.double().map(String),
			fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
		);
		fc.assert(
			fc.property(fc.constantFrom(...cases), typedish, ([name, op, types], value) => {
				let soql: string;
				try {
					soql = composeQuery({ ...base, conditions: [{ field: name, operator: op, value }] }).soql;
				} catch (e) {
					expect(e).toBeInstanceOf(QueryInputError);
					expect((e as QueryInputError).message).toMatch(new RegExp(`^Condition 1 \\(${name}\\): `));
					return;
				}
				const shape = shapeOf((parseQuery(soql) as Query).where!);
				expect(shape.skeleton).toBe('C');
				expect(shape.conditions[0].field).toBe(name);
				expect(types).toContain(shape.conditions[0].literalType);
			}),
			{ numRuns: 500 },
		);
	});
});

describe('(b) arbitrary identifiers are refused or appear verbatim', () => {
	const identifier = fc.oneof(
		fc.string({ unit: 'binary', maxLength: 30 }),
		fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,40}$/),
		fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}( |'|\.|,|\(|\)|;|-|\/)[A-Za-z0-9_ =']{0,10}$/),
		fc.constantFrom('FROM', 'Not', 'select', 'Group', 'Group.Name', 'Order', 'Owner.Where', 'TODAY', 'USING', 'Limit'),
	);

	/** A describe that (absurdly) contains the hostile name, so only the identifier check stands in the way */
	const specWith = (name: string): QuerySpec => ({
		object: 'Account',
		objectFields: [field('Id', 'id'), field(name, 'string')],
		resolveParentField: () => field('X', 'string'),
	});

	it('property: as a condition field, a sort field and a returned field', () => {
		fc.assert(
			fc.property(identifier, (name) => {
				let soql: string;
				try {
					soql = composeQuery({
						...specWith(name),
						fields: [name],
						conditions: [{ field: name, operator: 'equals', value: 'v' }],
						sort: [{ field: name }],
					}).soql;
				} catch (e) {
					expect(e).toBeInstanceOf(QueryInputError);
					expect((e as QueryInputError).message).toMatch(/no field is chosen|is not a field name|has no field|there is no field|sorted by twice/);
					return;
				}
				const trimmed = name.trim();
				const query = parseQuery(soql) as Query;
				const returned = (query.fields ?? []).map((f) => ('field' in f ? (f.type === 'FieldRelationship' ? f.rawValue : f.field) : undefined));
				expect(returned).toContain(trimmed);
				const shape = shapeOf(query.where!);
				expect(shape.skeleton).toBe('C');
				expect(shape.conditions[0].field).toBe(trimmed);
				expect(unquote(shape.conditions[0].value as string)).toBe('v');
				expect(query.orderBy).toEqual([{ field: trimmed, order: 'ASC' }]);
			}),
			{ numRuns: 500 },
		);
	});

	it('property: as the object', () => {
		fc.assert(
			fc.property(identifier, (name) => {
				let soql: string;
				try {
					soql = composeQuery({ object: name, objectFields: FIELDS, fields: ['Id'] }).soql;
				} catch (e) {
					expect(e).toBeInstanceOf(QueryInputError);
					expect((e as QueryInputError).message).toMatch(/is not an object name/);
					return;
				}
				expect(parseQuery(soql).sObject).toBe(name.trim());
			}),
			{ numRuns: 500 },
		);
	});
});

describe('(c) hostile corpus', () => {
	const values = HOSTILE_VALUES;
	const refusedValues: Array<[string, RegExp]> = [
		['x'.repeat(4001), /has 4001 characters/],
		['', /is empty/],
	];

	it(`has at least 30 hostile values (${values.length + refusedValues.length})`, () => {
		expect(values.length + refusedValues.length).toBeGreaterThanOrEqual(30);
	});

	it('each value is matched literally, by every text operator', () => {
		for (const value of values) {
			for (const op of TEXT_OPS) assertStructure([{ field: 'Name', op, value: op === 'in' || op === 'notIn' ? [value, 'other'] : value }], 'all');
			assertStructure([{ field: 'Name', op: 'equals', value }, { field: 'Phone', op: 'notContains', value }], 'any');
			assertStructure([{ field: 'Source__c', op: 'equals', value: value.trim() || 'x' }], 'all');
		}
	});

	it('values that cannot be sent are refused with a clear message', () => {
		for (const [value, message] of refusedValues) {
			expect(() => composeQuery({ ...base, conditions: [{ field: 'Name', operator: 'equals', value }] })).toThrow(message);
		}
		const typed: Array<[string, string, unknown, RegExp]> = [
			['Amount__c', 'equals', '1 OR 1=1', /"1 OR 1=1" is not a number/],
			['Amount__c', 'equals', '1; DROP', /is not a number/],
			['Count__c', 'gt', '0x1F', /is not a number/],
			['Amount__c', 'lt', '1e400', /out of range/],
			['Day__c', 'equals', "2024-01-01' OR Name != '", /is not a date/],
			['CreatedDate', 'gt', '2024-01-01T00:00:00Z OR Id != null', /is not a date and time/],
			['CreatedDate', 'inRelative', 'TODAY OR Id != null', /is not a relative date/],
			['CreatedDate', 'inRelative', 'LAST_N_DAYS:1 OR Name = null', /is not a relative date/],
			['OwnerId', 'equals', "005000000000001' OR '1'='1", /is not a record ID/],
			['Tags__c', 'includesAll', ['A;B'], /contains ";"/],
		];
		for (const [name, operator, value, message] of typed) {
			const run = () => composeQuery({ ...base, conditions: [{ field: name, operator, value }] });
			expect(run).toThrow(QueryInputError);
			expect(run).toThrow(message);
		}
	});

	const identifiers = HOSTILE_IDENTIFIERS;

	it(`refuses ${identifiers.length} hostile field names wherever a field goes, and as the object`, () => {
		expect(identifiers.length).toBeGreaterThanOrEqual(30);
		for (const name of identifiers) {
			const spec: QuerySpec = { object: 'Account', objectFields: [field('Id', 'id'), field(name, 'string')], resolveParentField: () => field('X', 'string') };
			const attempts: Array<[() => unknown, RegExp]> = [
				[() => composeQuery({ ...spec, fields: [name] }), /is not a field name|has no field/],
				// a name with spaces around a valid one is trimmed, and then is not the describe's (untrimmed) name
				[() => composeQuery({ ...spec, conditions: [{ field: name, operator: 'equals', value: 'v' }] }), /no field is chosen|is not a field name|there is no field/],
				[() => composeQuery({ ...spec, sort: [{ field: name }] }), /no field is chosen|is not a field name|there is no field/],
				[() => composeQuery({ object: name, objectFields: FIELDS }), /is not an object name/],
			];
			for (const [attempt, message] of attempts) {
				// an empty or blank name is simply "no field chosen" / dropped; everything else is refused by name
				if (name.trim() === '' && attempt === attempts[0][0]) {
					expect(composeQuery({ ...spec, fields: [name] }).fields).toEqual(['Id']);
					continue;
				}
				expect(attempt).toThrow(QueryInputError);
				expect(attempt).toThrow(message);
			}
		}
	});
});
