/**
 * End to end in a real n8n server (the pinned n8n 2.41.1) with this package installed as a community package
 * (npm pack, then `npm install` in the nodes folder, as n8n does), against the sandbox org: the node and credential
 * types n8n lists, n8n's own OAuth2 browser flow, and one workflow per operation group of the action node, created
 * and run through n8n's REST API. Run with `./dev test:e2e`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { loadExample, N8nApi, nodeOutput, type ExecutionDetail, type N8nProcess, type WorkflowJson } from '../harness/n8nServer';
import { startSandbox, type SandboxHandle } from '../sandbox/server';
import {
	actionNode,
	chainConnections,
	CREDENTIAL_NAME,
	locator,
	manualTrigger,
	mapper,
	newUserFolder,
	OWNER,
	SANDBOX_LOGIN,
	sandboxQuery,
	startN8n,
} from './helpers';

const PKG = 'n8n-nodes-salesforce-connector';
let sandbox: SandboxHandle;
let n8n: N8nProcess;
let api: N8nApi;
let userFolder: string;
let credential: { id: string; name: string };

beforeAll(async () => {
	userFolder = newUserFolder('regular');
	sandbox = await startSandbox({ port: 0 });
	n8n = await startN8n({ userFolder });
	api = new N8nApi(n8n.url);
	expect(await api.ownerSession(OWNER)).toBe('created');
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

/** Saves a workflow through the REST API, runs it as "Execute workflow" does and returns the finished execution. */
async function run(wf: WorkflowJson, trigger = 'Start'): Promise<ExecutionDetail> {
	const saved = await api.createWorkflow(wf);
	const ex = await api.waitForExecution(await api.runManually(saved.id, trigger));
	if (ex.status !== 'success') throw new Error(`execution ${ex.id} ended ${ex.status}: ${JSON.stringify(ex.data.resultData.error ?? ex.data.resultData).slice(0, 800)}`);
	return ex;
}

function chain(name: string, ...nodes: Array<ReturnType<typeof actionNode>>): WorkflowJson {
	const all = [manualTrigger(), ...nodes.map((n, i) => ({ ...n, position: [(i + 1) * 220, 0] }))];
	return { name, nodes: all, connections: chainConnections(all.map((n) => n.name)) };
}

it('installs as n8n installs a community package: the packed files in the nodes folder, runtime dependencies only', () => {
	const nodes = path.join(userFolder, '.n8n/nodes');
	const manifest = JSON.parse(readFileSync(path.join(nodes, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
	expect(manifest.dependencies[PKG]).toMatch(/^file:n8n-nodes-salesforce-connector-\d+\.\d+\.\d+\.tgz$/);
	const installed = path.join(nodes, 'node_modules', PKG);
	expect(existsSync(path.join(installed, 'dist/nodes/SalesforceConnector/SalesforceConnector.node.js'))).toBe(true);
	expect(existsSync(path.join(installed, 'nodes'))).toBe(false); // sources are not published
	expect(existsSync(path.join(nodes, 'node_modules/@jsforce/jsforce-node'))).toBe(true);
	expect(existsSync(path.join(nodes, 'node_modules/n8n-workflow'))).toBe(false); // the peer dependency is n8n's own
});

it('lists both nodes, the AI tool variant and both credential types with their names', async () => {
	const types = await api.raw<Array<{ name: string; displayName: string }>>('/types/nodes.json');
	const ours = Object.fromEntries(types.filter((t) => t.name.startsWith(`${PKG}.`)).map((t) => [t.name, t.displayName]));
	expect(ours).toEqual({
		[`${PKG}.salesforceConnector`]: 'Salesforce Connector',
		[`${PKG}.salesforceConnectorTrigger`]: 'Salesforce Connector Trigger',
		[`${PKG}.salesforceConnectorTool`]: 'Salesforce Connector Tool',
	});
	const creds = await api.raw<Array<{ name: string; displayName: string }>>('/types/credentials.json');
	const ourCreds = creds.filter((c) => c.name.startsWith('salesforceConnector'));
	const names = Object.fromEntries(ourCreds.map((c) => [c.name, c.displayName]));
	// and the org fields the OAuth2 credential extends, hidden from the list of credentials to create (D35)
	expect(Object.keys(names).sort()).toEqual(['salesforceConnectorNamedCredentialApi', 'salesforceConnectorOAuth2Api', 'salesforceConnectorOrgApi']);
	expect(ourCreds.filter((c) => (c as { hidden?: boolean }).hidden).map((c) => c.name)).toEqual(['salesforceConnectorOrgApi']);
	expect(names.salesforceConnectorOAuth2Api).toMatch(/Salesforce Connector OAuth2 API/);
});

it('connects the credential through n8n’s OAuth2 browser flow: authorize URL with PKCE, login page, n8n’s callback', async () => {
	const cred = await api.createCredential(CREDENTIAL_NAME, 'salesforceConnectorOAuth2Api', {
		clientId: 'sandbox-connected-app',
		clientSecret: 'sandbox-secret',
		url: sandbox.url,
		environment: 'production',
	});
	const authorize = new URL(await api.oauth2AuthUrl(cred.id));
	expect(authorize.origin).toBe(sandbox.url);
	expect(authorize.pathname).toBe('/services/oauth2/authorize');
	expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
	expect(authorize.searchParams.get('scope')).toBe('api refresh_token');
	expect(authorize.searchParams.get('redirect_uri')).toBe(`${n8n.url}/rest/oauth2-credential/callback`);
	sandbox.org.callLog = [];
	const callback = await api.connectOAuth2(cred.id, SANDBOX_LOGIN);
	expect(callback.startsWith(`${n8n.url}/rest/oauth2-credential/callback?code=`)).toBe(true);
	// the code exchange was n8n's, with the PKCE verifier
	expect(sandbox.org.callLog.filter((c) => c.path === '/services/oauth2/token').map((c) => c.status)).toEqual([200]);
	credential = { id: cred.id, name: CREDENTIAL_NAME };
});

describe('every operation group of the action node runs in the server', () => {
	it('Connection: Get Info', async () => {
		const ex = await run(chain('E2E Connection', actionNode('Info', credential, { resource: 'connection', operation: 'getInfo' })));
		expect(nodeOutput(ex, 'Info')[0]).toMatchObject({ username: 'admin@sandbox.example', instanceUrl: sandbox.url });
		// the run's API calls and the org's usage, as the hint n8n shows on the node's output
		expect(ex.data.resultData.runData.Info[0].hints).toEqual([
			{ type: 'info', location: 'outputPane', message: expect.stringMatching(/^2 Salesforce API calls in this run; the org has used \d+ of its 100,000 daily API requests/) },
		]);
	});

	it('Record (Any Object): Create, Get by ID with a relationship field, Update, Create or Update, Delete', async () => {
		const created = "={{ $('Create').item.json.id }}";
		const ex = await run(
			chain(
				'E2E Record (Any Object)',
				actionNode('Create', credential, {
					resource: 'record',
					operation: 'create',
					sobject: locator('Account', 'name'),
					columns: mapper({ Name: "={{ 'E2E record ' + $execution.id }}", Industry: 'Technology', Customer_Number__c: '={{ "E2E-" + $execution.id }}' }),
				}),
				actionNode('Get', credential, {
					resource: 'record',
					operation: 'get',
					sobject: locator('Account', 'name'),
					recordId: '={{ $json.id }}',
					fields: ['Name', 'Industry'],
					options: { relationshipFields: 'Owner.Name' },
				}),
				actionNode('Update', credential, {
					resource: 'record',
					operation: 'update',
					sobject: locator('Account', 'name'),
					columns: mapper({ Id: created, Industry: 'Energy' }, ['Id']),
				}),
				actionNode('Upsert', credential, {
					resource: 'record',
					operation: 'upsert',
					sobject: locator('Account', 'name'),
					columns: mapper({ Customer_Number__c: '={{ "E2E-" + $execution.id }}', Name: 'E2E record (upserted)' }, ['Customer_Number__c']),
				}),
				actionNode('Delete', credential, { resource: 'record', operation: 'delete', sobject: locator('Account', 'name'), recordId: created }),
			),
		);
		const id = String(nodeOutput(ex, 'Create')[0].id);
		expect(id).toMatch(/^001/);
		expect(nodeOutput(ex, 'Get')[0]).toMatchObject({ Name: `E2E record ${ex.id}`, Industry: 'Technology', Owner: { Name: expect.any(String) } });
		expect(nodeOutput(ex, 'Update')[0]).toMatchObject({ id, success: true });
		expect(nodeOutput(ex, 'Upsert')[0]).toMatchObject({ id, success: true, created: false });
		expect(nodeOutput(ex, 'Delete')[0]).toEqual({ id, success: true });
		expect(await sandboxQuery(sandbox, `SELECT Id FROM Account WHERE Id = '${id}'`)).toEqual([]);
	});

	it('static objects: Account and Contact with labelled fields and a lookup, Get by ID, Update, Create or Update, Delete', async () => {
		const ex = await run(
			chain(
				'E2E Static objects',
				actionNode('Create Account', credential, { resource: 'account', operation: 'create', accountName: 'E2E static', additionalFields: { Industry: 'Retail' } }),
				actionNode('Create Contact', credential, {
					resource: 'contact',
					operation: 'create',
					contactLastName: 'Static',
					additionalFields: { FirstName: 'E2E', AccountId: locator('={{ $json.id }}') },
				}),
				actionNode('Get Contact', credential, {
					resource: 'contact',
					operation: 'get',
					contactId: locator('={{ $json.id }}'),
					fieldsToReturn: ['FirstName', 'LastName', 'AccountId'],
				}),
				actionNode('Update Account', credential, {
					resource: 'account',
					operation: 'update',
					accountId: locator("={{ $('Create Account').item.json.id }}"),
					updateFields: { Industry: 'Energy' },
				}),
				actionNode('Upsert Account', credential, {
					resource: 'account',
					operation: 'upsert',
					externalIdField: 'Customer_Number__c',
					externalIdValue: '={{ "E2E-S-" + $execution.id }}',
					upsertFields: { Name: 'E2E static upserted' },
				}),
				actionNode('Delete Contact', credential, { resource: 'contact', operation: 'delete', contactId: locator("={{ $('Create Contact').item.json.id }}") }),
			),
		);
		const accountId = String(nodeOutput(ex, 'Create Account')[0].id);
		const contactId = String(nodeOutput(ex, 'Create Contact')[0].id);
		expect(nodeOutput(ex, 'Get Contact')).toEqual([{ FirstName: 'E2E', LastName: 'Static', AccountId: accountId }]);
		expect(nodeOutput(ex, 'Update Account')[0]).toMatchObject({ id: accountId, success: true });
		expect(nodeOutput(ex, 'Upsert Account')[0]).toMatchObject({ success: true, created: true });
		expect(nodeOutput(ex, 'Delete Contact')[0]).toEqual({ id: contactId, success: true });
		expect(await sandboxQuery(sandbox, `SELECT Industry FROM Account WHERE Id = '${accountId}'`)).toMatchObject([{ Industry: 'Energy' }]);
	});

	it('the example "Accounts report → upload a CSV file" runs as committed in examples/', async () => {
		const ex = await run(loadExample('accounts-report-file.json', credential), 'Run Report');
		expect(nodeOutput(ex, 'Get Accounts')).toHaveLength(6);
		const upload = nodeOutput(ex, 'Upload Report File')[0];
		expect(upload).toMatchObject({ success: true, id: expect.stringMatching(/^068/) });
		const [file] = await sandboxQuery<{ Title: string; FileExtension: string; ContentSize: number }>(
			sandbox,
			`SELECT Title, FileExtension, ContentSize FROM ContentVersion WHERE Id = '${String(upload.id)}'`,
		);
		expect(file).toMatchObject({ Title: expect.stringMatching(/^Accounts report \d{4}-\d{2}-\d{2}$/), FileExtension: 'csv' });
		expect(file.ContentSize).toBeGreaterThan(100);
	});
});
