import { createHash, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';

import type { Connection } from '@jsforce/jsforce-node';
import {
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import { isLoopbackHost, normalizeOrgUrl, OrgUrlError } from '../orgUrl';
import {
	DEFAULT_BULK_TIMEOUT_MS,
	ingestParts,
	ingestResults,
	queriedObject,
	queryColumns,
	readCsv,
	relationshipIdColumns,
	typedRecords,
	waitForJob,
	type IngestPart,
	type QueryColumn,
} from './bulk';
import { CREDENTIAL_TYPES, DEFAULT_API_VERSION, MIN_API_VERSION, type AuthenticationMethod } from './constants';
import { CLIENT_CODES, SalesforceError } from './error';
import { MAX_URI_BYTES, queryPath, queryUriBytes } from './queryUrl';
import { errorFromResponse, errorFromThrown } from './responses';
import { n8nTransport, withRetries, type RawResponse, type RetryPolicy, type SendFn } from './transport';
import type {
	ApiUsage,
	BulkIngestRequest,
	BulkIngestResult,
	BulkJobSummary,
	BulkQueryOptions,
	BulkQueryPage,
	BulkRecordResult,
	BulkWaitOptions,
	ContentVersionInput,
	GlobalObject,
	ObjectDescribe,
	QueryOptions,
	QueryPage,
	SalesforceRecord,
	SaveResult,
	WriteResponse,
} from './types';

export type ClientContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ClientOptions {
	authentication?: AuthenticationMethod;
	/** e.g. '62.0'; defaults to DEFAULT_API_VERSION */
	apiVersion?: string;
	retryPolicy?: RetryPolicy;
}

/** `Sforce-Limit-Info: api-usage=18/5000` */
export function parseLimitInfo(header: string | undefined): ApiUsage | undefined {
	const m = /(?:^|[\s,])api-usage=(\d+)\/(\d+)/.exec(header ?? '');
	return m ? { used: Number(m[1]), max: Number(m[2]) } : undefined;
}

/** '62', 'v62.0', '62.0' -> '62.0'; below 46.0 (sObject Collections upsert) or malformed: a clear error. */
export function normalizeApiVersion(version: string | undefined): string {
	const raw = (version ?? '').trim();
	const v = raw.replace(/^v/i, '');
	if (v === '') return DEFAULT_API_VERSION;
	const m = /^(\d{2,3})(?:\.0)?$/.exec(v);
	if (!m) {
		throw new SalesforceError({
			code: 'INVALID_API_VERSION',
			message: `The API version "${raw}" is not valid`,
			hint: `Use a Salesforce API version such as ${DEFAULT_API_VERSION} (Setup > Apex Classes > Version Settings lists what your org supports).`,
		});
	}
	if (Number(m[1]) < Number(MIN_API_VERSION)) {
		throw new SalesforceError({
			code: 'INVALID_API_VERSION',
			message: `The API version ${m[1]}.0 is too old for this node`,
			hint: `Use ${MIN_API_VERSION} or newer (sObject Collections upsert needs ${MIN_API_VERSION}); the default is ${DEFAULT_API_VERSION}.`,
		});
	}
	return `${m[1]}.0`;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
			out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
		}
	}
	return out;
}

function bodyBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
}

/** What the client's own HTTP exchange takes: jsforce's requests and file requests. */
interface Outgoing {
	method: string;
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	/** a file request: its Content-Length is exact and kept, redirects are not followed */
	file?: boolean;
}

/** A file request: the body is opened anew for every try, since a stream cannot be sent twice. */
interface FileRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: Record<string, string>;
	body?: () => Promise<Buffer | Readable>;
	/** keep a 2xx answer's body as a stream (downloads) */
	streamAnswer?: boolean;
}

/** A 2xx answer asked for as a stream has it in `stream`; every other answer is read into `body`. */
interface FileResponse extends RawResponse {
	stream?: Readable;
}

/** A file to upload: its exact size, and its bytes (a Buffer, or a fresh stream on every call). */
export interface FileBody {
	size: number;
	open(): Promise<Buffer | Readable>;
}

/** A ContentVersion's bytes as they arrive, checked against what Salesforce said about them. */
export interface FileDownload {
	stream: Readable;
	/** the Content-Type Salesforce sent, when it names a type (not a generic octet-stream) */
	contentType?: string;
}

/** An answer this recent proves the session for an upload (Salesforce's shortest session timeout is 15 minutes). */
const SESSION_PROVEN_MS = 5 * 60 * 1000;
/** Enough of an error answer to read Salesforce's error body; the rest is dropped. */
const ERROR_BODY_BYTES = 64 * 1024;
/** Slices a Buffer body is written in, so that no copy of the file is made */
const UPLOAD_CHUNK_BYTES = 64 * 1024;

function readBounded(stream: Readable, limit: number): Promise<Buffer> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const done = () => resolve(Buffer.concat(chunks, Math.min(size, limit)));
		stream.on('data', (chunk: Buffer) => {
			if (size < limit) chunks.push(chunk.subarray(0, limit - size));
			size += chunk.length;
			if (size >= limit) {
				stream.destroy();
				done();
			}
		});
		stream.on('end', done);
		// a broken error answer still leaves its status to report
		stream.on('error', done);
	});
}

/** RFC 7578 (as browsers do it): a quote, CR and LF in a part's file name are percent-encoded; other text stays UTF-8. */
function dispositionFileName(name: string): string {
	return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * "Insert or Update Blob Data": the record's fields as the JSON part `entity_content` first, then the file as
 * `VersionData` with its file name. Everything but the file's bytes, before and after them.
 */
function multipartFrame(boundary: string, fields: ContentVersionInput): { head: Buffer; tail: Buffer } {
	const json = JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
	const head =
		`--${boundary}\r\nContent-Disposition: form-data; name="entity_content"\r\nContent-Type: application/json\r\n\r\n${json}\r\n` +
		`--${boundary}\r\nContent-Disposition: form-data; name="VersionData"; filename="${dispositionFileName(fields.PathOnClient)}"\r\n` +
		'Content-Type: application/octet-stream\r\n\r\n';
	return { head: Buffer.from(head, 'utf8'), tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8') };
}

/**
 * The multipart body as a stream: the frame around the file's bytes, which pass through in the source's chunks (a
 * Buffer in slices of it), never joined. A source that fails or holds another number of bytes than announced stops
 * the body (the request then fails short of its Content-Length, so Salesforce saves nothing) with `failed` set.
 */
function multipartBody(frame: { head: Buffer; tail: Buffer }, file: Buffer | Readable, size: number, failed: (e: SalesforceError) => void): Readable {
	const fail = (message: string, cause?: unknown) => {
		const error = new SalesforceError({
			code: 'FILE_READ_FAILED',
			message,
			hint: "The file could not be read from n8n's binary data while it was sent; nothing was saved. Run the workflow again.",
			cause,
		});
		failed(error);
		return error;
	};
	async function* parts(): AsyncGenerator<Buffer> {
		yield frame.head;
		let sent = 0;
		if (Buffer.isBuffer(file)) {
			for (let i = 0; i < file.length; i += UPLOAD_CHUNK_BYTES) yield file.subarray(i, i + UPLOAD_CHUNK_BYTES);
			sent = file.length;
		} else {
			try {
				for await (const chunk of file) {
					const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
					sent += bytes.length;
					if (sent > size) break;
					yield bytes;
				}
			} catch (error) {
				throw fail(`Reading the file failed after ${sent} of ${size} bytes`, error);
			}
		}
		if (sent !== size) throw fail(`The file holds ${sent > size ? 'more' : 'fewer'} bytes than the ${size} its binary data announced`);
		yield frame.tail;
	}
	return Readable.from(parts(), { objectMode: false });
}

const GENERIC_TYPES = new Set(['application/octet-stream', 'application/octetstream', 'binary/octet-stream', 'application/download', 'application/force-download']);

/**
 * The bytes of a download, passed through unchanged while they are counted and hashed: more bytes than ContentSize,
 * fewer, another MD5 than Salesforce's Checksum, or a dropped connection fail the stream with a SalesforceError, so
 * whatever stores the stream (n8n's binary data) fails instead of keeping a damaged file.
 */
function verifiedDownload(source: Readable, id: string, expect: { size?: number; checksum?: string }): Readable {
	const md5 = createHash('md5');
	let bytes = 0;
	const broken = (code: string, message: string, hint: string, cause?: unknown) => new SalesforceError({ code, message, hint, object: 'ContentVersion', cause });
	const again = 'Run the workflow again; nothing was kept of the partial file.';
	const check = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			bytes += chunk.length;
			if (expect.size !== undefined && bytes > expect.size) {
				callback(broken('FILE_SIZE_MISMATCH', `The file ${id} sent more than its ${expect.size} bytes`, again));
				return;
			}
			md5.update(chunk);
			callback(null, chunk);
		},
		flush(callback) {
			if (expect.size !== undefined && bytes !== expect.size) {
				callback(broken('FILE_INCOMPLETE', `The download of ${id} ended after ${bytes} of its ${expect.size} bytes`, again));
				return;
			}
			if (expect.checksum && md5.digest('hex') !== expect.checksum.toLowerCase()) {
				callback(broken('CHECKSUM_MISMATCH', `The bytes downloaded for ${id} do not match Salesforce's MD5 checksum ${expect.checksum}`, again));
				return;
			}
			callback();
		},
	});
	source.on('error', (error: unknown) =>
		check.destroy(broken(CLIENT_CODES.NETWORK_ERROR, `The connection dropped while ${id} was downloading (after ${bytes} bytes)`, again, error)),
	);
	check.on('error', () => source.destroy());
	source.pipe(check);
	return check;
}

/** Where API calls go: the token's instance_url (OAuth2) or the validated org URL (fallback and named credential). */
export function resolveInstanceUrl(authentication: AuthenticationMethod, credentials: ICredentialDataDecryptedObject): string {
	const allowCustomDomain = credentials.allowCustomDomain === true;
	const url = String(credentials.url ?? '').trim();
	let configured: string | undefined;
	let refused: OrgUrlError | undefined;
	try {
		configured = url ? normalizeOrgUrl(url, { allowCustomDomain }) : undefined;
	} catch (error) {
		refused = error instanceof OrgUrlError ? error : new OrgUrlError(String(error), '');
	}
	if (refused) throw new SalesforceError({ code: CLIENT_CODES.URL_REFUSED, message: refused.message, hint: refused.hint });
	if (authentication === 'oAuth2') {
		const tokenData = credentials.oauthTokenData as { instance_url?: unknown } | undefined;
		const fromToken = typeof tokenData?.instance_url === 'string' && URL.canParse(tokenData.instance_url) ? new URL(tokenData.instance_url) : undefined;
		if (fromToken && (fromToken.protocol === 'https:' || isLoopbackHost(fromToken.hostname))) return fromToken.origin;
	}
	if (!configured) {
		throw new SalesforceError({
			code: CLIENT_CODES.URL_REFUSED,
			message: 'The connection has no org URL and its token has no instance URL',
			hint: 'Open the credential, enter your My Domain URL (Setup > My Domain > Current My Domain URL) and reconnect.',
		});
	}
	return configured;
}

function jsonOrUndefined(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** sObject Collections write answers: an array in input order of `{id, success, errors[{statusCode, message, fields}]}`. */
function parseSaveResults(res: RawResponse, expected: number, object?: string): SaveResult[] {
	const unexpected = () =>
		new SalesforceError({
			code: CLIENT_CODES.UNEXPECTED_RESPONSE,
			message: `Salesforce answered HTTP ${res.statusCode} without the per-record results it documents`,
			hint: 'The records may or may not have been saved: check them in Salesforce before running the workflow again.',
			status: res.statusCode,
			mayHaveCommitted: true,
			object,
		});
	const parsed = jsonOrUndefined(res.body);
	if (!Array.isArray(parsed) || parsed.length !== expected) throw unexpected();
	return parsed.map((r: unknown) => {
		if (!r || typeof r !== 'object' || typeof (r as { success?: unknown }).success !== 'boolean') throw unexpected();
		const v = r as { id?: unknown; success: boolean; created?: unknown; errors?: unknown };
		const errors = Array.isArray(v.errors) ? v.errors : [];
		return {
			id: typeof v.id === 'string' ? v.id : null,
			success: v.success,
			created: typeof v.created === 'boolean' ? v.created : undefined,
			errors: errors.map((e: { statusCode?: unknown; errorCode?: unknown; message?: unknown; fields?: unknown }) => ({
				code: String(e?.statusCode ?? e?.errorCode ?? 'UNKNOWN_ERROR'),
				message: typeof e?.message === 'string' ? e.message : 'Salesforce reported a failure without a message',
				fields: Array.isArray(e?.fields) ? e.fields.map(String) : [],
			})),
		};
	});
}

/**
 * The one Salesforce client every operation of both nodes uses. It offers domain methods only; jsforce (the HTTP API
 * layer for reads) stays private. Every request goes through n8n's authenticated request helper (n8n owns tokens,
 * refresh, proxies and SSRF rules), only to the org's own origin; describes are cached for the life of the client
 * (one execution); every failure leaves as a SalesforceError.
 */
export class SalesforceClient {
	private usage: ApiUsage | undefined;
	private lastServerTime: Date | undefined;
	private sent = 0;
	/** when the org last answered 2xx (host clock): the session was valid then */
	private lastAnswerAt: number | undefined;
	private readonly describes = new Map<string, Promise<ObjectDescribe>>();
	private globalDescribe: Promise<GlobalObject[]> | undefined;
	private versions: Promise<string[]> | undefined;

	private constructor(
		readonly node: INode,
		private readonly conn: Connection,
		readonly apiVersion: string,
		readonly instanceUrl: string,
		private readonly send: SendFn,
		private readonly sendFile: (req: FileRequest) => Promise<FileResponse>,
	) {}

	static async create(ctx: ClientContext, options: ClientOptions = {}): Promise<SalesforceClient> {
		const node = ctx.getNode();
		const authentication = options.authentication ?? authenticationOf(ctx);
		const credentialType = CREDENTIAL_TYPES[authentication];
		if (!credentialType) {
			throw new SalesforceError({
				code: 'INVALID_CONNECTION_TYPE',
				message: `Unknown connection type "${String(authentication)}"`,
				hint: 'Choose "Standard (OAuth2 Browser Flow)" or "Named Credential" as the connection.',
			});
		}
		const apiVersion = normalizeApiVersion(options.apiVersion);
		const credentials = await ctx.getCredentials(credentialType);
		const instanceUrl = resolveInstanceUrl(authentication, credentials);

		const state: { client?: SalesforceClient } = {};
		const exchange = async (req: Outgoing, encoding: 'arraybuffer' | 'stream'): Promise<{ statusCode: number; headers: Record<string, string>; body: unknown }> => {
			// the bearer token must never reach another host: only the org's origin is served
			if (!URL.canParse(req.url) || new URL(req.url).origin !== instanceUrl) {
				throw new SalesforceError({
					code: CLIENT_CODES.URL_REFUSED,
					message: `A request to ${URL.canParse(req.url) ? new URL(req.url).origin : 'an invalid URL'} was refused: only ${instanceUrl} is called`,
					hint: 'Salesforce pointed to another host. Check the connection URL; nothing was sent.',
				});
			}
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers ?? {})) {
				const key = k.toLowerCase();
				// jsforce's Content-Length is left to n8n's HTTP layer; a file body's exact length is ours to give
				if (key !== 'authorization' && (key !== 'content-length' || req.file === true)) headers[k] = v;
			}
			const request: IHttpRequestOptions = {
				method: req.method as IHttpRequestOptions['method'],
				url: req.url,
				headers,
				body: req.body as IHttpRequestOptions['body'],
				returnFullResponse: true,
				// every status reaches our own error parsing, except 401 which n8n answers with a token refresh
				ignoreHttpStatusErrors: { ignore: true, except: [401] },
				encoding,
				json: false,
				// a file goes out once: without redirects the body is written to the socket, not also kept to be replayed
				...(req.file === true ? { disableFollowRedirect: true } : {}),
			};
			if (state.client) state.client.sent++;
			const response = (await ctx.helpers.httpRequestWithAuthentication
				.call(ctx, credentialType, request)
				.catch((error: unknown) => Promise.reject(errorFromThrown(error, authentication)))) as {
				statusCode: number;
				headers: unknown;
				body: unknown;
			};
			const out = { statusCode: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
			const client = state.client;
			if (client) {
				if (out.statusCode < 300) client.lastAnswerAt = Date.now();
				client.usage = parseLimitInfo(out.headers['sforce-limit-info']) ?? client.usage;
				const date = out.headers.date ? new Date(out.headers.date) : undefined;
				if (date && !Number.isNaN(date.getTime())) client.lastServerTime = date;
			}
			return out;
		};
		const sendOnce: SendFn = async (req) => {
			const res = await exchange(req, 'arraybuffer');
			return { ...res, body: bodyBuffer(res.body) };
		};
		// files: the body is opened anew for every try; a streamed answer stays a stream unless it is an error
		const fileOnce = async (req: FileRequest): Promise<FileResponse> => {
			const body = req.body ? await req.body() : undefined;
			const res = await exchange({ ...req, body, file: true }, req.streamAnswer ? 'stream' : 'arraybuffer');
			if (!(res.body instanceof Readable)) return { ...res, body: bodyBuffer(res.body) };
			if (res.statusCode >= 300) return { ...res, body: await readBounded(res.body, ERROR_BODY_BYTES) };
			return { ...res, body: Buffer.alloc(0), stream: res.body };
		};
		const send = withRetries(sendOnce, options.retryPolicy);
		// No accessToken and no refresh delegate: n8n signs and refreshes, jsforce must not race it
		// loaded on first use: jsforce is most of the package's load time when n8n starts
		const { Connection } = await import('@jsforce/jsforce-node');
		const conn = new Connection({ instanceUrl, version: apiVersion });
		// jsforce has no public way to swap its HTTP layer; its private transport is the documented seam of its own tests
		(conn as unknown as { _transport: unknown })._transport = await n8nTransport(send);
		state.client = new SalesforceClient(node, conn, apiVersion, instanceUrl, send, withRetries(fileOnce, options.retryPolicy));
		return state.client;
	}

	/** The org's daily API usage as of the last response (`Sforce-Limit-Info`). */
	get apiUsage(): ApiUsage | undefined {
		return this.usage;
	}

	/** HTTP requests this client sent (retries included): what the execution spent of the daily limit. */
	get requestCount(): number {
		return this.sent;
	}

	/** The org's clock as of the last response (`Date` header, whole seconds); never the n8n host's clock. */
	get serverTime(): Date | undefined {
		return this.lastServerTime;
	}

	private restPath(path: string): string {
		return `/services/data/v${this.apiVersion}${path.startsWith('/') ? path : `/${path}`}`;
	}

	/** Salesforce refuses request URIs over 16,384 bytes (HTTP 414). */
	readonly maxUrlLength = MAX_URI_BYTES;

	/** The size in bytes of the request URI a query's first page is fetched from (the query model's rule). */
	queryUrlLength(soql: string, options: QueryOptions = {}): number {
		return queryUriBytes(soql, { apiVersion: this.apiVersion, queryAll: options.includeDeleted });
	}

	/**
	 * A request of our own (writes, Bulk API): the raw answer, with a SalesforceError for every failure. Bodies are JSON
	 * unless a content type is given (a string body is sent as it is: the CSV of a Bulk upload).
	 */
	private async request(
		method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
		path: string,
		body?: unknown,
		opts: { write?: boolean; object?: string; contentType?: string; accept?: string } = {},
	): Promise<RawResponse> {
		const url = path.startsWith('http') ? path : `${this.instanceUrl}${path}`;
		let res: RawResponse;
		try {
			res = await this.send({
				method,
				url,
				headers: { Accept: opts.accept ?? 'application/json', ...(body === undefined ? {} : { 'Content-Type': opts.contentType ?? 'application/json' }) },
				body: body === undefined ? undefined : typeof body === 'string' && opts.contentType ? body : JSON.stringify(body),
			});
		} catch (error) {
			const err = error instanceof SalesforceError ? error : errorFromThrown(error, 'oAuth2');
			// no answer to a write: it may have been saved
			throw opts.write && err.code === CLIENT_CODES.NETWORK_ERROR
				? err.with({
						code: CLIENT_CODES.OUTCOME_UNKNOWN,
						message: 'The connection dropped before Salesforce answered the write',
						mayHaveCommitted: true,
						hint: 'The connection dropped before Salesforce answered, so the records may or may not have been saved: check them in Salesforce before running the workflow again.',
						object: opts.object,
					})
				: err;
		}
		if (res.statusCode >= 300) throw await this.versionChecked(errorFromResponse(res, { write: opts.write, object: opts.object }));
		return res;
	}

	/** jsforce for reads: its errors become SalesforceErrors. */
	private async read<T>(fn: (conn: Connection) => Promise<T>, object?: string): Promise<T> {
		try {
			return await fn(this.conn);
		} catch (error) {
			const err = error instanceof SalesforceError ? error : errorFromThrown(error, 'oAuth2');
			throw await this.versionChecked(object ? err.with({ object }) : err);
		}
	}

	/** A 404 may mean the org does not serve this API version: say so rather than "not found". */
	private async versionChecked(err: SalesforceError): Promise<SalesforceError> {
		// jsforce's read errors carry no status, so the code decides
		if (err.code !== 'NOT_FOUND' && err.code !== 'ERROR_HTTP_404') return err;
		this.versions ??= this.send({ method: 'GET', url: `${this.instanceUrl}/services/data/`, headers: { Accept: 'application/json' } }).then(
			(res) => {
				const list = JSON.parse(res.body.toString('utf8')) as Array<{ version?: unknown }>;
				return Array.isArray(list) ? list.map((v) => String(v.version)) : [];
			},
			() => [],
		);
		const served = await this.versions;
		if (!served.length || served.includes(this.apiVersion)) return err;
		return new SalesforceError({
			code: CLIENT_CODES.API_VERSION_NOT_SERVED,
			message: `This org does not serve API version ${this.apiVersion}`,
			hint: `Set the node's API Version to one the org serves: ${served.slice(-3).join(', ')} (newest ${served[served.length - 1]}).`,
			status: 404,
		});
	}

	describeGlobal(): Promise<GlobalObject[]> {
		this.globalDescribe ??= this.read(async (c) => (await c.describeGlobal()).sobjects as GlobalObject[]);
		return this.globalDescribe;
	}

	/** Cached for the life of this client (one execution), failures too: 1,000 items naming a missing object cost one call. */
	describe(objectName: string): Promise<ObjectDescribe> {
		const key = objectName.toLowerCase();
		let p = this.describes.get(key);
		if (!p) {
			p = this.read(async (c) => (await c.describe(objectName)) as ObjectDescribe, objectName).catch((error: SalesforceError) => {
				if (error.code === 'NOT_FOUND' || error.code === 'INVALID_TYPE' || error.code === 'ERROR_HTTP_404') {
					throw new SalesforceError({
						code: 'INVALID_TYPE',
						message: `The object "${objectName}" does not exist in this org`,
						status: 404,
						object: objectName,
					});
				}
				throw error;
			});
			p.catch(() => undefined);
			this.describes.set(key, p);
		}
		// each caller gets an error object of its own (item indexes are attached later)
		return p.catch((error: SalesforceError) => Promise.reject(error.with({})));
	}

	/** A SOQL query as pages, following `nextRecordsUrl` until done; stop iterating to stop fetching. */
	async *query(soql: string, options: QueryOptions = {}): AsyncGenerator<QueryPage> {
		const headers: Record<string, string> = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : {};
		let url: string | undefined = queryPath(soql, { apiVersion: this.apiVersion, queryAll: options.includeDeleted });
		while (url) {
			const next: string = url;
			const page = await this.read(
				async (c) => await c.request<{ records?: SalesforceRecord[]; totalSize?: number; done?: boolean; nextRecordsUrl?: string }>({ method: 'GET', url: next, headers }),
			);
			if (!Array.isArray(page?.records)) {
				throw new SalesforceError({ code: CLIENT_CODES.UNEXPECTED_RESPONSE, message: 'Salesforce answered a query without records' });
			}
			yield { records: page.records, totalSize: Number(page.totalSize ?? page.records.length), done: page.done !== false };
			url = page.done === false && page.nextRecordsUrl ? page.nextRecordsUrl : undefined;
		}
	}

	/** Create records of any objects, up to 200 per call (Salesforce's limit). */
	async createRecords(records: Array<{ object: string; fields: Record<string, unknown> }>, allOrNone: boolean): Promise<WriteResponse> {
		const body = { allOrNone, records: records.map((r) => ({ attributes: { type: r.object }, ...r.fields })) };
		return await this.write('POST', this.restPath('/composite/sobjects'), body, records.length, records[0]?.object);
	}

	async updateRecords(records: Array<{ object: string; id: string; fields: Record<string, unknown> }>, allOrNone: boolean): Promise<WriteResponse> {
		const body = { allOrNone, records: records.map((r) => ({ attributes: { type: r.object }, ...r.fields, Id: r.id })) };
		return await this.write('PATCH', this.restPath('/composite/sobjects'), body, records.length, records[0]?.object);
	}

	/** Upsert records of one object matched on an external ID field (API 46.0+). */
	async upsertRecords(object: string, externalIdField: string, records: Array<Record<string, unknown>>, allOrNone: boolean): Promise<WriteResponse> {
		const body = { allOrNone, records: records.map((r) => ({ attributes: { type: object }, ...r })) };
		const path = this.restPath(`/composite/sobjects/${encodeURIComponent(object)}/${encodeURIComponent(externalIdField)}`);
		return await this.write('PATCH', path, body, records.length, object);
	}

	async deleteRecords(ids: string[], allOrNone: boolean, object?: string): Promise<WriteResponse> {
		const path = this.restPath(`/composite/sobjects?ids=${ids.map(encodeURIComponent).join(',')}&allOrNone=${allOrNone}`);
		return await this.write('DELETE', path, undefined, ids.length, object);
	}

	private async write(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, count: number, object?: string): Promise<WriteResponse> {
		const res = await this.request(method, path, body, { write: true, object });
		return { results: parseSaveResults(res, count, object), retried: (res.attempts ?? 1) > 1 };
	}

	/** Records of one object by id (a read-only POST, up to 2,000 ids per call); `null` where no record has the id. */
	async retrieveRecords(object: string, ids: string[], fields: string[]): Promise<Array<SalesforceRecord | null>> {
		const out: Array<SalesforceRecord | null> = [];
		for (const part of chunks(ids, RETRIEVE_BATCH_SIZE)) {
			const res = await this.request('POST', this.restPath(`/composite/sobjects/${encodeURIComponent(object)}`), { ids: part, fields }, { object });
			const parsed = jsonOrUndefined(res.body);
			if (!Array.isArray(parsed) || parsed.length !== part.length) {
				throw new SalesforceError({
					code: CLIENT_CODES.UNEXPECTED_RESPONSE,
					message: `Salesforce answered a retrieve of ${part.length} ${object} records without the documented list`,
					status: res.statusCode,
					object,
				});
			}
			out.push(...(parsed as Array<SalesforceRecord | null>));
		}
		return out;
	}

	/**
	 * Writes records of one object through Bulk API 2.0: one ingest job (more only when the CSV exceeds one upload),
	 * created, uploaded, closed, waited for and read back. Results are in input order, one per record. A failure before
	 * anything could be saved is thrown; after that, each record says what became of it: saved, Salesforce's error for
	 * it, not processed (not saved), or unknown with the job's id (the job did not finish in time, its results could
	 * not be read): never a plain failure that invites a retry.
	 */
	async bulkIngest(request: BulkIngestRequest, options: BulkWaitOptions = {}): Promise<BulkIngestResult> {
		if (!request.records.length) return { jobs: [], results: [] };
		const results: Array<BulkRecordResult | undefined> = new Array<BulkRecordResult | undefined>(request.records.length).fill(undefined);
		const jobs: BulkJobSummary[] = [];
		let parts: IngestPart[];
		try {
			parts = ingestParts(request.records);
		} catch (error) {
			throw error instanceof SalesforceError ? error.with({ object: request.object }) : error;
		}
		for (const [p, part] of parts.entries()) {
			let outcome: { job?: BulkJobSummary; results: BulkRecordResult[] };
			try {
				outcome = await this.ingestPart(request, part, options);
			} catch (error) {
				// nothing of this part was saved: the first part's failure is the whole call's
				const err = error instanceof SalesforceError ? error : errorFromThrown(error, 'oAuth2');
				if (p === 0) throw err;
				outcome = { results: part.rows.map(() => ({ ok: false, error: err })) };
			}
			if (outcome.job) jobs.push(outcome.job);
			part.indexes.forEach((index, k) => (results[index] = outcome.results[k]));
		}
		const missing = new SalesforceError({ code: CLIENT_CODES.OUTCOME_UNKNOWN, message: 'The Bulk API gave no result for this record', mayHaveCommitted: true, object: request.object });
		return { jobs, results: results.map((r) => r ?? { ok: false, error: missing }) };
	}

	/** One ingest job. Throws only while nothing can have been saved (the job was not closed). */
	private async ingestPart(request: BulkIngestRequest, part: IngestPart, options: BulkWaitOptions): Promise<{ job: BulkJobSummary; results: BulkRecordResult[] }> {
		const object = request.object;
		const base = this.restPath('/jobs/ingest');
		const created = jsonOrUndefined(
			(
				await this.request(
					'POST',
					base,
					{
						object,
						operation: request.operation,
						...(request.operation === 'upsert' ? { externalIdFieldName: request.externalIdField } : {}),
						contentType: 'CSV',
						columnDelimiter: 'COMMA',
						lineEnding: 'LF',
					},
					{ object },
				)
			).body,
		) as { id?: unknown } | undefined;
		if (typeof created?.id !== 'string') {
			throw new SalesforceError({ code: CLIENT_CODES.UNEXPECTED_RESPONSE, message: 'Salesforce created a Bulk API job without answering its id', object });
		}
		const jobId = created.id;
		const jobPath = `${base}/${jobId}`;
		const summary: BulkJobSummary = { id: jobId, state: 'Open', records: part.rows.length, timedOut: false };
		const abort = async () => await this.request('PATCH', jobPath, { state: 'Aborted' }, { object }).catch(() => undefined);
		try {
			await this.request('PUT', `${jobPath}/batches`, part.csv, { object, contentType: 'text/csv' });
		} catch (error) {
			// an Open job saves nothing; abort it so that it does not linger
			await abort();
			throw error instanceof SalesforceError ? error.with({ jobId }) : error;
		}
		const all = (error: SalesforceError) => part.rows.map((): BulkRecordResult => ({ ok: false, error, jobId }));
		const unknown = (message: string, hint: string) =>
			new SalesforceError({ code: CLIENT_CODES.OUTCOME_UNKNOWN, message, hint, mayHaveCommitted: true, object, jobId });
		const checkHint = `Find job ${jobId} in Salesforce (Setup > Bulk Data Load Jobs) and check its results before running the workflow again.`;
		try {
			await this.request('PATCH', jobPath, { state: 'UploadComplete' }, { object });
		} catch (error) {
			// the answer may be lost while the job was queued: its state tells
			const info = await this.bulkJobInfo(jobPath).catch(() => undefined);
			if (info?.state === 'Open') {
				await abort();
				throw error instanceof SalesforceError ? error.with({ jobId }) : error;
			}
			if (!info) return { job: { ...summary, state: 'unknown' }, results: all(unknown(`Bulk API job ${jobId} was uploaded but whether it started is unknown`, checkHint)) };
		}
		let waited: { info: BulkJobInfo; timedOut: boolean };
		try {
			waited = await waitForJob(async () => await this.bulkJobInfo(jobPath), options);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return { job: { ...summary, state: 'unknown' }, results: all(unknown(`Bulk API job ${jobId} could not be followed (${reason})`, checkHint)) };
		}
		const { info, timedOut } = waited;
		const job: BulkJobSummary = {
			...summary,
			state: String(info.state),
			numberRecordsProcessed: info.numberRecordsProcessed,
			numberRecordsFailed: info.numberRecordsFailed,
			errorMessage: info.errorMessage,
			timedOut,
		};
		if (timedOut) {
			const seconds = Math.round((options.timeoutMs ?? DEFAULT_BULK_TIMEOUT_MS) / 1000);
			const message = `Bulk API job ${jobId} did not finish within ${seconds} s (it is ${job.state}): whether this record was saved is unknown`;
			return { job, results: all(unknown(message, `Salesforce goes on processing it. ${checkHint} For larger loads raise the Bulk API Timeout option.`)) };
		}
		const processed = info.numberRecordsProcessed ?? part.rows.length;
		const failed = info.numberRecordsFailed ?? 0;
		let files: { successful?: string; failed?: string; unprocessed?: string };
		try {
			// each file costs an API call: only those the job's counts say are not empty
			const file = async (name: string) => (await this.request('GET', `${jobPath}/${name}/`, undefined, { object, accept: 'text/csv' })).body.toString('utf8');
			files = {
				successful: processed - failed > 0 || info.numberRecordsProcessed === undefined ? await file('successfulResults') : undefined,
				failed: failed > 0 || info.numberRecordsFailed === undefined ? await file('failedResults') : undefined,
				unprocessed: info.state !== 'JobComplete' || processed < part.rows.length ? await file('unprocessedrecords') : undefined,
			};
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return { job, results: all(unknown(`Bulk API job ${jobId} finished (${job.state}) but its results could not be read (${reason})`, checkHint)) };
		}
		const notProcessed = new SalesforceError({
			code: CLIENT_CODES.BULK_JOB_FAILED,
			message:
				info.state === 'JobComplete'
					? `Bulk API job ${jobId} did not process this record`
					: `Bulk API job ${jobId} ${info.state === 'Aborted' ? 'was aborted' : 'failed'} before it processed this record${info.errorMessage ? `: ${info.errorMessage}` : ''}`,
			hint: 'The record was not saved. Fix what the message names and run it again.',
			object,
			jobId,
		});
		const mapped = ingestResults(part, request.operation, jobId, files, { object, externalIdField: request.externalIdField, unprocessed: notProcessed });
		const noResult = unknown(`Salesforce's results of Bulk API job ${jobId} do not mention this record`, checkHint);
		return { job, results: mapped.map((r) => r ?? { ok: false, error: noResult, jobId }) };
	}

	/** A Bulk API job's info (`GET jobs/ingest/{id}` or `jobs/query/{id}`): its state and counts. */
	private async bulkJobInfo(jobPath: string): Promise<BulkJobInfo> {
		const info = jsonOrUndefined((await this.request('GET', jobPath)).body) as Record<string, unknown> | undefined;
		if (!info || typeof info.state !== 'string') {
			throw new SalesforceError({ code: CLIENT_CODES.UNEXPECTED_RESPONSE, message: 'Salesforce answered a Bulk API job look-up without its state' });
		}
		const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
		return {
			state: info.state,
			numberRecordsProcessed: count(info.numberRecordsProcessed),
			numberRecordsFailed: count(info.numberRecordsFailed),
			errorMessage: typeof info.errorMessage === 'string' ? info.errorMessage : undefined,
		};
	}

	/**
	 * A SOQL query run as a Bulk API 2.0 query job (API 47.0+): waits for the job, then yields its results page by page
	 * (`maxRecords` + `locator`; jsforce's own reader breaks beyond one page). Values are typed from the describes as
	 * REST's query types them (numbers, booleans, `…000+0000` datetimes, null for empty) and relationship columns come
	 * back nested (`Account: {Name}`, or null). Stop iterating to stop fetching. Bulk queries take no GROUP BY, OFFSET,
	 * aggregates, subqueries or compound fields (Salesforce refuses them when the job is created).
	 */
	async *bulkQuery(soql: string, options: BulkQueryOptions = {}): AsyncGenerator<BulkQueryPage> {
		if (Number(this.apiVersion) < 47) {
			throw new SalesforceError({
				code: 'INVALID_API_VERSION',
				message: `Bulk API 2.0 queries need API version 47.0 or newer (this node uses ${this.apiVersion})`,
				hint: `Set the node's API Version to 47.0 or newer; the default is ${DEFAULT_API_VERSION}.`,
			});
		}
		const name = options.object ?? queriedObject(soql);
		if (!name) throw new SalesforceError({ code: 'MALFORMED_QUERY', message: 'The query names no object to read (no FROM)' });
		const firstCall = this.sent;
		const root = await this.describe(name);
		const hidden = options.fieldPaths ? relationshipIdColumns(options.fieldPaths, options.ownPrefixes ?? [root.name]) : [];
		// the Ids go last in the field list (a Bulk query's list has no subquery, so its first FROM ends it), keeping the
		// columns, and so the keys, in REST's order; the rest of the text stays as written
		const sent = hidden.length ? soql.replace(/\s+FROM\s/i, (from) => `, ${hidden.join(', ')}${from}`) : soql;
		const describeColumns = async (header: string[]) => await queryColumns(root, header, async (n) => await this.describe(n));
		// every describe the typing needs, before the job exists: what is left of the budget is known
		if (options.fieldPaths) await describeColumns([...hidden, ...options.fieldPaths]);
		const pageSize = Math.max(1, Math.floor(options.pageSize ?? BULK_QUERY_PAGE_SIZE));
		let maxPolls = options.maxPolls;
		if (options.maxCalls !== undefined) {
			const expected = Math.min(options.expectedRecords ?? pageSize, options.maxRecords ?? Infinity);
			const left = options.maxCalls - (this.sent - firstCall) - 1 - Math.max(1, Math.ceil(expected / pageSize));
			if (left < 1) {
				throw new SalesforceError({
					code: CLIENT_CODES.BULK_CALL_BUDGET,
					message: `A Bulk API query job would need more than ${options.maxCalls} API calls here`,
					object: root.name,
				});
			}
			maxPolls = Math.min(maxPolls ?? left, left);
		}
		const base = this.restPath('/jobs/query');
		const body = { operation: options.includeDeleted ? 'queryAll' : 'query', query: sent, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' };
		const created = jsonOrUndefined((await this.request('POST', base, body, { object: root.name })).body) as { id?: unknown } | undefined;
		if (typeof created?.id !== 'string') {
			throw new SalesforceError({ code: CLIENT_CODES.UNEXPECTED_RESPONSE, message: 'Salesforce created a Bulk API query job without answering its id', object: root.name });
		}
		const jobId = created.id;
		const jobPath = `${base}/${jobId}`;
		const waitStart = Date.now();
		const { info, timedOut } = await waitForJob(async () => await this.bulkJobInfo(jobPath), { ...options, maxPolls });
		if (timedOut) {
			// a read loses nothing when stopped: no job is left running for nobody
			await this.request('PATCH', jobPath, { state: 'Aborted' }, { object: root.name }).catch(() => undefined);
			const timeoutMs = options.timeoutMs ?? DEFAULT_BULK_TIMEOUT_MS;
			const waited = Date.now() - waitStart < timeoutMs ? `after ${maxPolls} looks` : `within ${Math.round(timeoutMs / 1000)} s`;
			throw new SalesforceError({
				code: CLIENT_CODES.BULK_JOB_TIMEOUT,
				message: `Bulk API query job ${jobId} did not finish ${waited} (it was ${info.state}); it was aborted`,
				hint: 'Narrow the query with a filter, raise the Bulk API Timeout option, or set Bulk API to Never to read through REST.',
				object: root.name,
				jobId,
			});
		}
		if (info.state !== 'JobComplete') {
			throw new SalesforceError({
				code: CLIENT_CODES.BULK_JOB_FAILED,
				message: `Bulk API query job ${jobId} ${info.state === 'Aborted' ? 'was aborted' : 'failed'}${info.errorMessage ? `: ${info.errorMessage}` : ''}`,
				hint: 'Set Bulk API to Never to read the same query through REST.',
				object: root.name,
				jobId,
			});
		}
		let remaining = options.maxRecords ?? Infinity;
		let locator: string | undefined;
		let columns: QueryColumn[] | undefined;
		while (remaining > 0) {
			const query = `?maxRecords=${Math.min(pageSize, remaining)}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
			const res = await this.request('GET', `${jobPath}/results${query}`, undefined, { object: root.name, accept: 'text/csv' });
			const rows = readCsv(res.body.toString('utf8'));
			columns ??= await describeColumns(rows[0] ?? []);
			const next = res.headers['sforce-locator'];
			const records = typedRecords(columns, rows.slice(1, 1 + Math.min(remaining, rows.length)), root.name, this.apiVersion, hidden);
			remaining -= records.length;
			const done = !next || next === 'null' || remaining <= 0;
			yield { records, jobId, totalSize: info.numberRecordsProcessed ?? 0, done };
			if (done) return;
			locator = next;
		}
	}

	/** `GET /limits`: the org's limits, e.g. DailyApiRequests {Max, Remaining}. */
	async limits(): Promise<Record<string, { Max: number; Remaining: number }>> {
		return await this.read(async (c) => await c.request<Record<string, { Max: number; Remaining: number }>>(this.restPath('/limits')));
	}

	/** The connected user (OpenID Connect userinfo). */
	async userInfo(): Promise<Record<string, unknown>> {
		const res = await this.request('GET', '/services/oauth2/userinfo');
		const info = jsonOrUndefined(res.body);
		if (!info || typeof info !== 'object') {
			throw new SalesforceError({ code: CLIENT_CODES.UNEXPECTED_RESPONSE, message: 'The identity service answered without JSON', status: res.statusCode });
		}
		return info as Record<string, unknown>;
	}

	/** A record's binary field, e.g. `ContentVersion/{id}/VersionData`: the raw bytes. */
	async downloadBlob(object: string, id: string, field: string): Promise<{ body: Buffer; contentType?: string }> {
		const res = await this.request('GET', this.restPath(`/sobjects/${encodeURIComponent(object)}/${encodeURIComponent(id)}/${encodeURIComponent(field)}`), undefined, { object });
		return { body: res.body, contentType: res.headers['content-type'] };
	}

	/**
	 * Creates a ContentVersion (a new file, or with ContentDocumentId a new version of one) from a file streamed as
	 * multipart/form-data in Salesforce's documented order. Never repeated after it may have reached Salesforce, except
	 * after a 401: n8n has refreshed the token then but cannot send a consumed stream again, and a 401 saved nothing.
	 */
	async uploadContentVersion(fields: ContentVersionInput, file: FileBody): Promise<{ id: string }> {
		// An expired session can make Salesforce close the connection on the unread body instead of answering 401, which
		// would look like an upload whose outcome is unknown. So the session is proven first (n8n refreshes it on that
		// call's 401) unless the org answered moments ago: one small call per execution, none per further file.
		if (this.lastAnswerAt === undefined || Date.now() - this.lastAnswerAt > SESSION_PROVEN_MS) await this.request('GET', this.restPath('/'));
		const boundary = `n8nSalesforceConnector${randomBytes(16).toString('hex')}`;
		const frame = multipartFrame(boundary, fields);
		let sourceError: SalesforceError | undefined;
		const req: FileRequest = {
			method: 'POST',
			url: `${this.instanceUrl}${this.restPath('/sobjects/ContentVersion')}`,
			headers: {
				Accept: 'application/json',
				'Content-Type': `multipart/form-data; boundary=${boundary}`,
				'Content-Length': String(frame.head.length + file.size + frame.tail.length),
			},
			body: async () => multipartBody(frame, await file.open(), file.size, (e) => (sourceError = e)),
		};
		let res: FileResponse | undefined;
		for (let attempt = 1; !res; attempt++) {
			try {
				res = await this.sendFile(req);
			} catch (error) {
				if (sourceError) throw sourceError;
				const err = error instanceof SalesforceError ? error : errorFromThrown(error, 'oAuth2');
				if (attempt === 1 && err.status === 401) continue;
				throw err.code === CLIENT_CODES.NETWORK_ERROR
					? err.with({
							code: CLIENT_CODES.OUTCOME_UNKNOWN,
							message: 'The connection dropped before Salesforce answered the upload',
							mayHaveCommitted: true,
							hint: "The file may or may not have been saved: check the record's files in Salesforce before running the workflow again.",
							object: 'ContentVersion',
						})
					: err;
			}
		}
		if (res.statusCode >= 300) throw await this.versionChecked(errorFromResponse(res, { write: true, object: 'ContentVersion' }));
		const parsed = jsonOrUndefined(res.body) as { id?: unknown } | undefined;
		if (typeof parsed?.id !== 'string') {
			throw new SalesforceError({
				code: CLIENT_CODES.UNEXPECTED_RESPONSE,
				message: `Salesforce answered the upload with HTTP ${res.statusCode} but without the new file's ID`,
				hint: "The file may or may not have been saved: check the record's files in Salesforce before running the workflow again.",
				status: res.statusCode,
				mayHaveCommitted: true,
				object: 'ContentVersion',
			});
		}
		return { id: parsed.id };
	}

	/**
	 * A ContentVersion's bytes as a stream (`GET .../ContentVersion/{id}/VersionData`), for n8n's binary data to store
	 * as they arrive. `expect` (ContentSize, Checksum) is checked on the way: a short, long or damaged download fails
	 * the stream.
	 */
	async downloadContentVersion(id: string, expect: { size?: number; checksum?: string } = {}): Promise<FileDownload> {
		const path = this.restPath(`/sobjects/ContentVersion/${encodeURIComponent(id)}/VersionData`);
		let res: FileResponse;
		try {
			res = await this.sendFile({ method: 'GET', url: `${this.instanceUrl}${path}`, headers: { Accept: '*/*' }, streamAnswer: true });
		} catch (error) {
			const err = error instanceof SalesforceError ? error : errorFromThrown(error, 'oAuth2');
			throw await this.versionChecked(err.with({ object: 'ContentVersion' }));
		}
		if (res.statusCode >= 300 || !res.stream) throw await this.versionChecked(errorFromResponse(res, { object: 'ContentVersion' }));
		const type = res.headers['content-type']?.split(';')[0].trim().toLowerCase();
		return { stream: verifiedDownload(res.stream, id, expect), contentType: type && !GENERIC_TYPES.has(type) ? type : undefined };
	}
}

export const RETRIEVE_BATCH_SIZE = 2000;
/** Records per Bulk API query results page unless asked otherwise (`maxRecords`) */
export const BULK_QUERY_PAGE_SIZE = 50_000;

interface BulkJobInfo {
	state: string;
	numberRecordsProcessed?: number;
	numberRecordsFailed?: number;
	errorMessage?: string;
}


function authenticationOf(ctx: ClientContext): AuthenticationMethod {
	// load-options contexts read parameters without an item index
	if ('getCurrentNodeParameter' in ctx) {
		return (ctx.getCurrentNodeParameter('authentication') as AuthenticationMethod | undefined) ?? 'oAuth2';
	}
	return (ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'oAuth2') as AuthenticationMethod;
}
