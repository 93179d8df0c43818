/**
 * A real n8n server (the pinned install from scripts/ensure-n8n.sh) as a child process, and a small client of its
 * REST API (the endpoints the editor calls): owner setup and login, credentials, n8n's own OAuth2 "Connect my
 * account" handshake, workflows, activation, manual runs and execution data. Used by `./dev start` (the demo) and
 * the end-to-end tests. Everything listens on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';

import { submitLoginForm, type BrowserLogin } from './oauthFlow';

export interface N8nProcessOptions {
	/** the n8n install directory (scripts/ensure-n8n.sh prints it) */
	n8nDir: string;
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, config, nodes/) here */
	userFolder: string;
	/** HTTP port of the editor and REST API (a worker: its health-check port) */
	port: number;
	/** the task runners' broker (default: port + 1) */
	brokerPort?: number;
	/** `start` (main instance) or `worker` (queue mode) */
	command?: 'start' | 'worker';
	/** more environment (queue mode settings, test markers) */
	env?: Record<string, string>;
	/** append the process output to this file (the demo); the last 64 kB are kept in memory either way */
	logFile?: string;
	readyTimeoutMs?: number;
}

const LOG_TAIL = 64 * 1024;

/** The environment every instance gets: loopback only, no telemetry, no calls to n8n's servers. */
export function baseEnv(options: N8nProcessOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TZ: process.env.TZ,
		// the caller's NODE_ENV (jest sets "test") switches n8n into its own test mode
		NODE_ENV: 'production',
		N8N_USER_FOLDER: options.userFolder,
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(options.port),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort ?? options.port + 1),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
		...options.env,
	};
	if (options.command === 'worker') {
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(options.port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}
	return env;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class N8nProcess {
	private tail = '';
	private exited: Promise<number | null>;
	private exitCode: number | null | undefined;
	private file: WriteStream | undefined;

	private constructor(
		readonly options: N8nProcessOptions,
		readonly child: ChildProcess,
	) {
		if (options.logFile) this.file = createWriteStream(options.logFile, { flags: 'a' });
		const take = (d: Buffer) => {
			this.tail = (this.tail + d.toString()).slice(-LOG_TAIL);
			this.file?.write(d);
		};
		child.stdout?.on('data', take);
		child.stderr?.on('data', take);
		this.exited = new Promise((resolve) => {
			child.once('error', (e) => {
				take(Buffer.from(`spawn error: ${e.message}\n`));
				this.exitCode = null;
				resolve(null);
			});
			child.once('exit', (code) => {
				this.exitCode = code;
				resolve(code);
			});
		});
	}

	get url(): string {
		return `http://localhost:${this.options.port}`;
	}

	get log(): string {
		return this.tail;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** Resolves with the exit code when the process ends (for whatever reason). */
	whenExited(): Promise<number | null> {
		return this.exited;
	}

	/** Starts `n8n start` or `n8n worker` and waits until it serves (bounded). */
	static async start(options: N8nProcessOptions): Promise<N8nProcess> {
		const bin = path.join(options.n8nDir, 'node_modules/.bin/n8n');
		if (!existsSync(bin)) throw new Error(`No n8n at ${bin}: run scripts/ensure-n8n.sh (through ./dev)`);
		const command = options.command ?? 'start';
		const child = spawn(bin, [command], { env: baseEnv(options), stdio: ['ignore', 'pipe', 'pipe'] });
		const n8n = new N8nProcess(options, child);
		await n8n.waitReady(options.readyTimeoutMs ?? 180_000);
		return n8n;
	}

	private async waitReady(timeoutMs: number): Promise<void> {
		const worker = this.options.command === 'worker';
		const health = `http://127.0.0.1:${this.options.port}${worker ? '/healthz/readiness' : '/healthz'}`;
		const marker = worker ? 'n8n worker is now ready' : 'Editor is now accessible';
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (!this.running) throw new Error(`n8n ${this.options.command ?? 'start'} exited (${String(this.exitCode)}):\n${this.tail.slice(-3000)}`);
			const ok = await fetch(health).then(
				(r) => r.ok,
				() => false,
			);
			if (ok && this.tail.includes(marker)) return;
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(`n8n ${this.options.command ?? 'start'} was not ready after ${timeoutMs / 1000} s:\n${this.tail.slice(-3000)}`);
			}
			await sleep(500);
		}
	}

	/** SIGTERM (n8n's graceful shutdown), SIGKILL after `timeoutMs`. */
	async stop(timeoutMs = 30_000): Promise<void> {
		if (this.running) {
			this.child.kill('SIGTERM');
			const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
			await this.exited;
			clearTimeout(timer);
		}
		await new Promise<void>((r) => (this.file ? this.file.end(r) : r()));
	}
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<{ name: string; type: string; parameters?: object; credentials?: Record<string, { id: string; name: string }> } & Record<string, unknown>>;
	connections: object;
	settings?: object;
	[key: string]: unknown;
}

export interface SavedWorkflow {
	id: string;
	versionId: string;
	name: string;
	active: boolean;
	activeVersionId?: string | null;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

export interface TaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	hints?: Array<{ message: string; type?: string; location?: string }>;
	error?: { message: string; description?: string };
	data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export interface ExecutionDetail extends ExecutionSummary {
	data: { resultData: { runData: Record<string, TaskData[]>; error?: { message: string }; lastNodeExecuted?: string } };
}

/** n8n stores execution data in the `flatted` format: an array whose first entry is the root, references by index. */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Set<object>();
	const revive = (value: unknown): unknown => {
		if (value === null || typeof value !== 'object' || revived.has(value)) return value;
		revived.add(value);
		const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
		for (const [k, v] of entries) {
			const resolved = typeof v === 'string' ? table[Number(v)] : v;
			(value as Record<string | number, unknown>)[k] = typeof resolved === 'object' ? revive(resolved) : resolved;
		}
		return value;
	};
	return revive(table[0]);
}

export class N8nApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
		this.name = 'N8nApiError';
	}
}

/** The editor's REST API (`/rest/...`) with the session cookie of the logged-in user. */
export class N8nApi {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		if (!res.ok) throw new N8nApiError(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`, res.status, text);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** GET without the /rest prefix and without the `data` envelope (`/types/nodes.json`). */
	async raw<T>(path: string): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie }, signal: AbortSignal.timeout(60_000) });
		if (!res.ok) throw new N8nApiError(`GET ${path}: ${res.status}`, res.status, await res.text());
		return (await res.json()) as T;
	}

	/** Creates the owner account on a new instance, or logs in as it on an instance set up before. */
	async ownerSession(owner: Owner): Promise<'created' | 'existing'> {
		try {
			await this.request('POST', '/rest/owner/setup', owner);
			return 'created';
		} catch (error) {
			if (!(error instanceof N8nApiError) || error.status !== 400) throw error;
			await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
			return 'existing';
		}
	}

	async credentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		return await this.request('GET', '/rest/credentials');
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/rest/credentials', { name, type, data });
	}

	async updateCredential(id: string, name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
		return await this.request('PATCH', `/rest/credentials/${id}`, { name, type, data });
	}

	/** The authorization URL n8n builds for "Connect my account" (state and PKCE challenge included). */
	async oauth2AuthUrl(credentialId: string): Promise<string> {
		return await this.request<string>('GET', `/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
	}

	/**
	 * "Connect my account", driven like a browser: n8n's authorization URL, the org's login and consent page
	 * (credentials typed into its form), the redirect to n8n's callback, where n8n exchanges the code and stores
	 * the tokens. Returns the callback URL it followed.
	 */
	async connectOAuth2(credentialId: string, login: BrowserLogin): Promise<string> {
		const authUrl = await this.oauth2AuthUrl(credentialId);
		const page = await fetch(authUrl, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
		const html = await page.text();
		if (page.status !== 200) throw new Error(`The authorization page answered ${page.status}: ${html.slice(0, 300)}`);
		const decision = await submitLoginForm(authUrl, html, login);
		const callback = decision.headers.get('location') ?? '';
		if (!callback.includes('/rest/oauth2-credential/callback')) {
			throw new Error(`The login did not redirect to n8n's callback (${decision.status} ${callback || (await decision.text()).slice(0, 300)})`);
		}
		const done = await fetch(callback, { headers: { cookie: this.cookie }, signal: AbortSignal.timeout(30_000) });
		const text = await done.text();
		if (done.status !== 200 || /error/i.test(new URL(done.url).search)) throw new Error(`n8n's OAuth2 callback failed (${done.status}): ${text.slice(0, 300)}`);
		return callback;
	}

	async workflows(): Promise<SavedWorkflow[]> {
		return await this.request('GET', '/rest/workflows');
	}

	async createWorkflow(wf: WorkflowJson): Promise<SavedWorkflow> {
		return await this.request('POST', '/rest/workflows', { active: false, settings: { executionOrder: 'v1' }, ...wf });
	}

	async workflow(id: string): Promise<SavedWorkflow> {
		return await this.request('GET', `/rest/workflows/${id}`);
	}

	/** Publishes the workflow's current version: its triggers start (pollers, webhooks). */
	async activate(id: string): Promise<SavedWorkflow> {
		const wf = await this.workflow(id);
		return await this.request('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
	}

	async publicationStatus(id: string): Promise<PublicationStatus> {
		return await this.request('GET', `/rest/workflows/${id}/publication-status`);
	}

	/**
	 * Waits (bounded) until n8n has finished publishing: its triggers are started in the background, and a trigger
	 * that fails (a poll that throws at activation) leaves the workflow "failed" or "partial", with the message.
	 */
	async waitPublished(id: string, timeoutMs = 60_000): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (['published', 'partial', 'failed'].includes(status.status)) return status;
			if (Date.now() > deadline) throw new Error(`Workflow ${id} was still "${status.status}" after ${timeoutMs / 1000} s`);
			await sleep(500);
		}
	}

	async deactivate(id: string): Promise<SavedWorkflow> {
		return await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/** Runs the workflow as the editor's "Execute workflow" does, from the given trigger node; returns the execution id. */
	async runManually(id: string, triggerName: string): Promise<string> {
		const out = await this.request<{ executionId?: string }>('POST', `/rest/workflows/${id}/run`, { triggerToStartFrom: { name: triggerName } });
		if (!out.executionId) throw new Error(`n8n started no execution for workflow ${id}: ${JSON.stringify(out).slice(0, 300)}`);
		return out.executionId;
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const out = await this.request<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return out.results;
	}

	async execution(id: string): Promise<ExecutionDetail> {
		const raw = await this.request<ExecutionSummary & { data: string }>('GET', `/rest/executions/${id}`);
		return { ...raw, data: parseFlatted(raw.data) as ExecutionDetail['data'] };
	}

	/** Waits (bounded) until the execution has finished, then returns it with its data. */
	async waitForExecution(id: string, timeoutMs = 120_000): Promise<ExecutionDetail> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ex = await this.execution(id).catch((e: unknown) => {
				if (e instanceof N8nApiError && e.status === 404) return undefined;
				throw e;
			});
			if (ex && !['new', 'running', 'waiting'].includes(ex.status)) return ex;
			if (Date.now() > deadline) throw new Error(`Execution ${id} did not finish within ${timeoutMs / 1000} s (status ${ex?.status ?? 'unknown'})`);
			await sleep(500);
		}
	}
}

/** A node's output items (first output, given run) in an execution. */
export function nodeOutput(ex: ExecutionDetail, node: string, run = 0): Array<Record<string, unknown>> {
	const task = ex.data.resultData.runData[node]?.[run];
	if (!task) throw new Error(`Node "${node}" did not run in execution ${ex.id} (ran: ${Object.keys(ex.data.resultData.runData).join(', ')})`);
	if (task.error) throw new Error(`Node "${node}" failed in execution ${ex.id}: ${task.error.message} ${task.error.description ?? ''}`);
	return (task.data?.main[0] ?? []).map((i) => i.json);
}

export const PACKAGE_NODE_PREFIX = 'n8n-nodes-salesforce-connector.';
export const TRIGGER_TYPE = `${PACKAGE_NODE_PREFIX}salesforceConnectorTrigger`;
export const OAUTH2_CREDENTIAL_TYPE = 'salesforceConnectorOAuth2Api';

/** The example workflows committed under examples/, in the order the demo imports them. */
export const EXAMPLE_FILES = ['new-opportunity-update-account.json', 'top-accounts-report.json', 'updated-cases-summary.json'] as const;

/** An example workflow with every node of this package pointed at the given credential. */
export function loadExample(file: string, credential: { id: string; name: string }): WorkflowJson {
	const wf = JSON.parse(readFileSync(path.join(__dirname, '../../examples', file), 'utf8')) as WorkflowJson;
	for (const node of wf.nodes) {
		if (node.type.startsWith(PACKAGE_NODE_PREFIX)) node.credentials = { [OAUTH2_CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	}
	return wf;
}

export const hasTrigger = (wf: WorkflowJson) => wf.nodes.some((n) => n.type === TRIGGER_TYPE);
