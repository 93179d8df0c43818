/**
 * A whole SELECT: object, fields to return, WHERE (conditions.ts), ORDER BY, LIMIT and OFFSET, checked against
 * Salesforce's limits before any call: OFFSET at most 2,000 ("OFFSET" in the SOQL reference) and a request URI of at
 * most 16,384 bytes (REST answers 414 beyond it; the query travels in the URL of GET /query?q=).
 */
import { MAX_URI_BYTES, queryUriBytes, type QueryUrlOptions } from '../client/queryUrl';
import { printable, QueryInputError, quoted } from './errors';
import { fieldPathProblem, objectNameProblem, soqlNumber } from './escape';
import { buildWhere, fieldResolver, type ConditionRow, type FieldResolver, type FilterLogicType, type ListCondition } from './conditions';
import type { QueryField } from './operators';

export { MAX_URI_BYTES };
export const MAX_OFFSET = 2000;

export type UrlOptions = QueryUrlOptions;

/** Bytes of the request URI this SOQL goes out with (`/services/data/vXX.X/query?q=…`; a quote costs 3 bytes). */
export function queryUrlLength(soql: string, options: UrlOptions = {}): number {
	return queryUriBytes(soql, options);
}

/** Throws QueryInputError when the query would not fit in Salesforce's URI limit. */
export function checkQueryLength(soql: string, options: UrlOptions = {}): number {
	const length = queryUrlLength(soql, options);
	if (length > MAX_URI_BYTES) {
		throw new QueryInputError(
			`The query is too long for Salesforce: ${length.toLocaleString('en-US')} bytes in the request URL, the limit is ${MAX_URI_BYTES.toLocaleString('en-US')}`,
			'Shorten the query: fewer fields, shorter or fewer values in lists, or split the work over several queries.',
			{ input: 'query' },
		);
	}
	return length;
}

export interface SortSpec {
	field: string;
	/** ASC (the default) or DESC */
	direction?: string;
	/** FIRST or LAST; Salesforce puts nulls first by default when ascending, last when descending */
	nulls?: string;
}

/** 'default': Id, the name field, CreatedDate, LastModifiedDate, SystemModstamp (those the object has). */
export type FieldSelection = 'default' | 'all' | readonly string[];

export interface QuerySpec extends UrlOptions {
	object: string;
	/** The object's describe fields: the default and "all" sets come from them, and chosen fields are checked */
	objectFields: readonly QueryField[];
	fields?: FieldSelection;
	conditions?: readonly ConditionRow[];
	logic?: FilterLogicType;
	customLogic?: string;
	/**
	 * A clause built by code, never from user text (e.g. the trigger's cursor `SystemModstamp > …`, rendered with
	 * escape.ts), ANDed with the conditions.
	 */
	andClause?: string;
	/** Resolves parent paths (Account.Name) for conditions, sorting and chosen fields; own fields resolve by themselves */
	resolveParentField?: FieldResolver;
	sort?: readonly SortSpec[];
	limit?: number;
	offset?: number;
}

export interface ComposedQuery {
	soql: string;
	/** The WHERE clause alone (no keyword), when there is one */
	where?: string;
	fields: string[];
	/** Bytes of the request URI, at most MAX_URI_BYTES */
	urlLength: number;
}

const DEFAULT_FIELDS = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

/** Id, the name field, CreatedDate, LastModifiedDate, SystemModstamp: the ones this object has, in that order. */
export function defaultFields(objectFields: readonly QueryField[]): string[] {
	const byName = new Map(objectFields.map((f) => [f.name.toLowerCase(), f.name]));
	const nameField = objectFields.find((f) => f.nameField)?.name ?? byName.get('name');
	const wanted = [DEFAULT_FIELDS[0], ...(nameField ? [nameField] : []), ...DEFAULT_FIELDS.slice(1)];
	return wanted.map((n) => byName.get(n.toLowerCase())).filter((n): n is string => n !== undefined);
}

function fieldsError(message: string, hint: string, field?: string): QueryInputError {
	return new QueryInputError(message, hint, { input: 'fields', field });
}

function selectedFields(spec: QuerySpec, resolve: FieldResolver): string[] {
	const selection = spec.fields ?? 'default';
	if (selection === 'default') return defaultFields(spec.objectFields);
	if (selection === 'all') return spec.objectFields.map((f) => f.name);
	if (!Array.isArray(selection)) throw fieldsError('Fields to return must be a list of field names', 'Choose fields, or return the default or all fields.');
	const chosen = selection.map((f) => (typeof f === 'string' ? f.trim() : '')).filter(Boolean);
	const out: string[] = [];
	const seen = new Set<string>();
	// Id always comes back: downstream nodes (update, delete) need it
	const id = spec.objectFields.find((f) => f.name === 'Id');
	for (const name of [...(id ? ['Id'] : []), ...chosen]) {
		const bad = fieldPathProblem(name);
		if (bad) throw fieldsError(`${quoted(name)} is not a field name: ${bad}`, 'Use field API names, with dots for related records, e.g. Account.Name.', name);
		if (!resolve(name)) {
			throw fieldsError(
				`${spec.object} has no field ${printable(name)}`,
				name.includes('.')
					? 'Check the relationship name (Account, Owner, custom ones end in __r) and the related field.'
					: 'Pick fields from the list; custom fields end in __c.',
				name,
			);
		}
		if (!seen.has(name.toLowerCase())) {
			seen.add(name.toLowerCase());
			out.push(name);
		}
	}
	return out;
}

function orderBy(sort: readonly SortSpec[], resolve: FieldResolver): string | undefined {
	if (sort.length === 0) return undefined;
	const seen = new Set<string>();
	const parts = sort.map((s, k) => {
		const path = typeof s.field === 'string' ? s.field.trim() : '';
		const where = `Sort ${k + 1}${path ? ` (${printable(path)})` : ''}`;
		const err = (problem: string, hint: string) => new QueryInputError(`${where}: ${problem}`, hint, { input: 'sort', field: path || undefined });
		if (!path) throw err('no field is chosen', 'Pick the field to sort by, or remove the sort rule.');
		const bad = fieldPathProblem(path);
		if (bad) throw err(`${quoted(path)} is not a field name: ${bad}`, 'Use field API names, with dots for related records, e.g. Account.Name.');
		const field = resolve(path);
		if (!field) throw err(`there is no field ${path}`, 'Pick the field from the list.');
		if (field.sortable === false) {
			throw err(`${path} cannot be sorted`, 'Salesforce cannot sort by long text, multi-select picklist and some other fields. Sort by another field.');
		}
		if (seen.has(path.toLowerCase())) throw err(`${path} is sorted by twice`, 'Remove the second rule for it.');
		seen.add(path.toLowerCase());
		// An editor leaves unset options empty: empty means the default
		const direction = String(s.direction || 'ASC').toUpperCase();
		if (direction !== 'ASC' && direction !== 'DESC') throw err(`unknown direction ${quoted(String(s.direction))}`, 'Use ASC or DESC.');
		const nulls = s.nulls ? String(s.nulls).toUpperCase() : undefined;
		if (nulls !== undefined && nulls !== 'FIRST' && nulls !== 'LAST') throw err(`unknown nulls order ${quoted(String(s.nulls))}`, 'Use FIRST or LAST.');
		return `${path} ${direction}${nulls ? ` NULLS ${nulls}` : ''}`;
	});
	return parts.join(', ');
}

function wholeNumber(value: unknown, input: 'limit' | 'offset' | 'batchSize', min: number, max: number, hint: string): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const label = { limit: 'Limit', offset: 'Offset', batchSize: 'Batch Size' }[input];
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
		throw new QueryInputError(`${label} must be a whole number of ${min.toLocaleString('en-US')} or more, got ${JSON.stringify(value)}`, hint, { input });
	}
	if (n > max) {
		throw new QueryInputError(`${label} ${n.toLocaleString('en-US')} is over Salesforce's maximum of ${max.toLocaleString('en-US')}`, hint, { input });
	}
	return n;
}

const LIMIT_HINT = 'Turn on Return All to get every record, or enter 1 or more.';
const OFFSET_HINT = `Salesforce skips at most ${MAX_OFFSET.toLocaleString('en-US')} records with OFFSET. To go further, filter past the last record you have instead (e.g. CreatedDate > the last one's, sorted by CreatedDate).`;

/** Records per page Salesforce accepts in Sforce-Query-Options ("Query Options Header") */
export const MIN_BATCH_SIZE = 200;
export const MAX_BATCH_SIZE = 2000;

/** A record limit: a whole number of 1 or more. Throws QueryInputError. */
export function checkedLimit(value: unknown): number {
	return wholeNumber(value, 'limit', 1, Number.MAX_SAFE_INTEGER, LIMIT_HINT);
}

/** An OFFSET: a whole number from 0 to 2,000. Throws QueryInputError. */
export function checkedOffset(value: unknown): number {
	return wholeNumber(value, 'offset', 0, MAX_OFFSET, OFFSET_HINT);
}

/** A page size for Sforce-Query-Options: 200 to 2,000. Throws QueryInputError. */
export function checkedBatchSize(value: unknown): number {
	return wholeNumber(
		value,
		'batchSize',
		MIN_BATCH_SIZE,
		MAX_BATCH_SIZE,
		`Salesforce returns ${MIN_BATCH_SIZE.toLocaleString('en-US')} to ${MAX_BATCH_SIZE.toLocaleString('en-US')} records per page; it may still return fewer.`,
	);
}

/** How many values of list condition `list` would fit, all else equal (binary search over re-composed queries). */
function valuesThatFit(spec: QuerySpec, list: ListCondition): number {
	const row = spec.conditions?.[list.row - 1];
	const values = row && Array.isArray(row.value) ? row.value : [];
	let lo = 0;
	let hi = values.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		const conditions = (spec.conditions ?? []).map((c, k) => (k === list.row - 1 ? { ...c, value: values.slice(0, mid) } : c));
		const soql = render({ ...spec, conditions }).soql;
		if (queryUrlLength(soql, spec) <= MAX_URI_BYTES) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

function render(spec: QuerySpec): Omit<ComposedQuery, 'urlLength'> & { lists: ListCondition[] } {
	const objectProblem = typeof spec.object === 'string' ? objectNameProblem(spec.object.trim()) : 'no object is given';
	if (objectProblem) {
		throw new QueryInputError(`${quoted(String(spec.object))} is not an object name: ${objectProblem}`, 'Pick the object from the list, or type its API name (custom objects end in __c).', { input: 'object' });
	}
	const object = spec.object.trim();
	const resolve = fieldResolver(spec.objectFields, spec.resolveParentField);
	const fields = selectedFields(spec, resolve);
	if (fields.length === 0) throw fieldsError(`No fields of ${object} to return`, 'Choose at least one field.');
	const built = buildWhere({ conditions: spec.conditions ?? [], logic: spec.logic, customLogic: spec.customLogic, resolveField: resolve });
	const order = orderBy(spec.sort ?? [], resolve);
	const clauses = [built.clause, spec.andClause?.trim()].filter((c): c is string => !!c);
	const where = clauses.length > 1 ? clauses.map((c) => `(${c})`).join(' AND ') : clauses[0];
	let soql = `SELECT ${fields.join(', ')} FROM ${object}`;
	if (where) soql += ` WHERE ${where}`;
	if (order) soql += ` ORDER BY ${order}`;
	if (spec.limit !== undefined) soql += ` LIMIT ${soqlNumber(String(checkedLimit(spec.limit)))}`;
	if (spec.offset !== undefined && spec.offset !== 0) soql += ` OFFSET ${soqlNumber(String(checkedOffset(spec.offset)))}`;
	return { soql, where, fields, lists: built.lists };
}

/**
 * The SELECT for the spec. Throws QueryInputError for a bad object name, unknown or malformed fields, a bad
 * condition (with its row), bad filter logic (with its position), an unsortable sort field, a LIMIT below 1, an
 * OFFSET over 2,000, or a query over Salesforce's 16,384-byte URI limit (saying how many list values would fit).
 */
export function composeQuery(spec: QuerySpec): ComposedQuery {
	const { lists, ...query } = render(spec);
	const urlLength = queryUrlLength(query.soql, spec);
	if (urlLength > MAX_URI_BYTES) {
		const biggest = [...lists].sort((a, b) => b.values - a.values)[0];
		const over = `The query is too long for Salesforce: ${urlLength.toLocaleString('en-US')} bytes in the request URL, the limit is ${MAX_URI_BYTES.toLocaleString('en-US')}`;
		if (biggest && biggest.values > 1) {
			const fit = valuesThatFit(spec, biggest);
			throw new QueryInputError(
				`${over}. Condition ${biggest.row} (${biggest.field}) lists ${biggest.values.toLocaleString('en-US')} values; ${fit.toLocaleString('en-US')} would fit`,
				`Split the list into batches of at most ${fit.toLocaleString('en-US')} values (e.g. with Loop Over Items) and run one query per batch.`,
				{ input: 'conditions', row: biggest.row, field: biggest.field },
			);
		}
		throw new QueryInputError(
			`${over} (${query.fields.length} fields selected)`,
			'Select fewer fields, or shorten the condition values.',
			{ input: query.fields.length > 50 ? 'fields' : 'query' },
		);
	}
	return { ...query, urlLength };
}

/**
 * Splits `values` into consecutive chunks such that `build(chunk)` fits the URI limit for each chunk, packing each
 * as full as possible. For callers that can merge the results: the chunked values must form an IN list ANDed with
 * the rest of the WHERE clause, and ORDER BY / LIMIT then hold per chunk only. Throws QueryInputError when not even
 * one value fits.
 */
export function chunkToFit<T>(values: readonly T[], build: (chunk: readonly T[]) => string, options: UrlOptions = {}): T[][] {
	const chunks: T[][] = [];
	const fits = (from: number, to: number) => queryUrlLength(build(values.slice(from, to)), options) <= MAX_URI_BYTES;
	let start = 0;
	while (start < values.length) {
		if (!fits(start, start + 1)) {
			throw new QueryInputError(
				`The query is too long for Salesforce even with a single value (value ${start + 1} of ${values.length})`,
				'Shorten the rest of the query (fewer fields or conditions) or that value.',
				{ input: 'query' },
			);
		}
		// Largest end that fits: exponential probe, then binary search (URL length grows with every value)
		let good = start + 1;
		let step = 1;
		while (good < values.length && fits(start, Math.min(values.length, good + step))) {
			good = Math.min(values.length, good + step);
			step *= 2;
		}
		let bad = Math.min(values.length + 1, good + step);
		while (bad - good > 1) {
			const mid = Math.floor((good + bad) / 2);
			if (mid <= values.length && fits(start, mid)) good = mid;
			else bad = mid;
		}
		chunks.push(values.slice(start, good));
		start = good;
	}
	return chunks;
}
