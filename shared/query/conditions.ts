/**
 * Condition rows to a SOQL WHERE clause. A row names a field (or a parent path such as Account.Name), an operator
 * from operators.ts and its value(s); the caller resolves each path to its describe field. Every value goes through
 * values.ts and escape.ts; every path is checked by escape.ts, so no input can change the query's structure.
 */
import { printable, QueryInputError, quoted } from './errors';
import { fieldPathProblem, soqlBoolean, soqlContains, soqlEndsWith, soqlList, soqlStartsWith, soqlString } from './escape';
import { allOrAny, parseFilterLogic, renderLogic } from './logic';
import { filterCategory, findOperator, operatorsForField, type FilterCategory, type OperatorId, type QueryField } from './operators';
import {
	MAX_STRING_LITERAL,
	listOf,
	parseDate,
	parseDateTime,
	parseId,
	parseNumber,
	parseRelativeDate,
	parseTime,
	picklistValueOf,
	textOf,
	type SecondRounding,
	type ValueContext,
} from './values';

export interface ConditionRow {
	/** Field API name, or a path through parent relationships (Account.Name, Owner.Email) */
	field: string;
	/** An OperatorId the field offers (see operatorsForField) */
	operator: string;
	/** The value; for a list operator an array (a single value counts as a list of one); for a range its lower end */
	value?: unknown;
	/** The upper end of a range ("is between") */
	valueTo?: unknown;
	/** N for a relative date that takes one (LAST_N_DAYS), when not written into `value` as LAST_N_DAYS:30 */
	n?: unknown;
}

/** Resolves a field path to the describe of the field at its end; undefined when there is no such field. */
export type FieldResolver = (path: string) => QueryField | undefined;

export type FilterLogicType = 'all' | 'any' | 'custom';

export interface WhereSpec {
	conditions: readonly ConditionRow[];
	/** How the rows combine: all (AND, the default), any (OR) or custom logic over row numbers */
	logic?: FilterLogicType;
	/** For logic 'custom': e.g. `1 AND (2 OR 3)` */
	customLogic?: string;
	resolveField: FieldResolver;
}

/** A list condition in the WHERE clause: what the URL-length check needs to say how many values fit. */
export interface ListCondition {
	row: number;
	field: string;
	values: number;
}

export interface BuiltWhere {
	/** The clause without the WHERE keyword; undefined when there are no conditions */
	clause?: string;
	lists: ListCondition[];
}

const COMPARISONS: Partial<Record<OperatorId, string>> = { equals: '=', notEquals: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' };
const RELATIVE: Partial<Record<OperatorId, string>> = {
	inRelative: '=',
	notInRelative: '!=',
	beforeRelative: '<',
	inOrBeforeRelative: '<=',
	afterRelative: '>',
	inOrAfterRelative: '>=',
};
/** With whole-second storage, this rounding keeps `x op value` exact for a value with a fraction of a second */
const ROUNDING: Partial<Record<OperatorId, SecondRounding>> = { gt: 'floor', lte: 'floor', gte: 'ceil', lt: 'ceil' };

function problem(row: number, field: string, message: string, hint: string): QueryInputError {
	return new QueryInputError(`Condition ${row}${field ? ` (${printable(field)})` : ''}: ${message}`, hint, { row, field: field || undefined, input: 'conditions' });
}

const UNFILTERABLE_HINT =
	'Salesforce cannot filter long text areas, encrypted, base64, address or location fields, nor fields the describe marks as not filterable. Filter on another field.';

/**
 * A quoted literal within Salesforce's limit, which counts the literal as written: escapes (a quote or a line break
 * takes two characters) and LIKE wildcards included.
 */
function sized(literal: string, ctx: ValueContext): string {
	const written = literal.length - 2;
	if (written > MAX_STRING_LITERAL) {
		throw problem(
			ctx.row,
			ctx.field,
			`${ctx.what ?? 'the value'} is too long once written in SOQL: ${written.toLocaleString('en-US')} characters, at most ${MAX_STRING_LITERAL.toLocaleString('en-US')}`,
			'Shorten the value: quotes, backslashes and line breaks count twice in SOQL, and contains, starts with and ends with add the % wildcards.',
		);
	}
	return literal;
}

/** One value of the field's category as a SOQL literal. */
function literal(category: FilterCategory, field: QueryField, value: unknown, ctx: ValueContext, rounding?: SecondRounding): string {
	switch (category) {
		case 'number':
			return parseNumber(value, ctx, { integer: field.type.toLowerCase() === 'int' || field.type.toLowerCase() === 'long' });
		case 'date':
			return parseDate(value, ctx);
		case 'datetime':
			return parseDateTime(value, ctx, rounding);
		case 'time':
			return parseTime(value, ctx);
		case 'id':
		case 'reference':
			return parseId(value, ctx);
		case 'picklist':
			return sized(soqlString(picklistValueOf(value, field, ctx)), ctx);
		case 'multipicklist':
			return sized(soqlString(picklistValueOf(value, field, ctx, true)), ctx);
		case 'text':
			return sized(soqlString(textOf(value, ctx)), ctx);
		case 'boolean':
			// Checkboxes only have value-less operators; reaching this is a programming error
			throw new Error('checkbox conditions take no value');
	}
}

function listLiterals(category: FilterCategory, field: QueryField, row: ConditionRow, rowNumber: number): string[] {
	const base: ValueContext = { row: rowNumber, field: row.field };
	const items = listOf(row.value, base);
	const literals = items.map((v, k) => literal(category, field, v, { ...base, what: `list value ${k + 1}` }));
	return [...new Set(literals)];
}

/** The row's field path, trimmed, or QueryInputError when it is empty or not a field path (SOQL cannot quote names). */
function checkedPath(raw: unknown, rowNumber: number): string {
	const path = typeof raw === 'string' ? raw.trim() : '';
	if (!path) throw problem(rowNumber, '', 'no field is chosen', 'Pick the field to filter on, or remove the condition.');
	const bad = fieldPathProblem(path);
	if (bad) throw problem(rowNumber, path, `${quoted(path)} is not a field name: ${bad}`, 'Use field API names, with dots for related records, e.g. Account.Name.');
	return path;
}

/**
 * One row as a SOQL fragment: a single comparison, or parenthesised when it has several parts, so fragments combine
 * with AND/OR/NOT safely. Throws QueryInputError naming the row and field.
 */
export function conditionToSoql(row: ConditionRow, field: QueryField, rowNumber: number): { soql: string; listSize?: number } {
	const path = checkedPath(row.field, rowNumber);
	const category = filterCategory(field);
	if (!category) throw problem(rowNumber, path, `${path} cannot be used in a filter`, UNFILTERABLE_HINT);
	const operator = findOperator(field, row.operator);
	if (!operator) {
		const offered = operatorsForField(field).map((o) => `${o.label} (${o.id})`);
		throw problem(
			rowNumber,
			path,
			`${quoted(String(row.operator))} is not an operator for a ${field.type} field`,
			`Operators for ${path}: ${offered.join(', ')}.`,
		);
	}
	const ctx: ValueContext = { row: rowNumber, field: path };
	const id = operator.id;
	if (id === 'isEmpty') return { soql: `${path} = null` };
	if (id === 'isNotEmpty') return { soql: `${path} != null` };
	if (id === 'isTrue' || id === 'isFalse') return { soql: `${path} = ${soqlBoolean(id === 'isTrue')}` };
	const comparison = COMPARISONS[id];
	if (comparison) return { soql: `${path} ${comparison} ${literal(category, field, row.value, ctx, ROUNDING[id])}` };
	const relative = RELATIVE[id];
	if (relative) return { soql: `${path} ${relative} ${parseRelativeDate(row.value, row.n, ctx)}` };
	switch (id) {
		case 'contains':
		case 'notContains': {
			const like = `${path} LIKE ${sized(soqlContains(textOf(row.value, ctx)), ctx)}`;
			// SOQL has no NOT LIKE: the negation goes before the field expression
			return { soql: id === 'contains' ? like : `(NOT ${like})` };
		}
		case 'startsWith':
			return { soql: `${path} LIKE ${sized(soqlStartsWith(textOf(row.value, ctx)), ctx)}` };
		case 'endsWith':
			return { soql: `${path} LIKE ${sized(soqlEndsWith(textOf(row.value, ctx)), ctx)}` };
		case 'between': {
			const low = literal(category, field, row.value, { ...ctx, what: 'the first value' }, 'ceil');
			const high = literal(category, field, row.valueTo, { ...ctx, what: 'the second value' }, 'floor');
			if (compareLiterals(category, low, high) > 0) {
				throw problem(rowNumber, path, `the range ${low} to ${high} is empty`, 'Put the smaller value first: "is between" includes both ends.');
			}
			return { soql: `(${path} >= ${low} AND ${path} <= ${high})` };
		}
		case 'in':
		case 'notIn': {
			const literals = listLiterals(category, field, row, rowNumber);
			return { soql: `${path} ${id === 'in' ? 'IN' : 'NOT IN'} ${soqlList(literals)}`, listSize: literals.length };
		}
		case 'includesAll':
		case 'includesAny':
		case 'excludesAll':
		case 'excludesAny': {
			const values = listOf(row.value, ctx).map((v, k) => picklistValueOf(v, field, { ...ctx, what: `list value ${k + 1}` }, true));
			const unique = [...new Set(values)];
			// 'A;B' means both selected, ('A','B') either: includes-all and excludes-any use the first form
			const joined = id === 'includesAll' || id === 'excludesAny';
			const list = (joined ? [soqlString(unique.join(';'))] : unique.map(soqlString)).map((l) => sized(l, ctx));
			return { soql: `${path} ${id.startsWith('includes') ? 'INCLUDES' : 'EXCLUDES'} ${soqlList(list)}`, listSize: list.length };
		}
		default:
			throw new Error(`operator ${id} has no SOQL form`);
	}
}

function compareLiterals(category: FilterCategory, a: string, b: string): number {
	if (category === 'number') return Number(a) - Number(b);
	// ISO dates, UTC datetimes and times of the same shape sort as text
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The WHERE clause for the rows, combined by the logic. Checks each row's field path, resolves it, checks its operator
 * and values; custom logic is parsed with positions in its errors. Throws QueryInputError.
 */
export function buildWhere(spec: WhereSpec): BuiltWhere {
	const rows = spec.conditions;
	const fragments: string[] = [];
	const lists: ListCondition[] = [];
	rows.forEach((row, k) => {
		const rowNumber = k + 1;
		const path = checkedPath(row.field, rowNumber);
		const field = spec.resolveField(path);
		if (!field) throw problem(rowNumber, path, `there is no field ${path}`, 'Pick the field from the list; custom fields end in __c, related records are reached through relationship names (Account.Name, Owner.Email).');
		const built = conditionToSoql({ ...row, field: path }, field, rowNumber);
		fragments.push(built.soql);
		if (built.listSize !== undefined) lists.push({ row: rowNumber, field: path, values: built.listSize });
	});
	if (rows.length === 0) {
		if (spec.logic === 'custom' && spec.customLogic?.trim()) {
			throw new QueryInputError('Filter logic is set, but there are no conditions', 'Add the conditions the logic refers to, or clear the logic.', { input: 'logic' });
		}
		return { lists };
	}
	const logic = spec.logic ?? 'all';
	const tree =
		logic === 'custom'
			? parseFilterLogic(spec.customLogic ?? '', rows.length)
			: logic === 'all' || logic === 'any'
				? allOrAny(logic === 'all' ? 'and' : 'or', rows.length)
				: undefined;
	if (!tree) {
		throw new QueryInputError(`Unknown filter logic ${quoted(String(logic))}`, 'Use all (AND), any (OR) or custom.', { input: 'logic' });
	}
	return { clause: renderLogic(tree, fragments), lists };
}

/**
 * A resolver for one object's own fields (names ignore case). Parent paths (Account.Name) need the related object's
 * describe: pass `parents` to resolve them, else they are unknown.
 */
export function fieldResolver(fields: readonly QueryField[], parents?: FieldResolver): FieldResolver {
	const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
	return (path) => (path.includes('.') ? parents?.(path) : byName.get(path.toLowerCase()));
}
