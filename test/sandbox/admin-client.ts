/** Typed helpers over the sandbox's `/__sandbox/*` test controls, for tests and demos. */
import type { CallLogEntry, FaultConfig } from './org';
import type { NamedCredentialSetupInput } from './routes/admin';

async function call<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
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
export const getClock = (url: string) => call<{ now: string; offsetMs: number }>(url, 'GET', 'clock');
export const setClock = (url: string, change: { advanceMs?: number; skewMs?: number; set?: string; reset?: boolean }) =>
	call<{ now: string; offsetMs: number }>(url, 'POST', 'clock', change);
export const lateCommit = (url: string, object: string, fields: Record<string, unknown>, delayMs: number) =>
	call<{ id: string; createdDate: string; systemModstamp: string; visibleAfter: string }>(url, 'POST', 'late-commit', { object, fields, delayMs });
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
