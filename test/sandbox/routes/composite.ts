/**
 * sObject Collections (/composite/sobjects: create, update, delete, upsert, retrieve) with allOrNone, and the
 * Composite resource (/composite) that runs up to 25 subrequests with `@{ref.field}` references.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { SfError } from '../errors';
import { isIdFormat } from '../ids';
import type { Org } from '../org';
import type { FieldDef, ObjectDef } from '../schema/types';
import { fieldByName } from '../validation';
import { DATA_BODY_LIMIT, findByField, recordUrl, shapeRecord, upsertField, upsertOne, userIdOf, versionOf } from './sobjects';

const MAX_COLLECTION = 200;
const MAX_RETRIEVE = 2000;
const MAX_SUBREQUESTS = 25;

export interface CollectionError {
	statusCode: string;
	message: string;
	fields: string[];
}

export interface CollectionResult {
	id?: string | null;
	success: boolean;
	errors: CollectionError[];
	created?: boolean;
}

const ROLLED_BACK: CollectionError = {
	statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
	message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
	fields: [],
};

/** Collections report record errors with `statusCode` (the REST error's errorCode). */
function toCollectionError(e: unknown): CollectionError {
	if (e instanceof SfError) {
		// A missing or foreign record is a cross-reference error in a collection, not a 404
		if (e.errorCode === 'NOT_FOUND') return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] };
		return { statusCode: e.errorCode, message: e.message, fields: e.fields ?? [] };
	}
	throw e;
}

function tooMany(): SfError {
	return new SfError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
}

interface CollectionBody {
	allOrNone?: unknown;
	records?: unknown;
}

function parseCollection(body: unknown): { allOrNone: boolean; records: Array<Record<string, unknown>> } {
	const b = (body ?? {}) as CollectionBody;
	if (typeof body !== 'object' || body === null || !Array.isArray(b.records)) {
		throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body must be an object with a records array');
	}
	if (b.records.length > MAX_COLLECTION) throw tooMany();
	return { allOrNone: b.allOrNone === true || b.allOrNone === 'true', records: b.records as Array<Record<string, unknown>> };
}

function typeOf(org: Org, rec: Record<string, unknown>): ObjectDef {
	const type = (rec.attributes as { type?: unknown } | undefined)?.type;
	if (typeof type !== 'string' || type === '') {
		throw new SfError(400, 'INVALID_TYPE', 'sObject type not specified in the attributes of the record');
	}
	return org.store.objectDef(type);
}

function withoutMeta(rec: Record<string, unknown>, ...drop: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(rec)) {
		if (k === 'attributes' || drop.some((d) => d.toLowerCase() === k.toLowerCase())) continue;
		out[k] = v;
	}
	return out;
}

/**
 * Runs one operation per record. Each record is its own savepoint; with allOrNone any failure undoes all of them
 * and the records that had succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function runCollection<T>(
	org: Org,
	items: T[],
	allOrNone: boolean,
	op: (item: T) => CollectionResult,
	idOnFailure: (item: T) => string | null | undefined,
): CollectionResult[] {
	const results: CollectionResult[] = [];
	const failed = Symbol('rollback');
	try {
		org.store.transaction(() => {
			for (const item of items) {
				try {
					results.push(org.store.transaction(() => op(item)));
				} catch (e) {
					const r: CollectionResult = { success: false, errors: [toCollectionError(e)] };
					const id = idOnFailure(item);
					if (id !== undefined) r.id = id;
					results.push(r);
				}
			}
			if (allOrNone && results.some((r) => !r.success)) throw failed;
		});
	} catch (e) {
		if (e !== failed) throw e;
		return results.map((r, i) => {
			if (!r.success) return r;
			const out: CollectionResult = { success: false, errors: [ROLLED_BACK] };
			const id = idOnFailure(items[i]);
			if (id !== undefined) out.id = id;
			return out;
		});
	}
	return results;
}

function idOf(rec: Record<string, unknown>): string | null {
	const id = rec.id ?? rec.Id;
	return typeof id === 'string' ? id : null;
}

function retrieveFields(def: ObjectDef, raw: unknown): FieldDef[] {
	const names = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
	if (names.length === 0) throw new SfError(400, 'MISSING_ARGUMENT', 'fields parameter not specified');
	return names.map((n) => {
		const f = fieldByName(def, n.trim());
		if (!f) throw new SfError(400, 'INVALID_FIELD', `No such column '${n.trim()}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
		return f;
	});
}

function retrieveMany(org: Org, version: string, objectName: string, idsRaw: unknown, fieldsRaw: unknown): Array<Record<string, unknown> | null> {
	const def = org.schemas.get(objectName);
	if (!def) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
	const ids = Array.isArray(idsRaw) ? idsRaw.map(String) : typeof idsRaw === 'string' ? idsRaw.split(',').filter(Boolean) : [];
	if (ids.length === 0) throw new SfError(400, 'MISSING_ARGUMENT', 'ids parameter not specified');
	if (ids.length > MAX_RETRIEVE) throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 2000 records into this call');
	const fields = retrieveFields(def, fieldsRaw);
	return ids.map((id) => {
		if (!isIdFormat(id)) return null;
		const found = org.store.getById(id);
		return found && found.objectName === def.name ? shapeRecord(def, found.record, version, fields) : null;
	});
}

export function registerCompositeRoutes(app: FastifyInstance, org: Org): void {
	const limit = { bodyLimit: DATA_BODY_LIMIT };
	const base = '/services/data/:version/composite';

	app.post(`${base}/sobjects`, limit, async (request) => {
		versionOf(request);
		const { allOrNone, records } = parseCollection(request.body);
		const userId = userIdOf(request);
		return runCollection(
			org,
			records,
			allOrNone,
			(rec) => {
				const def = typeOf(org, rec);
				const created = org.store.insert(def.name, withoutMeta(rec), { userId });
				return { id: created.Id, success: true, errors: [] };
			},
			() => undefined,
		);
	});

	app.patch(`${base}/sobjects`, limit, async (request) => {
		versionOf(request);
		const { allOrNone, records } = parseCollection(request.body);
		const userId = userIdOf(request);
		return runCollection(
			org,
			records,
			allOrNone,
			(rec) => {
				const def = typeOf(org, rec);
				const id = idOf(rec);
				if (id === null) throw new SfError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', []);
				if (!isIdFormat(id)) throw new SfError(400, 'MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id}`, ['Id']);
				const updated = org.store.update(def.name, id, withoutMeta(rec, 'id'), { userId });
				return { id: updated.Id, success: true, errors: [] };
			},
			(rec) => idOf(rec),
		);
	});

	app.delete<{ Querystring: { ids?: string; allOrNone?: string } }>(`${base}/sobjects`, async (request) => {
		versionOf(request);
		const ids = (request.query.ids ?? '').split(',').filter(Boolean);
		if (ids.length === 0) throw new SfError(400, 'MISSING_ARGUMENT', 'ids parameter not specified');
		if (ids.length > MAX_COLLECTION) throw tooMany();
		const userId = userIdOf(request);
		return runCollection(
			org,
			ids,
			request.query.allOrNone === 'true',
			(id) => {
				if (!isIdFormat(id)) throw new SfError(400, 'MALFORMED_ID', `malformed id ${id}`, []);
				const found = org.store.lookup(id);
				if (!found) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
				const deleted = org.store.delete(found.objectName, id, { userId });
				return { id: deleted.Id, success: true, errors: [] };
			},
			(id) => id,
		);
	});

	app.patch<{ Params: { sobject: string; field: string } }>(`${base}/sobjects/:sobject/:field`, limit, async (request) => {
		versionOf(request);
		const def = org.schemas.get(request.params.sobject);
		if (!def) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
		const f = upsertField(def, request.params.field);
		const { allOrNone, records } = parseCollection(request.body);
		const userId = userIdOf(request);
		return runCollection(
			org,
			records,
			allOrNone,
			(rec) => {
				const recDef = typeOf(org, rec);
				if (recDef.name !== def.name) {
					throw new SfError(400, 'INVALID_FIELD', `The record type ${recDef.name} does not match the type ${def.name} in the URL`, []);
				}
				const key = Object.keys(rec).find((k) => k.toLowerCase() === f.name.toLowerCase());
				const value = key === undefined ? undefined : rec[key];
				if (value === undefined || value === null || value === '') {
					throw new SfError(400, 'MISSING_ARGUMENT', `${f.name} not specified`, []);
				}
				if (f.name !== 'Id' && findByField(org, def, f, value).length > 1) {
					const ids = findByField(org, def, f, value).map((r) => r.Id);
					throw new SfError(400, 'DUPLICATE_EXTERNAL_ID', `${f.name}: more than one record found for external id field: [${ids.join(', ')}]`, [f.name]);
				}
				const outcome = upsertOne(org, def, f, value, withoutMeta(rec, f.name), userId);
				return { id: outcome.id ?? null, success: true, errors: [], created: outcome.status === 201 };
			},
			() => undefined,
		);
	});

	app.post<{ Params: { sobject: string } }>(`${base}/sobjects/:sobject`, limit, async (request) => {
		const version = versionOf(request);
		const body = (request.body ?? {}) as { ids?: unknown; fields?: unknown };
		return retrieveMany(org, version, request.params.sobject, body.ids, body.fields);
	});

	app.get<{ Params: { sobject: string }; Querystring: { ids?: string; fields?: string } }>(`${base}/sobjects/:sobject`, async (request) => {
		const version = versionOf(request);
		return retrieveMany(org, version, request.params.sobject, request.query.ids, request.query.fields);
	});

	app.post(base, limit, async (request) => runComposite(org, request));
}

// ---- /composite ----

interface SubRequest {
	method: string;
	url: string;
	referenceId: string;
	body?: unknown;
	httpHeaders?: Record<string, string>;
}

interface SubResponse {
	body: unknown;
	httpHeaders: Record<string, string>;
	httpStatusCode: number;
	referenceId: string;
}

const REF = /@\{([^}]+)\}/g;

/** Follows `ref.a.b[0].c` through the earlier responses. */
function lookupRef(results: Map<string, unknown>, expr: string): unknown {
	const tokens = expr.split(/\.|\[(\d+)\]/).filter((t) => t !== undefined && t !== '');
	const [ref, ...path] = tokens;
	if (!results.has(ref)) return undefined;
	let cur: unknown = results.get(ref);
	for (const t of path) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[t];
	}
	return cur;
}

function resolveRefs(value: unknown, results: Map<string, unknown>, inUrl = false): unknown {
	if (typeof value === 'string') {
		// A string that is exactly one reference keeps the referenced value's JSON type
		const whole = /^@\{([^}]+)\}$/.exec(value);
		if (whole && !inUrl) {
			const v = lookupRef(results, whole[1]);
			if (v === undefined) throw new SfError(400, 'PROCESSING_HALTED', `Invalid reference specified. No value for ${whole[1]} found.`);
			return v;
		}
		return value.replace(REF, (_m, expr: string) => {
			const v = lookupRef(results, expr);
			if (v === undefined || (v !== null && typeof v === 'object')) {
				throw new SfError(400, 'PROCESSING_HALTED', `Invalid reference specified. No value for ${expr} found.`);
			}
			return inUrl ? encodeURIComponent(String(v)) : String(v);
		});
	}
	if (Array.isArray(value)) return value.map((v) => resolveRefs(v, results));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, results)]));
	}
	return value;
}

const HALTED = {
	errorCode: 'PROCESSING_HALTED',
	message: 'The transaction was rolled back since another operation in the same transaction failed.',
};

async function runComposite(org: Org, request: FastifyRequest): Promise<unknown> {
	const version = versionOf(request);
	const body = (request.body ?? {}) as { allOrNone?: unknown; compositeRequest?: unknown };
	if (!Array.isArray(body.compositeRequest)) {
		throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body must contain a compositeRequest array');
	}
	const subs = body.compositeRequest as SubRequest[];
	if (subs.length > MAX_SUBREQUESTS) {
		throw new SfError(400, 'INVALID_BATCH_REQUEST', `Composite request cannot have more than ${MAX_SUBREQUESTS} subrequests`);
	}
	const seen = new Set<string>();
	for (const s of subs) {
		if (typeof s.referenceId !== 'string' || !/^[A-Za-z0-9_]+$/.test(s.referenceId) || seen.has(s.referenceId)) {
			throw new SfError(400, 'INVALID_BATCH_REQUEST', `Invalid or duplicate referenceId: ${String(s.referenceId)}`);
		}
		seen.add(s.referenceId);
		if (typeof s.url !== 'string' || !s.url.startsWith('/services/data/')) {
			throw new SfError(400, 'INVALID_BATCH_REQUEST', `Subrequest ${s.referenceId}: the url must start with /services/data/`);
		}
	}
	const allOrNone = body.allOrNone === true || body.allOrNone === 'true';
	const results = new Map<string, unknown>();
	const responses: SubResponse[] = [];
	const tx = allOrNone && !org.store.inTransaction ? org.store.begin() : undefined;
	let failed = false;
	try {
		for (const s of subs) {
			if (failed && allOrNone) {
				responses.push({ body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: s.referenceId });
				continue;
			}
			let url: string;
			let payload: unknown;
			try {
				url = resolveRefs(s.url, results, true) as string;
				payload = s.body === undefined ? undefined : resolveRefs(s.body, results);
			} catch (e) {
				const err = e as SfError;
				responses.push({ body: err.toBody(), httpHeaders: {}, httpStatusCode: 400, referenceId: s.referenceId });
				failed = true;
				continue;
			}
			// Subrequests go through the real server (not app.inject) so every hook and route applies unchanged
			const res = await fetch(`${org.instanceUrl}${url}`, {
				method: (s.method ?? 'GET').toUpperCase(),
				headers: {
					authorization: request.headers.authorization ?? '',
					...(payload === undefined ? {} : { 'content-type': 'application/json' }),
					// lets the server tell its own subrequests apart: a composite request counts once, as in Salesforce
					'x-sandbox-subrequest': org.subrequestKey,
					...(s.httpHeaders ?? {}),
				},
				body: payload === undefined ? undefined : JSON.stringify(payload),
			});
			const text = await res.text();
			const parsed: unknown = text === '' ? null : safeJson(text);
			const status = res.status;
			const headers: Record<string, string> = {};
			if (status === 201 && parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string') {
				const objectName = /\/sobjects\/([^/?]+)/.exec(url)?.[1] ?? '';
				headers.Location = recordUrl(version, org.schemas.get(objectName)?.name ?? objectName, (parsed as { id: string }).id);
			}
			responses.push({ body: parsed, httpHeaders: headers, httpStatusCode: status, referenceId: s.referenceId });
			if (status >= 400) failed = true;
			else results.set(s.referenceId, parsed);
		}
	} catch (e) {
		tx?.rollback();
		throw e;
	}
	if (tx) {
		if (failed) {
			tx.rollback();
			// Work that had succeeded was undone: report it as halted, like Salesforce
			for (const r of responses) {
				if (r.httpStatusCode < 400) Object.assign(r, { body: [HALTED], httpHeaders: {}, httpStatusCode: 400 });
			}
		} else {
			tx.commit();
		}
	}
	return { compositeResponse: responses };
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
