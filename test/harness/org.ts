/**
 * A sandbox org started in-process on a free port, plus an n8n harness holding an OAuth2 credential connected to it
 * through the real authorization-code + PKCE flow. What every integration test of the nodes starts from.
 */
import { Connection } from '@jsforce/jsforce-node';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import * as adminClient from '../sandbox/admin-client';
import type { CallLogEntry } from '../sandbox/org';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../sandbox/server';
import { createHarness, type Harness } from './engine';
import { connectOAuth2 } from './oauthFlow';

export const SANDBOX_CLIENT_ID = 'sandbox-connected-app';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
export const SANDBOX_USER = { username: 'admin@sandbox.example', password: 'sandbox-pass' };
export const OAUTH2_TYPE = 'salesforceConnectorOAuth2Api';
export const OAUTH2_CREDENTIAL_ID = 'sf-oauth2';

/** One entry of the sandbox's call log */
export type ApiCall = CallLogEntry;

export interface TestOrg {
	sandbox: SandboxHandle;
	url: string;
	harness: Harness;
	credentials: { [type: string]: { id: string; name: string } };
	/** jsforce straight to the sandbox, to set up and check data without our nodes */
	jsforce: Connection;
	calls(): Promise<ApiCall[]>;
	clearCalls(): Promise<void>;
	admin(path: string, body?: unknown, method?: string): Promise<unknown>;
	close(): Promise<void>;
}

export function oauth2CredentialData(url: string, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, url, environment: 'production', ...extra };
}

export async function startOrg(options: SandboxOptions = {}): Promise<TestOrg> {
	const sandbox = await startSandbox({ port: 0, ...options });
	const url = sandbox.url;
	const harness = await createHarness();
	const data = await connectOAuth2({
		credentialType: OAUTH2_TYPE,
		credentialsHelper: harness.credentialsHelper,
		data: oauth2CredentialData(url),
		login: SANDBOX_USER,
	});
	const cred = harness.addCredential({ id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org', type: OAUTH2_TYPE, data });
	const token = data.oauthTokenData as { access_token: string };
	const jsforce = new Connection({ instanceUrl: url, accessToken: token.access_token, version: '66.0' });
	const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
		await adminClient.call<unknown>(url, method, path, body);
	return {
		sandbox,
		url,
		harness,
		credentials: { [OAUTH2_TYPE]: cred },
		jsforce,
		calls: async () => await adminClient.calls(url),
		clearCalls: async () => {
			await adminClient.clearCalls(url);
		},
		admin,
		close: async () => await sandbox.close(),
	};
}

/**
 * REST calls to the data API only, e.g. to count what a workflow spent of the daily limit: no OAuth, and not the
 * versions list (`GET /services/data/`), which needs no session and does not count against the limit.
 */
export function dataCalls(calls: ApiCall[]): ApiCall[] {
	return calls.filter((c) => c.path.startsWith('/services/data/') && c.path !== '/services/data/');
}
