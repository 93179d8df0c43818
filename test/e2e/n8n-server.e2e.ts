/**
 * End to end in a real n8n server (the pinned n8n 2.41.1) with this package installed as a community package
 * (npm pack, then `npm install` in the nodes folder, as n8n does), against the sandbox org: the node and credential
 * types n8n lists, n8n's own OAuth2 browser flow, and one workflow per operation group of the action node, created
 * and run through n8n's REST API. Run with `./dev test:e2e`.
 */
import { createHash } from 'node:crypto';
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
	sandboxFileText,
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

function chain(name: string, ...nodes: Array<ReturnType<typeof actionNode> & { executeOnce?: boolean }>): WorkflowJson {
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

	it('Record (Any Object): Get Records with conditions, sort and limit, and SOQL Query', async () => {
		const ex = await run(
			chain(
				'E2E Get Records and SOQL Query',
				actionNode('Get Records', credential, {
					resource: 'record',
					operation: 'getMany',
					sobject: locator('Account', 'name'),
					fieldsToReturn: 'selected',
					selectedFields: ['Name', 'Industry', 'Owner.Name'],
					conditions: { condition: [{ field: 'Industry', operator: 'equals', value: 'Telecommunications' }] },
					sort: { rule: [{ field: 'Name', direction: 'ASC', nulls: 'default' }] },
					returnAll: false,
					limit: 2,
				}),
				{ ...actionNode('SOQL Query', credential, { resource: 'record', operation: 'soql', soql: "SELECT Id, Name FROM Account WHERE Name = 'Acme Corporation'", returnAll: true }), executeOnce: true },
			),
		);
		expect(nodeOutput(ex, 'Get Records')).toEqual([
			expect.objectContaining({ Name: 'Adventure Works', Industry: 'Telecommunications', Owner: { Name: expect.any(String) } }),
			expect.objectContaining({ Name: 'Aperture Science', Industry: 'Telecommunications' }),
		]);
		expect(nodeOutput(ex, 'SOQL Query')).toEqual([{ Id: '0018d0000000001AAA', Name: 'Acme Corporation' }]);
	});

	it('File: Upload File linked to a record, then Download File by its ContentVersion ID', async () => {
		const content = `E2E file ${Date.now()}\n`;
		const makeFile = {
			id: 'Make File',
			name: 'Make File',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				jsCode: `return [{ json: {}, binary: { data: { data: Buffer.from(${JSON.stringify(content)}).toString('base64'), mimeType: 'text/plain', fileName: 'e2e.txt' } } }];`,
			},
		};
		const upload = actionNode('Upload', credential, { resource: 'file', operation: 'upload', binaryPropertyName: 'data', uploadTarget: 'record', linkedRecordId: '0018d0000000001AAA', options: {} });
		const download = actionNode('Download', credential, {
			resource: 'file',
			operation: 'download',
			downloadBy: 'contentVersionId',
			contentVersionId: '={{ $json.contentVersionId }}',
			binaryPropertyName: 'file',
		});
		const nodes = [manualTrigger(), makeFile, { ...upload, position: [440, 0] }, { ...download, position: [660, 0] }];
		const ex = await run({ name: 'E2E Files', nodes, connections: chainConnections(nodes.map((n) => n.name)) });
		const uploaded = nodeOutput(ex, 'Upload')[0];
		expect(uploaded).toMatchObject({ contentVersionId: expect.stringMatching(/^068/), fileName: 'e2e.txt', size: content.length, linkedRecordId: '0018d0000000001AAA' });
		expect(nodeOutput(ex, 'Download')[0]).toMatchObject({ contentVersionId: uploaded.contentVersionId, fileName: 'e2e.txt', size: content.length });
		const binary = ex.data.resultData.runData.Download[0].data?.main[0]?.[0] as { binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string }> } | undefined;
		expect(binary?.binary?.file).toMatchObject({ fileName: 'e2e.txt' });
		const [stored] = await sandboxQuery<{ Checksum: string }>(sandbox, `SELECT Checksum FROM ContentVersion WHERE Id = '${String(uploaded.contentVersionId)}'`);
		expect(stored.Checksum).toBe(createHash('md5').update(content).digest('hex'));
	});

	it('the example "Top customer accounts → upload a CSV report" runs as committed in examples/: the file in the org holds the CSV', async () => {
		const ex = await run(loadExample('top-accounts-report.json', credential), 'Run Report');
		// Get Records: conditions 1 Type = Customer - Direct, 2 Type = Customer - Channel, 3 AnnualRevenue >= 100 million, logic (1 OR 2) AND 3
		const expected = await sandboxQuery<Record<string, string | number | null>>(
			sandbox,
			"SELECT Name, Type, Industry, AnnualRevenue, BillingCity FROM Account WHERE (Type = 'Customer - Direct' OR Type = 'Customer - Channel') AND AnnualRevenue >= 100000000 ORDER BY AnnualRevenue DESC LIMIT 10",
		);
		expect(expected).toHaveLength(10);
		const top = nodeOutput(ex, 'Top Customer Accounts');
		expect(top.map((a) => a.Name)).toEqual(expected.map((a) => a.Name));
		for (const a of top) {
			expect(['Customer - Direct', 'Customer - Channel']).toContain(a.Type);
			expect(Number(a.AnnualRevenue)).toBeGreaterThanOrEqual(100_000_000);
		}
		const revenues = top.map((a) => Number(a.AnnualRevenue));
		expect(revenues).toEqual([...revenues].sort((a, b) => b - a));

		const upload = nodeOutput(ex, 'Upload Report')[0];
		const userId = nodeOutput(ex, 'Who Am I')[0].userId;
		expect(upload).toMatchObject({
			contentVersionId: expect.stringMatching(/^068/),
			fileName: expect.stringMatching(/^top-customer-accounts-\d{4}-\d{2}-\d{2}\.csv$/),
			title: expect.stringMatching(/^Top customer accounts \d{4}-\d{2}-\d{2}$/),
			linkedRecordId: userId,
		});
		expect(ex.data.resultData.runData['Upload Report'][0].hints).toEqual([
			{ type: 'info', location: 'outputPane', message: expect.stringMatching(/^\d+ Salesforce API calls in this run; the org has used [\d,]+ of its 100,000 daily API requests \(\d+\.\d%\)\.$/) },
		]);
		// the file as stored in the org: the CSV of the ten accounts, linked to the running user
		const cell = (v: string | number | null) => (v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
		const columns = ['Name', 'Type', 'Industry', 'AnnualRevenue', 'BillingCity'];
		const csv = [columns.join(','), ...expected.map((a) => columns.map((c) => cell(a[c])).join(','))].join('\n') + '\n';
		expect(await sandboxFileText(sandbox, String(upload.contentVersionId))).toBe(csv);
		const [stored] = await sandboxQuery<{ FileExtension: string; ContentSize: number; FirstPublishLocationId: string; Description: string }>(
			sandbox,
			`SELECT FileExtension, ContentSize, FirstPublishLocationId, Description FROM ContentVersion WHERE Id = '${String(upload.contentVersionId)}'`,
		);
		expect(stored).toMatchObject({
			FileExtension: 'csv',
			ContentSize: Buffer.byteLength(csv),
			FirstPublishLocationId: userId,
			Description: 'The 10 customer accounts (direct or channel) with the highest annual revenue, at least 100 million',
		});
	});
});
