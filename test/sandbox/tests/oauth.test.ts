/**
 * The sandbox org's OAuth 2.0: web-server flow with PKCE (through jsforce and by hand), refresh with and without
 * rotation, client credentials, JWT bearer, username-password, revoke, userinfo and the identity URL.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';

import * as jsforce from '@jsforce/jsforce-node';

import { submitLoginForm } from '../../harness/oauthFlow';
import * as admin from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
const { clientId, clientSecret, username, password } = admin.DEFAULTS;
const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await admin.reset(sb.url, { sessions: true });
});

function hiddenFields(html: string): URLSearchParams {
	const form = new URLSearchParams();
	for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
		form.set(m[1], m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
	}
	return form;
}

/** Opens the authorize URL and submits its login form like a browser; returns the redirect Location. */
async function browser(authorizeUrl: string, login: { username?: string; password?: string; decision?: 'allow' | 'deny' } = {}): Promise<URL> {
	const page = await fetch(authorizeUrl, { redirect: 'manual' });
	expect(page.status).toBe(200);
	const html = await page.text();
	const action = /<form method="POST" action="([^"]+)">/.exec(html)?.[1];
	expect(action).toBe('/services/oauth2/authorize');
	const form = hiddenFields(html);
	form.set('username', login.username ?? username);
	form.set('pw', login.password ?? password);
	form.set('decision', login.decision ?? 'allow');
	const res = await fetch(new URL(action as string, sb.url), { method: 'POST', body: form, redirect: 'manual' });
	expect(res.status).toBe(302);
	return new URL(res.headers.get('location') as string, sb.url);
}

async function token(body: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, string> }> {
	const res = await fetch(`${sb.url}/services/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(body),
	});
	return { status: res.status, json: (await res.json()) as Record<string, string> };
}

function pkce(): { verifier: string; challenge: string } {
	const verifier = randomBytes(48).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(q: Record<string, string>): string {
	return `${sb.url}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, ...q }).toString()}`;
}

async function codeFor(q: Record<string, string> = {}): Promise<string> {
	const loc = await browser(authorizeUrl({ scope: 'api refresh_token', state: 'st', ...q }));
	return loc.searchParams.get('code') as string;
}

describe('web server flow', () => {
	it('logs in through jsforce with PKCE and uses the session', async () => {
		const conn = new jsforce.Connection({
			oauth2: { loginUrl: sb.url, clientId, clientSecret, redirectUri, useVerifier: true },
			version: '66.0',
		});
		const url = conn.oauth2.getAuthorizationUrl({ scope: 'api refresh_token openid', state: 'xyz' });
		expect(url).toContain('code_challenge=');
		const callback = await browser(url);
		expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
		expect(callback.searchParams.get('state')).toBe('xyz');
		const userInfo = await conn.authorize(callback.searchParams.get('code') as string);
		expect(userInfo.organizationId).toBe(sb.org.config.orgId);
		expect(userInfo.id).toBe(sb.org.config.users[0].id);
		expect(conn.instanceUrl).toBe(sb.url);
		expect(conn.accessToken).toMatch(new RegExp(`^${sb.org.config.orgId.slice(0, 15)}!`));
		expect(conn.refreshToken).toBeTruthy();
		const identity = await conn.identity();
		expect(identity.username).toBe(username);
		expect(identity.organization_id).toBe(sb.org.config.orgId);
		const limits = await conn.limits();
		expect(limits.DailyApiRequests.Max).toBe(100000);
		expect(limits.DailyApiRequests.Remaining).toBeLessThan(100000);
	});

	it('returns Salesforce token fields and a valid HMAC signature', async () => {
		const { verifier, challenge } = pkce();
		const code = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
		const { status, json } = await token({ grant_type: 'authorization_code', code, client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code_verifier: verifier });
		expect(status).toBe(200);
		expect(Object.keys(json)).toEqual(['access_token', 'refresh_token', 'signature', 'scope', 'instance_url', 'id', 'token_type', 'issued_at']);
		expect(json.token_type).toBe('Bearer');
		expect(json.scope).toBe('api refresh_token');
		expect(json.id).toBe(`${sb.url}/id/${sb.org.config.orgId}/${sb.org.config.users[0].id}`);
		expect(json.issued_at).toMatch(/^\d{13}$/);
		const expected = require('node:crypto').createHmac('sha256', clientSecret).update(json.id + json.issued_at).digest('base64');
		expect(json.signature).toBe(expected);
		expect(json).not.toHaveProperty('expires_in');
	});

	it('rejects a wrong PKCE verifier with invalid_grant and burns the code', async () => {
		const { verifier, challenge } = pkce();
		const code = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
		const bad = await token({ grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: redirectUri, code_verifier: `${verifier}x` });
		expect(bad).toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'invalid code verifier' } });
		const again = await token({ grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: redirectUri, code_verifier: verifier });
		expect(again.status).toBe(400);
		expect(again.json.error).toBe('invalid_grant');
	});

	it('requires the verifier when a challenge was sent, and lets a PKCE client omit the secret', async () => {
		const { verifier, challenge } = pkce();
		const code1 = await codeFor({ code_challenge: challenge });
		const missing = await token({ grant_type: 'authorization_code', code: code1, client_id: clientId, redirect_uri: redirectUri });
		expect(missing.json).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
		const code2 = await codeFor({ code_challenge: challenge });
		const ok = await token({ grant_type: 'authorization_code', code: code2, client_id: clientId, redirect_uri: redirectUri, code_verifier: verifier });
		expect(ok.status).toBe(200);
	});

	it('makes a code single-use and expires it after 15 minutes', async () => {
		const code = await codeFor();
		const body = { grant_type: 'authorization_code', code, client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri };
		expect((await token(body)).status).toBe(200);
		expect(await token(body)).toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'invalid authorization code' } });
		const late = await codeFor();
		await admin.setClock(sb.url, { advanceMs: 16 * 60 * 1000 });
		expect((await token({ ...body, code: late })).json).toEqual({ error: 'invalid_grant', error_description: 'expired authorization code' });
	});

	it('checks client id, secret and redirect_uri at the token step', async () => {
		const code = await codeFor();
		const base = { grant_type: 'authorization_code', code, client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri };
		expect((await token({ ...base, client_id: 'nope' })).json).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
		expect((await token({ ...base, client_secret: 'wrong' })).json).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
		expect((await token({ ...base, redirect_uri: 'http://localhost:5678/other' })).json).toEqual({
			error: 'redirect_uri_mismatch',
			error_description: 'redirect_uri must match configuration',
		});
	});

	it('accepts client authentication by HTTP Basic', async () => {
		const code = await codeFor();
		const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
		const { status, json } = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, { authorization: `Basic ${basic}` });
		expect(status).toBe(200);
		expect(json.refresh_token).toBeTruthy();
	});

	it('shows redirect_uri and client_id errors on the error page instead of redirecting to the client', async () => {
		const mismatch = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }), { redirect: 'manual' });
		expect(mismatch.status).toBe(302);
		const loc = new URL(mismatch.headers.get('location') as string, sb.url);
		expect(loc.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
		expect(loc.searchParams.get('error')).toBe('redirect_uri_mismatch');
		const page = await fetch(loc);
		expect(await page.text()).toContain('redirect_uri_mismatch');
		const badClient = await fetch(authorizeUrl({ client_id: 'unknown' }), { redirect: 'manual' });
		expect(new URL(badClient.headers.get('location') as string, sb.url).searchParams.get('error')).toBe('invalid_client_id');
	});

	it('accepts any loopback callback of the default app', async () => {
		const loc = await browser(authorizeUrl({ redirect_uri: 'http://127.0.0.1:43123/cb', state: 'a' }));
		expect(loc.origin).toBe('http://127.0.0.1:43123');
		expect(loc.searchParams.get('code')).toBeTruthy();
	});

	it('works with the n8n harness\'s form-filling browser', async () => {
		const url = authorizeUrl({ scope: 'api refresh_token', state: 'n8n' });
		const page = await fetch(url);
		const allow = await submitLoginForm(url, await page.text(), { username, password });
		const loc = new URL(allow.headers.get('location') as string);
		expect(loc.searchParams.get('code')).toBeTruthy();
		expect(loc.searchParams.get('state')).toBe('n8n');
		const deny = await submitLoginForm(url, await (await fetch(url)).text(), { username, password, decision: 'deny' });
		expect(new URL(deny.headers.get('location') as string).searchParams.get('error')).toBe('access_denied');
	});

	it('redirects a denial with access_denied and the state', async () => {
		const loc = await browser(authorizeUrl({ state: 'keep-me' }), { decision: 'deny' });
		expect(loc.searchParams.get('error')).toBe('access_denied');
		expect(loc.searchParams.get('error_description')).toBe('end-user denied authorization');
		expect(loc.searchParams.get('state')).toBe('keep-me');
	});

	it('redisplays the login page on a wrong password', async () => {
		const page = await fetch(authorizeUrl({ state: 's' }));
		const form = hiddenFields(await page.text());
		form.set('username', username);
		form.set('pw', 'wrong');
		form.set('decision', 'allow');
		const res = await fetch(`${sb.url}/services/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Please check your username and password');
	});

	it('rejects scopes the app does not have', async () => {
		await admin.upsertApp(sb.url, { clientId: 'narrow-app', clientSecret: 'n', callbackUrls: [redirectUri], scopes: ['api'] });
		const res = await fetch(authorizeUrl({ client_id: 'narrow-app', scope: 'api refresh_token', state: 'z' }), { redirect: 'manual' });
		const loc = new URL(res.headers.get('location') as string);
		expect(loc.searchParams.get('error')).toBe('invalid_scope');
		expect(loc.searchParams.get('state')).toBe('z');
	});
});

describe('refresh tokens', () => {
	it('without rotation returns no new refresh token and the old one keeps working', async () => {
		const t = await admin.browserLogin(sb.url);
		const r1 = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: clientId, client_secret: clientSecret });
		expect(r1.status).toBe(200);
		expect(r1.json).not.toHaveProperty('refresh_token');
		expect(r1.json.access_token).not.toBe(t.access_token);
		const r2 = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: clientId });
		expect(r2.status).toBe(200);
	});

	it('with rotation returns a new refresh token and kills the old one', async () => {
		await admin.configure(sb.url, { refreshTokenRotation: true });
		const t = await admin.browserLogin(sb.url);
		const r1 = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: clientId, client_secret: clientSecret });
		expect(r1.status).toBe(200);
		expect(r1.json.refresh_token).toBeTruthy();
		expect(r1.json.refresh_token).not.toBe(t.refresh_token);
		const old = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: clientId, client_secret: clientSecret });
		expect(old).toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'expired access/refresh token' } });
		// access tokens minted from the old refresh token die with it
		const res = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `Bearer ${t.access_token}` } });
		expect(res.status).toBe(401);
		const r2 = await token({ grant_type: 'refresh_token', refresh_token: r1.json.refresh_token, client_id: clientId, client_secret: clientSecret });
		expect(r2.status).toBe(200);
	});

	it('can enable rotation per connected app', async () => {
		await admin.upsertApp(sb.url, { clientId: 'rotating-app', clientSecret: 's3', callbackUrls: [redirectUri], scopes: ['api', 'refresh_token'], refreshTokenRotation: true });
		const t = await admin.browserLogin(sb.url, { clientId: 'rotating-app', clientSecret: 's3' });
		const r1 = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: 'rotating-app', client_secret: 's3' });
		expect(r1.json.refresh_token).toBeTruthy();
		const d = await admin.browserLogin(sb.url);
		const r2 = await token({ grant_type: 'refresh_token', refresh_token: d.refresh_token as string, client_id: clientId });
		expect(r2.json).not.toHaveProperty('refresh_token');
	});

	it('issues no refresh token without the refresh_token scope', async () => {
		const t = await admin.browserLogin(sb.url, { scope: 'api' });
		expect(t).not.toHaveProperty('refresh_token');
	});

	it('refuses REST calls for a token without the api scope', async () => {
		const t = await admin.browserLogin(sb.url, { scope: 'openid id' });
		const res = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `Bearer ${t.access_token}` } });
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual([{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }]);
		// the identity service still answers it
		expect((await fetch(`${sb.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${t.access_token}` } })).status).toBe(200);
	});

	it('lets jsforce refresh transparently after sessions expire or the token times out', async () => {
		const t = await admin.browserLogin(sb.url);
		const conn = new jsforce.Connection({
			oauth2: { loginUrl: sb.url, clientId, clientSecret, redirectUri },
			instanceUrl: t.instance_url,
			accessToken: t.access_token,
			refreshToken: t.refresh_token,
			version: '66.0',
		});
		const refreshed: string[] = [];
		conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
		await admin.expireSessions(sb.url);
		expect((await conn.limits()).DailyApiRequests.Max).toBe(100000);
		expect(refreshed).toHaveLength(1);
		await admin.setClock(sb.url, { advanceMs: 2 * 60 * 60 * 1000 + 1000 });
		await conn.limits();
		expect(refreshed).toHaveLength(2);
	});
});

describe('client credentials and username-password', () => {
	it('runs as the app\'s Run-As user without a refresh token', async () => {
		const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
		const { status, json } = await token({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
		expect(status).toBe(200);
		expect(json).not.toHaveProperty('refresh_token');
		expect(json.id.endsWith(`/${sb.org.config.users[0].id}`)).toBe(true);
	});

	it('needs the secret and a Run-As user', async () => {
		expect((await token({ grant_type: 'client_credentials', client_id: clientId })).json.error).toBe('invalid_client');
		expect((await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'bad' })).json).toEqual({
			error: 'invalid_client',
			error_description: 'invalid client credentials',
		});
		await admin.upsertApp(sb.url, { clientId: 'no-runas', clientSecret: 'x', callbackUrls: [] });
		expect((await token({ grant_type: 'client_credentials', client_id: 'no-runas', client_secret: 'x' })).json).toEqual({
			error: 'invalid_grant',
			error_description: 'no client credentials user enabled',
		});
	});

	it('supports jsforce login() (username-password flow)', async () => {
		const conn = new jsforce.Connection({ oauth2: { loginUrl: sb.url, clientId, clientSecret, redirectUri }, version: '66.0' });
		const info = await conn.login(admin.DEFAULTS.username, admin.DEFAULTS.password);
		expect(info.id).toBe(sb.org.config.users[0].id);
		await expect(conn.login(admin.DEFAULTS.username, 'nope')).rejects.toThrow('authentication failure');
	});

	it('answers unknown grant types and clients like Salesforce', async () => {
		expect(await token({ grant_type: 'implicit', client_id: clientId })).toEqual({
			status: 400,
			json: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
		});
		expect((await token({ grant_type: 'refresh_token', client_id: 'ghost', refresh_token: 'x' })).json).toEqual({
			error: 'invalid_client_id',
			error_description: 'client identifier invalid',
		});
	});
});

/** A minimal self-signed X.509 certificate (DER by hand), like the one uploaded to a connected app. */
function selfSignedCert(publicKey: KeyObject, privateKey: KeyObject): string {
	const der = (tag: number, ...parts: Buffer[]): Buffer => {
		const body = Buffer.concat(parts);
		let len: Buffer;
		if (body.length < 128) len = Buffer.from([body.length]);
		else {
			const hex = body.length.toString(16);
			const b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
			len = Buffer.concat([Buffer.from([0x80 | b.length]), b]);
		}
		return Buffer.concat([Buffer.from([tag]), len, body]);
	};
	const seq = (...p: Buffer[]) => der(0x30, ...p);
	const oid = (hex: string) => der(0x06, Buffer.from(hex, 'hex'));
	const algId = seq(oid('2a864886f70d01010b'), der(0x05));
	const name = seq(der(0x31, seq(oid('550403'), der(0x0c, Buffer.from('sandbox-jwt')))));
	const validity = seq(der(0x17, Buffer.from('250101000000Z')), der(0x17, Buffer.from('450101000000Z')));
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	const tbs = seq(der(0xa0, der(0x02, Buffer.from([2]))), der(0x02, Buffer.from([1])), algId, name, validity, name, spki);
	const sig = createSign('RSA-SHA256').update(tbs).sign(privateKey);
	const cert = seq(tbs, algId, der(0x03, Buffer.concat([Buffer.from([0]), sig])));
	return `-----BEGIN CERTIFICATE-----\n${(cert.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}

describe('JWT bearer', () => {
	const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

	function jwt(claims: Record<string, unknown>, key = keys.privateKey, alg = 'RS256'): string {
		const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const input = `${enc({ alg })}.${enc(claims)}`;
		const sig = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
		return `${input}.${sig}`;
	}
	const claims = () => ({ iss: 'jwt-app', sub: username, aud: sb.url, exp: Math.floor(Date.now() / 1000) + 300 });
	const grant = (assertion: string) => token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });

	beforeEach(async () => {
		await admin.upsertApp(sb.url, { clientId: 'jwt-app', clientSecret: 'j', certificate: publicPem, scopes: ['api', 'refresh_token'] });
	});

	it('issues an access token (no refresh token) for a correctly signed assertion', async () => {
		const { status, json } = await grant(jwt(claims()));
		expect(status).toBe(200);
		expect(json).not.toHaveProperty('refresh_token');
		expect(json.scope).toBe('api');
		const res = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `Bearer ${json.access_token}` } });
		expect(res.status).toBe(200);
		// the login host is an accepted audience too
		expect((await grant(jwt({ ...claims(), aud: 'https://login.salesforce.com' }))).status).toBe(200);
	});

	it('rejects a wrong key, wrong algorithm, wrong audience, expiry, unknown issuer and unknown user', async () => {
		expect((await grant(jwt(claims(), other.privateKey))).json).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
		expect((await grant(jwt(claims(), keys.privateKey, 'RS512'))).json.error_description).toBe('invalid assertion');
		expect((await grant(jwt({ ...claims(), aud: 'https://example.com' }))).json).toEqual({ error: 'invalid_grant', error_description: 'audience is invalid' });
		expect((await grant(jwt({ ...claims(), exp: Math.floor(Date.now() / 1000) - 10 }))).json.error).toBe('invalid_grant');
		const { exp: _exp, ...noExp } = claims();
		expect((await grant(jwt(noExp))).json.error).toBe('invalid_grant');
		expect((await grant(jwt({ ...claims(), iss: 'who' }))).json).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
		expect((await grant(jwt({ ...claims(), sub: 'ghost@example.com' }))).json.error).toBe('invalid_grant');
		expect((await grant('not-a-jwt')).json).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
	});

	it('verifies against an uploaded X.509 certificate', async () => {
		const pem = selfSignedCert(keys.publicKey, keys.privateKey);
		expect(new X509Certificate(pem).subject).toBe('CN=sandbox-jwt');
		await admin.upsertApp(sb.url, { clientId: 'jwt-app', certificate: pem });
		expect((await grant(jwt(claims()))).status).toBe(200);
		expect((await grant(jwt(claims(), other.privateKey))).json.error_description).toBe('invalid assertion');
	});

	it('needs a prior user approval when the app is not admin pre-approved', async () => {
		await admin.upsertApp(sb.url, { clientId: 'jwt-app', adminPreApproved: false, callbackUrls: [redirectUri] });
		expect((await grant(jwt(claims()))).json).toEqual({ error: 'invalid_grant', error_description: "user hasn't approved this consumer" });
		await admin.browserLogin(sb.url, { clientId: 'jwt-app', clientSecret: 'j', scope: 'api' });
		expect((await grant(jwt(claims()))).status).toBe(200);
	});
});

describe('revoke, userinfo and identity', () => {
	it('revoking a refresh token revokes its access tokens', async () => {
		const t = await admin.browserLogin(sb.url);
		const res = await fetch(`${sb.url}/services/oauth2/revoke`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: t.refresh_token as string }),
		});
		expect(res.status).toBe(200);
		const api = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `Bearer ${t.access_token}` } });
		expect(api.status).toBe(401);
		expect(await api.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
		expect((await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token as string, client_id: clientId })).json.error).toBe('invalid_grant');
	});

	it('revokes an access token through jsforce', async () => {
		const t = await admin.browserLogin(sb.url);
		const oauth2 = new jsforce.OAuth2({ loginUrl: sb.url, clientId, clientSecret, redirectUri });
		await oauth2.revokeToken(t.access_token);
		const api = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `Bearer ${t.access_token}` } });
		expect(api.status).toBe(401);
		await expect(oauth2.revokeToken('bogus')).rejects.toThrow();
	});

	it('serves OpenID userinfo and the identity URL for the token\'s user', async () => {
		const t = await admin.browserLogin(sb.url, { username: 'user@sandbox.example' });
		const info = (await (await fetch(`${sb.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${t.access_token}` } })).json()) as Record<string, unknown>;
		const second = sb.org.config.users[1];
		expect(info).toMatchObject({
			sub: t.id,
			user_id: second.id,
			organization_id: sb.org.config.orgId,
			preferred_username: 'user@sandbox.example',
			email: 'user@sandbox.example',
			zoneinfo: 'Europe/Berlin',
			locale: 'de_DE',
			active: true,
		});
		const idRes = await fetch(`${t.id}?format=json&oauth_token=${encodeURIComponent(t.access_token)}`);
		const identity = (await idRes.json()) as Record<string, unknown>;
		expect(identity).toMatchObject({ id: t.id, user_id: second.id, username: 'user@sandbox.example', organization_id: sb.org.config.orgId });
		expect((identity.urls as Record<string, string>).rest).toBe(`${sb.url}/services/data/v{version}/`);
		// a standard user cannot read another user's identity; an admin's api token can
		const adminId = await fetch(`${sb.url}/id/${sb.org.config.orgId}/${sb.org.config.users[0].id}`, { headers: { authorization: `Bearer ${t.access_token}` } });
		expect(adminId.status).toBe(403);
		expect(await adminId.text()).toBe('Bad_Id');
		const a = await admin.browserLogin(sb.url, { scope: 'api' });
		const other = await fetch(t.id, { headers: { authorization: `Bearer ${a.access_token}` } });
		expect(((await other.json()) as { username: string }).username).toBe('user@sandbox.example');
	});

	it('answers bad or missing tokens with 403 Bad_OAuth_Token / Missing_OAuth_Token', async () => {
		const bad = await fetch(`${sb.url}/services/oauth2/userinfo`, { headers: { authorization: 'Bearer 00Dxx!nope' } });
		expect(bad.status).toBe(403);
		expect(await bad.text()).toBe('Bad_OAuth_Token');
		const missing = await fetch(`${sb.url}/services/oauth2/userinfo`);
		expect(await missing.text()).toBe('Missing_OAuth_Token');
	});

	it('accepts the legacy "OAuth <token>" authorization scheme and rejects a deactivated user\'s session', async () => {
		const t = await admin.browserLogin(sb.url, { username: 'user@sandbox.example' });
		const ok = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `OAuth ${t.access_token}` } });
		expect(ok.status).toBe(200);
		await admin.upsertUser(sb.url, { username: 'user@sandbox.example', active: false });
		const dead = await fetch(`${sb.url}/services/data/v66.0/limits`, { headers: { authorization: `Bearer ${t.access_token}` } });
		expect(dead.status).toBe(401);
	});
});
