/**
 * Which filter operators a field offers, as data: per filter category (derived from the describe type), the operators
 * with a stable id (saved in workflows), the editor label and the shape of value they need. Rules follow the SOQL and
 * SOSL Reference ("Comparison Operators", "Query Multi-Select Picklists", "Date Formats and Date Literals").
 */
import { DATE_TYPES, NUMBER_TYPES } from '../catalogue/fieldTypes';

/** The describe facts the query model reads about one field (jsforce's describe Field satisfies it). */
export interface QueryField {
	name: string;
	label?: string | null;
	type: string;
	filterable?: boolean | null;
	sortable?: boolean | null;
	length?: number | null;
	picklistValues?: ReadonlyArray<{ value: string; active?: boolean | null; label?: string | null }> | null;
	restrictedPicklist?: boolean | null;
	referenceTo?: readonly string[] | null;
	relationshipName?: string | null;
	nameField?: boolean | null;
}

/** How a field's values are compared; undefined when the field cannot be filtered at all. */
export type FilterCategory =
	| 'text'
	| 'number'
	| 'date'
	| 'datetime'
	| 'time'
	| 'boolean'
	| 'picklist'
	| 'multipicklist'
	| 'id'
	| 'reference';

export type OperatorId =
	| 'equals'
	| 'notEquals'
	| 'contains'
	| 'notContains'
	| 'startsWith'
	| 'endsWith'
	| 'in'
	| 'notIn'
	| 'isEmpty'
	| 'isNotEmpty'
	| 'lt'
	| 'lte'
	| 'gt'
	| 'gte'
	| 'between'
	| 'isTrue'
	| 'isFalse'
	| 'includesAll'
	| 'includesAny'
	| 'excludesAll'
	| 'excludesAny'
	| 'inRelative'
	| 'notInRelative'
	| 'beforeRelative'
	| 'inOrBeforeRelative'
	| 'afterRelative'
	| 'inOrAfterRelative';

/**
 * What an operator needs: nothing, one value, two (a range, both ends included), a non-empty list, or a relative
 * date literal (one of DATE_LITERALS; those with `takesN` also need a whole number N, as in LAST_N_DAYS:30).
 */
export type ValueShape = 'none' | 'one' | 'two' | 'list' | 'dateLiteral';

export interface OperatorDef {
	id: OperatorId;
	/** Editor label, worded for the field's category ("is before" for dates, "is less than" for numbers) */
	label: string;
	value: ValueShape;
	/** One line for the editor's option description */
	description: string;
}

/** Text fields longer than this are long/rich text areas, which Salesforce cannot filter */
const MAX_FILTERABLE_TEXTAREA = 255;
const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'combobox']);

/** The category a describe field is filtered as, or undefined when SOQL cannot filter it. */
export function filterCategory(field: Pick<QueryField, 'type' | 'filterable' | 'length'>): FilterCategory | undefined {
	if (field.filterable === false) return undefined;
	const t = field.type.toLowerCase();
	// describe's filterable already says false for long text; catalogue fields carry only the length
	if (t === 'textarea' && field.filterable == null && (field.length ?? 0) > MAX_FILTERABLE_TEXTAREA) return undefined;
	if (TEXT_TYPES.has(t)) return 'text';
	if (NUMBER_TYPES.has(t)) return 'number';
	if (DATE_TYPES.has(t)) return t === 'date' ? 'date' : 'datetime';
	if (t === 'time') return 'time';
	if (t === 'boolean') return 'boolean';
	if (t === 'picklist') return 'picklist';
	if (t === 'multipicklist') return 'multipicklist';
	if (t === 'id') return 'id';
	if (t === 'reference') return 'reference';
	// base64, encryptedstring, address, location (only through DISTANCE()), anyType, and types we do not know
	return undefined;
}

const op = (id: OperatorId, label: string, value: ValueShape, description: string): OperatorDef => ({ id, label, value, description });

const EMPTY: readonly OperatorDef[] = [
	op('isEmpty', 'is empty', 'none', 'Has no value (Salesforce stores empty text as null)'),
	op('isNotEmpty', 'is not empty', 'none', 'Has a value'),
];

const TEXT: readonly OperatorDef[] = [
	op('equals', 'equals', 'one', 'The whole value matches, ignoring case'),
	op('notEquals', 'does not equal', 'one', 'The value differs, ignoring case'),
	op('contains', 'contains', 'one', 'The value contains the text, ignoring case (% and _ are matched literally)'),
	op('notContains', 'does not contain', 'one', 'The value does not contain the text, ignoring case'),
	op('startsWith', 'starts with', 'one', 'The value starts with the text, ignoring case'),
	op('endsWith', 'ends with', 'one', 'The value ends with the text, ignoring case'),
	op('in', 'is one of', 'list', 'The value equals one of the listed values'),
	op('notIn', 'is not one of', 'list', 'The value equals none of the listed values'),
	...EMPTY,
];

function ordered(words: { lt: string; lte: string; gt: string; gte: string; eq: string; ne: string }): OperatorDef[] {
	return [
		op('equals', words.eq, 'one', 'Equal to the value'),
		op('notEquals', words.ne, 'one', 'Different from the value'),
		op('lt', words.lt, 'one', 'Strictly less than the value'),
		op('lte', words.lte, 'one', 'Less than or equal to the value'),
		op('gt', words.gt, 'one', 'Strictly greater than the value'),
		op('gte', words.gte, 'one', 'Greater than or equal to the value'),
		op('between', 'is between', 'two', 'From the first value to the second, both included'),
		...EMPTY,
	];
}

const NUMBER = ordered({
	eq: 'equals',
	ne: 'does not equal',
	lt: 'is less than',
	lte: 'is less than or equal to',
	gt: 'is greater than',
	gte: 'is greater than or equal to',
});

const CHRONOLOGICAL = ordered({
	eq: 'is',
	ne: 'is not',
	lt: 'is before',
	lte: 'is on or before',
	gt: 'is after',
	gte: 'is on or after',
});

/** Date literals stand for ranges (LAST_MONTH = every day of last month); <, > compare with the range's ends. */
const RELATIVE: readonly OperatorDef[] = [
	op('inRelative', 'is in (relative date)', 'dateLiteral', 'Within the range, e.g. in LAST_N_DAYS:30 or THIS_MONTH'),
	op('notInRelative', 'is not in (relative date)', 'dateLiteral', 'Outside the range'),
	op('beforeRelative', 'is before (relative date)', 'dateLiteral', 'Before the range starts'),
	op('inOrBeforeRelative', 'is in or before (relative date)', 'dateLiteral', 'Before the range ends'),
	op('afterRelative', 'is after (relative date)', 'dateLiteral', 'After the range ends'),
	op('inOrAfterRelative', 'is in or after (relative date)', 'dateLiteral', 'After the range starts'),
];

const OPERATORS: Record<FilterCategory, readonly OperatorDef[]> = {
	text: TEXT,
	number: NUMBER,
	time: CHRONOLOGICAL,
	date: [...CHRONOLOGICAL, ...RELATIVE],
	datetime: [...CHRONOLOGICAL, ...RELATIVE],
	boolean: [op('isTrue', 'is true', 'none', 'The checkbox is ticked'), op('isFalse', 'is false', 'none', 'The checkbox is not ticked')],
	picklist: [
		op('equals', 'is', 'one', 'The selected value is this one'),
		op('notEquals', 'is not', 'one', 'The selected value is another one'),
		op('in', 'is one of', 'list', 'The selected value is one of these'),
		op('notIn', 'is not one of', 'list', 'The selected value is none of these'),
		...EMPTY,
	],
	// SOQL: INCLUDES ('A;B') = both selected, INCLUDES ('A','B') = either; EXCLUDES is the negation of INCLUDES
	multipicklist: [
		op('includesAll', 'includes all of', 'list', 'Every listed value is selected (others may be too)'),
		op('includesAny', 'includes any of', 'list', 'At least one listed value is selected'),
		op('excludesAll', 'excludes all of', 'list', 'None of the listed values is selected'),
		op('excludesAny', 'excludes any of', 'list', 'At least one listed value is not selected'),
		...EMPTY,
	],
	// The record's own Id is never empty, so only lookups offer the empty checks
	id: [
		op('equals', 'equals', 'one', 'The ID is this one (15 or 18 characters)'),
		op('notEquals', 'does not equal', 'one', 'The ID is another one'),
		op('in', 'is one of', 'list', 'The ID is one of these'),
		op('notIn', 'is not one of', 'list', 'The ID is none of these'),
	],
	reference: [
		op('equals', 'equals', 'one', 'The related record is this one (its ID, 15 or 18 characters)'),
		op('notEquals', 'does not equal', 'one', 'The related record is another one'),
		op('in', 'is one of', 'list', 'The related record is one of these'),
		op('notIn', 'is not one of', 'list', 'The related record is none of these'),
		...EMPTY,
	],
};

/** Every filter category with its operators, in editor order: the table docs/query-model.md shows. */
export const OPERATORS_BY_CATEGORY: Readonly<Record<FilterCategory, readonly OperatorDef[]>> = OPERATORS;

/**
 * Every operator once (its first label, in category order), for an editor that does not know the field yet. An id
 * needs the same shape of value in every category, so the shape can be read from the id alone.
 */
export const ALL_OPERATORS: readonly OperatorDef[] = Object.values(OPERATORS)
	.flat()
	.filter((o, k, all) => all.findIndex((x) => x.id === o.id) === k);

/** The ids of the operators that need a value of this shape (the editor shows the matching inputs). */
export function operatorIdsWith(shape: ValueShape): OperatorId[] {
	return ALL_OPERATORS.filter((o) => o.value === shape).map((o) => o.id);
}

/** The shape of value operator `id` needs, or undefined for an unknown id. */
export function operatorShape(id: string): ValueShape | undefined {
	return ALL_OPERATORS.find((o) => o.id === id)?.value;
}

/** The operators a field offers, in editor order; empty when Salesforce cannot filter the field. */
export function operatorsForField(field: Pick<QueryField, 'type' | 'filterable' | 'length'>): readonly OperatorDef[] {
	const category = filterCategory(field);
	return category ? OPERATORS[category] : [];
}

/** The operator `id` on this field, or undefined when the field does not offer it. */
export function findOperator(field: Pick<QueryField, 'type' | 'filterable' | 'length'>, id: string): OperatorDef | undefined {
	return operatorsForField(field).find((o) => o.id === id);
}

export interface DateLiteralDef {
	/** The SOQL name, e.g. LAST_N_DAYS */
	name: string;
	label: string;
	/** Needs a whole number N, written NAME:N */
	takesN: boolean;
}

const lit = (name: string, label: string, takesN = false): DateLiteralDef => ({ name, label, takesN });

/** Salesforce's date literals, fixed ranges first. Ranges follow the running user's locale and fiscal year. */
export const DATE_LITERALS: readonly DateLiteralDef[] = [
	lit('YESTERDAY', 'Yesterday'),
	lit('TODAY', 'Today'),
	lit('TOMORROW', 'Tomorrow'),
	lit('LAST_WEEK', 'Last week'),
	lit('THIS_WEEK', 'This week'),
	lit('NEXT_WEEK', 'Next week'),
	lit('LAST_MONTH', 'Last month'),
	lit('THIS_MONTH', 'This month'),
	lit('NEXT_MONTH', 'Next month'),
	lit('LAST_90_DAYS', 'Last 90 days'),
	lit('NEXT_90_DAYS', 'Next 90 days'),
	lit('LAST_QUARTER', 'Last quarter'),
	lit('THIS_QUARTER', 'This quarter'),
	lit('NEXT_QUARTER', 'Next quarter'),
	lit('LAST_YEAR', 'Last year'),
	lit('THIS_YEAR', 'This year'),
	lit('NEXT_YEAR', 'Next year'),
	lit('LAST_FISCAL_QUARTER', 'Last fiscal quarter'),
	lit('THIS_FISCAL_QUARTER', 'This fiscal quarter'),
	lit('NEXT_FISCAL_QUARTER', 'Next fiscal quarter'),
	lit('LAST_FISCAL_YEAR', 'Last fiscal year'),
	lit('THIS_FISCAL_YEAR', 'This fiscal year'),
	lit('NEXT_FISCAL_YEAR', 'Next fiscal year'),
	lit('LAST_N_DAYS', 'Last N days (today included)', true),
	lit('NEXT_N_DAYS', 'Next N days (from tomorrow)', true),
	lit('N_DAYS_AGO', 'N days ago', true),
	lit('LAST_N_WEEKS', 'Last N weeks', true),
	lit('NEXT_N_WEEKS', 'Next N weeks', true),
	lit('N_WEEKS_AGO', 'N weeks ago', true),
	lit('LAST_N_MONTHS', 'Last N months', true),
	lit('NEXT_N_MONTHS', 'Next N months', true),
	lit('N_MONTHS_AGO', 'N months ago', true),
	lit('LAST_N_QUARTERS', 'Last N quarters', true),
	lit('NEXT_N_QUARTERS', 'Next N quarters', true),
	lit('N_QUARTERS_AGO', 'N quarters ago', true),
	lit('LAST_N_YEARS', 'Last N years', true),
	lit('NEXT_N_YEARS', 'Next N years', true),
	lit('N_YEARS_AGO', 'N years ago', true),
	lit('LAST_N_FISCAL_QUARTERS', 'Last N fiscal quarters', true),
	lit('NEXT_N_FISCAL_QUARTERS', 'Next N fiscal quarters', true),
	lit('N_FISCAL_QUARTERS_AGO', 'N fiscal quarters ago', true),
	lit('LAST_N_FISCAL_YEARS', 'Last N fiscal years', true),
	lit('NEXT_N_FISCAL_YEARS', 'Next N fiscal years', true),
	lit('N_FISCAL_YEARS_AGO', 'N fiscal years ago', true),
];

const LITERALS_BY_NAME = new Map(DATE_LITERALS.map((d) => [d.name, d]));

export function findDateLiteral(name: string): DateLiteralDef | undefined {
	return LITERALS_BY_NAME.get(name.toUpperCase());
}
