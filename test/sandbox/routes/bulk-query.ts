/**
 * Bulk API 2.0 query jobs under /services/data/vXX.X/jobs/query ("Bulk API 2.0 and Bulk API Developer Guide":
 * Create a Query Job, Get Information About a Query Job, Get Results for a Query Job, Abort a Query Job, Delete a
 * Query Job, Get Information About All Query Jobs). Available from API version 47.0.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { COLUMN_DELIMITERS, LINE_ENDINGS, writeCsv } from '../bulk/csv';
import { bulkState, TERMINAL_STATES, type QueryJob, type QueryOperation } from '../bulk/jobs';
import { createdInfo, csvOptions, enumProp, findJob, fullInfo, jsonBody, listJobs, refreshAll, requireVersion, requiredProp, sendJson } from '../bulk/process';
import { validateBulkQuery } from '../bulk/query-job';
import { SfError } from '../errors';
import type { Org } from '../org';
import { userIdOf, versionOf } from './sobjects';

const BASE = '/services/data/:version/jobs/query';

type IdParams = { Params: { version: string; id: string } };

/** `Sforce-Locator` values: base64 of the next record's offset, no padding (Salesforce's look like `MTAwMDA`). */
function encodeLocator(offset: number): string {
	return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function decodeLocator(locator: string): number | undefined {
	if (!/^[A-Za-z0-9+/]+$/.test(locator)) return undefined;
	const text = Buffer.from(locator, 'base64').toString('utf8');
	return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The clock hook: queued jobs move (and finish their work) before any REST call is answered. */
const clockInstalled = new WeakSet<FastifyInstance>();
export function installBulkClock(app: FastifyInstance, org: Org): void {
	if (clockInstalled.has(app)) return;
	clockInstalled.add(app);
	app.addHook('preHandler', async (request: FastifyRequest) => {
		if (request.sfSession) refreshAll(org);
	});
}

export function registerBulkQueryRoutes(app: FastifyInstance, org: Org): void {
	installBulkClock(app, org);

	app.post(BASE, async (request, reply) => {
		const version = versionOf(request);
		requireVersion(version, 47);
		const body = jsonBody(request.body);
		requiredProp(body, 'operation');
		const operation = enumProp(body, 'operation', 'QueryOperationEnum', ['query', 'queryAll'] as const) as QueryOperation;
		if (typeof body.query !== 'string' || body.query.trim() === '') throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
		const { columnDelimiter, lineEnding } = csvOptions(body);
		const state = bulkState(org);
		const quota = state.allocations.queryJobs;
		if (quota.used >= quota.max) {
			throw new SfError(400, 'EXCEEDEDQUOTA', 'The daily allocation of Bulk API 2.0 query jobs (DailyBulkV2QueryJobs) is used up');
		}
		const object = validateBulkQuery(org, body.query, version, operation === 'queryAll');
		const now = state.now();
		const job: QueryJob = {
			kind: 'query',
			id: state.newJobId(),
			operation,
			object,
			query: body.query,
			createdById: userIdOf(request),
			createdAt: now,
			modifiedAt: now,
			state: 'UploadComplete',
			apiVersion: version,
			columnDelimiter,
			lineEnding,
			numberRecordsProcessed: 0,
			totalProcessingTime: 0,
		};
		quota.used++;
		state.jobs.set(job.id, job);
		state.schedule(job);
		return sendJson(reply, 200, createdInfo(job));
	});

	app.get<{ Params: { version: string }; Querystring: Record<string, string | undefined> }>(BASE, async (request, reply) => {
		const version = versionOf(request);
		requireVersion(version, 47);
		return sendJson(reply, 200, listJobs(org, 'query', version, request.query));
	});

	app.get<IdParams>(`${BASE}/:id`, async (request, reply) => {
		requireVersion(versionOf(request), 47);
		return sendJson(reply, 200, fullInfo(findJob(org, request.params.id, 'query')));
	});

	app.patch<IdParams>(`${BASE}/:id`, async (request, reply) => {
		requireVersion(versionOf(request), 47);
		const job = findJob(org, request.params.id, 'query');
		const body = jsonBody(request.body);
		// "Abort a Query Job": the only change a client can make, and only while the job is queued or running
		if (body.state !== 'Aborted') throw new SfError(400, 'INVALIDJOBSTATE', `Invalid state for a query job: ${String(body.state)}`);
		if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
			throw new SfError(400, 'INVALIDJOBSTATE', `Job ${job.id} is ${job.state}; only UploadComplete or InProgress jobs can be aborted`);
		}
		job.state = 'Aborted';
		job.modifiedAt = bulkState(org).now();
		return sendJson(reply, 200, createdInfo(job));
	});

	app.delete<IdParams>(`${BASE}/:id`, async (request, reply) => {
		requireVersion(versionOf(request), 47);
		const job = findJob(org, request.params.id, 'query');
		if (!TERMINAL_STATES.includes(job.state)) {
			// the documented failure of "Delete a Query Job"
			throw new SfError(400, 'API_ERROR', 'Error encountered when deleting the job because the job is not terminated');
		}
		bulkState(org).jobs.delete(job.id);
		return reply.code(204).send();
	});

	app.get<IdParams & { Querystring: { locator?: string; maxRecords?: string } }>(`${BASE}/:id/results`, async (request, reply) => {
		const version = versionOf(request);
		requireVersion(version, 47);
		const job = findJob(org, request.params.id, 'query');
		// "Use the same API version to get query results that you used to create the query. Otherwise, the call returns a 409 error."
		if (job.apiVersion !== version) {
			throw new SfError(409, 'API_ERROR', `Query job ${job.id} was created with API version ${job.apiVersion}; get its results with the same version`);
		}
		if (job.state !== 'JobComplete' || !job.result) {
			throw new SfError(400, 'API_ERROR', `Results are available once the job is JobComplete; job ${job.id} is ${job.state}`);
		}
		const { maxRecords, locator } = request.query;
		let size = bulkState(org).config.defaultPageSize;
		if (maxRecords !== undefined) {
			if (!/^\d+$/.test(maxRecords) || Number(maxRecords) < 1) throw new SfError(400, 'API_ERROR', `Invalid maxRecords: ${maxRecords}; give a positive integer`);
			size = Number(maxRecords);
		}
		let offset = 0;
		if (locator !== undefined && locator !== '') {
			const decoded = decodeLocator(locator);
			if (decoded === undefined || decoded > job.result.rows.length) throw new SfError(400, 'INVALID_QUERY_LOCATOR', `Invalid locator: ${locator}`);
			offset = decoded;
		}
		const rows = job.result.rows.slice(offset, offset + size);
		const next = offset + rows.length;
		const csv = writeCsv(job.result.header, rows, { delimiter: COLUMN_DELIMITERS[job.columnDelimiter], lineEnding: LINE_ENDINGS[job.lineEnding] });
		return reply
			.code(200)
			.header('Sforce-Locator', next < job.result.rows.length ? encodeLocator(next) : 'null')
			.header('Sforce-NumberOfRecords', String(rows.length))
			.type('text/csv')
			.send(csv);
	});
}
