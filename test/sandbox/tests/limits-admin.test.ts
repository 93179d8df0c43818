/**
 * Cross-cutting REST behaviour (versions list, resources, 401, unknown versions, daily API limit and the
 * Sforce-Limit-Info header) and the `/__sandbox/*` test controls (clock, late commits, faults, call log,
 * session expiry, reset/load, persistence).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as jsforce from '@jsforce/jsforce-node';

import * as admin from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let token: admin.TokenResponse;
const V = '/services/data/v66.0';

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await admin.reset(sb.url, { sessions: true });
	token = await admin.browserLogin(sb.url);
});

function api(path: string, init: RequestInit = {}): Promise<Response> {
	return fetch(`${sb.url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
	});
}

function connection(): jsforce.Connection {
	return new jsforce.Connection({
		oauth2: { loginUrl: sb.url, clientId: admin.DEFAULTS.clientId, clientSecret: admin.DEFAULTS.clientSecret, redirectUri: admin.DEFAULTS.redirectUri },
		instanceUrl: token.instance_url,
		accessToken: token.access_token,
		refreshToken: token.refresh_token,
		version: '66.0',
	});
}

describe('REST basics', () => {
	it('lists versions without auth and without a limit header', async () => {
		const res = await fetch(`${sb.url}/services/data/`);
		expect(res.status).toBe(200);
		expect(res.headers.get('sforce-limit-info')).toBeNull();
		const versions = (await res.json()) as Array<{ label: string; url: string; version: string }>;
		expect(versions.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
		expect(versions.find((v) => v.version === '62.0')?.label).toBe("Winter '25");
	});

	it('lists the resources of a version including the identity URL', async () => {
		const body = (await (await api(V)).json()) as Record<string, string>;
		expect(body.sobjects).toBe(`${V}/sobjects`);
		expect(body.limits).toBe(`${V}/limits`);
		expect(body.identity).toBe(token.id);
	});

	it('answers 401 INVALID_SESSION_ID without or with a bad token', async () => {
		for (const headers of [{}, { authorization: 'Bearer 00D000000000000!bogus' }]) {
			const res = await fetch(`${sb.url}${V}/limits`, { headers });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
		}
	});

	it('answers a malformed JSON body with 400 JSON_PARSER_ERROR', async () => {
		const res = await api(`${V}/sobjects/Account`, { method: 'POST', body: '{bad json' });
		expect(res.status).toBe(400);
		const body = (await res.json()) as Array<{ errorCode: string; message: string }>;
		expect(body).toHaveLength(1);
		expect(body[0].errorCode).toBe('JSON_PARSER_ERROR');
	});

	it('answers unknown versions and resources with 404 NOT_FOUND', async () => {
		for (const path of ['/services/data/v99.0/limits', '/services/data/v19.0/limits', `${V}/no-such-resource`]) {
			const res = await api(path);
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
		}
	});
});

describe('request size', () => {
	it('answers 414 for a request URI over 16,384 bytes and serves one just under it', async () => {
		const base = `${V}/limits?pad=`;
		const under = await api(base + 'x'.repeat(16_384 - base.length));
		expect(under.status).toBe(200);
		const over = await api(base + 'x'.repeat(16_385 - base.length));
		expect(over.status).toBe(414);
		expect(((await over.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('URI_TOO_LONG');
	});
});

describe('daily API limit', () => {
	it('counts every authenticated REST call in Sforce-Limit-Info and /limits', async () => {
		const first = await api(`${V}/limits`);
		const n = Number(/api-usage=(\d+)\/100000/.exec(first.headers.get('sforce-limit-info') ?? '')?.[1]);
		expect(n).toBeGreaterThan(0);
		const second = await api(`${V}/limits`);
		expect(second.headers.get('sforce-limit-info')).toBe(`api-usage=${n + 1}/100000`);
		const limits = (await second.json()) as Record<string, { Max: number; Remaining: number }>;
		expect(limits.DailyApiRequests).toEqual({ Max: 100000, Remaining: 100000 - (n + 1) });
		expect(limits.DataStorageMB.Max).toBeGreaterThan(0);
		// OAuth calls and the versions list do not count
		await fetch(`${sb.url}/services/data/`);
		await admin.clientCredentialsToken(sb.url);
		expect((await api(`${V}/limits`)).headers.get('sforce-limit-info')).toBe(`api-usage=${n + 2}/100000`);
	});

	// REST API Developer Guide: "Versions" lists what exists; a call to any other version is a 404 that the sandbox checks
	// once, in the auth hook, before it counts: it spends nothing of the daily allowance
	it('checks the API version before counting the call', async () => {
		const before = (await admin.call<{ used: number }>(sb.url, 'GET', 'limits')).used;
		for (const path of ['/services/data/v99.0/limits', '/services/data/v19.0/sobjects', '/services/data/66.0/limits']) {
			expect((await api(path)).status).toBe(404);
		}
		expect((await admin.call<{ used: number }>(sb.url, 'GET', 'limits')).used).toBe(before);
		const ok = await api(`${V}/limits`);
		expect(ok.headers.get('sforce-limit-info')).toBe(`api-usage=${before + 1}/100000`);
	});

	it('answers 403 REQUEST_LIMIT_EXCEEDED once the allowance is used up', async () => {
		await admin.setLimits(sb.url, { used: 0, max: 3 });
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await api(`${V}/limits`)).status);
		expect(statuses).toEqual([200, 200, 200, 403, 403]);
		const res = await api(`${V}/limits`);
		expect(await res.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
		expect(res.headers.get('sforce-limit-info')).toBe('api-usage=3/3');
		await expect(connection().limits()).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
		await admin.configure(sb.url, { dailyApiLimit: 10 });
		expect((await api(`${V}/limits`)).status).toBe(200);
	});
});

describe('test controls', () => {
	it('skews, advances and sets the server clock, which stamps records', async () => {
		const skew = 3 * 24 * 3600 * 1000;
		const c = await admin.setClock(sb.url, { skewMs: skew });
		expect(Math.abs(Date.parse(c.now) - (Date.now() + skew))).toBeLessThan(2000);
		const created = (await (await api(`${V}/sobjects/Account`, { method: 'POST', body: JSON.stringify({ Name: 'Skewed' }) })).json()) as { id: string };
		const rec = (await (await api(`${V}/sobjects/Account/${created.id}`)).json()) as { CreatedDate: string };
		expect(Math.abs(Date.parse(rec.CreatedDate.replace('+0000', 'Z')) - (Date.now() + skew))).toBeLessThan(5000);
		await admin.setClock(sb.url, { advanceMs: 1000 });
		expect((await admin.getClock(sb.url)).offsetMs).toBe(skew + 1000);
		// a skew does not age sessions; only advancing time does
		expect((await api(`${V}/limits`)).status).toBe(200);
		await admin.setClock(sb.url, { advanceMs: 2 * 3600 * 1000 });
		expect((await api(`${V}/limits`)).status).toBe(401);
		const set = await admin.setClock(sb.url, { set: '2030-01-01T00:00:00Z' });
		expect(Math.abs(Date.parse(set.now) - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(2000);
	});

	it('makes a late commit visible only after its delay, with timestamps from before', async () => {
		const late = await admin.lateCommit(sb.url, 'Account', { Name: 'Late Co' }, 60_000);
		const q = async () =>
			(await (await api(`${V}/query?q=${encodeURIComponent("SELECT Id, CreatedDate FROM Account WHERE Name = 'Late Co'")}`)).json()) as {
				totalSize: number;
				records: Array<{ Id: string; CreatedDate: string }>;
			};
		expect((await q()).totalSize).toBe(0);
		expect((await api(`${V}/sobjects/Account/${late.id}`)).status).toBe(404);
		await admin.setClock(sb.url, { advanceMs: 61_000 });
		const after = await q();
		expect(after.totalSize).toBe(1);
		expect(after.records[0].Id).toBe(late.id);
		expect(after.records[0].CreatedDate).toBe(late.createdDate);
		expect(Date.parse(late.visibleAfter) - Date.parse(late.createdDate.replace('+0000', 'Z'))).toBe(60_000);
	});

	it('expires all access tokens while refresh tokens keep working', async () => {
		const { expired } = await admin.expireSessions(sb.url);
		expect(expired).toBeGreaterThan(0);
		expect((await api(`${V}/limits`)).status).toBe(401);
		const res = await fetch(`${sb.url}/services/oauth2/token`, {
			method: 'POST',
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token.refresh_token as string, client_id: admin.DEFAULTS.clientId }),
		});
		expect(res.status).toBe(200);
	});

	it('injects 503s for matching calls only, then recovers', async () => {
		await admin.faults(sb.url, { fail503: 2, matchPath: '/limits' });
		expect((await api(V)).status).toBe(200);
		const a = await api(`${V}/limits`);
		expect(a.status).toBe(503);
		expect(((await a.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('SERVER_UNAVAILABLE');
		expect((await api(`${V}/limits`)).status).toBe(503);
		expect((await api(`${V}/limits`)).status).toBe(200);
	});

	it('injects UNABLE_TO_LOCK_ROW on writes', async () => {
		await admin.faults(sb.url, { lockRow: 1, methods: ['POST', 'PATCH'] });
		const res = await api(`${V}/sobjects/Account`, { method: 'POST', body: JSON.stringify({ Name: 'Locked' }) });
		expect(res.status).toBe(400);
		const body = (await res.json()) as Array<{ errorCode: string; message: string }>;
		expect(body[0].errorCode).toBe('UNABLE_TO_LOCK_ROW');
		expect(body[0].message).toMatch(/^unable to obtain exclusive access to this record/);
		expect((await api(`${V}/sobjects/Account`, { method: 'POST', body: JSON.stringify({ Name: 'Free' }) })).status).toBe(201);
	});

	it('resets connections and adds latency', async () => {
		await admin.faults(sb.url, { resetConnection: 1 });
		await expect(api(`${V}/limits`)).rejects.toThrow();
		expect((await api(`${V}/limits`)).status).toBe(200);
		await admin.faults(sb.url, { latencyMs: 300 });
		const t0 = Date.now();
		await api(`${V}/limits`);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
		await admin.clearFaults(sb.url);
	});

	it('logs REST and OAuth calls (not admin ones) and clears the log', async () => {
		await admin.clearCalls(sb.url);
		await api(`${V}/limits?x=1`);
		await fetch(`${sb.url}${V}/limits`);
		await admin.clientCredentialsToken(sb.url);
		await admin.state(sb.url);
		const calls = await admin.calls(sb.url);
		expect(calls.map((c) => [c.method, c.path, c.status])).toEqual([
			['GET', `${V}/limits`, 200],
			['GET', `${V}/limits`, 401],
			['POST', '/services/oauth2/token', 200],
		]);
		expect(Date.parse(calls[0].ts)).not.toBeNaN();
		expect((await admin.clearCalls(sb.url)).cleared).toBe(3);
		expect(await admin.calls(sb.url)).toEqual([]);
	});

	it('loads records and resets the org back to its seed', async () => {
		const { ids } = await admin.load(sb.url, 'Account', [{ Name: 'Loaded 1' }, { Name: 'Loaded 2' }]);
		expect(ids).toHaveLength(2);
		const got = (await (await api(`${V}/sobjects/Account/${ids[0]}`)).json()) as { Name: string };
		expect(got.Name).toBe('Loaded 1');
		await admin.reset(sb.url);
		expect((await api(`${V}/sobjects/Account/${ids[0]}`)).status).toBe(404);
		// sessions survive a plain reset
		expect((await api(`${V}/limits`)).status).toBe(200);
		await admin.reset(sb.url, { sessions: true });
		expect((await api(`${V}/limits`)).status).toBe(401);
	});

	it('rejects bad admin input with 400', async () => {
		const res = await fetch(`${sb.url}/__sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 'soon' }) });
		expect(res.status).toBe(400);
		await expect(admin.faults(sb.url, { matchPath: '(' })).rejects.toThrow(/400/);
	});
});

describe('persistence', () => {
	it('saves records to the data file and loads them at the next start', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
		const dataFile = join(dir, 'org.json');
		try {
			const one = await startSandbox({ port: 0, dataFile });
			const t = await admin.clientCredentialsToken(one.url);
			const res = await fetch(`${one.url}${V}/sobjects/Account`, {
				method: 'POST',
				headers: { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ Name: 'Persisted' }),
			});
			const { id } = (await res.json()) as { id: string };
			await one.close();
			const two = await startSandbox({ port: 0, dataFile });
			const t2 = await admin.clientCredentialsToken(two.url);
			const got = await fetch(`${two.url}${V}/sobjects/Account/${id}`, { headers: { authorization: `Bearer ${t2.access_token}` } });
			expect(got.status).toBe(200);
			expect(((await got.json()) as { Name: string }).Name).toBe('Persisted');
			await two.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
