/**
 * n8n's queue mode (the scaling path): one main instance and one worker sharing Redis (Debian's redis-server on a
 * loopback port) and the database. The main instance receives webhooks and manual runs and queues them; the worker
 * runs the nodes. Which process ran a node is visible in the execution data: the workflow writes the running
 * process's `$env.E2E_PROCESS_ROLE` (main / worker) into the record it creates, and Return Full Record reads it
 * back. A rotated refresh token stored by one worker process is what the next worker process uses: nothing the
 * package needs lives in process memory. The trigger (polls on main, actions on the worker) is in trigger.e2e.ts.
 */
import { randomBytes } from 'node:crypto';

import { N8nApi, nodeOutput, type N8nProcess, type WorkflowJson } from '../harness/n8nServer';
import { startSandbox, type SandboxHandle } from '../sandbox/server';
import {
	actionNode,
	chainConnections,
	connectedCredential,
	eventually,
	locator,
	manualTrigger,
	mapper,
	newUserFolder,
	OWNER,
	queueEnv,
	sandboxQuery,
	startN8n,
	startRedis,
	type RedisHandle,
} from './helpers';

let redis: RedisHandle;
let sandbox: SandboxHandle;
let main: N8nProcess;
let worker: N8nProcess;
let api: N8nApi;
let userFolder: string;
let credential: { id: string; name: string };

const env = (role: 'main' | 'worker') => queueEnv(redis.port, { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', E2E_PROCESS_ROLE: role });
const startWorker = async () => await startN8n({ userFolder, command: 'worker', env: env('worker') });

beforeAll(async () => {
	redis = await startRedis();
	sandbox = await startSandbox({ port: 0 });
	userFolder = newUserFolder('queue');
	// the main instance first: it creates the database the worker then opens
	main = await startN8n({ userFolder, env: env('main') });
	worker = await startWorker();
	api = new N8nApi(main.url);
	await api.ownerSession(OWNER);
	credential = await connectedCredential(api, sandbox);
}, 400_000);

afterAll(async () => {
	await worker?.stop();
	await main?.stop();
	await sandbox?.close();
	await redis?.stop();
});

/** Create Account with the running process's role in its Description, read back (Return Full Record). */
const createHere = (name: string, accountName: string) =>
	actionNode(name, credential, {
		resource: 'record',
		operation: 'create',
		sobject: locator('Account', 'name'),
		columns: mapper({ Name: accountName, Description: '=written by the {{ $env.E2E_PROCESS_ROLE }} process' }),
		options: { returnFullRecord: true },
	});

it('a production webhook is received by main and its Salesforce actions execute on the worker', async () => {
	const path = `e2e-queue-${randomBytes(4).toString('hex')}`;
	const wf: WorkflowJson = {
		name: 'E2E queue: webhook → Salesforce',
		nodes: [
			{ id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: path, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } },
			{ ...createHere('Create Account', "={{ 'Queued ' + $json.body.n }}"), position: [220, 0] },
			{ ...actionNode('Info', credential, { resource: 'connection', operation: 'getInfo' }), position: [440, 0] },
		],
		connections: chainConnections(['Webhook', 'Create Account', 'Info']),
	};
	const saved = await api.createWorkflow(wf);
	await api.activate(saved.id);
	expect((await api.waitPublished(saved.id)).status).toBe('published');

	const res = await fetch(`${main.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 1 }) });
	expect(res.status).toBe(200);
	const summary = await eventually('the webhook execution', 90_000, async () => (await api.executions(saved.id)).find((e) => e.status === 'success'));
	const ex = await api.execution(summary.id);
	expect(ex.mode).toBe('webhook');
	const [account] = nodeOutput(ex, 'Create Account');
	expect(account).toMatchObject({ Id: expect.stringMatching(/^001/), Name: 'Queued 1', Description: 'written by the worker process' });
	expect(nodeOutput(ex, 'Info')[0]).toMatchObject({ username: 'admin@sandbox.example' });
	// and the worker's log names the execution; the main instance only queued it
	expect(worker.log).toContain(`Worker started execution ${ex.id}`);
	expect(main.log).not.toContain(`Worker started execution ${ex.id}`);
	await api.deactivate(saved.id);
});

it('manual runs go to the worker too; a refresh token rotated by one worker process is used by the next one', async () => {
	// refresh-token rotation: each refresh revokes the previous refresh token, so only the stored newest one works
	await fetch(`${sandbox.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshTokenRotation: true }) });
	const wf: WorkflowJson = { name: 'E2E queue: manual', nodes: [manualTrigger(), { ...createHere('Create Account', '={{ "Manual " + $execution.id }}'), position: [220, 0] }], connections: chainConnections(['Start', 'Create Account']) };
	const saved = await api.createWorkflow(wf);
	const refreshes = () => sandbox.org.callLog.filter((c) => c.path === '/services/oauth2/token' && c.status === 200).length;

	const runOnce = async () => {
		// every access token expires: the worker must refresh, with the refresh token n8n stored last
		await fetch(`${sandbox.url}/__sandbox/expire-sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const before = refreshes();
		const ex = await api.waitForExecution(await api.runManually(saved.id, 'Start'));
		expect(ex.status).toBe('success');
		expect(nodeOutput(ex, 'Create Account')[0]).toMatchObject({ Id: expect.stringMatching(/^001/), Description: 'written by the worker process' });
		expect(refreshes()).toBe(before + 1);
		expect(worker.log).toContain(`Worker started execution ${ex.id}`);
		return ex;
	};
	await runOnce();
	// a new worker process: nothing survives in memory, the rotated token comes from n8n's database
	await worker.stop();
	worker = await startWorker();
	await runOnce();
	const created = await sandboxQuery(sandbox, "SELECT Description FROM Account WHERE Name LIKE 'Manual %'");
	expect(created).toEqual([{ Description: 'written by the worker process' }, { Description: 'written by the worker process' }].map((r) => expect.objectContaining(r)));
});
