/** Typed helpers over the sandbox's `/__sandbox/*` test controls, for tests and demos. */
import type { CallLogEntry, FaultConfig } from './org';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PASSWORD, DEFAULT_USERNAME, N8N_OAUTH_CALLBACK } from './org/setup';
import type { NamedCredentialSetupInput } from './routes/admin';
import type { BulkLimitsInput } from './routes/bulk-admin';

/** Any `/__sandbox/{path}` control; the typed helpers below wrap it. */
export async function call<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/__sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`sandbox admin ${method} ${path} -> ${res.status}: ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** Reseeds records and restores config, clock, faults, usage and the call log (sessions survive unless asked). */
export const reset = (url: string, opts: { seed?: boolean; sessions?: boolean } = {}) => call<{ ok: true; records: number }>(url, 'POST', 'reset', opts);
export const load = (url: string, object: string, records: Array<Record<string, unknown>>, opts: { raw?: boolean } = {}) =>
	call<{ ok: true; ids: string[] }>(url, 'POST', 'load', { object, records, ...opts });
export const calls = (url: string) => call<CallLogEntry[]>(url, 'GET', 'calls');
export const clearCalls = (url: string) => call<{ cleared: number }>(url, 'DELETE', 'calls');
export const getClock = (url: string) => call<{ now: string; offsetMs: number; advancedMs: number }>(url, 'GET', 'clock');
export const setClock = (url: string, change: { advanceMs?: number; skewMs?: number; set?: string; reset?: boolean }) =>
	call<{ now: string; offsetMs: number }>(url, 'POST', 'clock', change);
export interface LateCommitResult {
	id: string;
	operation: 'insert' | 'update' | 'delete';
	createdDate: string;
	lastModifiedDate: string;
	systemModstamp: string;
	visibleAfter: string;
}
/** A late insert: stamped now, visible `delayMs` later. */
export const lateCommit = (url: string, object: string, fields: Record<string, unknown>, delayMs: number) =>
	call<LateCommitResult>(url, 'POST', 'late-commit', { object, fields, delayMs });
/** A late update of record `id`: stamped now, visible `delayMs` later (the old version stays visible until then). */
export const lateUpdate = (url: string, object: string, id: string, fields: Record<string, unknown>, delayMs: number) =>
	call<LateCommitResult>(url, 'POST', 'late-commit', { operation: 'update', object, id, fields, delayMs });
/** A late delete of record `id`: stamped now, in queries and the delete log only `delayMs` later. */
export const lateDelete = (url: string, object: string, id: string, delayMs: number) =>
	call<LateCommitResult>(url, 'POST', 'late-commit', { operation: 'delete', object, id, delayMs });
/** A change by an automated process: SystemModstamp moves to now, LastModifiedDate does not. */
export const recalculate = (url: string, object: string, ids: string[], fields?: Record<string, unknown>) =>
	call<{ records: Array<{ id: string; systemModstamp: string; lastModifiedDate: string }> }>(url, 'POST', 'recalculate', { object, ids, ...(fields ? { fields } : {}) });
export const expireSessions = (url: string) => call<{ expired: number }>(url, 'POST', 'expire-sessions', {});
export const faults = (url: string, f: Partial<FaultConfig>) => call<FaultConfig>(url, 'POST', 'faults', f);
export const clearFaults = (url: string) => call<FaultConfig>(url, 'POST', 'faults', {});
export const setLimits = (url: string, l: { used?: number; max?: number }) => call<{ used: number; max: number }>(url, 'POST', 'limits', l);
export const configure = (
	url: string,
	c: { accessTokenTtlMs?: number; refreshTokenRotation?: boolean; dailyApiLimit?: number; lockRowStatus?: number },
) => call<Record<string, unknown>>(url, 'POST', 'config', c);
export const upsertApp = (url: string, app: Record<string, unknown> & { clientId: string }) => call<Record<string, unknown>>(url, 'POST', 'apps', app);
export const upsertUser = (url: string, user: Record<string, unknown> & { username: string }) =>
	call<{ id: string; username: string }>(url, 'POST', 'users', user);
export const setNamedCredentials = (url: string, setup: NamedCredentialSetupInput) => call<unknown>(url, 'POST', 'named-credentials', setup);
export const resetNamedCredentials = (url: string) => call<unknown>(url, 'POST', 'named-credentials/reset', {});
export const state = (url: string) => call<Record<string, unknown>>(url, 'GET', 'state');

// ---- Bulk API 2.0 jobs ----

export interface BulkJobInfo extends Record<string, unknown> {
	id: string;
	kind: 'query' | 'ingest';
	state: string;
}
/** Bulk settings, daily allocations and every job's info. */
export const bulk = (url: string) =>
	call<{ config: { queuedMs: number; processingMs: number; defaultPageSize: number }; allocations: Record<string, unknown>; jobs: BulkJobInfo[] }>(url, 'GET', 'bulk');
/** Org time a job spends queued and InProgress (defaults 50 and 500 ms) and the default results page size (50,000). */
export const configureBulk = (url: string, c: { queuedMs?: number; processingMs?: number; defaultPageSize?: number }) =>
	call<{ queuedMs: number; processingMs: number; defaultPageSize: number }>(url, 'POST', 'bulk/config', c);
/** Daily allocations /limits reports: DailyBulkV2QueryJobs, DailyBulkV2QueryFileStorageMB, DailyBulkApiBatches. */
export const setBulkLimits = (url: string, l: BulkLimitsInput) => call<Record<string, unknown>>(url, 'POST', 'bulk/limits', l);
/** Moves a queued job now: to JobComplete (default; its work runs), InProgress, or Failed (with errorMessage). */
export const advanceBulkJob = (url: string, id: string, opts: { to?: 'InProgress' | 'JobComplete' | 'Failed'; errorMessage?: string } = {}) =>
	call<Record<string, unknown>>(url, 'POST', `bulk/jobs/${id}/advance`, opts);

// ---- logging in (tests of other parts need a token quickly) ----

export interface TokenResponse {
	access_token: string;
	refresh_token?: string;
	signature?: string;
	scope: string;
	instance_url: string;
	id: string;
	token_type: string;
	issued_at: string;
}

/** The default connected app, user and a loopback callback, as documented in README.md. */
export const DEFAULTS = Object.freeze({
	clientId: DEFAULT_CLIENT_ID,
	clientSecret: DEFAULT_CLIENT_SECRET,
	username: DEFAULT_USERNAME,
	password: DEFAULT_PASSWORD,
	redirectUri: N8N_OAUTH_CALLBACK,
});

/** Client-credentials token for the default app (runs as the default admin user). No refresh token. */
export async function clientCredentialsToken(url: string, clientId: string = DEFAULTS.clientId, clientSecret: string = DEFAULTS.clientSecret): Promise<TokenResponse> {
	const res = await fetch(`${url}/services/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
	});
	const body = (await res.json()) as TokenResponse;
	if (!res.ok) throw new Error(`token ${res.status}: ${JSON.stringify(body)}`);
	return body;
}

/**
 * The web-server flow as a browser does it: authorize page, login form submitted, code exchanged (no PKCE).
 * Returns access and refresh token for `username`.
 */
export async function browserLogin(
	url: string,
	opts: { username?: string; password?: string; scope?: string; clientId?: string; clientSecret?: string; redirectUri?: string } = {},
): Promise<TokenResponse> {
	const clientId = opts.clientId ?? DEFAULTS.clientId;
	const redirectUri = opts.redirectUri ?? DEFAULTS.redirectUri;
	const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: opts.scope ?? 'api refresh_token', state: 's' });
	const page = await fetch(`${url}/services/oauth2/authorize?${q.toString()}`);
	const html = await page.text();
	const form = new URLSearchParams();
	for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
		form.set(m[1], m[2].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
	}
	form.set('username', opts.username ?? DEFAULTS.username);
	form.set('pw', opts.password ?? DEFAULTS.password);
	form.set('decision', 'allow');
	const submitted = await fetch(`${url}/services/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
	const location = submitted.headers.get('location');
	const code = location ? new URL(location).searchParams.get('code') : null;
	if (!code) throw new Error(`login failed: ${submitted.status} ${location ?? (await submitted.text()).slice(0, 200)}`);
	const res = await fetch(`${url}/services/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			client_id: clientId,
			client_secret: opts.clientSecret ?? DEFAULTS.clientSecret,
			redirect_uri: redirectUri,
		}),
	});
	const body = (await res.json()) as TokenResponse;
	if (!res.ok) throw new Error(`token ${res.status}: ${JSON.stringify(body)}`);
	return body;
}

/** A raw REST caller for one token, for status codes and exact bodies that jsforce hides. */
export function restCaller(url: string, token: () => string, version = '66.0') {
	return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
		const res = await fetch(`${url}/services/data/v${version}${path}`, {
			method,
			headers: { authorization: `Bearer ${token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
	};
}
