/**
 * The polling trigger in a real n8n server: the example workflow "New Opportunity → update its Account"
 * (examples/new-opportunity-update-account.json: trigger polling every minute → Get Opportunity → Update Account),
 * activated through the REST API, picks up Opportunities created in the sandbox org and runs its actions.
 * - Regular mode, with n8n stopped and started again in between: every Opportunity is delivered exactly once
 *   (the trigger's position lives in n8n's workflow static data, in the database, not in process memory).
 * - Queue mode: the trigger polls on the main instance, the actions execute on the worker.
 * Polls run on n8n's clock (every minute at a random second), so each wait allows two poll cycles and a margin.
 */
import { loadExample, N8nApi, nodeOutput, type N8nProcess, type WorkflowJson } from '../harness/n8nServer';
import { startSandbox, type SandboxHandle } from '../sandbox/server';
import { connectedCredential, eventually, freePort, newUserFolder, OWNER, queueEnv, sandboxInsert, sandboxQuery, sleep, startN8n, startRedis, type RedisHandle } from './helpers';

const EXAMPLE = 'new-opportunity-update-account.json';
const TRIGGER = 'On New Opportunity';
/** two poll cycles (every minute at a random second) plus the trigger's settle margin */
const POLL_WAIT_MS = 150_000;
const ACCOUNTS = ['0018d0000000001AAA', '0018d000000000aAAA', '0018d000000000GAAQ'];

const opportunity = (name: string, i: number) => ({ Name: name, StageName: 'Prospecting', CloseDate: '2030-12-31', Amount: 1000 + i, AccountId: ACCOUNTS[i % ACCOUNTS.length] });

/** Every Opportunity id the trigger delivered, over all executions of the workflow (repeats kept). */
async function delivered(api: N8nApi, workflowId: string): Promise<{ ids: string[]; executions: string[]; failed: string[] }> {
	const list = await api.executions(workflowId);
	const ids: string[] = [];
	for (const e of list.filter((x) => x.status === 'success')) {
		const ex = await api.execution(e.id);
		ids.push(...nodeOutput(ex, TRIGGER).map((item) => String(item.id)));
		// the downstream action ran for every delivered record
		expect(nodeOutput(ex, 'Update Account').every((r) => r.success === true)).toBe(true);
	}
	return { ids, executions: list.map((e) => e.id), failed: list.filter((e) => !['success', 'new', 'running', 'waiting'].includes(e.status)).map((e) => e.id) };
}

async function waitDelivered(api: N8nApi, workflowId: string, expected: string[]): Promise<string[]> {
	return await eventually(`the trigger to deliver ${expected.length} opportunities`, POLL_WAIT_MS, async () => {
		const got = await delivered(api, workflowId);
		if (got.failed.length) throw new Error(`executions failed: ${got.failed.join(', ')}`);
		return expected.every((id) => got.ids.includes(id)) ? got.ids : undefined;
	}, 5000);
}

async function activateExample(api: N8nApi, credential: { id: string; name: string }, patch?: (wf: WorkflowJson) => void): Promise<string> {
	const wf = loadExample(EXAMPLE, credential);
	patch?.(wf);
	const saved = await api.createWorkflow(wf);
	await api.activate(saved.id);
	const published = await api.waitPublished(saved.id);
	if (published.status !== 'published') throw new Error(`the trigger did not start: ${JSON.stringify(published.triggers)}`);
	return saved.id;
}

describe('regular mode', () => {
	let sandbox: SandboxHandle;
	let n8n: N8nProcess;
	let userFolder: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		userFolder = newUserFolder('trigger');
	});
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	});

	it('picks up new Opportunities, updates their Accounts, and an n8n restart loses and duplicates nothing', async () => {
		const n8nPort = await freePort();
		n8n = await startN8n({ userFolder, port: n8nPort });
		let api = new N8nApi(n8n.url);
		await api.ownerSession(OWNER);
		const credential = await connectedCredential(api, sandbox);
		const workflowId = await activateExample(api, credential);

		const first = await sandboxInsert(sandbox, 'Opportunity', [0, 1, 2].map((i) => opportunity(`E2E trigger A${i}`, i)));
		await waitDelivered(api, workflowId, first);
		const [account] = await sandboxQuery<{ Description: string }>(sandbox, `SELECT Description FROM Account WHERE Id = '${ACCOUNTS[0]}'`);
		expect(account.Description).toMatch(/^Latest opportunity: E2E trigger A0 \(Prospecting, 1000\), closing 2030-12-31/);

		// n8n goes down; records keep arriving; n8n comes back on the same database (the same port: the OAuth2 callback)
		await n8n.stop();
		const second = await sandboxInsert(sandbox, 'Opportunity', [3, 4].map((i) => opportunity(`E2E trigger B${i}`, i)));
		n8n = await startN8n({ userFolder, port: n8nPort });
		api = new N8nApi(n8n.url);
		await api.ownerSession(OWNER);
		const after = await waitDelivered(api, workflowId, [...first, ...second]);

		// one more poll cycle: nothing is delivered twice
		const queries = () => sandbox.org.callLog.filter((c) => /^\/services\/data\/v[\d.]+\/query(All)?(\/|$)/.test(c.path)).length;
		const queriesBefore = queries();
		await eventually('another poll', POLL_WAIT_MS, async () => (queries() > queriesBefore ? true : undefined), 5000);
		await sleep(5000);
		const final = (await delivered(api, workflowId)).ids;
		expect([...final].sort()).toEqual([...first, ...second].sort());
		expect(final.length).toBe(after.length);
	}, 900_000);
});

describe('queue mode', () => {
	let redis: RedisHandle;
	let sandbox: SandboxHandle;
	let main: N8nProcess;
	let worker: N8nProcess;

	beforeAll(async () => {
		redis = await startRedis();
		sandbox = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await worker?.stop();
		await main?.stop();
		await sandbox?.close();
		await redis?.stop();
	});

	it('polls on the main instance and runs the actions on the worker', async () => {
		const userFolder = newUserFolder('trigger-queue');
		const env = (role: string) => queueEnv(redis.port, { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', E2E_PROCESS_ROLE: role });
		main = await startN8n({ userFolder, env: env('main') });
		worker = await startN8n({ userFolder, command: 'worker', env: env('worker') });
		const api = new N8nApi(main.url);
		await api.ownerSession(OWNER);
		const credential = await connectedCredential(api, sandbox);
		// the example, with the running process's role appended to what Update Account writes
		const workflowId = await activateExample(api, credential, (wf) => {
			const update = wf.nodes.find((n) => n.name === 'Update Account');
			const fields = (update?.parameters as { updateFields: { Description: string } }).updateFields;
			fields.Description += ' · by the {{ $env.E2E_PROCESS_ROLE }} process';
		});

		const ids = await sandboxInsert(sandbox, 'Opportunity', [0, 1].map((i) => opportunity(`E2E queue trigger ${i}`, i)));
		await waitDelivered(api, workflowId, ids);
		const executions = await api.executions(workflowId);
		for (const e of executions) {
			expect(e.mode).toBe('trigger');
			expect(worker.log).toContain(`Worker started execution ${e.id}`);
		}
		const accounts = await sandboxQuery<{ Description: string }>(sandbox, `SELECT Description FROM Account WHERE Id IN ('${ACCOUNTS[0]}', '${ACCOUNTS[1]}')`);
		expect(accounts.map((a) => a.Description)).toEqual([expect.stringMatching(/by the worker process$/), expect.stringMatching(/by the worker process$/)]);
	}, 600_000);
});
