/**
 * Test controls for Bulk API 2.0 jobs under /__sandbox/bulk (no auth, never counted): job timing, the daily
 * allocations, and moving one job along without waiting for the org clock.
 */
import type { FastifyInstance } from 'fastify';

import { stopIngestJob } from '../bulk/ingest-job';
import { bulkState, TERMINAL_STATES, type BulkConfig } from '../bulk/jobs';
import { findJob, fullInfo, processJob } from '../bulk/process';
import { SfError } from '../errors';
import type { Org } from '../org';

type Body = Record<string, unknown>;

function body(request: { body: unknown }): Body {
	const b = request.body;
	return b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {};
}

function num(v: unknown, name: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new SfError(400, 'INVALID_REQUEST', `${name} must be a number >= 0`);
	return v;
}

export interface BulkLimitsInput {
	queryJobsUsed?: number;
	queryJobsMax?: number;
	queryFileStorageMBUsed?: number;
	queryFileStorageMBMax?: number;
	batchesUsed?: number;
	batchesMax?: number;
}

export function registerBulkAdminRoutes(app: FastifyInstance, org: Org): void {
	const base = '/__sandbox/bulk';

	/** Config, allocations and every job's info (Salesforce's fields plus `kind` and `query`). */
	app.get(base, async () => {
		const s = bulkState(org);
		return {
			config: s.config,
			allocations: s.allocations,
			jobs: [...s.jobs.values()].map((j) => ({ kind: j.kind, ...fullInfo(j), ...(j.kind === 'query' ? { query: j.query } : {}) })),
		};
	});

	/** `{queuedMs, processingMs, defaultPageSize}`: org time per phase of the next jobs, default results page size. */
	app.post(`${base}/config`, async (request) => {
		const b = body(request);
		const s = bulkState(org);
		for (const k of ['queuedMs', 'processingMs', 'defaultPageSize'] as const) {
			if (b[k] !== undefined) s.config[k] = num(b[k], k);
		}
		if (s.config.defaultPageSize < 1) s.config.defaultPageSize = 1;
		return s.config satisfies BulkConfig;
	});

	/** Daily allocations (what /limits reports): used and max of query jobs, query result MB and batches. */
	app.post(`${base}/limits`, async (request) => {
		const b = body(request) as BulkLimitsInput;
		const a = bulkState(org).allocations;
		if (b.queryJobsUsed !== undefined) a.queryJobs.used = num(b.queryJobsUsed, 'queryJobsUsed');
		if (b.queryJobsMax !== undefined) a.queryJobs.max = num(b.queryJobsMax, 'queryJobsMax');
		if (b.queryFileStorageMBUsed !== undefined) a.queryFileStorageMB.usedBytes = num(b.queryFileStorageMBUsed, 'queryFileStorageMBUsed') * 1024 * 1024;
		if (b.queryFileStorageMBMax !== undefined) a.queryFileStorageMB.max = num(b.queryFileStorageMBMax, 'queryFileStorageMBMax');
		if (b.batchesUsed !== undefined) a.batches.used = num(b.batchesUsed, 'batchesUsed');
		if (b.batchesMax !== undefined) a.batches.max = num(b.batchesMax, 'batchesMax');
		return a;
	});

	/**
	 * `{to?: 'InProgress' | 'JobComplete' | 'Failed', errorMessage?}` moves a queued job now (default JobComplete:
	 * its work runs at once). Failed stops it without processing (an ingest job's records become unprocessed).
	 */
	app.post<{ Params: { id: string } }>(`${base}/jobs/:id/advance`, async (request) => {
		const b = body(request);
		const to = b.to ?? 'JobComplete';
		const s = bulkState(org);
		const id = request.params.id;
		const job = [...s.jobs.values()].find((j) => j.id === id || j.id.slice(0, 15) === id.slice(0, 15));
		if (!job) throw new SfError(404, 'NOT_FOUND', `No Bulk API job ${id}`);
		findJob(org, job.id, job.kind);
		if (TERMINAL_STATES.includes(job.state)) throw new SfError(400, 'INVALID_REQUEST', `Job ${job.id} is already ${job.state}`);
		if (job.state === 'Open') throw new SfError(400, 'INVALID_REQUEST', `Job ${job.id} is Open: close it (PATCH state UploadComplete) first`);
		if (to === 'Failed') {
			const message = typeof b.errorMessage === 'string' ? b.errorMessage : 'The job failed (sandbox test control)';
			if (job.kind === 'ingest') stopIngestJob(job, 'Failed', message);
			else {
				job.state = 'Failed';
				job.errorMessage = message;
			}
			job.modifiedAt = s.now();
		} else if (to === 'InProgress' || to === 'JobComplete') {
			s.advance(job, to, processJob);
		} else {
			throw new SfError(400, 'INVALID_REQUEST', 'to must be InProgress, JobComplete or Failed');
		}
		return fullInfo(job);
	});
}
