/**
 * OAuth 2.0 on the org host, as Salesforce serves it: the authorize page (login + consent form), the token
 * endpoint (authorization_code with PKCE, refresh_token with optional rotation, client_credentials, JWT bearer)
 * and revoke. Token errors are HTTP 400 `{error, error_description}` with Salesforce's wording.
 */
import { createPublicKey, randomBytes, timingSafeEqual, verify, X509Certificate, type KeyObject } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { type AccessTokenInfo, type ConnectedApp, type Org, type SandboxUser, sha256b64url, tokenSignature } from '../org';

const CODE_TTL_MS = 15 * 60 * 1000;
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export class OAuthError extends Error {
	constructor(
		readonly error: string,
		readonly description: string,
		readonly status = 400,
	) {
		super(`${error}: ${description}`);
	}
}

type Params = Record<string, string | undefined>;

function params(request: FastifyRequest): Params {
	const out: Params = {};
	for (const src of [request.query, request.body]) {
		if (src && typeof src === 'object') {
			for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
				if (typeof v === 'string') out[k] = v;
				else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
			}
		}
	}
	return out;
}

function escapeHtml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** Exact match against the app's callback URLs, plus any loopback http URL when the app allows it. */
export function callbackAllowed(app: ConnectedApp, redirectUri: string): boolean {
	if (app.callbackUrls.includes(redirectUri)) return true;
	if (!app.allowLoopbackCallbacks) return false;
	try {
		const u = new URL(redirectUri);
		return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]') && !u.hash;
	} catch {
		return false;
	}
}

function withQuery(base: string, q: Record<string, string | undefined>): string {
	const u = new URL(base);
	for (const [k, v] of Object.entries(q)) if (v !== undefined) u.searchParams.set(k, v);
	return u.toString();
}

/** Requested scopes must be a subset of the app's; none requested means all of the app's scopes. */
function grantedScopes(app: ConnectedApp, scope: string | undefined): string[] | undefined {
	const requested = (scope ?? '').split(/[\s+]+/).filter(Boolean);
	if (requested.length === 0) return [...app.scopes];
	const allowed = new Set(app.scopes);
	// full implies every other scope except refresh_token/offline_access (Salesforce's rule)
	for (const s of requested) {
		if (allowed.has(s)) continue;
		if (s === 'offline_access' && allowed.has('refresh_token')) continue;
		if (allowed.has('full') && s !== 'refresh_token' && s !== 'offline_access') continue;
		return undefined;
	}
	return requested;
}

function wantsRefresh(scopes: string[]): boolean {
	return scopes.includes('refresh_token') || scopes.includes('offline_access');
}

// ---- the authorize page ----

interface AuthorizeRequest {
	app: ConnectedApp;
	redirectUri: string;
	state?: string;
	scopes: string[];
	codeChallenge?: string;
	codeChallengeMethod?: string;
	prompt?: string;
	raw: Params;
}

/** Errors before redirect_uri is trusted are shown on Salesforce's remote-access error page, never redirected. */
function errorPage(reply: FastifyReply, error: string, description: string): FastifyReply {
	const q = new URLSearchParams({ display: 'page', error, error_description: description });
	return reply.redirect(`/setup/secur/RemoteAccessErrorPage.apexp?${q.toString()}`, 302);
}

function validateAuthorize(org: Org, p: Params, reply: FastifyReply): AuthorizeRequest | FastifyReply {
	const app = p.client_id ? org.findApp(p.client_id) : undefined;
	if (!app) return errorPage(reply, 'invalid_client_id', 'client identifier invalid');
	if (!p.redirect_uri || !callbackAllowed(app, p.redirect_uri)) {
		return errorPage(reply, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
	}
	const back = (error: string, description: string) =>
		reply.redirect(withQuery(p.redirect_uri as string, { error, error_description: description, state: p.state }), 302);
	if (p.response_type !== 'code') return back('unsupported_response_type', 'response type not supported');
	const scopes = grantedScopes(app, p.scope);
	if (!scopes) return back('invalid_scope', 'the requested scope is not allowed');
	if (p.code_challenge && (p.code_challenge_method ?? 'S256') !== 'S256') {
		return back('invalid_request', 'invalid code_challenge_method');
	}
	return {
		app,
		redirectUri: p.redirect_uri,
		state: p.state,
		scopes,
		codeChallenge: p.code_challenge,
		codeChallengeMethod: p.code_challenge ? 'S256' : undefined,
		prompt: p.prompt,
		raw: p,
	};
}

const FORWARDED = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method', 'prompt'];

function loginPage(req: AuthorizeRequest, message?: string): string {
	const hidden = FORWARDED.filter((k) => req.raw[k] !== undefined)
		.map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(req.raw[k] as string)}">`)
		.join('\n      ');
	const scopes = req.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
	return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Login | Salesforce Sandbox Org</title></head>
<body>
  <h1>Sandbox Org</h1>
  ${message ? `<p class="loginError" role="alert">${escapeHtml(message)}</p>` : ''}
  <p><strong>${escapeHtml(req.app.name)}</strong> is asking to access your data:</p>
  <ul>${scopes}</ul>
  <form method="POST" action="/services/oauth2/authorize">
      ${hidden}
      <label>Username <input type="email" name="username" value="${escapeHtml(req.raw.login_hint ?? '')}" autocomplete="username"></label>
      <label>Password <input type="password" name="pw" autocomplete="current-password"></label>
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
  </form>
</body>
</html>`;
}

// ---- token endpoint ----

function tokenResponse(org: Org, app: ConnectedApp, info: AccessTokenInfo, opts: { refreshToken?: string; signed: boolean }): Record<string, string> {
	const issuedAt = String(info.issuedAt);
	const id = org.identityUrl(info.userId);
	const body: Record<string, string> = { access_token: info.token };
	if (opts.refreshToken) body.refresh_token = opts.refreshToken;
	if (opts.signed) body.signature = tokenSignature(id, issuedAt, app.clientSecret);
	body.scope = info.scopes.join(' ');
	body.instance_url = org.instanceUrl;
	body.id = id;
	body.token_type = 'Bearer';
	body.issued_at = issuedAt;
	return body;
}

interface ClientAuth {
	clientId?: string;
	clientSecret?: string;
}

function clientAuth(request: FastifyRequest, p: Params): ClientAuth {
	const h = request.headers.authorization;
	const m = h && /^Basic\s+(\S+)$/i.exec(h);
	if (m) {
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const i = decoded.indexOf(':');
		const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
		return i < 0 ? { clientId: dec(decoded) } : { clientId: dec(decoded.slice(0, i)), clientSecret: dec(decoded.slice(i + 1)) };
	}
	return { clientId: p.client_id, clientSecret: p.client_secret };
}

function requireApp(org: Org, auth: ClientAuth): ConnectedApp {
	const app = auth.clientId ? org.findApp(auth.clientId) : undefined;
	if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
	return app;
}

/** A given secret must be right; a missing one is only accepted where Salesforce allows public clients. */
function checkSecret(app: ConnectedApp, auth: ClientAuth, required: boolean): void {
	if (auth.clientSecret === undefined || auth.clientSecret === '') {
		if (required) throw new OAuthError('invalid_client', 'invalid client credentials');
		return;
	}
	if (!safeEqual(auth.clientSecret, app.clientSecret)) throw new OAuthError('invalid_client', 'invalid client credentials');
}

function activeUser(org: Org, userId: string): SandboxUser {
	const user = org.findUserById(userId);
	if (!user) throw new OAuthError('invalid_grant', 'authentication failure');
	if (!user.active) throw new OAuthError('inactive_user', 'user is inactive');
	return user;
}

function grantAuthorizationCode(org: Org, request: FastifyRequest, p: Params): Record<string, string> {
	const auth = clientAuth(request, p);
	const app = requireApp(org, auth);
	// PKCE lets a public client omit the secret unless the app requires it
	const code = p.code ? org.authCodes.get(p.code) : undefined;
	if (!code || code.clientId !== app.clientId) throw new OAuthError('invalid_grant', 'invalid authorization code');
	checkSecret(app, auth, app.requireSecret || !code.codeChallenge);
	// Single use: the code is gone whatever happens next
	org.authCodes.delete(code.code);
	if (org.sessionNowMs() > code.expiresAt) throw new OAuthError('invalid_grant', 'expired authorization code');
	if (p.redirect_uri !== code.redirectUri) throw new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
	if (code.codeChallenge) {
		if (!p.code_verifier || sha256b64url(p.code_verifier) !== code.codeChallenge) {
			throw new OAuthError('invalid_grant', 'invalid code verifier');
		}
	}
	activeUser(org, code.userId);
	const refresh = wantsRefresh(code.scopes) ? org.issueRefreshToken(code.userId, app.clientId, code.scopes) : undefined;
	const access = org.issueAccessToken(code.userId, app.clientId, code.scopes, refresh?.token);
	return tokenResponse(org, app, access, { refreshToken: refresh?.token, signed: true });
}

function grantRefreshToken(org: Org, request: FastifyRequest, p: Params): Record<string, string> {
	const auth = clientAuth(request, p);
	const app = requireApp(org, auth);
	checkSecret(app, auth, false);
	const rt = p.refresh_token ? org.refreshTokens.get(p.refresh_token) : undefined;
	if (!rt || rt.clientId !== app.clientId) throw new OAuthError('invalid_grant', 'expired access/refresh token');
	activeUser(org, rt.userId);
	let refreshToken: string | undefined;
	let tokenForAccess = rt.token;
	if (org.rotationFor(app)) {
		// Rotation: the presented token dies with its access tokens; a new one is handed out
		org.revokeRefreshToken(rt.token);
		const next = org.issueRefreshToken(rt.userId, app.clientId, rt.scopes);
		refreshToken = next.token;
		tokenForAccess = next.token;
	}
	const access = org.issueAccessToken(rt.userId, app.clientId, rt.scopes, tokenForAccess);
	return tokenResponse(org, app, access, { refreshToken, signed: true });
}

function grantClientCredentials(org: Org, request: FastifyRequest, p: Params): Record<string, string> {
	const auth = clientAuth(request, p);
	const app = requireApp(org, auth);
	checkSecret(app, auth, true);
	const runAs = app.runAsUsername ? org.findUserByUsername(app.runAsUsername) : undefined;
	if (!runAs) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
	activeUser(org, runAs.id);
	const scopes = app.scopes.filter((s) => s !== 'refresh_token' && s !== 'offline_access');
	const access = org.issueAccessToken(runAs.id, app.clientId, scopes);
	return tokenResponse(org, app, access, { signed: true });
}

/** Username-password flow (jsforce's `login()` with a client id). No refresh token, like Salesforce. */
function grantPassword(org: Org, request: FastifyRequest, p: Params): Record<string, string> {
	const auth = clientAuth(request, p);
	const app = requireApp(org, auth);
	checkSecret(app, auth, true);
	const user = p.username ? org.findUserByUsername(p.username) : undefined;
	// The sandbox has no IP ranges, so a security token appended to the password is accepted and ignored
	if (!user || !p.password || !p.password.startsWith(user.password)) throw new OAuthError('invalid_grant', 'authentication failure');
	activeUser(org, user.id);
	const scopes = app.scopes.filter((s) => s !== 'refresh_token' && s !== 'offline_access');
	return tokenResponse(org, app, org.issueAccessToken(user.id, app.clientId, scopes), { signed: true });
}

function b64urlJson(part: string): Record<string, unknown> | undefined {
	try {
		const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function appKey(app: ConnectedApp): KeyObject | undefined {
	if (!app.certificate) return undefined;
	try {
		return app.certificate.includes('BEGIN CERTIFICATE') ? new X509Certificate(app.certificate).publicKey : createPublicKey(app.certificate);
	} catch {
		return undefined;
	}
}

/** Audiences Salesforce accepts: the org's own My Domain (here: the server URL) and the login hosts. */
function audienceOk(org: Org, aud: unknown): boolean {
	const accepted = [org.instanceUrl, 'https://login.salesforce.com', 'https://test.salesforce.com'].map((s) => s.replace(/\/$/, ''));
	const list = Array.isArray(aud) ? aud : [aud];
	return list.some((a) => typeof a === 'string' && accepted.includes(a.replace(/\/$/, '')));
}

function grantJwtBearer(org: Org, p: Params): Record<string, string> {
	const parts = (p.assertion ?? '').split('.');
	const header = parts.length === 3 ? b64urlJson(parts[0]) : undefined;
	const claims = parts.length === 3 ? b64urlJson(parts[1]) : undefined;
	if (!header || !claims) throw new OAuthError('invalid_grant', 'invalid assertion');
	const app = typeof claims.iss === 'string' ? org.findApp(claims.iss) : undefined;
	if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
	const key = appKey(app);
	const signatureOk =
		header.alg === 'RS256' && key !== undefined && verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
	if (!signatureOk) throw new OAuthError('invalid_grant', 'invalid assertion');
	if (!audienceOk(org, claims.aud)) throw new OAuthError('invalid_grant', 'audience is invalid');
	if (typeof claims.exp !== 'number' || claims.exp * 1000 <= org.sessionNowMs()) throw new OAuthError('invalid_grant', 'expired authorization code');
	const user = typeof claims.sub === 'string' ? org.findUserByUsername(claims.sub) : undefined;
	if (!user) throw new OAuthError('invalid_grant', 'user hasn\'t approved this consumer');
	if (!app.adminPreApproved && !org.consents.has(`${user.id}|${app.clientId}`)) {
		throw new OAuthError('invalid_grant', 'user hasn\'t approved this consumer');
	}
	activeUser(org, user.id);
	const scopes = app.scopes.filter((s) => s !== 'refresh_token' && s !== 'offline_access');
	const access = org.issueAccessToken(user.id, app.clientId, scopes);
	return tokenResponse(org, app, access, { signed: false });
}

function sendOAuthError(reply: FastifyReply, err: OAuthError): FastifyReply {
	return reply
		.code(err.status)
		.header('cache-control', 'no-cache,must-revalidate,max-age=0,no-store,private')
		.type('application/json;charset=UTF-8')
		.send({ error: err.error, error_description: err.description });
}

export function registerOAuthRoutes(app: FastifyInstance, org: Org): void {
	app.get('/services/oauth2/authorize', async (request, reply) => {
		const req = validateAuthorize(org, params(request), reply);
		if (!('app' in req)) return req;
		return reply.type('text/html;charset=UTF-8').send(loginPage(req));
	});

	app.post('/services/oauth2/authorize', async (request, reply) => {
		const p = params(request);
		const req = validateAuthorize(org, p, reply);
		if (!('app' in req)) return req;
		if (p.decision === 'deny') {
			return reply.redirect(
				withQuery(req.redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state: req.state }),
				302,
			);
		}
		const user = p.username ? org.findUserByUsername(p.username) : undefined;
		if (!user || !user.active || !p.pw || !safeEqual(p.pw, user.password)) {
			return reply
				.code(200)
				.type('text/html;charset=UTF-8')
				.send(loginPage(req, 'Please check your username and password. If you still can\'t log in, contact your Salesforce administrator.'));
		}
		org.consents.add(`${user.id}|${req.app.clientId}`);
		const code = `aPrx${randomBytes(48).toString('base64url')}`;
		org.authCodes.set(code, {
			code,
			clientId: req.app.clientId,
			redirectUri: req.redirectUri,
			userId: user.id,
			scopes: req.scopes,
			codeChallenge: req.codeChallenge,
			codeChallengeMethod: req.codeChallengeMethod,
			expiresAt: org.sessionNowMs() + CODE_TTL_MS,
		});
		return reply.redirect(withQuery(req.redirectUri, { code, state: req.state }), 302);
	});

	app.get('/setup/secur/RemoteAccessErrorPage.apexp', async (request, reply) => {
		const p = params(request);
		return reply
			.code(200)
			.type('text/html;charset=UTF-8')
			.send(
				`<!DOCTYPE html><html><head><title>Error | Salesforce Sandbox Org</title></head><body><h1>OAuth Error</h1><p>We can't authorize you because of an OAuth error.</p><p>error=${escapeHtml(p.error ?? '')}</p><p>error_description=${escapeHtml(p.error_description ?? '')}</p></body></html>`,
			);
	});

	app.post('/services/oauth2/token', async (request, reply) => {
		const p = params(request);
		try {
			let body: Record<string, string>;
			switch (p.grant_type) {
				case 'authorization_code':
					body = grantAuthorizationCode(org, request, p);
					break;
				case 'refresh_token':
					body = grantRefreshToken(org, request, p);
					break;
				case 'client_credentials':
					body = grantClientCredentials(org, request, p);
					break;
				case 'password':
					body = grantPassword(org, request, p);
					break;
				case JWT_GRANT:
					body = grantJwtBearer(org, p);
					break;
				default:
					throw new OAuthError('unsupported_grant_type', 'grant type not supported');
			}
			return reply.header('cache-control', 'no-cache,must-revalidate,max-age=0,no-store,private').type('application/json;charset=UTF-8').send(body);
		} catch (e) {
			if (e instanceof OAuthError) return sendOAuthError(reply, e);
			throw e;
		}
	});

	const revoke = async (request: FastifyRequest, reply: FastifyReply) => {
		const token = params(request).token;
		if (token && org.revokeRefreshToken(token)) return reply.code(200).send('');
		if (token && org.accessTokens.delete(token)) return reply.code(200).send('');
		return sendOAuthError(reply, new OAuthError('unsupported_token_type', 'this token type is not supported'));
	};
	app.post('/services/oauth2/revoke', revoke);
	app.get('/services/oauth2/revoke', revoke);
}
