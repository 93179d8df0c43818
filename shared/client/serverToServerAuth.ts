import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { normalizeOrgUrl, type SalesforceEnvironment, LOGIN_HOSTS } from '../orgUrl';

export interface ServerToServerToken {
	accessToken: string;
	instanceUrl: string;
}

function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/**
 * An RS256 JWT for Salesforce's JWT bearer flow. node:crypto signs it (no extra runtime dependency; a JWT is a
 * signed `header.claims` pair). The audience is the My Domain URL: since Spring '26 some orgs reject
 * test.salesforce.com as audience.
 */
export function signJwtAssertion(opts: {
	clientId: string;
	username: string;
	audience: string;
	privateKey: string;
	nowSeconds?: number;
}): string {
	const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
	const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
	const claims = base64url(
		JSON.stringify({ iss: opts.clientId, sub: opts.username, aud: opts.audience, exp: now + 180 }),
	);
	const signer = createSign('RSA-SHA256');
	signer.update(`${header}.${claims}`);
	return `${header}.${claims}.${base64url(signer.sign(readPrivateKey(opts.privateKey)))}`;
}

/** The PEM key, or an error that says what is wrong with it (OpenSSL's decoder messages help nobody). */
function readPrivateKey(text: string): KeyObject {
	const pem = (text.includes('\\n') ? text.replace(/\\n/g, '\n') : text).trim();
	if (!/^-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
		throw new Error('The private key is not a PEM private key: paste the whole key, from its -----BEGIN PRIVATE KEY----- line to its -----END PRIVATE KEY----- line');
	}
	if (pem.startsWith('-----BEGIN ENCRYPTED')) {
		throw new Error('The private key is encrypted with a passphrase: export it without one (e.g. openssl pkey -in key.pem -out plain.pem)');
	}
	let key: KeyObject | undefined;
	try {
		key = createPrivateKey(pem);
	} catch {
		key = undefined;
	}
	if (!key) throw new Error('The private key could not be read: its PEM text is damaged or incomplete. Paste the key again, every line of it');
	if (key.asymmetricKeyType !== 'rsa') throw new Error(`The private key is a ${key.asymmetricKeyType ?? 'non-RSA'} key: Salesforce's JWT bearer flow needs an RSA key (RS256)`);
	return key;
}

/** Reads Salesforce's OAuth error body (`{error, error_description}`) out of whatever the request helper threw. */
export function oauthErrorOf(error: unknown): { error?: string; description?: string } {
	// axios (httpRequest), request-promise style (credential tests' request helper) and wrapped causes
	const e = error as {
		error?: unknown;
		response?: { body?: unknown; data?: unknown };
		cause?: { response?: { data?: unknown } };
	};
	const body = e?.response?.body ?? e?.response?.data ?? e?.error ?? e?.cause?.response?.data;
	let parsed: unknown = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed && typeof parsed === 'object') {
		const p = parsed as { error?: unknown; error_description?: unknown };
		return {
			error: typeof p.error === 'string' ? p.error : undefined,
			description: typeof p.error_description === 'string' ? p.error_description : undefined,
		};
	}
	return {};
}

/** POSTs a form body and returns the parsed JSON; n8n's httpRequest or a credential test's request helper. */
export type FormPost = (url: string, formBody: string) => Promise<unknown>;

export interface ServerToServerTokenResponse extends ServerToServerToken {
	/** Identity URL: https://host/id/{orgId}/{userId} */
	id?: string;
}

/** Client credentials or JWT bearer token request for the named-credential connection. */
export async function requestServerToServerToken(
	post: FormPost,
	credentials: ICredentialDataDecryptedObject,
): Promise<ServerToServerTokenResponse> {
	const baseUrl = normalizeOrgUrl(String(credentials.url ?? ''), {
		allowCustomDomain: credentials.allowCustomDomain === true,
	});
	const protocol = credentials.protocol === 'jwtBearer' ? 'jwtBearer' : 'clientCredentials';
	const form: Record<string, string> =
		protocol === 'jwtBearer'
			? {
					grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
					assertion: signJwtAssertion({
						clientId: String(credentials.clientId ?? ''),
						username: String(credentials.username ?? ''),
						audience: baseUrl,
						privateKey: String(credentials.privateKey ?? ''),
					}),
				}
			: {
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? ''),
					client_secret: String(credentials.clientSecret ?? ''),
				};
	const outcome = await post(`${baseUrl}/services/oauth2/token`, new URLSearchParams(form).toString()).then(
		(raw) => ({ raw, error: undefined }),
		(error: unknown) => ({ raw: undefined, error }),
	);
	if (outcome.error !== undefined) {
		const { error: code, description } = oauthErrorOf(outcome.error);
		const env = (credentials.environment as SalesforceEnvironment) ?? 'production';
		const what = protocol === 'jwtBearer' ? 'JWT bearer' : 'client credentials';
		throw new Error(
			code
				? `Salesforce refused the ${what} login: ${code}${description ? ` (${description})` : ''}`
				: `Could not reach ${baseUrl}/services/oauth2/token for the ${what} login (${LOGIN_HOSTS[env]} is the login host of this environment)`,
		);
	}
	const response = (typeof outcome.raw === 'string' ? JSON.parse(outcome.raw) : outcome.raw) as {
		access_token?: string;
		instance_url?: string;
		id?: string;
	};
	if (!response?.access_token) {
		throw new Error('Salesforce returned no access token: check the connected app and its OAuth policies');
	}
	return { accessToken: response.access_token, instanceUrl: response.instance_url ?? baseUrl, id: response.id };
}
