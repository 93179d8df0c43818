/**
 * Per Salesforce field type: the n8n resource-mapper type of its input, and the SOQL comparison operators a filter
 * on it may use (SOQL and SOSL Reference, "Comparison Operators"). Types come from describe, so any string is
 * accepted and unknown types fall back to plain text / no filtering.
 */

export type ResourceMapperValueType = 'string' | 'number' | 'boolean' | 'dateTime' | 'time' | 'array' | 'object' | 'options';

export type SoqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export const ALL_SOQL_OPERATORS: readonly SoqlOperator[] = [
	'=',
	'!=',
	'<',
	'<=',
	'>',
	'>=',
	'LIKE',
	'IN',
	'NOT IN',
	'INCLUDES',
	'EXCLUDES',
];

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);
const DATE_TYPES = new Set(['date', 'datetime']);
/** Text kept as a string in SOQL literals; LIKE applies to these */
const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'combobox', 'picklist']);
/** Types Salesforce never lets a WHERE clause compare (location only through DISTANCE()) */
const NEVER_FILTERABLE = new Set(['base64', 'encryptedstring', 'address', 'location', 'anytype', 'complexvalue', 'json']);
/** Longer text areas (long and rich text) cannot be filtered; standard text areas hold up to 255 */
const MAX_FILTERABLE_TEXTAREA = 255;

const EQUALITY: readonly SoqlOperator[] = ['=', '!='];
const ORDERED: readonly SoqlOperator[] = ['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN'];

export interface OperatorOptions {
	/** describe's `filterable`; false means no operator at all */
	filterable?: boolean;
	/** describe's `length`, to tell long text areas from short ones when `filterable` is not known */
	length?: number;
}

/** Operators a SOQL WHERE clause may apply to a field of this type (empty when it cannot be filtered) */
export function operatorsForType(type: string, options: OperatorOptions = {}): SoqlOperator[] {
	const t = type.toLowerCase();
	if (options.filterable === false || NEVER_FILTERABLE.has(t)) return [];
	if (t === 'textarea' && options.filterable === undefined && (options.length ?? 0) > MAX_FILTERABLE_TEXTAREA) {
		return [];
	}
	if (t === 'boolean') return [...EQUALITY];
	if (t === 'multipicklist') return ['=', '!=', 'INCLUDES', 'EXCLUDES'];
	// Picklists order by their value list, not alphabetically, so < and > would surprise: equality, LIKE and IN only
	if (t === 'picklist') return ['=', '!=', 'LIKE', 'IN', 'NOT IN'];
	if (TEXT_TYPES.has(t)) return ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'IN', 'NOT IN'];
	if (NUMBER_TYPES.has(t) || DATE_TYPES.has(t) || t === 'time') return [...ORDERED];
	// Ids compare as strings, but LIKE is not allowed on them
	if (t === 'id' || t === 'reference') return [...ORDERED];
	return [...EQUALITY];
}

export interface ResourceMapperTypeOptions {
	/** The field offers a fixed list of values (a picklist with known values) */
	hasOptions?: boolean;
}

/** n8n resource-mapper type for a field of this Salesforce type */
export function resourceMapperType(type: string, options: ResourceMapperTypeOptions = {}): ResourceMapperValueType {
	const t = type.toLowerCase();
	if (NUMBER_TYPES.has(t)) return 'number';
	if (t === 'boolean') return 'boolean';
	if (DATE_TYPES.has(t)) return 'dateTime';
	if (t === 'time') return 'time';
	if (t === 'multipicklist') return 'array';
	if (t === 'address' || t === 'location' || t === 'complexvalue' || t === 'json') return 'object';
	// A combobox accepts values outside its list, so it stays free text
	if (t === 'picklist' && options.hasOptions) return 'options';
	return 'string';
}

/** Whether a LIKE filter is possible on the type (string-like types only) */
export function supportsLike(type: string): boolean {
	return operatorsForType(type).includes('LIKE');
}
