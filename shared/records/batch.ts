/**
 * Sends many items' record operations through sObject Collections: 200 records per create/update/upsert/delete
 * request and up to 2,000 ids per retrieve, in input order, each per-record result mapped back to its item.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SalesforceClient } from '../client/client';
import { infoFromThrown, type SalesforceErrorInfo } from '../errors';

export type RecordOperation = 'create' | 'update' | 'upsert' | 'delete' | 'get';

export const DML_BATCH_SIZE = 200;
export const RETRIEVE_BATCH_SIZE = 2000;

export interface RecordJob {
	itemIndex: number;
	object: string;
	operation: RecordOperation;
	/** create/upsert: field values; update: field values with Id */
	record?: Record<string, unknown>;
	/** delete/get */
	id?: string;
	/** upsert */
	externalIdField?: string;
	/** get: fields to return */
	fields?: string[];
	/** get: all fields of the object in addition to `fields` (relationship fields asked alongside "all") */
	allFields?: boolean;
}

export interface JobResult {
	itemIndex: number;
	ok: boolean;
	json: IDataObject;
	error?: SalesforceErrorInfo;
}

export interface BatchOptions {
	allOrNone?: boolean;
	/** create/update/upsert: return the whole record (one retrieve per batch, not per item) */
	returnFullRecord?: boolean;
}

interface SaveResultLike {
	id?: string | null;
	success: boolean;
	created?: boolean;
	errors?: Array<{ statusCode?: string; errorCode?: string; message?: string; fields?: string[] }>;
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

function groupKey(job: RecordJob): string {
	return [job.operation, job.object, job.externalIdField ?? '', (job.fields ?? []).join(','), job.allFields ? 'all' : ''].join('|');
}

function failureOf(result: SaveResultLike): SalesforceErrorInfo {
	const e = result.errors?.[0];
	return {
		errorCode: e?.statusCode ?? e?.errorCode ?? 'UNKNOWN_ERROR',
		message: e?.message ?? 'Salesforce reported a failure without a message',
		fields: e?.fields ?? [],
	};
}

function stripAttributes(record: Record<string, unknown>): IDataObject {
	const rest = { ...record };
	delete rest.attributes;
	return rest as IDataObject;
}

async function sendChunk(client: SalesforceClient, group: RecordJob[], options: BatchOptions): Promise<SaveResultLike[]> {
	const { object, operation } = group[0];
	const sobject = client.conn.sobject(object);
	const dml = { allOrNone: options.allOrNone === true };
	switch (operation) {
		case 'create':
			return (await sobject.create(group.map((j) => j.record ?? {}), dml)) as SaveResultLike[];
		case 'update':
			return (await sobject.update(group.map((j) => j.record as { Id: string }), dml)) as SaveResultLike[];
		case 'upsert':
			return (await sobject.upsert(group.map((j) => j.record ?? {}), group[0].externalIdField ?? 'Id', dml)) as SaveResultLike[];
		case 'delete':
			return (await sobject.destroy(group.map((j) => j.id ?? ''), dml)) as SaveResultLike[];
		default:
			throw new Error(`not a DML operation: ${operation}`);
	}
}

/** Ids per SOQL query when relationship fields need a query instead of a retrieve (keeps the URL short). */
const QUERY_ID_CHUNK = 300;

/** Records by id through SOQL, for relationship fields (Account.Name), which the collections retrieve cannot return. */
async function queryByIds(
	client: SalesforceClient,
	object: string,
	ids: string[],
	fields: string[],
): Promise<Array<Record<string, unknown> | null>> {
	const byId = new Map<string, Record<string, unknown>>();
	const select = Array.from(new Set(['Id', ...fields])).join(', ');
	for (const part of chunks(ids, QUERY_ID_CHUNK)) {
		// ids were validated as 15/18 letters and digits, so they need no escaping
		const soql = `SELECT ${select} FROM ${object} WHERE Id IN (${part.map((id) => `'${id}'`).join(', ')})`;
		const res = await client.conn.query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: part.length });
		for (const r of res.records) byId.set(String(r.Id).slice(0, 15), r);
	}
	return ids.map((id) => byId.get(id.slice(0, 15)) ?? null);
}

async function retrieve(
	client: SalesforceClient,
	object: string,
	ids: string[],
	fields: string[] | undefined,
	allFields = false,
): Promise<Array<Record<string, unknown> | null>> {
	if (fields?.some((f) => f.includes('.'))) {
		const all = allFields ? (await client.describe(object)).fields.map((f) => f.name) : [];
		return await queryByIds(client, object, ids, [...all, ...fields]);
	}
	const out: Array<Record<string, unknown> | null> = [];
	for (const part of chunks(ids, RETRIEVE_BATCH_SIZE)) {
		const describe = fields?.length ? undefined : await client.describe(object);
		const body = { ids: part, fields: fields?.length ? fields : describe!.fields.map((f) => f.name) };
		const res = await client.conn.request<Array<Record<string, unknown> | null>>({
			method: 'POST',
			url: client.restPath(`/composite/sobjects/${encodeURIComponent(object)}`),
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json' },
		});
		out.push(...res);
	}
	return out;
}

/** Failures after which sending more batches would only spend API calls on the same answer. */
const STOP_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'INVALID_SESSION_ID', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED']);

/** Runs the jobs grouped by (operation, object, external id, fields); results come back in job order. */
export async function runRecordJobs(client: SalesforceClient, jobs: RecordJob[], options: BatchOptions = {}): Promise<JobResult[]> {
	const results = new Map<RecordJob, JobResult>();
	let stopped: SalesforceErrorInfo | undefined;
	const failAll = (part: RecordJob[], info: SalesforceErrorInfo) => {
		for (const job of part) results.set(job, { itemIndex: job.itemIndex, ok: false, json: {}, error: info });
		if (STOP_CODES.has(info.errorCode)) stopped = info;
	};
	const groups = new Map<string, RecordJob[]>();
	for (const job of jobs) {
		const key = groupKey(job);
		if (!groups.has(key)) groups.set(key, []);
		groups.get(key)!.push(job);
	}
	for (const group of groups.values()) {
		const { operation, object } = group[0];
		if (operation === 'get') {
			for (const part of chunks(group, RETRIEVE_BATCH_SIZE)) {
				if (stopped) {
					failAll(part, stopped);
					continue;
				}
				let records: Array<Record<string, unknown> | null>;
				try {
					records = await retrieve(client, object, part.map((j) => j.id ?? ''), part[0].fields, part[0].allFields);
				} catch (error) {
					failAll(part, infoFromThrown(error) ?? { errorCode: 'UNKNOWN_ERROR', message: String(error) });
					continue;
				}
				part.forEach((job, i) => {
					const rec = records[i];
					results.set(
						job,
						rec
							? { itemIndex: job.itemIndex, ok: true, json: stripAttributes(rec) }
							: {
									itemIndex: job.itemIndex,
									ok: false,
									json: {},
									error: { errorCode: 'NOT_FOUND', message: `No ${object} record with ID ${job.id ?? ''}`, httpCode: 404 },
								},
					);
				});
			}
			continue;
		}
		for (const part of chunks(group, DML_BATCH_SIZE)) {
			if (stopped) {
				failAll(part, stopped);
				continue;
			}
			let saved: SaveResultLike[];
			try {
				saved = await sendChunk(client, part, options);
			} catch (error) {
				// the whole request failed (bad object, limit, malformed body): every item of the chunk carries the reason
				failAll(part, infoFromThrown(error) ?? { errorCode: 'UNKNOWN_ERROR', message: String(error) });
				continue;
			}
			part.forEach((job, i) => {
				const r = saved[i];
				if (r?.success) {
					const json: IDataObject = { id: r.id ?? job.id ?? null, success: true };
					if (operation === 'upsert') json.created = r.created === true;
					results.set(job, { itemIndex: job.itemIndex, ok: true, json });
				} else {
					results.set(job, { itemIndex: job.itemIndex, ok: false, json: {}, error: failureOf(r ?? { success: false }) });
				}
			});
			if (options.returnFullRecord && operation !== 'delete') {
				const okJobs = part.filter((j) => results.get(j)?.ok);
				const ids = okJobs.map((j) => String(results.get(j)!.json.id));
				if (ids.length) {
					const records = await retrieve(client, object, ids, undefined);
					okJobs.forEach((job, i) => {
						const prev = results.get(job)!;
						const rec = records[i];
						if (rec) prev.json = { ...stripAttributes(rec), ...(operation === 'upsert' ? { created: prev.json.created } : {}) };
					});
				}
			}
		}
	}
	return jobs.map((j) => results.get(j)!);
}
