/**
 * n8n's OAuth2 "Connect my account" handshake, done the way n8n's server does it (packages/cli
 * OAuth2CredentialController) with the same library, @n8n/client-oauth2: authorize URL with state and an S256 PKCE
 * challenge, a browser that logs in and approves (here: fetch submitting the org's login form), then the code
 * exchange with the verifier. Returns the credential data n8n would store (oauthTokenData included).
 */
import { createHash, randomBytes } from 'node:crypto';

import { ClientOAuth2 } from '@n8n/client-oauth2';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';

export const N8N_CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

export interface BrowserLogin {
	username: string;
	password: string;
	/** 'allow' (default) or 'deny' */
	decision?: 'allow' | 'deny';
}

function decodeHtml(s: string): string {
	return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Fills and submits the first form of an HTML page like a browser: hidden inputs kept, credentials typed in. */
export async function submitLoginForm(pageUrl: string, html: string, login: BrowserLogin): Promise<Response> {
	const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
	if (!form) throw new Error(`No login form on ${pageUrl}: ${html.slice(0, 200)}`);
	const fields = new URLSearchParams();
	for (const input of form[2].matchAll(/<input\b[^>]*>/gi)) {
		const name = /name="([^"]*)"/i.exec(input[0])?.[1];
		const type = /type="([^"]*)"/i.exec(input[0])?.[1]?.toLowerCase() ?? 'text';
		if (!name || type === 'submit') continue;
		const value = decodeHtml(/value="([^"]*)"/i.exec(input[0])?.[1] ?? '');
		if (/user/i.test(name) && type !== 'hidden') fields.set(name, login.username);
		else if (type === 'password') fields.set(name, login.password);
		else fields.set(name, value);
	}
	const decision = login.decision ?? 'allow';
	const buttons = [...form[2].matchAll(/<button\b[^>]*>[\s\S]*?<\/button>|<input\b[^>]*type="submit"[^>]*>/gi)].map((b) => b[0]);
	const chosen = buttons.find((b) => new RegExp(decision, 'i').test(b)) ?? buttons[0];
	const bName = chosen && /name="([^"]*)"/i.exec(chosen)?.[1];
	const bValue = chosen && /value="([^"]*)"/i.exec(chosen)?.[1];
	if (bName) fields.set(bName, decodeHtml(bValue ?? ''));
	const action = new URL(decodeHtml(form[1]) || pageUrl, pageUrl).toString();
	return await fetch(action, {
		method: 'POST',
		body: fields,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		redirect: 'manual',
	});
}

export interface OAuthFlowOptions {
	credentialType: string;
	credentialsHelper: TestCredentialsHelper;
	/** The credential as the user filled it in (clientId, clientSecret, url, environment, ...) */
	data: ICredentialDataDecryptedObject;
	login: BrowserLogin;
	/** Tamper with the verifier sent at the token step (PKCE failure test) */
	codeVerifierOverride?: string;
}

export async function connectOAuth2(opts: OAuthFlowOptions): Promise<ICredentialDataDecryptedObject> {
	const resolved = opts.credentialsHelper.applyDefaultsAndResolve(opts.credentialType, opts.data);
	const codeVerifier = randomBytes(48).toString('base64url');
	const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
	const state = randomBytes(16).toString('base64url');
	const client = new ClientOAuth2({
		clientId: String(resolved.clientId),
		clientSecret: String(resolved.clientSecret ?? ''),
		accessTokenUri: String(resolved.accessTokenUrl),
		authorizationUri: String(resolved.authUrl),
		redirectUri: N8N_CALLBACK,
		scopes: String(resolved.scope ?? '').split(' ').filter(Boolean),
		scopesSeparator: ' ',
		authentication: resolved.authentication === 'body' ? 'body' : 'header',
		state,
	});
	const authorizeUrl = client.code.getUri({ query: { code_challenge: codeChallenge, code_challenge_method: 'S256' } });
	const page = await fetch(authorizeUrl, { redirect: 'manual' });
	const html = await page.text();
	if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${html.slice(0, 300)}`);
	const decision = await submitLoginForm(authorizeUrl, html, opts.login);
	const location = decision.headers.get('location');
	if (!location) throw new Error(`login form answered ${decision.status} without redirect: ${(await decision.text()).slice(0, 300)}`);
	const callback = new URL(location);
	if (callback.searchParams.get('state') !== state) throw new Error('state mismatch on callback');
	if (callback.searchParams.get('error')) {
		throw new Error(`${callback.searchParams.get('error')}: ${callback.searchParams.get('error_description') ?? ''}`);
	}
	const body: Record<string, string> = { code_verifier: opts.codeVerifierOverride ?? codeVerifier };
	if (resolved.authentication === 'body') {
		body.client_id = String(resolved.clientId);
		body.client_secret = String(resolved.clientSecret ?? '');
	}
	const token = await client.code.getToken(callback.toString(), { body });
	return { ...opts.data, oauthTokenData: token.data as unknown as ICredentialDataDecryptedObject };
}
