/**
 * The polling trigger in a real n8n server, with the example workflows as committed in examples/ (activated through
 * the REST API, polling every minute):
 * - "New Opportunity → update its Account": Opportunities created in the sandbox org arrive with their fields and
 *   Update Account writes the latest one into the Account's Description. Regular mode, with n8n stopped and started
 *   again in between: every Opportunity is delivered exactly once, also those created while n8n was down (the
 *   trigger's position lives in n8n's workflow static data, in the database, not in process memory).
 * - "Updated Cases → Slack-style summary": edited Cases become one Slack-style message (Code node).
 * - Every poll that delivers logs its API calls and the org's daily usage in n8n's log; every run of the action node
 *   carries the API-usage hint in the execution data.
 * - Queue mode (one main, one worker, Redis): the trigger polls on the main instance, the actions execute on the
 *   worker (the worker's role is in the record it writes, read back into the execution data), nothing lost or twice.
 * Polls run on n8n's clock (every minute at a random second), so each wait allows two poll cycles and a margin.
 */
import { loadExample, N8nApi, nodeOutput, type ExecutionDetail, type N8nProcess, type WorkflowJson } from '../harness/n8nServer';
import { startSandbox, type SandboxHandle } from '../sandbox/server';
import {
	connectedCredential,
	eventually,
	freePort,
	newUserFolder,
	OWNER,
	queueEnv,
	sandboxInsert,
	sandboxQuery,
	sandboxUpdate,
	sleep,
	startN8n,
	startRedis,
	type RedisHandle,
} from './helpers';

const OPPORTUNITIES = 'new-opportunity-update-account.json';
const CASES = 'updated-cases-summary.json';
const TRIGGER = 'On New Opportunity';
/** two poll cycles (every minute at a random second) plus the trigger's settle margin (10 s) */
const POLL_WAIT_MS = 150_000;
const ACCOUNTS = ['0018d0000000001AAA', '0018d000000000aAAA', '0018d000000000GAAQ'];

const opportunity = (name: string, i: number) => ({ Name: name, StageName: 'Prospecting', CloseDate: '2030-12-31', Amount: 1000 + i, AccountId: ACCOUNTS[i % ACCOUNTS.length] });

/** The trigger's log line for a poll that delivered (nodes/SalesforceConnectorTrigger/poll.ts). */
const POLL_LOG = /Salesforce trigger: \d+ Opportunity records? \(On New Record\), 1 API call; the org has used [\d,]+ of its 100,000 daily API requests \(\d+\.\d%\)/;
/** The action node's execution hint (nodes/SalesforceConnector/actions/router.ts). */
const USAGE_HINT = { type: 'info', location: 'outputPane', message: expect.stringMatching(/^\d+ Salesforce API calls? in this run; the org has used [\d,]+ of its 100,000 daily API requests \(\d+\.\d%\)\.$/) };

const failedStatus = (status: string) => !['success', 'new', 'running', 'waiting'].includes(status);

/** What went wrong in a failed execution: the node and its error, from the execution data. */
async function failures(api: N8nApi, ids: string[]): Promise<string> {
	const out: string[] = [];
	for (const id of ids) {
		const ex = await api.execution(id);
		const failed = Object.entries(ex.data.resultData.runData).flatMap(([node, runs]) => runs.filter((r) => r.error).map((r) => `${node}: ${r.error?.message} ${r.error?.description ?? ''}`));
		out.push(`execution ${id} (${ex.status}): ${failed.join('; ') || ex.data.resultData.error?.message || 'no error recorded'}`);
	}
	return out.join('\n');
}

/** The successful executions of a workflow with their data; throws with the errors if any execution failed. */
async function executionsOf(api: N8nApi, workflowId: string): Promise<ExecutionDetail[]> {
	const list = await api.executions(workflowId);
	const failed = list.filter((e) => failedStatus(e.status)).map((e) => e.id);
	if (failed.length) throw new Error(`executions failed:\n${await failures(api, failed)}`);
	return await Promise.all(list.filter((e) => e.status === 'success').map(async (e) => await api.execution(e.id)));
}

/** What Update Account answers per item: `{ success, id }`, or the record read back with Return Full Record. */
const SAVED: unknown = expect.objectContaining({ success: true, id: expect.stringMatching(/^001/) });

/** Every Opportunity id the trigger delivered, over all executions of the workflow (repeats kept). */
async function delivered(api: N8nApi, workflowId: string, saved = SAVED): Promise<{ ids: string[]; executions: ExecutionDetail[] }> {
	const executions = await executionsOf(api, workflowId);
	const ids: string[] = [];
	for (const ex of executions) {
		const items = nodeOutput(ex, TRIGGER);
		ids.push(...items.map((item) => String(item.Id)));
		// the downstream action ran for every delivered record
		expect(nodeOutput(ex, 'Update Account')).toEqual(items.map(() => saved));
	}
	return { ids, executions };
}

async function waitDelivered(api: N8nApi, workflowId: string, expected: string[], saved = SAVED): Promise<{ ids: string[]; executions: ExecutionDetail[] }> {
	return await eventually(
		`the trigger to deliver ${expected.length} opportunities`,
		POLL_WAIT_MS,
		async () => {
			const got = await delivered(api, workflowId, saved);
			return expected.every((id) => got.ids.includes(id)) ? got : undefined;
		},
		5000,
	);
}

async function activateExample(api: N8nApi, credential: { id: string; name: string }, file: string, patch?: (wf: WorkflowJson) => void): Promise<string> {
	const wf = loadExample(file, credential);
	patch?.(wf);
	const saved = await api.createWorkflow(wf);
	await api.activate(saved.id);
	const published = await api.waitPublished(saved.id);
	if (published.status !== 'published') throw new Error(`the trigger did not start: ${JSON.stringify(published.triggers)}`);
	return saved.id;
}

/** query and queryAll calls the sandbox answered: one per poll when nothing is new */
const queryCalls = (sandbox: SandboxHandle) => sandbox.org.callLog.filter((c) => /^\/services\/data\/v[\d.]+\/query(All)?(\/|\?|$)/.test(c.path)).length;

describe('regular mode', () => {
	let sandbox: SandboxHandle;
	let n8n: N8nProcess;
	let api: N8nApi;
	let userFolder: string;
	let n8nPort: number;
	let credential: { id: string; name: string };
	let opportunitiesWorkflow: string;
	let casesWorkflow: string;
	let first: string[];
	let editedCases: Array<{ Id: string; CaseNumber: string; Status: string; Account: { Name: string } }>;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		userFolder = newUserFolder('trigger');
		n8nPort = await freePort();
		n8n = await startN8n({ userFolder, port: n8nPort });
		api = new N8nApi(n8n.url);
		await api.ownerSession(OWNER);
		credential = await connectedCredential(api, sandbox);
		opportunitiesWorkflow = await activateExample(api, credential, OPPORTUNITIES);
		casesWorkflow = await activateExample(api, credential, CASES);
		// the changes both workflows pick up: their next polls (each at its own random second) deliver them at once
		first = await sandboxInsert(sandbox, 'Opportunity', [0, 1, 2].map((i) => opportunity(`E2E trigger A${i}`, i)));
		editedCases = await sandboxQuery(sandbox, 'SELECT Id, CaseNumber, Status, Account.Name FROM Case WHERE AccountId != null ORDER BY CaseNumber LIMIT 2');
		for (const [i, c] of editedCases.entries()) await sandboxUpdate(sandbox, 'Case', c.Id, { Subject: `E2E edited case ${i}`, Priority: 'High' });
	}, 400_000);
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	});

	it('"New Opportunity → update its Account": new Opportunities update their Accounts; the poll logs its API usage, the action carries the usage hint', async () => {
		const { executions } = await waitDelivered(api, opportunitiesWorkflow, first);
		for (const ex of executions) {
			expect(ex.mode).toBe('trigger');
			expect(nodeOutput(ex, TRIGGER)).toEqual(
				expect.arrayContaining([expect.objectContaining({ event: 'created', Id: expect.any(String), Name: expect.stringMatching(/^E2E trigger A/), StageName: 'Prospecting', AccountId: expect.any(String) })]),
			);
			expect(ex.data.resultData.runData['Update Account'][0].hints).toEqual([USAGE_HINT]);
		}
		const [account] = await sandboxQuery<{ Description: string }>(sandbox, `SELECT Description FROM Account WHERE Id = '${ACCOUNTS[0]}'`);
		expect(account.Description).toBe('Latest opportunity: E2E trigger A0 (Prospecting, 1000), closing 2030-12-31');
		// n8n's log (level info) has the trigger's line for the poll that delivered
		expect(n8n.log).toMatch(POLL_LOG);
	});

	it('"Updated Cases → Slack-style summary": edited Cases become one Slack-style message', async () => {
		expect(editedCases).toHaveLength(2);
		const lines = editedCases.map((c, i) => `:red_circle: *${c.CaseNumber}* E2E edited case ${i} — _${c.Status}_ · ${c.Account.Name}`);
		// one message per poll: the two edits may fall on two polls
		const summaries = await eventually('the summary of both edited cases', POLL_WAIT_MS, async () => {
			const out = (await executionsOf(api, casesWorkflow)).map((ex) => {
				expect(nodeOutput(ex, 'On Updated Case')).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'updated', Priority: 'High', Account: { Name: expect.any(String) } })]));
				return nodeOutput(ex, 'Slack Summary')[0] as { text: string; cases: number; blocks: Array<{ type: string; text: { type: string; text: string } }> };
			});
			return out.reduce((n, s) => n + s.cases, 0) >= 2 ? out : undefined;
		}, 5000);
		expect(summaries.reduce((n, s) => n + s.cases, 0)).toBe(2);
		for (const s of summaries) {
			expect(s.text).toBe(`${s.cases} case${s.cases === 1 ? '' : 's'} updated in Salesforce`);
			expect(s.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: s.text } });
			expect(s.blocks[1].type).toBe('section');
		}
		expect(summaries.flatMap((s) => s.blocks[1].text.text.split('\n')).sort()).toEqual([...lines].sort());
		// from here on only the Opportunity trigger polls (the sandbox's call log counts its polls)
		await api.deactivate(casesWorkflow);
	});

	it('an n8n restart loses and duplicates nothing: Opportunities created while n8n is down arrive once after the restart', async () => {
		// n8n goes down; records keep arriving; n8n comes back on the same database (the same port: the OAuth2 callback)
		await n8n.stop();
		const second = await sandboxInsert(sandbox, 'Opportunity', [3, 4].map((i) => opportunity(`E2E trigger B${i}`, i)));
		n8n = await startN8n({ userFolder, port: n8nPort });
		api = new N8nApi(n8n.url);
		await api.ownerSession(OWNER);
		const after = await waitDelivered(api, opportunitiesWorkflow, [...first, ...second]);
		expect(n8n.log).toMatch(POLL_LOG);

		// one more poll cycle: nothing is delivered twice
		const queriesBefore = queryCalls(sandbox);
		await eventually('another poll', POLL_WAIT_MS, async () => (queryCalls(sandbox) > queriesBefore ? true : undefined), 5000);
		await sleep(5000);
		const final = (await delivered(api, opportunitiesWorkflow)).ids;
		expect([...final].sort()).toEqual([...first, ...second].sort());
		expect(final.length).toBe(after.ids.length);
	}, 400_000);
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

	it('polls on the main instance and runs the actions on the worker; nothing lost or twice', async () => {
		const userFolder = newUserFolder('trigger-queue');
		const env = (role: string) => queueEnv(redis.port, { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', E2E_PROCESS_ROLE: role });
		main = await startN8n({ userFolder, env: env('main') });
		worker = await startN8n({ userFolder, command: 'worker', env: env('worker') });
		const api = new N8nApi(main.url);
		await api.ownerSession(OWNER);
		const credential = await connectedCredential(api, sandbox);
		// the example, with the running process's role appended to what Update Account writes, read back (Return Full Record)
		const workflowId = await activateExample(api, credential, OPPORTUNITIES, (wf) => {
			const update = wf.nodes.find((n) => n.name === 'Update Account');
			const parameters = update?.parameters as { updateFields: { Description: string }; options?: Record<string, unknown> };
			parameters.updateFields.Description += ' · by the {{ $env.E2E_PROCESS_ROLE }} process';
			parameters.options = { ...parameters.options, returnFullRecord: true };
		});

		const ids = await sandboxInsert(sandbox, 'Opportunity', [0, 1].map((i) => opportunity(`E2E queue trigger ${i}`, i)));
		// the execution data: Update Account ran in the worker process (its role is in what it wrote, read back)
		const byWorker = expect.objectContaining({ Id: expect.stringMatching(/^001/), Description: expect.stringMatching(/ · by the worker process$/) });
		const { executions } = await waitDelivered(api, workflowId, ids, byWorker);
		for (const ex of executions) {
			expect(ex.mode).toBe('trigger');
			expect(worker.log).toContain(`Worker started execution ${ex.id}`);
			expect(main.log).not.toContain(`Worker started execution ${ex.id}`);
			expect(ex.data.resultData.runData['Update Account'][0].hints).toEqual([USAGE_HINT]);
		}
		// the poll ran on main: its log line is there, not in the worker's
		expect(main.log).toMatch(POLL_LOG);
		expect(worker.log).not.toMatch(/Salesforce trigger:/);
		const accounts = await sandboxQuery<{ Description: string }>(sandbox, `SELECT Description FROM Account WHERE Id IN ('${ACCOUNTS[0]}', '${ACCOUNTS[1]}') ORDER BY Id`);
		expect(accounts.map((a) => a.Description).sort()).toEqual([
			'Latest opportunity: E2E queue trigger 0 (Prospecting, 1000), closing 2030-12-31 · by the worker process',
			'Latest opportunity: E2E queue trigger 1 (Prospecting, 1001), closing 2030-12-31 · by the worker process',
		]);

		// one more poll cycle: nothing is delivered twice
		const queriesBefore = queryCalls(sandbox);
		await eventually('another poll', POLL_WAIT_MS, async () => (queryCalls(sandbox) > queriesBefore ? true : undefined), 5000);
		await sleep(5000);
		expect([...(await delivered(api, workflowId, byWorker)).ids].sort()).toEqual([...ids].sort());
	}, 600_000);
});
