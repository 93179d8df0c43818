/**
 * The standard connection end to end: n8n's authorization-code + PKCE handshake against the sandbox org, calls
 * through n8n's engine, token refresh through n8n's OAuth2 machinery (rotation stored), revoked tokens, URL rules,
 * and no secret in any output or error.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { createHarness } from '../harness/engine';
import { connectOAuth2 } from '../harness/oauthFlow';
import { dataCalls, OAUTH2_CREDENTIAL_ID, OAUTH2_TYPE, oauth2CredentialData, SANDBOX_USER, startOrg, type TestOrg } from '../harness/org';
import { runAction } from '../harness/workflows';

const getInfo = { resource: 'connection', operation: 'getInfo' };

function tokenData(org: TestOrg) {
	return org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID).data.oauthTokenData as {
		access_token: string;
		refresh_token: string;
		instance_url?: string;
	};
}

/** Every string a user could see: outputs, error messages, descriptions. */
function visible(result: Awaited<ReturnType<typeof runAction>>): string {
	const err = result.error('Salesforce') as (Error & { description?: string }) | undefined;
	const runData = result.run.data.resultData.runData;
	return JSON.stringify(runData) + (err ? `${err.message} ${err.description ?? ''} ${JSON.stringify(err)}` : '');
}

describe('standard connection (OAuth2 browser flow with PKCE)', () => {
	let org: TestOrg;
	beforeAll(async () => {
		org = await startOrg({ config: { refreshTokenRotation: true } });
	});
	afterAll(async () => {
		await org?.close();
	});

	it('rejects a wrong PKCE verifier at the token step', async () => {
		const harness = await createHarness();
		const failure = await connectOAuth2({
			credentialType: OAUTH2_TYPE,
			credentialsHelper: harness.credentialsHelper,
			data: oauth2CredentialData(org.url),
			login: SANDBOX_USER,
			codeVerifierOverride: 'x'.repeat(64),
		}).then(
			() => undefined,
			(error: { code?: string; body?: { error?: string; error_description?: string } }) => error,
		);
		// n8n's OAuth client raises an AuthError carrying Salesforce's body
		expect(failure?.code).toBe('EAUTH');
		expect(failure?.body).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
	});

	it('connects with the right verifier and reports the user, org and API usage', async () => {
		const data = tokenData(org);
		expect(data.access_token).toBeTruthy();
		expect(data.refresh_token).toBeTruthy();
		expect(data.instance_url).toBe(org.url);
		const result = await runAction(org, [{}], getInfo);
		const info = result.output('Salesforce')[0].json;
		expect(info).toMatchObject({ username: SANDBOX_USER.username, instanceUrl: org.url, apiVersion: '66.0' });
		expect(String(info.organizationId)).toMatch(/^00D/);
		expect(info.dailyApiRequests).toMatchObject({ max: expect.any(Number), remaining: expect.any(Number) });
	});

	it('refreshes an expired session once, stores the rotated refresh token, and the call succeeds', async () => {
		const before = tokenData(org);
		const updatesBefore = org.harness.credentialsHelper.updates.length;
		await org.admin('expire-sessions', {});
		await org.clearCalls();
		const result = await runAction(org, [{}], getInfo);
		expect(result.output('Salesforce')[0].json.username).toBe(SANDBOX_USER.username);
		const tokenCalls = (await org.calls()).filter((c) => c.path === '/services/oauth2/token');
		expect(tokenCalls).toHaveLength(1);
		const updates = org.harness.credentialsHelper.updates.slice(updatesBefore).filter((u) => u.kind === 'oauthTokenData');
		expect(updates).toHaveLength(1);
		const after = tokenData(org);
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token);
		// the old refresh token no longer works once rotated
		const res = await fetch(`${org.url}/services/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before.refresh_token, client_id: 'sandbox-connected-app', client_secret: 'sandbox-secret' }),
		});
		expect(res.status).toBe(400);
	});

	it('keeps working when a refresh response drops instance_url (falls back to the URL field)', async () => {
		const stored = org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID);
		const { instance_url: _dropped, ...rest } = stored.data.oauthTokenData as Record<string, unknown>;
		stored.data.oauthTokenData = rest as ICredentialDataDecryptedObject;
		const result = await runAction(org, [{}], getInfo);
		expect(result.output('Salesforce')[0].json.instanceUrl).toBe(org.url);
	});

	it('says "reconnect this credential" when the refresh token was revoked, and leaks no token', async () => {
		const data = tokenData(org);
		const revoke = await fetch(`${org.url}/services/oauth2/revoke`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: data.refresh_token }),
		});
		expect(revoke.status).toBe(200);
		await org.admin('expire-sessions', {});
		const result = await runAction(org, [{}], getInfo);
		const error = result.error('Salesforce') as Error & { description?: string };
		expect(`${error.message} ${error.description}`).toMatch(/reconnect/i);
		const seen = visible(result);
		for (const secret of [data.access_token, data.refresh_token, 'sandbox-secret']) expect(seen).not.toContain(secret);
	});
});

describe('URL rules at call time', () => {
	let org: TestOrg;
	beforeAll(async () => {
		org = await startOrg();
	});
	afterAll(async () => {
		await org?.close();
	});

	it.each([
		['https://acme.lightning.force.com', /Lightning URL/, /https:\/\/acme\.my\.salesforce\.com/],
		['http://acme.my.salesforce.com', /http:\/\//, /https:\/\/acme\.my\.salesforce\.com/],
		['https://acme.salesforce.co', /not a Salesforce domain/, /Custom Domain/],
	])('refuses %s with the fix', async (url, message, hint) => {
		const stored = org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID);
		stored.data.url = url;
		await org.clearCalls();
		const result = await runAction(org, [{}], getInfo);
		const error = result.error('Salesforce') as Error & { description?: string };
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(hint);
		expect(await org.calls()).toEqual([]);
	});

	it('accepts a URL with a trailing path by using its origin', async () => {
		const stored = org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID);
		stored.data.url = `${org.url}/lightning/page/home/`;
		const result = await runAction(org, [{}], getInfo);
		expect(result.output('Salesforce')[0].json.username).toBe(SANDBOX_USER.username);
	});
});

describe('API version (Options → API Version)', () => {
	let org: TestOrg;
	beforeAll(async () => {
		org = await startOrg();
	});
	afterAll(async () => {
		await org?.close();
	});
	const getInfo = (apiVersion: string) => ({ resource: 'connection', operation: 'getInfo', options: { apiVersion } });

	it('uses the chosen version', async () => {
		const result = await runAction(org, [{}], getInfo('62.0'));
		expect(result.output('Salesforce')[0].json.apiVersion).toBe('62.0');
	});

	it('refuses a version below 46.0 before any call, and names a version the org does not serve', async () => {
		await org.clearCalls();
		const old = (await runAction(org, [{}], getInfo('40.0'))).error('Salesforce') as Error & { description?: string };
		expect(old.message).toBe('The API version 40.0 is too old for this node');
		expect(dataCalls(await org.calls())).toEqual([]);
		const future = (await runAction(org, [{}], getInfo('99.0'))).error('Salesforce') as Error & { description?: string };
		expect(future.message).toBe('This org does not serve API version 99.0');
		expect(future.description).toMatch(/newest 66\.0/);
	});
});
