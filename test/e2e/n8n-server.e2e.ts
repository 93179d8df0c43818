/**
 * End to end in a real n8n server (the pinned n8n 2.41.1, started here) with this package installed as a community
 * package, against the sandbox org: the credential is connected through n8n's own OAuth2 + PKCE handshake, then a
 * workflow (dynamic and static actions, expressions) runs with `n8n execute`. Run with `./dev e2e`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startSandbox, type SandboxHandle } from '../sandbox/server';
import { submitLoginForm } from '../harness/oauthFlow';

const BIN = process.env.E2E_N8N_BIN ?? '';
const HOME = process.env.E2E_N8N_HOME ?? '';
const PORT = 5691;
const BASE = `http://localhost:${PORT}`;
const env = {
	...process.env,
	// jest sets NODE_ENV=test, which n8n reads as its own test mode
	NODE_ENV: 'production',
	N8N_USER_FOLDER: HOME,
	N8N_PORT: String(PORT),
	N8N_RUNNERS_BROKER_PORT: String(PORT + 1),
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_SECURE_COOKIE: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
};

let sandbox: SandboxHandle;
let n8n: ChildProcess;
let cookie = '';
let log = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${BASE}${path}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = res.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
	return (JSON.parse(text) as { data: T }).data;
}

beforeAll(async () => {
	if (!BIN || !HOME) throw new Error('Run through ./dev e2e (it installs n8n and sets E2E_N8N_BIN / E2E_N8N_HOME)');
	sandbox = await startSandbox({ port: 0 });
	n8n = spawn(BIN, ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	n8n.stdout?.on('data', (d: Buffer) => (log += d.toString()));
	n8n.stderr?.on('data', (d: Buffer) => (log += d.toString()));
	n8n.on('error', (e) => (log += `spawn error: ${e.message}`));
	const deadline = Date.now() + 150_000;
	for (;;) {
		const ok = await fetch(`${BASE}/healthz`).then((r) => r.ok, () => false);
		if (ok && log.includes('Editor is now accessible')) break;
		if (Date.now() > deadline) throw new Error(`n8n did not start:\n${log.slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
	await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'E2e-Passw0rd!' });
});

afterAll(async () => {
	n8n?.kill('SIGTERM');
	await new Promise((r) => n8n?.once('exit', r) ?? r(undefined));
	await sandbox?.close();
});

it('lists both nodes, the AI tool variant and both credential types', async () => {
	const types = (await (await fetch(`${BASE}/types/nodes.json`, { headers: { cookie } })).json()) as Array<{ name: string }>;
	const names = types.map((t) => t.name);
	expect(names).toEqual(
		expect.arrayContaining([
			'n8n-nodes-salesforce-connector.salesforceConnector',
			'n8n-nodes-salesforce-connector.salesforceConnectorTrigger',
			'n8n-nodes-salesforce-connector.salesforceConnectorTool',
		]),
	);
	const creds = (await (await fetch(`${BASE}/types/credentials.json`, { headers: { cookie } })).json()) as Array<{ name: string }>;
	expect(creds.map((c) => c.name)).toEqual(expect.arrayContaining(['salesforceConnectorOAuth2Api', 'salesforceConnectorNamedCredentialApi']));
});

it('connects through n8n’s OAuth2 flow and runs dynamic and static actions in a workflow', async () => {
	const cred = await api<{ id: string }>('POST', '/rest/credentials', {
		name: 'Sandbox org',
		type: 'salesforceConnectorOAuth2Api',
		data: { clientId: 'sandbox-connected-app', clientSecret: 'sandbox-secret', url: sandbox.url, environment: 'production' },
	});
	const authUrl = await api<string>('GET', `/rest/oauth2-credential/auth?id=${cred.id}`);
	const authorize = new URL(authUrl);
	expect(authorize.origin).toBe(sandbox.url);
	expect(authorize.pathname).toBe('/services/oauth2/authorize');
	expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
	expect(authorize.searchParams.get('scope')).toBe('api refresh_token');
	const page = await fetch(authUrl);
	const decision = await submitLoginForm(authUrl, await page.text(), { username: 'admin@sandbox.example', password: 'sandbox-pass' });
	const callback = decision.headers.get('location') ?? '';
	expect(callback.startsWith(`${BASE}/rest/oauth2-credential/callback?code=`)).toBe(true);
	const done = await fetch(callback, { headers: { cookie } });
	expect(done.status).toBe(200);
	expect(sandbox.org.callLog.some((c) => c.path === '/services/oauth2/token' && c.status === 200)).toBe(true);

	const creds = { salesforceConnectorOAuth2Api: { id: cred.id, name: 'Sandbox org' } };
	const node = (id: string, name: string, x: number, parameters: object) => ({
		id,
		name,
		type: 'n8n-nodes-salesforce-connector.salesforceConnector',
		typeVersion: 1,
		position: [x, 0],
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: creds,
	});
	const wf = await api<{ id: string }>('POST', '/rest/workflows', {
		name: 'E2E Salesforce',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			node('2', 'Info', 200, { resource: 'connection', operation: 'getInfo' }),
			node('3', 'Create', 400, {
				resource: 'record',
				operation: 'create',
				sobject: { __rl: true, mode: 'name', value: 'Account' },
				columns: { mappingMode: 'defineBelow', value: { Name: "={{ 'E2E for ' + $json.username }}", Industry: 'Technology' }, matchingColumns: [], schema: [] },
			}),
			node('4', 'Get', 600, {
				resource: 'account',
				operation: 'get',
				accountId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				fieldsToReturn: ['Name', 'Industry'],
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Info', type: 'main', index: 0 }]] },
			Info: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
			Create: { main: [[{ node: 'Get', type: 'main', index: 0 }]] },
		},
	});
	const { stdout } = await promisify(execFile)(BIN, ['execute', `--id=${wf.id}`, '--rawOutput'], {
		env: { ...env, N8N_RUNNERS_BROKER_PORT: String(PORT + 2) },
		maxBuffer: 64 * 1024 * 1024,
	});
	const run = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
		status: string;
		data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
	};
	expect(run.status).toBe('success');
	const out = (name: string) => run.data.resultData.runData[name][0].data.main[0].map((i) => i.json);
	expect(out('Info')[0]).toMatchObject({ username: 'admin@sandbox.example', instanceUrl: sandbox.url });
	expect(out('Create')[0]).toMatchObject({ success: true, id: expect.stringMatching(/^001/) });
	expect(out('Get')).toEqual([{ Name: 'E2E for admin@sandbox.example', Industry: 'Technology' }]);
});
