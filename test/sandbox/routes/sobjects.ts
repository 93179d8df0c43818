/**
 * sObject REST resources under /services/data/vXX.X: describe global, basic info, describe, create, retrieve,
 * update, delete, upsert by external id, get updated / get deleted, and base64 field bodies.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { SfError } from '../errors';
import { isIdFormat, to18 } from '../ids';
import { apiVersionFromParams, DEFAULT_USER_ID, type Org } from '../org';
import type { FieldDef, ObjectDef, StoredRecord } from '../schema/types';
import { fieldByName, formatDateTime, normalizeValue, parseDateTime } from '../validation';
import { entityFromMultipart, isMultipartBody, sendBlob } from './files';

/**
 * JSON bodies: "Insert or Update Blob Data" limits a non-multipart message to 50 MB of text (37.5 MB of file as
 * base64); larger bodies get 413. Bigger files go multipart (routes/files.ts).
 */
export const DATA_BODY_LIMIT = 50 * 1024 * 1024;

const BASE = '/services/data/:version';

export function userIdOf(request: FastifyRequest): string {
	return (request as { sfSession?: { userId?: string } }).sfSession?.userId ?? DEFAULT_USER_ID;
}

/** The API version of the path ('66.0'), as the auth hook checked it before counting the call. */
export function versionOf(request: FastifyRequest): string {
	return request.sfApiVersion ?? apiVersionFromParams(request.params);
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export function notFound(): SfError {
	return new SfError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}

/** The object named in a URL; Salesforce answers 404 NOT_FOUND for unknown sObjects in REST paths. */
export function objectFromPath(org: Org, name: string): ObjectDef {
	const def = org.schemas.get(name);
	if (!def) throw notFound();
	return def;
}

export function recordUrl(version: string, objectName: string, id: string): string {
	return `/services/data/v${version}/sobjects/${objectName}/${id}`;
}

/** A record as REST returns it: attributes first, then the fields (all, or the requested ones). */
export function shapeRecord(def: ObjectDef, rec: StoredRecord, version: string, fields?: FieldDef[]): Record<string, unknown> {
	const out: Record<string, unknown> = { attributes: { type: def.name, url: recordUrl(version, def.name, rec.Id) } };
	for (const f of fields ?? def.fields) out[f.name] = publicValue(def, rec, f, version);
	return out;
}

function publicValue(def: ObjectDef, rec: StoredRecord, f: FieldDef, version: string): unknown {
	const v = rec[f.name];
	if (v === undefined) return null;
	// base64 fields hold the URL of their body, which names the caller's API version
	if (f.type === 'base64' && typeof v === 'string') return v.replace(/\/services\/data\/v[\d.]+\//, `/services/data/v${version}/`);
	return v;
}

/** Parses `?fields=A,B` against the object; unknown names get the SOQL-style INVALID_FIELD. */
function requestedFields(def: ObjectDef, raw: string | undefined): FieldDef[] | undefined {
	if (raw === undefined || raw.trim() === '') return undefined;
	const out: FieldDef[] = [];
	for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
		const f = fieldByName(def, name);
		if (!f) {
			throw new SfError(
				400,
				'INVALID_FIELD',
				`No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
			);
		}
		if (!out.includes(f)) out.push(f);
	}
	// Salesforce adds the Id to a field-limited retrieve
	const id = fieldByName(def, 'Id');
	if (id && !out.includes(id)) out.push(id);
	return out;
}

/** A create/update body: JSON object, or the entity part of a multipart request (files). */
export function bodyFields(def: ObjectDef, body: unknown): Record<string, unknown> {
	if (isMultipartBody(body)) return entityFromMultipart(def, body);
	if (body === undefined || body === null || body === '') {
		throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete');
	}
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new SfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of sObject from START_ARRAY value [line:1, column:1]');
	}
	const { attributes: _ignored, ...rest } = body as Record<string, unknown>;
	return rest;
}

/** The live record an id names within an object: NOT_FOUND variants as Salesforce answers them. */
function recordFromPath(org: Org, def: ObjectDef, id: string): StoredRecord {
	if (!isIdFormat(id)) {
		throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
	}
	const found = org.store.lookup(id);
	if (!found || found.objectName !== def.name) throw notFound();
	if (found.record.IsDeleted === true) throw new SfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
	return found.record;
}

function describeUrls(def: ObjectDef, version: string): Record<string, string> {
	const base = `/services/data/v${version}/sobjects/${def.name}`;
	return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function globalEntry(def: ObjectDef, version: string): Record<string, unknown> {
	return {
		activateable: false,
		createable: def.createable,
		custom: def.custom,
		customSetting: false,
		deepCloneable: false,
		deletable: def.deletable,
		deprecatedAndHidden: false,
		feedEnabled: false,
		hasSubtypes: false,
		isInterface: false,
		isSubtype: false,
		keyPrefix: def.keyPrefix,
		label: def.label,
		labelPlural: def.labelPlural,
		layoutable: true,
		mergeable: false,
		mruEnabled: true,
		name: def.name,
		queryable: def.queryable,
		replicateable: def.replicateable,
		retrieveable: def.retrieveable,
		searchable: def.searchable,
		triggerable: def.triggerable,
		undeletable: def.undeletable,
		updateable: def.updateable,
		urls: describeUrls(def, version),
	};
}

/** Full describe: the ObjectDef plus the URLs and the Master record type every object has. */
export function describeObject(def: ObjectDef, version: string): Record<string, unknown> {
	const { fields, childRelationships, ...head } = def;
	return {
		...globalEntry(def, version),
		...head,
		actionOverrides: [],
		childRelationships: childRelationships.map((c) => ({ ...c, deprecatedAndHidden: false, restrictedDelete: false, junctionIdListNames: [], junctionReferenceTo: [] })),
		compactLayoutable: true,
		fields,
		listviewable: null,
		lookupLayoutable: null,
		namedLayoutInfos: [],
		networkScopeFieldName: null,
		recordTypeInfos: [
			{
				active: true,
				available: true,
				defaultRecordTypeMapping: true,
				developerName: 'Master',
				master: true,
				name: 'Master',
				recordTypeId: '012000000000000AAA',
				urls: { layout: `/services/data/v${version}/sobjects/${def.name}/describe/layouts/012000000000000AAA` },
			},
		],
		searchLayoutable: def.searchable,
		sobjectDescribeOption: 'FULL',
		supportedScopes: [{ label: 'All records', name: 'everything' }],
		urls: describeUrls(def, version),
	};
}

function saveResult(id: string, created?: boolean): Record<string, unknown> {
	const r: Record<string, unknown> = { id, success: true, errors: [] };
	if (created !== undefined) r.created = created;
	return r;
}

/** Records whose field equals the value (case-insensitively unless the field is case-sensitive). */
export function findByField(org: Org, def: ObjectDef, f: FieldDef, value: unknown): StoredRecord[] {
	const norm = (x: unknown) => (typeof x === 'string' && !f.caseSensitive ? x.toLowerCase() : x);
	const target = f.type === 'id' || f.type === 'reference' ? (isIdFormat(String(value)) ? to18(String(value)) : value) : norm(value);
	const out: StoredRecord[] = [];
	for (const r of org.store.records(def.name)) if (norm(r[f.name]) === target) out.push(r);
	return out;
}

export interface UpsertOutcome {
	status: 200 | 201 | 300;
	id?: string;
	matches?: StoredRecord[];
}

/** The field named by an upsert URL: Id or an external id field; anything else is NOT_FOUND. */
export function upsertField(def: ObjectDef, name: string): FieldDef {
	const f = fieldByName(def, name);
	if (!f || !(f.name === 'Id' || f.externalId || f.idLookup)) throw notFound();
	return f;
}

/**
 * Upsert one record by an external id value (shared with sObject Collections). `fields` must not hold the
 * matching field itself: the caller has taken it out (collections) or refused it (the single-record resource).
 */
export function upsertOne(org: Org, def: ObjectDef, f: FieldDef, rawValue: unknown, fields: Record<string, unknown>, userId: string): UpsertOutcome {
	if (f.name === 'Id') {
		const id = String(rawValue ?? '');
		if (!isIdFormat(id)) throw new SfError(400, 'MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id}`, ['Id']);
		const rec = recordFromPath(org, def, id);
		org.store.update(def.name, rec.Id, fields, { userId });
		return { status: 200, id: rec.Id };
	}
	const value = normalizeValue({ [f.name]: rawValue }, f, rawValue);
	const matches = findByField(org, def, f, value);
	if (matches.length > 1) return { status: 300, matches };
	if (matches.length === 1) {
		org.store.update(def.name, matches[0].Id, fields, { userId });
		return { status: 200, id: matches[0].Id };
	}
	const rec = org.store.insert(def.name, { ...fields, [f.name]: value }, { userId });
	return { status: 201, id: rec.Id };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** "Results are returned for no more than 30 days previous to the day the call is executed" (sObject Get Updated) */
const UPDATED_WINDOW_DAYS = 30;
/** "Results are returned for no more than 15 days previous to the day the call is executed" (sObject Get Deleted) */
const DELETED_WINDOW_DAYS = 15;

function floorMinute(ms: number): number {
	return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * `start`/`end` of get updated/deleted. "The API ignores the seconds portion of the specified dateTime value"
 * (REST API Developer Guide: "sObject Get Updated", "sObject Get Deleted"); the start must precede the end, for get
 * deleted by more than one minute (SOAP API Developer Guide: "getDeleted()": INVALID_REPLICATION_DATE otherwise),
 * and lie within the 30 days the replication calls cover.
 */
function replicationWindow(org: Org, query: Record<string, string | undefined>, kind: 'updated' | 'deleted'): { start: Date; end: Date } {
	const parse = (name: 'start' | 'end'): Date => {
		const raw = query[name];
		if (raw === undefined || raw === '') throw new SfError(400, 'MISSING_ARGUMENT', `${name} parameter not specified.`);
		const d = parseDateTime(raw);
		if (!d) throw new SfError(400, 'INVALID_DATE_FORMAT', `${name}: ${raw} is not a valid value for the type xsd:dateTime`);
		return new Date(floorMinute(d.getTime()));
	};
	const start = parse('start');
	const end = parse('end');
	const gap = end.getTime() - start.getTime();
	if (kind === 'deleted' ? gap <= MINUTE_MS : gap <= 0) {
		const message =
			kind === 'deleted' ? 'startDate must chronologically precede endDate by more than one minute' : 'EndDate must chronologically follow the StartDate';
		throw new SfError(400, 'INVALID_REPLICATION_DATE', message);
	}
	if (start.getTime() < org.now().getTime() - UPDATED_WINDOW_DAYS * DAY_MS) {
		throw new SfError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${UPDATED_WINDOW_DAYS} days ago`);
	}
	return { start, end };
}

/**
 * latestDateCovered: the window end, the current minute, or before the oldest write still pending (a long
 * transaction's late insert, update or delete, stamped before it becomes visible): "use this value for the
 * startDate of your next call to capture the changes that started after this date but didn't complete before
 * endDate" (SOAP API Developer Guide: "GetDeletedResult", "GetUpdatedResult").
 */
function latestCovered(org: Org, def: ObjectDef, end: Date): string {
	let latest = Math.min(end.getTime(), floorMinute(org.now().getTime()));
	for (const r of org.store.pendingRecords(def.name)) {
		const ts = parseDateTime(String(r.SystemModstamp))?.getTime();
		if (ts !== undefined) latest = Math.min(latest, floorMinute(ts));
	}
	return formatDateTime(new Date(latest));
}

function inWindow(ts: unknown, start: Date, end: Date): boolean {
	const t = typeof ts === 'string' ? parseDateTime(ts)?.getTime() : undefined;
	return t !== undefined && t >= start.getTime() && t < end.getTime();
}

/**
 * The delete log as get deleted serves it: entries older than 15 days before the day of the call count as
 * physically deleted (purged); `earliestDateAvailable` is "the timestamp ... of the last physically deleted object"
 * (SOAP API Developer Guide: "GetDeletedResult"), cut to the minute like the other dates, or the start of the
 * 15-day horizon when nothing has been purged.
 */
function deletedResult(org: Org, def: ObjectDef, start: Date, coveredEnd: Date): { deletedRecords: Array<{ id: string; deletedDate: string }>; earliestDateAvailable: string } {
	const now = org.now().getTime();
	const horizon = Math.floor(now / DAY_MS) * DAY_MS - DELETED_WINDOW_DAYS * DAY_MS;
	let lastPurged: number | undefined;
	const available: Array<{ id: string; deletedDate: string; at: number }> = [];
	for (const d of org.store.deletedLog(def.name)) {
		const at = parseDateTime(d.deletedDate)?.getTime() ?? 0;
		if (at < horizon) lastPurged = Math.max(lastPurged ?? at, at);
		else available.push({ id: d.id, deletedDate: d.deletedDate, at });
	}
	const deletedRecords = available
		.filter((d) => inWindow(d.deletedDate, start, coveredEnd))
		.sort((a, b) => a.at - b.at)
		.map((d) => ({ id: d.id, deletedDate: d.deletedDate }));
	return { deletedRecords, earliestDateAvailable: formatDateTime(new Date(lastPurged === undefined ? horizon : floorMinute(lastPurged))) };
}

type Params = { version: string; sobject: string; id: string; field: string; value: string };
type Query = Record<string, string | undefined>;

export function registerSobjectRoutes(app: FastifyInstance, org: Org): void {
	const limit = { bodyLimit: DATA_BODY_LIMIT };

	app.get(`${BASE}/sobjects`, async (request) => {
		const version = versionOf(request);
		return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: org.schemas.all().map((d) => globalEntry(d, version)) };
	});

	app.get<{ Params: Params }>(`${BASE}/sobjects/:sobject`, async (request) => {
		const version = versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const recent = [...org.store.records(def.name)]
			.slice(-20)
			.reverse()
			.map((r) => {
				const out: Record<string, unknown> = { attributes: { type: def.name, url: recordUrl(version, def.name, r.Id) }, Id: r.Id };
				const name = def.fields.find((f) => f.nameField);
				if (name) out[name.name] = r[name.name] ?? null;
				return out;
			});
		return { objectDescribe: globalEntry(def, version), recentItems: recent };
	});

	app.get<{ Params: Params }>(`${BASE}/sobjects/:sobject/describe`, async (request) => {
		const version = versionOf(request);
		return describeObject(objectFromPath(org, request.params.sobject), version);
	});

	app.post<{ Params: Params }>(`${BASE}/sobjects/:sobject`, limit, async (request, reply) => {
		versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const fields = bodyFields(def, request.body);
		const rec = org.store.insert(def.name, fields, { userId: userIdOf(request) });
		return reply.code(201).send(saveResult(rec.Id));
	});

	for (const kind of ['updated', 'deleted'] as const) {
		app.get<{ Params: Params; Querystring: Query }>(`${BASE}/sobjects/:sobject/${kind}`, async (request) => {
			versionOf(request);
			const def = objectFromPath(org, request.params.sobject);
			const { start, end } = replicationWindow(org, request.query, kind);
			const latestDateCovered = latestCovered(org, def, end);
			const coveredEnd = parseDateTime(latestDateCovered) ?? end;
			if (kind === 'updated') {
				const ids = [...org.store.records(def.name)].filter((r) => inWindow(r.SystemModstamp, start, coveredEnd)).map((r) => r.Id);
				if (ids.length > 600_000) throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'too many ids');
				return { ids, latestDateCovered };
			}
			const { deletedRecords, earliestDateAvailable } = deletedResult(org, def, start, coveredEnd);
			if (deletedRecords.length > 600_000) throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'too many ids');
			return { deletedRecords, earliestDateAvailable, latestDateCovered };
		});
	}

	app.get<{ Params: Params; Querystring: Query }>(`${BASE}/sobjects/:sobject/:id`, async (request) => {
		const version = versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const fields = requestedFields(def, request.query.fields);
		const rec = recordFromPath(org, def, request.params.id);
		return shapeRecord(def, rec, version, fields);
	});

	// Two resources share this shape: a base64 field's body (/ContentVersion/{id}/VersionData) and a record
	// retrieved by external id (/Account/Code__c/X1).
	app.get<{ Params: Params; Querystring: Query }>(`${BASE}/sobjects/:sobject/:id/:field`, async (request, reply) => {
		const version = versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const { id, field } = request.params;
		const blobField = fieldByName(def, field);
		if (isIdFormat(id) && blobField?.type === 'base64') {
			const rec = recordFromPath(org, def, id);
			return sendBlob(org, reply, def, rec, blobField);
		}
		const f = fieldByName(def, id);
		if (!f || !(f.externalId || f.idLookup)) {
			throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
		}
		const value = f.name === 'Id' ? field : normalizeValue({ [f.name]: field }, f, field);
		const matches = findByField(org, def, f, value);
		if (matches.length === 0) throw notFound();
		if (matches.length > 1) return reply.code(300).send(matches.map((m) => recordUrl(version, def.name, m.Id)));
		return shapeRecord(def, matches[0], version, requestedFields(def, request.query.fields));
	});

	app.patch<{ Params: Params }>(`${BASE}/sobjects/:sobject/:id`, limit, async (request, reply) => {
		versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const rec = recordFromPath(org, def, request.params.id);
		org.store.update(def.name, rec.Id, bodyFields(def, request.body), { userId: userIdOf(request) });
		return reply.code(204).send();
	});

	app.delete<{ Params: Params }>(`${BASE}/sobjects/:sobject/:id`, async (request, reply) => {
		versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const rec = recordFromPath(org, def, request.params.id);
		org.store.delete(def.name, rec.Id, { userId: userIdOf(request) });
		return reply.code(204).send();
	});

	app.patch<{ Params: Params }>(`${BASE}/sobjects/:sobject/:field/:value`, limit, async (request, reply) => {
		const version = versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		const f = upsertField(def, request.params.field);
		const fields = bodyFields(def, request.body);
		// "Do not specify Id or an external ID field in the request body or an error is generated."
		const forbidden = new Set([f.name.toLowerCase(), 'id']);
		const inBody = Object.keys(fields).find((k) => forbidden.has(k.toLowerCase()));
		if (inBody !== undefined) {
			throw new SfError(400, 'INVALID_FIELD', `The ${inBody} field should not be specified in the sobject data.`);
		}
		const outcome = org.store.transaction(() => upsertOne(org, def, f, request.params.value, fields, userIdOf(request)));
		return sendUpsert(reply, outcome, version, def);
	});

	// "Insert using Id as the external id": POST /sobjects/{Obj}/Id with no value creates a record
	app.post<{ Params: Params }>(`${BASE}/sobjects/:sobject/:field`, limit, async (request, reply) => {
		versionOf(request);
		const def = objectFromPath(org, request.params.sobject);
		if (request.params.field.toLowerCase() !== 'id') throw notFound();
		const { Id: _id, id: _id2, ...fields } = bodyFields(def, request.body);
		const rec = org.store.insert(def.name, fields, { userId: userIdOf(request) });
		return reply.code(201).send(saveResult(rec.Id, true));
	});
}

function sendUpsert(reply: FastifyReply, outcome: UpsertOutcome, version: string, def: ObjectDef): FastifyReply {
	if (outcome.status === 300) {
		return reply.code(300).send((outcome.matches ?? []).map((m) => recordUrl(version, def.name, m.Id)));
	}
	const created = outcome.status === 201;
	// `created` is reported from API version 46.0; before that an update answers 204 with no body
	if (Number(version) < 46) {
		return created ? reply.code(201).send(saveResult(outcome.id ?? '')) : reply.code(204).send();
	}
	return reply.code(outcome.status).send(saveResult(outcome.id ?? '', created));
}
