/**
 * Files: ContentVersion bodies by JSON (base64 VersionData) or multipart/form-data, the ContentDocument and
 * ContentDocumentLink records Salesforce creates alongside, new versions via ContentDocumentId, and the raw
 * bytes at /sobjects/ContentVersion/{id}/VersionData.
 */
import { createHash } from 'node:crypto';

import type { Readable } from 'node:stream';

import type { FastifyInstance, FastifyReply } from 'fastify';

import { SfError } from '../errors';
import { isIdFormat, to15 } from '../ids';
import type { Org } from '../org';
import type { FieldDef, ObjectDef, StoredRecord } from '../schema/types';
import type { InsertHookContext, RecordStore } from '../store';
import { fieldByName } from '../validation';

/**
 * "Insert or Update Blob Data": multipart uploads up to 2 GB for ContentVersion (500 MB for other objects). The
 * sandbox keeps files in memory and takes multipart bodies up to 64 MiB (413 beyond).
 */
export const MULTIPART_BODY_LIMIT = 64 * 1024 * 1024;

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export interface MultipartBody {
	kind: 'multipart';
	parts: MultipartPart[];
}

export function isMultipartBody(body: unknown): body is MultipartBody {
	return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'multipart' && Array.isArray((body as MultipartBody).parts);
}

function multipartError(message: string): SfError {
	return new SfError(400, 'INVALID_MULTIPART_REQUEST', message);
}

/** Reads a `name="x"` / `filename="y"` parameter of a Content-Disposition header. */
function dispositionParam(header: string, key: string): string | undefined {
	const m = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ?? new RegExp(`(?:^|;)\\s*${key}=([^;\\s]+)`, 'i').exec(header);
	return m ? m[1].replace(/\\(.)/g, '$1') : undefined;
}

/** Splits a multipart/form-data body (RFC 7578) into its parts; bodies stay binary. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
	const bm = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundary = bm?.[1] ?? bm?.[2];
	if (!boundary) throw multipartError('Missing boundary in the Content-Type header');
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: MultipartPart[] = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw multipartError('Multipart message has no parts');
	for (;;) {
		pos += delimiter.length;
		// `--` after a delimiter ends the message
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
		else if (body[pos] === 0x0a) pos += 1;
		else throw multipartError('Malformed multipart delimiter');
		let headerEnd = body.indexOf('\r\n\r\n', pos);
		let sep = 4;
		const lfEnd = body.indexOf('\n\n', pos);
		if (headerEnd < 0 || (lfEnd >= 0 && lfEnd < headerEnd)) {
			headerEnd = lfEnd;
			sep = 2;
		}
		if (headerEnd < 0) throw multipartError('Malformed multipart part headers');
		const headers = new Map<string, string>();
		for (const line of body.subarray(pos, headerEnd).toString('utf8').split(/\r?\n/)) {
			const colon = line.indexOf(':');
			if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
		}
		const start = headerEnd + sep;
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
		const nextLf = next < 0 ? body.indexOf(Buffer.concat([Buffer.from('\n'), delimiter]), start) : -1;
		if (next < 0 && nextLf < 0) throw multipartError('Multipart message is not terminated');
		const end = next >= 0 ? next : nextLf;
		const disposition = headers.get('content-disposition') ?? '';
		parts.push({
			name: dispositionParam(disposition, 'name') ?? '',
			filename: dispositionParam(disposition, 'filename'),
			contentType: headers.get('content-type'),
			data: body.subarray(start, end),
		});
		pos = end + (next >= 0 ? 2 : 1);
	}
	return parts;
}

/**
 * The record fields of a multipart create: the JSON part (documented name `entity_content`; jsforce names it after
 * the sObject) plus each binary part, named after its base64 field, as a Buffer. Either order is accepted.
 */
export function entityFromMultipart(def: ObjectDef, body: MultipartBody): Record<string, unknown> {
	// Named entity_content (documented) or after the sObject (jsforce); a browser FormData Blob also gets a filename
	const isJsonPart = (p: MultipartPart) =>
		/^entity_/i.test(p.name) || p.name.toLowerCase() === def.name.toLowerCase() || (p.filename === undefined && /json/i.test(p.contentType ?? ''));
	const jsonPart = body.parts.find(isJsonPart);
	if (!jsonPart) throw multipartError(`Missing the entity_content part with the ${def.name} fields`);
	let fields: unknown;
	try {
		fields = JSON.parse(jsonPart.data.toString('utf8'));
	} catch {
		throw new SfError(400, 'JSON_PARSER_ERROR', 'The entity_content part is not valid JSON');
	}
	if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
		throw new SfError(400, 'JSON_PARSER_ERROR', 'The entity_content part must be a JSON object');
	}
	const out: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
	delete out.attributes;
	for (const p of body.parts) {
		if (p === jsonPart) continue;
		const f = fieldByName(def, p.name);
		if (!f || f.type !== 'base64') throw multipartError(`Unexpected part '${p.name}': it does not name a base64 field of ${def.name}`);
		// the part's bytes as they sit in the request body: no second copy of a large file
		out[f.name] = p.data;
	}
	return out;
}

export function sendBlob(org: Org, reply: FastifyReply, def: ObjectDef, rec: StoredRecord, f: FieldDef): FastifyReply {
	const data = org.store.getBlob(rec.Id, f.name);
	if (!data) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
	return reply.code(200).type('application/octet-stream').send(data);
}

const FILE_TYPES: Record<string, string> = {
	pdf: 'PDF',
	png: 'PNG',
	jpg: 'JPG',
	jpeg: 'JPEG',
	gif: 'GIF',
	txt: 'TEXT',
	csv: 'CSV',
	doc: 'WORD',
	docx: 'WORD_X',
	xls: 'EXCEL',
	xlsx: 'EXCEL_X',
	ppt: 'POWER_POINT',
	pptx: 'POWER_POINT_X',
	zip: 'ZIP',
	html: 'HTML',
	xml: 'XML',
	json: 'JSON',
	mp4: 'MP4',
};

export function fileExtension(pathOnClient: unknown): string | null {
	if (typeof pathOnClient !== 'string') return null;
	const base = pathOnClient.split(/[\\/]/).pop() ?? '';
	const dot = base.lastIndexOf('.');
	return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
}

/** Sets only the fields the object's schema has, so the side effects follow whatever the schema models. */
function pick(store: RecordStore, objectName: string, values: Record<string, unknown>): Record<string, unknown> {
	const def = store.schemas.get(objectName);
	if (!def) return values;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(values)) {
		const f = fieldByName(def, k);
		if (f) out[f.name] = v;
	}
	return out;
}

/** ContentVersion create side effects, as Salesforce performs them in the same transaction. */
export function installContentVersionHooks(store: RecordStore): void {
	if (!store.schemas.get('ContentVersion')) return;
	const hasDocs = store.schemas.get('ContentDocument') !== undefined;
	const hasLinks = store.schemas.get('ContentDocumentLink') !== undefined;
	const newDocuments = new WeakSet<StoredRecord>();

	store.setHooks('ContentVersion', {
		beforeInsert({ store: s, record, userId }: InsertHookContext) {
			const data = record.VersionData;
			if (Buffer.isBuffer(data)) {
				record.ContentSize = data.length;
				record.Checksum = createHash('md5').update(data).digest('hex');
			}
			const ext = fileExtension(record.PathOnClient);
			record.FileExtension = ext;
			record.FileType = ext ? (FILE_TYPES[ext] ?? 'UNKNOWN') : 'UNKNOWN';
			if ((record.Title === null || record.Title === undefined) && typeof record.PathOnClient === 'string') {
				const base = record.PathOnClient.split(/[\\/]/).pop() ?? record.PathOnClient;
				record.Title = ext ? base.slice(0, -(ext.length + 1)) : base;
			}
			// "Object Reference: ContentVersion": a document has its file (VersionData), a link its ContentUrl
			const hasUrl = typeof record.ContentUrl === 'string' && record.ContentUrl !== '';
			if (!Buffer.isBuffer(data) && !hasUrl) {
				throw new SfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [VersionData]', ['VersionData']);
			}
			if (hasUrl && !Buffer.isBuffer(data)) record.FileType = 'LINK';
			record.IsLatest = true;
			if (!hasDocs) {
				record.VersionNumber = '1';
				return;
			}
			const docId = record.ContentDocumentId;
			if (docId === null || docId === undefined) {
				const doc = s.insertSystem(
					'ContentDocument',
					pick(s, 'ContentDocument', {
						Title: record.Title,
						FileExtension: record.FileExtension,
						FileType: record.FileType,
						ContentSize: record.ContentSize,
						OwnerId: record.OwnerId ?? userId,
						PublishStatus: 'P',
					}),
					userId,
				);
				record.ContentDocumentId = doc.Id;
				record.VersionNumber = '1';
				newDocuments.add(record);
				return;
			}
			const doc = s.getById(String(docId));
			if (!doc || doc.objectName !== 'ContentDocument') {
				throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['ContentDocumentId']);
			}
			if (record.FirstPublishLocationId !== null && record.FirstPublishLocationId !== undefined) {
				throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'You cannot set FirstPublishLocationId when adding a new version to a document', [
					'FirstPublishLocationId',
				]);
			}
			let max = 0;
			for (const v of s.records('ContentVersion')) {
				if (v.ContentDocumentId !== doc.record.Id) continue;
				max = Math.max(max, Number(v.VersionNumber) || 0);
				if (v.IsLatest === true) s.patchSystem(v.Id, { IsLatest: false });
			}
			record.VersionNumber = String(max + 1);
		},
		afterInsert({ store: s, record, userId }: InsertHookContext) {
			if (!hasDocs) return;
			const docId = String(record.ContentDocumentId);
			s.patchSystem(
				docId,
				pick(s, 'ContentDocument', {
					LatestPublishedVersionId: record.Id,
					Title: record.Title,
					FileExtension: record.FileExtension,
					FileType: record.FileType,
					ContentSize: record.ContentSize,
					LastModifiedDate: record.LastModifiedDate,
					SystemModstamp: record.SystemModstamp,
				}),
			);
			if (!hasLinks || !newDocuments.has(record)) return;
			const owner = String(record.OwnerId ?? userId);
			s.insertSystem('ContentDocumentLink', pick(s, 'ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: owner, ShareType: 'I', Visibility: 'AllUsers' }), userId);
			const location = record.FirstPublishLocationId;
			if (typeof location === 'string' && location !== '' && location.slice(0, 15) !== owner.slice(0, 15)) {
				s.insertSystem('ContentDocumentLink', pick(s, 'ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: location, ShareType: 'V', Visibility: 'AllUsers' }), userId);
			}
		},
	});
}

/**
 * What deleting and linking files does ("Object Reference: ContentDocument", "Object Reference:
 * ContentDocumentLink"): deleting a document deletes its versions and links; a document is linked to an entity at
 * most once; the owner's link stays as long as the document does.
 */
export function installContentDocumentHooks(store: RecordStore): void {
	if (store.schemas.get('ContentDocument') && store.schemas.get('ContentDocumentLink')) {
		store.setHooks('ContentDocument', {
			afterDelete({ store: s, record }: InsertHookContext) {
				const stamp = { IsDeleted: true, SystemModstamp: record.SystemModstamp };
				const docId = to15(record.Id);
				const versions = [...s.records('ContentVersion')].filter((v) => typeof v.ContentDocumentId === 'string' && to15(v.ContentDocumentId) === docId);
				const links = [...s.records('ContentDocumentLink')].filter((l) => typeof l.ContentDocumentId === 'string' && to15(l.ContentDocumentId) === docId);
				// through patchSystem, so a rolled-back transaction (composite allOrNone) brings them back
				for (const r of [...versions, ...links]) s.patchSystem(r.Id, stamp);
			},
		});
	}
	if (!store.schemas.get('ContentDocumentLink')) return;
	store.setHooks('ContentDocumentLink', {
		beforeInsert({ store: s, record }: InsertHookContext) {
			const docId = record.ContentDocumentId;
			const entityId = record.LinkedEntityId;
			if (typeof docId !== 'string' || typeof entityId !== 'string' || !isIdFormat(docId) || !isIdFormat(entityId)) return;
			for (const l of s.records('ContentDocumentLink')) {
				if (to15(String(l.ContentDocumentId)) === to15(docId) && to15(String(l.LinkedEntityId)) === to15(entityId)) {
					throw new SfError(400, 'DUPLICATE_VALUE', `duplicate value found: ContentDocumentId, LinkedEntityId duplicates value on record with id: ${l.Id}`, []);
				}
			}
		},
		beforeDelete({ store: s, record }: InsertHookContext) {
			const doc = typeof record.ContentDocumentId === 'string' ? s.get(record.ContentDocumentId) : undefined;
			const owner = doc?.OwnerId;
			if (typeof owner === 'string' && typeof record.LinkedEntityId === 'string' && to15(owner) === to15(record.LinkedEntityId)) {
				throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', "You can't remove the owner's link to a file: delete the file (ContentDocument) instead", ['LinkedEntityId']);
			}
		},
	});
}

function tooLarge(): SfError {
	return new SfError(413, 'REQUEST_ENTITY_TOO_LARGE', `Request entity too large: the sandbox takes multipart bodies up to ${MULTIPART_BODY_LIMIT} bytes`);
}

/**
 * Reads a request body of at most `limit` bytes. With a Content-Length the bytes go straight into one buffer of that
 * size (a 15 MB upload costs about 15 MB); without one the chunks are joined once at the end.
 */
export function readBody(stream: Readable, declared: number | undefined, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		if (declared !== undefined && declared > limit) {
			stream.resume();
			reject(tooLarge());
			return;
		}
		const whole = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
		const chunks: Buffer[] = [];
		let received = 0;
		let failed = false;
		stream.on('data', (chunk: Buffer) => {
			if (failed) return;
			if (received + chunk.length > (declared ?? limit)) {
				failed = true;
				reject(declared !== undefined ? new SfError(400, 'INVALID_MULTIPART_REQUEST', 'The body is longer than its Content-Length') : tooLarge());
				stream.resume();
				return;
			}
			if (whole) chunk.copy(whole, received);
			else chunks.push(chunk);
			received += chunk.length;
		});
		stream.on('error', (e) => {
			failed = true;
			reject(e);
		});
		stream.on('end', () => {
			if (failed) return;
			resolve(whole ? whole.subarray(0, received) : Buffer.concat(chunks, received));
		});
	});
}

export function registerFileRoutes(app: FastifyInstance, org: Org): void {
	installContentVersionHooks(org.store);
	installContentDocumentHooks(org.store);
	// Multipart bodies are read into one buffer and handed to the sObject routes as a MultipartBody whose parts are
	// views of it (the file is not copied again)
	app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
		const length = request.headers['content-length'];
		const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
		readBody(payload, declared, MULTIPART_BODY_LIMIT).then(
			(body) => {
				try {
					done(null, { kind: 'multipart', parts: parseMultipart(body, String(request.headers['content-type'] ?? '')) } satisfies MultipartBody);
				} catch (e) {
					done(e as Error, undefined);
				}
			},
			(e: Error) => done(e, undefined),
		);
	});
	// "Object Reference: ContentVersion": no delete() call; the REST resource has no DELETE (delete the ContentDocument)
	app.addHook('preHandler', async (request) => {
		if (request.method !== 'DELETE' || request.routeOptions.url !== '/services/data/:version/sobjects/:sobject/:id') return;
		if ((request.params as { sobject?: string }).sobject?.toLowerCase() === 'contentversion') {
			throw new SfError(405, 'METHOD_NOT_ALLOWED', "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH");
		}
	});
}
