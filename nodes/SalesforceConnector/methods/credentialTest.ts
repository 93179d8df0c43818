import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkNamedCredential, type NamedCredentialHttp } from '../../../shared/client/namedCredentialCheck';

/** Connection test of the named-credential connection: authenticates, then checks the setup against the spec's rules. */
export async function salesforceConnectorNamedCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const http: NamedCredentialHttp = {
		// credential tests only get n8n's legacy `request` helper (ICredentialTestFunctions), hence the deprecated call
		postForm: async (url, body) =>
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			await this.helpers.request({
				method: 'POST',
				uri: url,
				body,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			}),
		get: async (url, accessToken) => {
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			const res = (await this.helpers.request({
				method: 'GET',
				uri: url,
				headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
				resolveWithFullResponse: true,
				simple: false,
			})) as { statusCode: number; body: unknown };
			return { statusCode: res.statusCode, body: typeof res.body === 'string' ? safeJson(res.body) : res.body };
		},
	};
	return await checkNamedCredential(http, credential.data as ICredentialDataDecryptedObject);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
