/**
 * What the Bulk API 2.0 routes share: the job's work when it finishes, job lookups, the request-body checks of the
 * create calls and the JSON of a job as Salesforce prints it.
 */
import type { FastifyReply } from 'fastify';

import { SfError } from '../errors';
import { isIdFormat, to15 } from '../ids';
import type { Org } from '../org';
import { COLUMN_DELIMITERS, LINE_ENDINGS, writeCsv, type ColumnDelimiter, type LineEnding } from './csv';
import { runIngestJob } from './ingest-job';
import { bulkState, jobDate, jobJson, TERMINAL_STATES, type BulkJob, type IngestJob, type QueryJob } from './jobs';
import { runQueryJob } from './query-job';

/** A finished job's work; query results count against DailyBulkV2QueryFileStorageMB. */
export function processJob(org: Org, job: BulkJob): void {
	if (job.kind === 'ingest') {
		runIngestJob(org, job);
		return;
	}
	runQueryJob(org, job);
	if (job.result) {
		const csv = writeCsv(job.result.header, job.result.rows, { delimiter: COLUMN_DELIMITERS[job.columnDelimiter], lineEnding: LINE_ENDINGS[job.lineEnding] });
		bulkState(org).allocations.queryFileStorageMB.usedBytes += Buffer.byteLength(csv);
	}
}

export function refreshJob(org: Org, job: BulkJob): void {
	bulkState(org).refresh(job, processJob);
}

/** Lets every queued job catch up with the org clock (run on each REST call, so writes land on time). */
export function refreshAll(org: Org): void {
	const state = bulkState(org);
	for (const job of state.jobs.values()) if (!TERMINAL_STATES.includes(job.state)) refreshJob(org, job);
}

const NOT_FOUND = 'The requested resource does not exist';

/** A job of the given kind by id (15 or 18 characters); 404 NOT_FOUND otherwise, as for any unknown resource. */
export function findJob<K extends BulkJob['kind']>(org: Org, id: string, kind: K): Extract<BulkJob, { kind: K }> {
	const state = bulkState(org);
	const job = isIdFormat(id) ? [...state.jobs.values()].find((j) => to15(j.id) === to15(id)) : undefined;
	if (!job || job.kind !== kind) throw new SfError(404, 'NOT_FOUND', NOT_FOUND);
	refreshJob(org, job);
	return job as Extract<BulkJob, { kind: K }>;
}

/** The request body of a create or PATCH call: a JSON object. */
export function jsonBody(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null || body === '') throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete');
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of job from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING'} value [line:1, column:1]`);
	}
	return body as Record<string, unknown>;
}

/** An enum property: absent gives the default; a value outside the enum is a deserialisation error, as in Salesforce. */
export function enumProp<T extends string>(body: Record<string, unknown>, name: string, typeName: string, values: readonly T[], fallback?: T): T | undefined {
	const v = body[name];
	if (v === undefined || v === null) return fallback;
	if (typeof v !== 'string' || !values.includes(v as T)) {
		throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${typeName} from VALUE_STRING value ${String(v)} or request may be missing a required field`);
	}
	return v as T;
}

export function requiredProp(body: Record<string, unknown>, name: string): void {
	const v = body[name];
	if (v === undefined || v === null || v === '') throw new SfError(400, 'INVALIDJOB', `The job property '${name}' is required`);
}

export function csvOptions(body: Record<string, unknown>): { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding } {
	enumProp(body, 'contentType', 'ContentType', ['CSV'] as const, 'CSV');
	const columnDelimiter = enumProp(body, 'columnDelimiter', 'ColumnDelimiterEnum', Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[], 'COMMA') ?? 'COMMA';
	const lineEnding = enumProp(body, 'lineEnding', 'LineEndingEnum', Object.keys(LINE_ENDINGS) as LineEnding[], 'LF') ?? 'LF';
	return { columnDelimiter, lineEnding };
}

/** Fields every job shows, in the order of Salesforce's examples. */
function head(job: BulkJob): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: job.id,
		operation: job.operation,
		object: job.object,
		createdById: job.createdById,
		createdDate: jobDate(job.createdAt),
		systemModstamp: jobDate(job.modifiedAt),
		state: job.state,
	};
	if (job.kind === 'ingest' && job.externalIdFieldName) out.externalIdFieldName = job.externalIdFieldName;
	if (job.kind === 'ingest' && job.assignmentRuleId) out.assignmentRuleId = job.assignmentRuleId;
	out.concurrencyMode = 'Parallel';
	out.contentType = 'CSV';
	out.apiVersion = Number(job.apiVersion);
	return out;
}

function contentUrl(job: IngestJob): string {
	return `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
}

/** The create call's answer (and PATCH's): "Create a Query Job" / "Create a Job". */
export function createdInfo(job: BulkJob): Record<string, unknown> {
	const out = head(job);
	if (job.kind === 'ingest') out.contentUrl = contentUrl(job);
	out.lineEnding = job.lineEnding;
	out.columnDelimiter = job.columnDelimiter;
	return out;
}

/** "Get Information About a Query Job" / "Get Information About an Ingest Job". */
export function fullInfo(job: BulkJob): Record<string, unknown> {
	const out = head(job);
	out.jobType = job.kind === 'query' ? 'V2Query' : 'V2Ingest';
	if (job.kind === 'ingest' && job.state === 'Open') out.contentUrl = contentUrl(job);
	out.lineEnding = job.lineEnding;
	out.columnDelimiter = job.columnDelimiter;
	out.numberRecordsProcessed = job.numberRecordsProcessed;
	if (job.kind === 'ingest') out.numberRecordsFailed = job.numberRecordsFailed;
	out.retries = 0;
	out.totalProcessingTime = job.totalProcessingTime;
	if (job.kind === 'ingest') {
		out.apiActiveProcessingTime = job.totalProcessingTime;
		out.apexProcessingTime = 0;
		if (job.errorMessage) out.errorMessage = job.errorMessage;
	} else {
		out.isPkChunkingSupported = true;
	}
	return out;
}

/** A row of "Get Information About All Query Jobs" / "Get Information About All Ingest Jobs". */
export function listInfo(job: BulkJob): Record<string, unknown> {
	const out = head(job);
	out.jobType = job.kind === 'query' ? 'V2Query' : 'V2Ingest';
	out.lineEnding = job.lineEnding;
	out.columnDelimiter = job.columnDelimiter;
	return out;
}

export function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
	return reply.code(status).type('application/json;charset=UTF-8').send(jobJson(value));
}

/** Jobs listed 1,000 at a time behind a query locator, as "Get Information About All ... Jobs" pages them. */
export function listJobs(
	org: Org,
	kind: BulkJob['kind'],
	version: string,
	query: Record<string, string | undefined>,
): { done: boolean; records: Array<Record<string, unknown>>; nextRecordsUrl: string | null } {
	const PAGE = 1000;
	const state = bulkState(org);
	const jobType = kind === 'query' ? 'V2Query' : 'V2Ingest';
	let jobs: BulkJob[] = [...state.jobs.values()].filter((j) => j.kind === kind);
	for (const j of jobs) refreshJob(org, j);
	if (query.jobType !== undefined && query.jobType !== jobType) jobs = [];
	if (query.concurrencyMode !== undefined && query.concurrencyMode !== 'Parallel') jobs = [];
	let offset = 0;
	if (query.queryLocator !== undefined) {
		const m = /-(\d+)$/.exec(query.queryLocator);
		if (!m) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
		offset = Number(m[1]);
	}
	const page = jobs.slice(offset, offset + PAGE);
	const done = offset + PAGE >= jobs.length;
	const locator = `01g${'0'.repeat(12)}BLK-${offset + PAGE}`;
	return {
		done,
		records: page.map(listInfo),
		nextRecordsUrl: done ? null : `/services/data/v${version}/jobs/${kind}?queryLocator=${locator}`,
	};
}

/** Refuses a version below the one a resource appeared in (404, like any unknown resource). */
export function requireVersion(version: string, min: number): void {
	if (Number(version) < min) throw new SfError(404, 'NOT_FOUND', NOT_FOUND);
}

export type { QueryJob, IngestJob };
