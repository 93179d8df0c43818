/**
 * Bulk API 2.0 query jobs ("Bulk API 2.0 and Bulk API Developer Guide": Create a Query Job, Get Results for a Query
 * Job): the SOQL is checked when the job is created (the sandbox's SOQL engine, with its error codes, plus the
 * clauses Bulk API 2.0 refuses) and run when the job finishes; results are CSV with one column per selected field,
 * relationship fields as `Account.Name`.
 */
import { parseQuery, type FieldType as SelectItem, type Query } from '@jetstreamapp/soql-parser-js';

import { SfError } from '../errors';
import type { Org } from '../org';
import type { ObjectDef } from '../schema/types';
import { resolveParts } from '../soql/fields';
import { executeSoql } from '../soql/index';
import type { QueryContext } from '../soql/types';
import type { QueryJob } from './jobs';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/**
 * "Create a Query Job": Bulk API 2.0 doesn't support GROUP BY, OFFSET or TYPEOF, aggregate functions such as
 * COUNT(), compound data (address and geolocation fields, FIELDS()) or parent-to-child relationship queries. The
 * subquery message is the one Salesforce is reported to answer; the other texts are the sandbox's.
 */
function unsupported(what: string): SfError {
	return new SfError(400, 'FEATURENOTENABLED', what);
}

interface Column {
	/** canonical path, e.g. `Account.Name` */
	display: string;
	type: string;
}

function parse(soql: string): Query | undefined {
	try {
		return parseQuery(soql);
	} catch {
		// the engine reports the syntax error with Salesforce's wording
		return undefined;
	}
}

function pathOf(item: SelectItem): string | undefined {
	if (item.type === 'Field') return item.field;
	if (item.type === 'FieldRelationship') return item.rawValue ?? [...item.relationships, item.field].join('.');
	return undefined;
}

/** The CSV columns of a query: its plain and relationship fields in SELECT order, canonical names. */
function columnsOf(ctx: QueryContext, obj: ObjectDef, query: Query): Column[] {
	const cols: Column[] = [];
	const seen = new Set<string>();
	for (const item of query.fields ?? []) {
		const raw = pathOf(item);
		if (raw === undefined) continue;
		let parts = raw.split('.');
		if (parts.length > 1) {
			const head = parts[0].toLowerCase();
			const isRel = obj.fields.some((f) => f.relationshipName?.toLowerCase() === head);
			if (head === query.sObjectAlias?.toLowerCase() || (!isRel && head === obj.name.toLowerCase())) parts = parts.slice(1);
		}
		const r = resolveParts(ctx, obj, parts);
		if (!('ok' in r)) continue;
		const key = r.ok.display.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		cols.push({ display: r.ok.display, type: r.ok.field.type });
	}
	return cols;
}

/** Refuses what Bulk API 2.0 does not run, before the engine sees the query. */
function checkSupported(ctx: QueryContext, query: Query): void {
	if (query.groupBy || query.having) throw unsupported('GROUP BY is not supported by Bulk API 2.0 query jobs');
	if (query.offset !== undefined) throw unsupported('OFFSET is not supported by Bulk API 2.0 query jobs');
	for (const item of query.fields ?? []) {
		if (item.type === 'FieldSubquery') throw unsupported('Aggregate Relationships not supported in Bulk V2 Query with CSV content type');
		if (item.type === 'FieldTypeof') throw unsupported('TYPEOF is not supported by Bulk API 2.0 query jobs');
		if (item.type === 'FieldFunctionExpression') {
			const fn = item.functionName.toUpperCase();
			if (fn === 'FIELDS') throw unsupported('FIELDS() is not supported by Bulk API 2.0 query jobs: select the fields by name');
			if (AGGREGATES.has(fn)) throw unsupported(`Aggregate functions such as ${fn}() are not supported by Bulk API 2.0 query jobs`);
		}
	}
	const obj = query.sObject ? ctx.getObject(query.sObject) : undefined;
	if (!obj) return;
	for (const col of columnsOf(ctx, obj, query)) {
		if (col.type === 'address' || col.type === 'location') {
			throw unsupported(`Selecting compound data not supported in Bulk Query: ${col.display} (query its components instead)`);
		}
	}
}

/**
 * Checks a query job's SOQL as the create call does: Salesforce answers a bad query right away (400 with the SOQL
 * error), not with a failed job. Returns the queried object's API name.
 */
export function validateBulkQuery(org: Org, soql: string, apiVersion: string, includeDeleted: boolean): string {
	const ctx = org.store.queryContext(apiVersion);
	const query = parse(soql);
	if (query) checkSupported(ctx, query);
	// the engine's checks (fields, types, operators, literals) with its error codes
	executeSoql(soql, ctx, { includeDeleted });
	const obj = query?.sObject ? ctx.getObject(query.sObject) : undefined;
	return obj?.name ?? query?.sObject ?? '';
}

/** A value as it appears in the results file. */
function csvValue(v: unknown, type: string): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	// datetimes in UTC with Z, as in Salesforce's results files
	if (type === 'datetime' && typeof v === 'string') return v.replace(/\+0000$/, 'Z');
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/** Reads a dotted canonical path out of a record the engine shaped (nested relationship objects). */
function pick(rec: Record<string, unknown>, path: string): unknown {
	let cur: unknown = rec;
	for (const seg of path.split('.')) {
		if (cur === null || cur === undefined || typeof cur !== 'object') return null;
		cur = (cur as Record<string, unknown>)[seg];
	}
	return cur;
}

/** Runs a finished job's query and keeps the rows of its results file. */
export function runQueryJob(org: Org, job: QueryJob): void {
	const ctx = org.store.queryContext(job.apiVersion);
	const query = parse(job.query);
	const obj = query?.sObject ? ctx.getObject(query.sObject) : undefined;
	if (!query || !obj) {
		job.state = 'Failed';
		job.errorMessage = 'The query could not be parsed';
		return;
	}
	let result;
	try {
		result = executeSoql(job.query, ctx, { includeDeleted: job.operation === 'queryAll' });
	} catch (e) {
		// the schema changed under a queued job: Salesforce fails the job
		job.state = 'Failed';
		job.errorMessage = e instanceof Error ? e.message : String(e);
		return;
	}
	let cols = columnsOf(ctx, obj, query);
	// "Get Results for a Query Job": columns in the order requested from API version 50.0, alphabetical before
	if (Number(job.apiVersion) < 50) cols = [...cols].sort((a, b) => (a.display.toLowerCase() < b.display.toLowerCase() ? -1 : 1));
	const rows = result.records.map((rec) => cols.map((c) => csvValue(pick(rec, c.display), c.type)));
	job.result = { header: cols.map((c) => c.display), rows };
	job.numberRecordsProcessed = rows.length;
}
