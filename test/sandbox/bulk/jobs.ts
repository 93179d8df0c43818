/**
 * Bulk API 2.0 job state ("Bulk API 2.0 and Bulk API Developer Guide": Job States, How Requests Are Processed):
 * query and ingest jobs, their states moving on the org's clock, the daily allocations they use and the settings
 * tests change. One `BulkState` per org (kept beside it, dropped on reset); not persisted with `--data`.
 *
 * A job takes `queuedMs` in UploadComplete and then `processingMs` in InProgress, both org time, so a poller sees
 * the intermediate states; advancing the org clock (`/__sandbox/clock`) or `/__sandbox/bulk/jobs/{id}/advance`
 * finishes it. The work itself (running the query, writing the records) happens when the job reaches the end of
 * InProgress, the first time anything looks at it or any REST call arrives after that moment.
 */
import { newId } from '../ids';
import type { Org } from '../org';
import { formatDateTime } from '../validation';
import type { ColumnDelimiter, LineEnding } from './csv';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type QueryOperation = 'query' | 'queryAll';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

export const TERMINAL_STATES: readonly JobState[] = ['JobComplete', 'Failed', 'Aborted'];

interface JobBase {
	id: string;
	object: string;
	createdById: string;
	/** org clock, ms */
	createdAt: number;
	modifiedAt: number;
	state: JobState;
	/** '66.0' */
	apiVersion: string;
	columnDelimiter: ColumnDelimiter;
	lineEnding: LineEnding;
	/** org ms at which the job leaves UploadComplete / InProgress; set when the job is queued */
	startAt?: number;
	completeAt?: number;
	errorMessage?: string;
	numberRecordsProcessed: number;
	/** ms between InProgress and the end of processing */
	totalProcessingTime: number;
}

export interface QueryJob extends JobBase {
	kind: 'query';
	operation: QueryOperation;
	query: string;
	result?: { header: string[]; rows: string[][] };
}

export interface IngestResults {
	/** the uploaded header, in order */
	header: string[];
	successful: Array<{ id: string; created: boolean; values: string[] }>;
	failed: Array<{ id: string; error: string; values: string[] }>;
	unprocessed: string[][];
}

export interface IngestJob extends JobBase {
	kind: 'ingest';
	operation: IngestOperation;
	externalIdFieldName?: string;
	assignmentRuleId?: string;
	/** the uploaded CSV, until the job has been processed */
	data?: Buffer;
	numberRecordsFailed: number;
	results?: IngestResults;
}

export type BulkJob = QueryJob | IngestJob;

export interface BulkConfig {
	/** org ms a job waits in UploadComplete before InProgress */
	queuedMs: number;
	/** org ms a job stays InProgress */
	processingMs: number;
	/** records per results page of a query job when the request has no `maxRecords` */
	defaultPageSize: number;
}

export const DEFAULT_BULK_CONFIG: BulkConfig = { queuedMs: 50, processingMs: 500, defaultPageSize: 50_000 };

/**
 * One upload's cap. "Upload Job Data": at most 150 MB once base64-encoded, so about 100 MB of CSV; the sandbox takes
 * 100 MiB of CSV per job (a larger body is refused with 413 before it is read).
 */
export const INGEST_UPLOAD_LIMIT = 100 * 1024 * 1024;

/** "Understanding Bulk API 2.0 Ingest": a separate batch for every 10,000 records. */
export const RECORDS_PER_BATCH = 10_000;

/** Daily allocations /limits reports ("Bulk API and Bulk API 2.0 Limits and Allocations"). */
export interface BulkAllocations {
	/** DailyBulkV2QueryJobs: query jobs per 24 hours */
	queryJobs: { max: number; used: number };
	/** DailyBulkV2QueryFileStorageMB: query results generated per 24 hours (1 TB) */
	queryFileStorageMB: { max: number; usedBytes: number };
	/** DailyBulkApiBatches: batches per 24 hours, shared by Bulk API and the ingest jobs of Bulk API 2.0 */
	batches: { max: number; used: number };
}

function defaultAllocations(): BulkAllocations {
	return { queryJobs: { max: 10_000, used: 0 }, queryFileStorageMB: { max: 976_562, usedBytes: 0 }, batches: { max: 15_000, used: 0 } };
}

export type JobProcessor = (org: Org, job: BulkJob) => void;

export class BulkState {
	jobs = new Map<string, BulkJob>();
	config: BulkConfig = { ...DEFAULT_BULK_CONFIG };
	allocations: BulkAllocations = defaultAllocations();
	/** ids stay unique across resets so a client holding an old id gets 404, not another job */
	private seq = 0;

	constructor(private readonly org: Org) {}

	reset(): void {
		this.jobs.clear();
		this.config = { ...DEFAULT_BULK_CONFIG };
		this.allocations = defaultAllocations();
	}

	newJobId(): string {
		this.seq++;
		return newId('750', 1_000_000 + this.seq);
	}

	now(): number {
		return this.org.nowMs();
	}

	/** Puts a job into the queue: UploadComplete now, InProgress after queuedMs, finished processingMs later. */
	schedule(job: BulkJob): void {
		const now = this.now();
		job.state = 'UploadComplete';
		job.modifiedAt = now;
		job.startAt = now + this.config.queuedMs;
		job.completeAt = job.startAt + this.config.processingMs;
	}

	/** Moves one job along the org clock; runs its work when it reaches the end of InProgress. */
	refresh(job: BulkJob, process: JobProcessor): void {
		if (TERMINAL_STATES.includes(job.state) || job.startAt === undefined || job.completeAt === undefined) return;
		const now = this.now();
		if (job.state === 'UploadComplete' && now >= job.startAt) {
			job.state = 'InProgress';
			job.modifiedAt = job.startAt;
		}
		if (job.state === 'InProgress' && now >= job.completeAt) {
			job.totalProcessingTime = job.completeAt - job.startAt;
			job.modifiedAt = job.completeAt;
			process(this.org, job);
			if (job.state === 'InProgress') job.state = 'JobComplete';
		}
	}

	/** Finishes a queued job now (test control), or moves it to InProgress only. */
	advance(job: BulkJob, to: 'InProgress' | 'JobComplete', process: JobProcessor): void {
		if (job.startAt === undefined || job.completeAt === undefined) return;
		const now = this.now();
		job.startAt = Math.min(job.startAt, now);
		if (to === 'JobComplete') job.completeAt = Math.max(job.startAt, Math.min(job.completeAt, now));
		else if (job.completeAt <= now) job.completeAt = now + 1;
		this.refresh(job, process);
	}
}

const states = new WeakMap<Org, BulkState>();

/** The org's Bulk API state, created on first use and emptied whenever the org is reset. */
export function bulkState(org: Org): BulkState {
	let s = states.get(org);
	if (!s) {
		const created = new BulkState(org);
		s = created;
		states.set(org, created);
		org.onReset(() => created.reset());
	}
	return s;
}

/** Job timestamps as Salesforce prints them: whole seconds, UTC, `+0000`. */
export function jobDate(ms: number): string {
	return formatDateTime(new Date(Math.floor(ms / 1000) * 1000));
}

/** JSON with `apiVersion` printed as Salesforce prints it (`66.0`, a number with one decimal). */
export function jobJson(value: unknown): string {
	return JSON.stringify(value).replace(/"apiVersion":(\d+)(?=[,}])/g, '"apiVersion":$1.0');
}
