/**
 * The named-credential connection: its connection test against the sandbox org's named-credential setup (each
 * rule of the spec with its own message), and node calls authenticated server-to-server (client credentials and
 * JWT bearer) through n8n's preAuthentication.
 */
import { generateKeyPairSync } from 'node:crypto';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';

import { loadPackage, packageNode, chain, runWorkflow } from '../harness/engine';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_USER, startOrg, type TestOrg } from '../harness/org';

const TYPE = 'salesforceConnectorNamedCredentialApi';
let org: TestOrg;
let credentialTest: (this: ICredentialTestFunctions, c: { id: string; name: string; type: string; data: ICredentialDataDecryptedObject }) => Promise<{ status: string; message: string }>;

/** What n8n's CredentialsTester hands a credential test: n8n-core's own CredentialTestContext. */
let testerContext: ICredentialTestFunctions;

const data = (extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	namedCredential: 'SalesforceOrg',
	url: org.url,
	environment: 'production',
	allowCustomDomain: false,
	protocol: 'clientCredentials',
	clientId: SANDBOX_CLIENT_ID,
	clientSecret: SANDBOX_CLIENT_SECRET,
	...extra,
});

const runTest = async (d: ICredentialDataDecryptedObject) => await credentialTest.call(testerContext, { id: 'nc', name: 'nc', type: TYPE, data: d });

beforeAll(async () => {
	org = await startOrg();
	testerContext = new CredentialTestContext(org.harness.additionalData());
	const loader = await loadPackage();
	const node = loader.nodeTypes.salesforceConnector.type as INodeType;
	credentialTest = node.methods!.credentialTest!.salesforceConnectorNamedCredentialTest as never;
});
afterAll(async () => {
	await org?.close();
});
afterEach(async () => {
	await org.admin('named-credentials/reset', {});
});

describe('named-credential connection test', () => {
	it('passes for the documented setup', async () => {
		expect(await runTest(data())).toEqual({ status: 'OK', message: expect.stringMatching(/SalesforceOrg/) });
	});

	it('fails when the named credential does not exist', async () => {
		const r = await runTest(data({ namedCredential: 'NoSuchCredential' }));
		expect(r.status).toBe('Error');
		expect(r.message).toMatch(/"NoSuchCredential" was not found/);
	});

	it('fails when the external credential has another API name', async () => {
		await org.admin('named-credentials', {
			mode: 'merge',
			externalCredentials: [{ developerName: 'SalesforceOrgExt', principals: [{ principalName: 'P', permissionSets: ['SalesforceOrg_Principal_Access'] }] }],
			namedCredentials: [{ developerName: 'SalesforceOrg', externalCredentials: ['SalesforceOrgExt'] }],
		});
		const r = await runTest(data());
		expect(r.message).toMatch(/same API name/);
		expect(r.message).toMatch(/SalesforceOrgExt/);
	});

	it('fails with two principals', async () => {
		await org.admin('named-credentials', {
			mode: 'merge',
			externalCredentials: [
				{
					developerName: 'SalesforceOrg',
					principals: [
						{ principalName: 'One', permissionSets: ['SalesforceOrg_Principal_Access'] },
						{ principalName: 'Two', permissionSets: ['SalesforceOrg_Principal_Access'] },
					],
				},
			],
		});
		const r = await runTest(data());
		expect(r.message).toMatch(/has 2 principals; use exactly one/);
	});

	it('fails when the principal is not authenticated', async () => {
		await org.admin('named-credentials', {
			mode: 'merge',
			externalCredentials: [
				{ developerName: 'SalesforceOrg', principals: [{ principalName: 'Lonely', authenticationStatus: 'NotConfigured', permissionSets: ['SalesforceOrg_Principal_Access'] }] },
			],
		});
		const r = await runTest(data());
		expect(r.message).toMatch(/"Lonely".*is not authenticated/);
	});

	it('fails when the user lacks the permission set, and names it', async () => {
		await org.admin('named-credentials', { mode: 'replace', assignments: [] });
		const r = await runTest(data());
		expect(r.status).toBe('Error');
		expect(r.message).toMatch(/assign the permission set SalesforceOrg_Principal_Access/);
	});

	it('reports a refused login without echoing the secret', async () => {
		const r = await runTest(data({ clientSecret: 'wrong-secret-123456' }));
		expect(r.status).toBe('Error');
		expect(r.message).toMatch(/refused the client credentials login: invalid_client/);
		expect(r.message).not.toContain('wrong-secret-123456');
	});
});

describe('node calls over the named-credential connection', () => {
	const getInfo = (credentialId: string) =>
		chain(
			[{}],
			packageNode(
				'salesforceConnector',
				{ authentication: 'namedCredential', resource: 'connection', operation: 'getInfo' },
				{ credentials: { [TYPE]: { id: credentialId, name: 'nc' } } },
			),
		);

	it('client credentials: token fetched by preAuthentication, stored, and refreshed after expiry', async () => {
		org.harness.addCredential({ id: 'nc-cc', name: 'nc', type: TYPE, data: { ...data(), accessToken: '' } });
		const first = await runWorkflow(org.harness, getInfo('nc-cc'));
		expect(first.output('Salesforce')[0].json.username).toBe(SANDBOX_USER.username);
		const stored = org.harness.credentialsHelper.get('nc-cc').data;
		expect(String(stored.accessToken)).toMatch(/^00D/);
		await org.admin('expire-sessions', {});
		const second = await runWorkflow(org.harness, getInfo('nc-cc'));
		expect(second.output('Salesforce')[0].json.username).toBe(SANDBOX_USER.username);
		expect(org.harness.credentialsHelper.get('nc-cc').data.accessToken).not.toBe(stored.accessToken);
	});

	it('JWT bearer: an assertion signed with the private key whose certificate the app holds', async () => {
		const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		await org.admin('apps', {
			name: 'n8n JWT',
			clientId: 'jwt-app',
			clientSecret: 'unused',
			callbackUrls: [],
			scopes: ['api'],
			certificate: publicKey.export({ type: 'spki', format: 'pem' }),
			adminPreApproved: true,
		});
		org.harness.addCredential({
			id: 'nc-jwt',
			name: 'nc',
			type: TYPE,
			data: { ...data({ protocol: 'jwtBearer', clientId: 'jwt-app', username: SANDBOX_USER.username }), privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), accessToken: '' },
		});
		const result = await runWorkflow(org.harness, getInfo('nc-jwt'));
		expect(result.output('Salesforce')[0].json.username).toBe(SANDBOX_USER.username);
		expect((await runTest(org.harness.credentialsHelper.get('nc-jwt').data)).status).toBe('OK');
	});

	describe('a refused server-to-server login shows the token endpoint’s reason at run time, never "refresh token"', () => {
		const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const pem = (k: typeof privateKey) => k.export({ type: 'pkcs8', format: 'pem' }).toString();
		const app = (extra: Record<string, unknown>) =>
			org.admin('apps', { name: 'n8n JWT 2', clientId: 'jwt-app-2', clientSecret: 'unused', callbackUrls: [], scopes: ['api'], certificate: publicKey.export({ type: 'spki', format: 'pem' }), ...extra });
		const jwtData = (key: string) => ({ ...data({ protocol: 'jwtBearer', clientId: 'jwt-app-2', username: SANDBOX_USER.username }), privateKey: key, accessToken: '' });

		it.each([
			['a JWT signed with the wrong key', async () => await app({ adminPreApproved: true }), () => jwtData(pem(other)), /refused the JWT bearer login: invalid_grant/],
			['a user who has not approved the app', async () => await app({ adminPreApproved: false }), () => jwtData(pem(privateKey)), /user hasn't approved this consumer/],
			['client credentials without a Run-As user', async () => await org.admin('apps', { name: 'no run-as', clientId: 'cc-no-runas', clientSecret: 'cc-secret', callbackUrls: [], scopes: ['api'] }), () => ({ ...data({ clientId: 'cc-no-runas', clientSecret: 'cc-secret' }), accessToken: '' }), /no client credentials user enabled/],
			['a malformed private key', async () => await app({ adminPreApproved: true }), () => jwtData('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----'), /private key.*(PEM|not)/i],
		])('%s', async (name, setup, credential, reason) => {
			await setup();
			const id = `nc-bad-${name.length}`;
			org.harness.addCredential({ id, name: 'nc', type: TYPE, data: credential() });
			const result = await runWorkflow(org.harness, getInfo(id));
			const err = result.error('Salesforce') as Error & { description?: string };
			expect(err.message).toMatch(reason);
			expect(`${err.message} ${err.description ?? ''}`).not.toMatch(/refresh token|OpenSSL|DECODER|error:[0-9A-F]{8}/i);
		});
	});
});

