/**
 * The named-credential connection test: the spec's rules for using a named credential, each with its own message.
 * - the named credential exists;
 * - its external credential (and related objects) use the same API name;
 * - exactly one principal;
 * - the principal is authenticated;
 * - the connecting user holds the permission set that grants access to the principal.
 */
import type { ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';

import { redact } from '../errors';
import { normalizeOrgUrl, OrgUrlError } from '../orgUrl';
import { isApiName, soqlString } from '../query/escape';
import { DEFAULT_API_VERSION } from './constants';
import { requestServerToServerToken } from './serverToServerAuth';

export interface NamedCredentialHttp {
	postForm(url: string, body: string): Promise<unknown>;
	get(url: string, accessToken: string): Promise<{ statusCode: number; body: unknown }>;
}

interface NamedCredentialSetup {
	developerName?: string;
	externalCredentials?: Array<{ developerName?: string; masterLabel?: string }>;
}

interface ExternalCredential {
	developerName?: string;
	authenticationStatus?: string;
	principals?: Array<{
		principalName?: string;
		principalType?: string;
		authenticationStatus?: string;
		principalAccess?: Array<{ id?: string; developerName?: string; type?: string }>;
	}>;
}

const fail = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

export async function checkNamedCredential(
	http: NamedCredentialHttp,
	credentials: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const name = String(credentials.namedCredential ?? '').trim();
	if (!isApiName(name)) {
		return fail(
			`Named Credential "${name}" is not an API name: use the Name (not the Label) from Setup > Named Credentials, letters, digits and underscores only`,
		);
	}
	try {
		normalizeOrgUrl(String(credentials.url ?? ''), { allowCustomDomain: credentials.allowCustomDomain === true });
	} catch (error) {
		return fail(error instanceof OrgUrlError ? `${error.message}. ${error.hint}` : String(error));
	}
	const secrets = [credentials.clientSecret, credentials.privateKey].map((s) => String(s ?? ''));
	let token: Awaited<ReturnType<typeof requestServerToServerToken>>;
	try {
		token = await requestServerToServerToken(http.postForm, credentials);
	} catch (error) {
		return fail(redact(error instanceof Error ? error.message : String(error), secrets));
	}
	secrets.push(token.accessToken);
	const api = `${token.instanceUrl}/services/data/v${DEFAULT_API_VERSION}`;
	const get = async (path: string) => await http.get(`${api}${path}`, token.accessToken);

	const nc = await get(`/named-credentials/named-credential-setup/${encodeURIComponent(name)}`);
	if (nc.statusCode === 404) {
		return fail(
			`Named credential "${name}" was not found in this org. Create it in Setup > Named Credentials, or correct the API name.`,
		);
	}
	if (nc.statusCode >= 400) {
		return fail(`Could not read named credential "${name}" (HTTP ${nc.statusCode}). The user needs "View Setup and Configuration".`);
	}
	const setup = nc.body as NamedCredentialSetup;
	const externals = setup.externalCredentials ?? [];
	const same = externals.find((e) => e.developerName === name);
	if (!same) {
		const names = externals.map((e) => e.developerName).filter(Boolean).join(', ') || 'none';
		return fail(
			`Named credential "${name}" uses external credential "${names}": the named credential and its external credential must have the same API name (labels may differ). Rename one of them in Setup.`,
		);
	}
	const ec = await get(`/named-credentials/external-credentials/${encodeURIComponent(name)}`);
	if (ec.statusCode >= 400) {
		return fail(`Could not read external credential "${name}" (HTTP ${ec.statusCode}).`);
	}
	const external = ec.body as ExternalCredential;
	const principals = external.principals ?? [];
	if (principals.length !== 1) {
		return fail(
			`External credential "${name}" has ${principals.length} principals; use exactly one principal per named credential (Setup > Named Credentials > External Credentials > ${name} > Principals).`,
		);
	}
	const principal = principals[0];
	if (principal.authenticationStatus !== 'Configured') {
		return fail(
			`Principal "${principal.principalName ?? '?'}" of external credential "${name}" is not authenticated (status ${principal.authenticationStatus ?? 'unknown'}). Authenticate it in Setup; reconnections are done there, not in n8n.`,
		);
	}
	const userId = token.id?.split('/').pop();
	const access = (principal.principalAccess ?? []).filter((a) => a.id || a.developerName);
	if (!userId || access.length === 0) {
		return fail(
			`Principal "${principal.principalName ?? '?'}" is not granted to any permission set: add it to a permission set and assign that to the connecting user.`,
		);
	}
	const ids = access.map((a) => a.id).filter((v): v is string => !!v);
	const soql = `SELECT Id, PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)} AND PermissionSetId IN (${ids.map(soqlString).join(', ')})`;
	const assignments = await get(`/query?q=${encodeURIComponent(soql)}`);
	if (assignments.statusCode >= 400) {
		return fail(`Could not check the user's permission sets (HTTP ${assignments.statusCode}).`);
	}
	const total = (assignments.body as { totalSize?: number }).totalSize ?? 0;
	if (total === 0) {
		const names = access.map((a) => a.developerName ?? a.id).join(' or ');
		return fail(
			`The connecting user has no access to principal "${principal.principalName ?? '?'}": assign the permission set ${names} to the user (Setup > Users > Permission Set Assignments). Until then the connection stays inactive.`,
		);
	}
	return { status: 'OK', message: `Connection tested successfully: named credential "${name}" is ready` };
}
