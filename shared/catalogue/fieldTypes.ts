/**
 * Per Salesforce field type: the n8n resource-mapper type of its input. Types come from describe, so any string is
 * accepted and unknown types fall back to plain text. Filter operators per type live in shared/query/operators.ts.
 */

export type ResourceMapperValueType = 'string' | 'number' | 'boolean' | 'dateTime' | 'time' | 'array' | 'object' | 'options';

/** Describe types holding numbers */
export const NUMBER_TYPES: ReadonlySet<string> = new Set(['int', 'double', 'currency', 'percent', 'long']);
/** Describe types holding a calendar date, with or without a time */
export const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);

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
