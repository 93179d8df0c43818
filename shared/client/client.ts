import { Connection } from '@jsforce/jsforce-node';
import type { DescribeGlobalResult, DescribeSObjectResult } from '@jsforce/jsforce-node/lib/types';
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import { salesforceApiError, translateError } from '../errors';
import { isLoopbackHost, normalizeOrgUrl, OrgUrlError } from '../orgUrl';
import { CREDENTIAL_TYPES, DEFAULT_API_VERSION, type AuthenticationMethod } from './constants';
import { N8nTransport, withRetries, type RawResponse, type RetryPolicy, type SendFn } from './transport';

export type ClientContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ApiUsage {
	used: number;
	max: number;
}

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

function normalizeApiVersion(node: INode, version: string | undefined): string {
	const v = (version ?? '').trim().replace(/^v/i, '');
	if (v === '') return DEFAULT_API_VERSION;
	if (!/^\d{2}\.0$/.test(v)) {
		throw new NodeOperationError(node, `The API version "${version}" is not valid`, {
			description: `Use a Salesforce API version such as ${DEFAULT_API_VERSION} (Setup > Apex Classes > Version Settings lists what your org supports).`,
		});
	}
	return v;
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

/** Where API calls go: the token's instance_url (OAuth2) or the validated org URL (fallback and named credential). */
export function resolveInstanceUrl(
	node: INode,
	authentication: AuthenticationMethod,
	credentials: ICredentialDataDecryptedObject,
): string {
	const allowCustomDomain = credentials.allowCustomDomain === true;
	const url = String(credentials.url ?? '').trim();
	let configured: string | undefined;
	try {
		configured = url ? normalizeOrgUrl(url, { allowCustomDomain }) : undefined;
	} catch (error) {
		const e = error instanceof OrgUrlError ? error : new OrgUrlError(String(error), '');
		throw new NodeOperationError(node, e.message, { description: e.hint });
	}
	if (authentication === 'oAuth2') {
		const tokenData = credentials.oauthTokenData as { instance_url?: unknown } | undefined;
		const fromToken = typeof tokenData?.instance_url === 'string' ? tokenData.instance_url : undefined;
		if (fromToken) {
			const parsed = new URL(fromToken);
			if (parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname)) return parsed.origin;
		}
	}
	if (!configured) {
		throw new NodeOperationError(node, 'The connection has no org URL and its token has no instance URL', {
			description:
				'Open the credential, enter your My Domain URL (Setup > My Domain > Current My Domain URL) and reconnect.',
		});
	}
	return configured;
}

/**
 * The one Salesforce client every operation of both nodes uses: jsforce for the API, its HTTP routed through n8n's
 * authenticated request helper (so n8n owns tokens, refresh, proxy and SSRF rules), describes cached for the life
 * of the client (one execution), API usage read from every response.
 */
export class SalesforceClient {
	/** The org's daily API usage as of the last response (`Sforce-Limit-Info`) */
	apiUsage: ApiUsage | undefined;
	private readonly describes = new Map<string, Promise<DescribeSObjectResult>>();
	private globalDescribe: Promise<DescribeGlobalResult> | undefined;

	private constructor(
		readonly node: INode,
		readonly conn: Connection,
		readonly apiVersion: string,
		readonly instanceUrl: string,
		private readonly send: SendFn,
	) {}

	static async create(ctx: ClientContext, options: ClientOptions = {}): Promise<SalesforceClient> {
		const node = ctx.getNode();
		const authentication = options.authentication ?? authenticationOf(ctx);
		const credentialType = CREDENTIAL_TYPES[authentication];
		if (!credentialType) {
			throw new NodeOperationError(node, `Unknown connection type "${String(authentication)}"`, {
				description: 'Choose "Standard (OAuth2 Browser Flow)" or "Named Credential" as the connection.',
			});
		}
		const credentials = await ctx.getCredentials(credentialType);
		const instanceUrl = resolveInstanceUrl(node, authentication, credentials);
		const apiVersion = normalizeApiVersion(node, options.apiVersion);

		const state: { client?: SalesforceClient } = {};
		const sendOnce: SendFn = async (req) => {
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
				// every status reaches jsforce's own error parsing, except 401 which n8n answers with a token refresh
				ignoreHttpStatusErrors: { ignore: true, except: [401] },
				encoding: 'arraybuffer',
				json: false,
			};
			const response = (await ctx.helpers.httpRequestWithAuthentication
				.call(ctx, credentialType, request)
				.catch((error: unknown) => Promise.reject(sessionErrorOr(error)))) as {
				statusCode: number;
				headers: unknown;
				body: unknown;
			};
			const out: RawResponse = {
				statusCode: response.statusCode,
				headers: lowerCaseHeaders(response.headers),
				body: Buffer.isBuffer(response.body)
					? response.body
					: response.body instanceof ArrayBuffer
						? Buffer.from(response.body)
						: Buffer.from(typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '')),
			};
			const usage = parseLimitInfo(out.headers['sforce-limit-info']);
			if (usage && state.client) state.client.apiUsage = usage;
			return out;
		};
		const send = withRetries(sendOnce, options.retryPolicy);
		// No accessToken and no refresh delegate: n8n signs and refreshes, jsforce must not race it
		const conn = new Connection({ instanceUrl, version: apiVersion });
		(conn as unknown as { _transport: N8nTransport })._transport = new N8nTransport(send);
		state.client = new SalesforceClient(node, conn, apiVersion, instanceUrl, send);
		return state.client;
	}

	/** Path relative to the versioned REST base, e.g. `/sobjects/Account/describe` */
	restPath(path: string): string {
		return `/services/data/v${this.apiVersion}${path.startsWith('/') ? path : `/${path}`}`;
	}

	/** A raw request (binary bodies, downloads); same auth, retries and limit tracking as jsforce's calls. */
	async raw(
		method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
		path: string,
		body?: Buffer | string,
		headers: Record<string, string> = {},
	): Promise<RawResponse> {
		const url = path.startsWith('http') ? path : `${this.instanceUrl}${path}`;
		return await this.send({ method, url, headers, body: body ?? undefined });
	}

	/** Runs a jsforce call and turns whatever it throws into an n8n error with a fix. */
	async call<T>(fn: (conn: Connection) => Promise<T>, opts: { itemIndex?: number; object?: string } = {}): Promise<T> {
		try {
			return await fn(this.conn);
		} catch (error) {
			throw await this.translate(error, opts);
		}
	}

	async translate(error: unknown, opts: { itemIndex?: number; object?: string } = {}) {
		let knownFields: string[] | undefined;
		const code = (error as { errorCode?: unknown })?.errorCode;
		if ((code === 'INVALID_FIELD' || code === 'INVALID_FIELD_FOR_INSERT_UPDATE') && opts.object) {
			knownFields = await this.describe(opts.object)
				.then((d) => d.fields.map((f) => f.name))
				.catch(() => undefined);
		}
		return translateError(this.node, error, { ...opts, knownFields });
	}

	describeGlobal(): Promise<DescribeGlobalResult> {
		this.globalDescribe ??= this.call((c) => c.describeGlobal());
		return this.globalDescribe;
	}

	/** Cached for the life of this client (one execution); an object the org lacks fails with INVALID_TYPE and a hint. */
	describe(objectName: string): Promise<DescribeSObjectResult> {
		const key = objectName.toLowerCase();
		let p = this.describes.get(key);
		if (!p) {
			// a failure is kept too: 1,000 items naming a missing object cost one call, not 1,000
			p = this.conn.describe(objectName);
			p.catch(() => undefined);
			this.describes.set(key, p);
		}
		// each caller gets an error of its own (the item index is set on it later)
		return p.catch((error: unknown) => {
			const status = (error as { errorCode?: unknown }).errorCode;
			if (status === 'NOT_FOUND' || status === 'INVALID_TYPE' || status === 'ERROR_HTTP_404') {
				throw salesforceApiError(this.node, {
					errorCode: 'INVALID_TYPE',
					message: `The object "${objectName}" does not exist in this org`,
					httpCode: 404,
				}, { object: objectName });
			}
			throw translateError(this.node, error, { object: objectName });
		});
	}
}

function authenticationOf(ctx: ClientContext): AuthenticationMethod {
	// load-options contexts read parameters without an item index
	if ('getCurrentNodeParameter' in ctx) {
		return ((ctx.getCurrentNodeParameter('authentication') as AuthenticationMethod | undefined) ?? 'oAuth2');
	}
	return (ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'oAuth2') as AuthenticationMethod;
}

/** n8n's helper throws after a 401 that a refresh could not cure: say "reconnect", never echo the request. */
function sessionErrorOr(error: unknown): unknown {
	const e = error as { httpCode?: unknown; message?: unknown; description?: unknown; cause?: unknown };
	const text = `${String(e?.message ?? '')} ${String(e?.description ?? '')}`;
	const status = String(e?.httpCode ?? '');
	if (status === '401' || /invalid_grant|expired access\/refresh token|refresh token/i.test(text)) {
		return Object.assign(new Error('Salesforce rejected the connection and refreshing its token failed'), {
			errorCode: 'INVALID_SESSION_ID',
			data: {
				errorCode: 'INVALID_SESSION_ID',
				message:
					/invalid_grant|expired access\/refresh token/i.test(text)
						? 'The refresh token is expired or was revoked: reconnect this credential'
						: 'Session expired or invalid: reconnect this credential',
			},
		});
	}
	return error;
}
