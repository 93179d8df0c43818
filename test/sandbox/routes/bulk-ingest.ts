/**
 * Bulk API 2.0 ingest jobs under /services/data/vXX.X/jobs/ingest ("Bulk API 2.0 and Bulk API Developer Guide":
 * Create a Job, Upload Job Data, Upload Complete / Close or Abort a Job, Get Information About an Ingest Job, Get
 * Job Successful / Failed / Unprocessed Record Results, Delete a Job, Get Information About All Ingest Jobs).
 * Available from API version 41.0.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { COLUMN_DELIMITERS, LINE_ENDINGS, writeCsv } from '../bulk/csv';
import { HARD_DELETE_PERMISSION, stopIngestJob } from '../bulk/ingest-job';
import { bulkState, INGEST_UPLOAD_LIMIT, type IngestJob, type IngestOperation } from '../bulk/jobs';
import { createdInfo, csvOptions, enumProp, findJob, fullInfo, jsonBody, listJobs, requireVersion, requiredProp, sendJson } from '../bulk/process';
import { SfError } from '../errors';
import type { Org } from '../org';
import { installBulkClock } from './bulk-query';
import { upsertField, userIdOf, versionOf } from './sobjects';

const BASE = '/services/data/:version/jobs/ingest';
const OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;

type IdParams = { Params: { version: string; id: string } };

function stateError(job: IngestJob, action: string): SfError {
	return new SfError(400, 'API_ERROR', `Job ${job.id} is ${job.state}: ${action}`);
}

export function registerBulkIngestRoutes(app: FastifyInstance, org: Org): void {
	installBulkClock(app, org);

	// "Upload Job Data": the body is the CSV itself (Content-Type: text/csv)
	app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: INGEST_UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

	app.post(BASE, async (request, reply) => {
		const version = versionOf(request);
		requireVersion(version, 41);
		const body = jsonBody(request.body);
		requiredProp(body, 'object');
		requiredProp(body, 'operation');
		const operation = enumProp(body, 'operation', 'OperationEnum', OPERATIONS) as IngestOperation;
		const { columnDelimiter, lineEnding } = csvOptions(body);
		const def = org.schemas.get(String(body.object));
		if (!def) throw new SfError(400, 'INVALIDENTITY', `Entity '${String(body.object)}' is not supported by the Bulk API.`);
		let externalIdFieldName: string | undefined;
		if (operation === 'upsert') {
			requiredProp(body, 'externalIdFieldName');
			try {
				externalIdFieldName = upsertField(def, String(body.externalIdFieldName)).name;
			} catch {
				throw new SfError(400, 'INVALIDJOB', `Field name provided, ${String(body.externalIdFieldName)} is not an External ID or indexed field for ${def.name}`);
			}
		}
		const userId = userIdOf(request);
		if (operation === 'hardDelete' && !(org.findUserById(userId)?.permissions ?? []).includes(HARD_DELETE_PERMISSION)) {
			// the "Bulk API Hard Delete" permission; the Salesforce CLI recognises this error code
			throw new SfError(400, 'FEATURENOTENABLED', 'hardDelete operation requires special user profile permission, please contact your system administrator');
		}
		const state = bulkState(org);
		const now = state.now();
		const job: IngestJob = {
			kind: 'ingest',
			id: state.newJobId(),
			operation,
			object: def.name,
			externalIdFieldName,
			assignmentRuleId: typeof body.assignmentRuleId === 'string' ? body.assignmentRuleId : undefined,
			createdById: userId,
			createdAt: now,
			modifiedAt: now,
			state: 'Open',
			apiVersion: version,
			columnDelimiter,
			lineEnding,
			numberRecordsProcessed: 0,
			numberRecordsFailed: 0,
			totalProcessingTime: 0,
		};
		state.jobs.set(job.id, job);
		return sendJson(reply, 200, createdInfo(job));
	});

	app.get<{ Params: { version: string }; Querystring: Record<string, string | undefined> }>(BASE, async (request, reply) => {
		const version = versionOf(request);
		requireVersion(version, 41);
		return sendJson(reply, 200, listJobs(org, 'ingest', version, request.query));
	});

	app.put<IdParams>(`${BASE}/:id/batches`, async (request, reply) => {
		requireVersion(versionOf(request), 41);
		const job = findJob(org, request.params.id, 'ingest');
		if (job.state !== 'Open') throw stateError(job, 'data can be uploaded only while the job is Open');
		if (job.data !== undefined) throw stateError(job, 'data can be uploaded to a job only once');
		const data = request.body;
		if (!Buffer.isBuffer(data)) throw new SfError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Job data must be sent as text/csv');
		if (data.length === 0) throw new SfError(400, 'API_ERROR', 'The upload has no content');
		job.data = data;
		job.modifiedAt = bulkState(org).now();
		return reply.code(201).send();
	});

	app.patch<IdParams>(`${BASE}/:id`, async (request, reply) => {
		requireVersion(versionOf(request), 41);
		const job = findJob(org, request.params.id, 'ingest');
		const body = jsonBody(request.body);
		const state = bulkState(org);
		if (body.state === 'UploadComplete') {
			if (job.state !== 'Open') throw new SfError(400, 'INVALIDJOBSTATE', `Job ${job.id} is ${job.state}; only an Open job can be closed`);
			state.schedule(job);
		} else if (body.state === 'Aborted') {
			if (job.state !== 'Open' && job.state !== 'UploadComplete' && job.state !== 'InProgress') {
				throw new SfError(400, 'INVALIDJOBSTATE', `Job ${job.id} is ${job.state}; it can no longer be aborted`);
			}
			stopIngestJob(job, 'Aborted');
			job.modifiedAt = state.now();
		} else {
			throw new SfError(400, 'INVALIDJOBSTATE', `Invalid state for an ingest job update: ${String(body.state)}`);
		}
		return sendJson(reply, 200, createdInfo(job));
	});

	app.get<IdParams>(`${BASE}/:id`, async (request, reply) => {
		requireVersion(versionOf(request), 41);
		return sendJson(reply, 200, fullInfo(findJob(org, request.params.id, 'ingest')));
	});

	app.delete<IdParams>(`${BASE}/:id`, async (request, reply) => {
		requireVersion(versionOf(request), 41);
		const job = findJob(org, request.params.id, 'ingest');
		// "Delete a Job": UploadComplete, JobComplete, Aborted or Failed
		if (job.state === 'Open' || job.state === 'InProgress') throw stateError(job, 'only UploadComplete, JobComplete, Aborted or Failed jobs can be deleted');
		bulkState(org).jobs.delete(job.id);
		return reply.code(204).send();
	});

	const results = (kind: 'successful' | 'failed' | 'unprocessed') => async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
		requireVersion(versionOf(request), 41);
		const job = findJob(org, request.params.id, 'ingest');
		if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
			throw stateError(job, 'record results are available once the job is JobComplete, Failed or Aborted');
		}
		const r = job.results ?? { header: [], successful: [], failed: [], unprocessed: [] };
		const opts = { delimiter: COLUMN_DELIMITERS[job.columnDelimiter], lineEnding: LINE_ENDINGS[job.lineEnding], quoteHeader: (h: string) => h.startsWith('sf__') };
		let csv: string;
		if (kind === 'successful') csv = writeCsv(['sf__Id', 'sf__Created', ...r.header], r.successful.map((s) => [s.id, String(s.created), ...s.values]), opts);
		else if (kind === 'failed') csv = writeCsv(['sf__Id', 'sf__Error', ...r.header], r.failed.map((f) => [f.id, f.error, ...f.values]), opts);
		else csv = r.header.length ? writeCsv(r.header, r.unprocessed, opts) : '';
		return reply.code(200).type('text/csv').send(csv);
	};
	app.get<IdParams>(`${BASE}/:id/successfulResults`, results('successful'));
	app.get<IdParams>(`${BASE}/:id/failedResults`, results('failed'));
	app.get<IdParams>(`${BASE}/:id/unprocessedrecords`, results('unprocessed'));
}
