import { Connection } from '@jsforce/jsforce-node';
import {
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import { isLoopbackHost, normalizeOrgUrl, OrgUrlError } from '../orgUrl';
import { CREDENTIAL_TYPES, DEFAULT_API_VERSION, MIN_API_VERSION, type AuthenticationMethod } from './constants';
import { CLIENT_CODES, SalesforceError } from './error';
import { MAX_URI_BYTES, queryPath, queryUriBytes } from './queryUrl';
import { errorFromResponse, errorFromThrown } from './responses';
import { N8nTransport, withRetries, type RawResponse, type RetryPolicy, type SendFn } from './transport';
import type {
	ApiUsage,
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
	private readonly describes = new Map<string, Promise<ObjectDescribe>>();
	private globalDescribe: Promise<GlobalObject[]> | undefined;
	private versions: Promise<string[]> | undefined;

	private constructor(
		readonly node: INode,
		private readonly conn: Connection,
		readonly apiVersion: string,
		readonly instanceUrl: string,
		private readonly send: SendFn,
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
		const sendOnce: SendFn = async (req) => {
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
				if (k.toLowerCase() !== 'authorization' && k.toLowerCase() !== 'content-length') headers[k] = v;
			}
			const request: IHttpRequestOptions = {
				method: req.method as IHttpRequestOptions['method'],
				url: req.url,
				headers,
				body: req.body as IHttpRequestOptions['body'],
				returnFullResponse: true,
				// every status reaches our own error parsing, except 401 which n8n answers with a token refresh
				ignoreHttpStatusErrors: { ignore: true, except: [401] },
				encoding: 'arraybuffer',
				json: false,
			};
			if (state.client) state.client.sent++;
			const response = (await ctx.helpers.httpRequestWithAuthentication
				.call(ctx, credentialType, request)
				.catch((error: unknown) => Promise.reject(errorFromThrown(error, authentication)))) as {
				statusCode: number;
				headers: unknown;
				body: unknown;
			};
			const out: RawResponse = { statusCode: response.statusCode, headers: lowerCaseHeaders(response.headers), body: bodyBuffer(response.body) };
			const client = state.client;
			if (client) {
				client.usage = parseLimitInfo(out.headers['sforce-limit-info']) ?? client.usage;
				const date = out.headers.date ? new Date(out.headers.date) : undefined;
				if (date && !Number.isNaN(date.getTime())) client.lastServerTime = date;
			}
			return out;
		};
		const send = withRetries(sendOnce, options.retryPolicy);
		// No accessToken and no refresh delegate: n8n signs and refreshes, jsforce must not race it
		const conn = new Connection({ instanceUrl, version: apiVersion });
		// jsforce has no public way to swap its HTTP layer; its private transport is the documented seam of its own tests
		(conn as unknown as { _transport: N8nTransport })._transport = new N8nTransport(send);
		state.client = new SalesforceClient(node, conn, apiVersion, instanceUrl, send);
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

	/** A JSON request of our own (writes): the raw answer, with a SalesforceError for every failure. */
	private async request(
		method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
		path: string,
		body?: unknown,
		opts: { write?: boolean; object?: string } = {},
	): Promise<RawResponse> {
		const url = path.startsWith('http') ? path : `${this.instanceUrl}${path}`;
		let res: RawResponse;
		try {
			res = await this.send({
				method,
				url,
				headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
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
}

export const RETRIEVE_BATCH_SIZE = 2000;


function authenticationOf(ctx: ClientContext): AuthenticationMethod {
	// load-options contexts read parameters without an item index
	if ('getCurrentNodeParameter' in ctx) {
		return (ctx.getCurrentNodeParameter('authentication') as AuthenticationMethod | undefined) ?? 'oAuth2';
	}
	return (ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'oAuth2') as AuthenticationMethod;
}
