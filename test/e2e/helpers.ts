/**
 * What the end-to-end suites share: the n8n install and the packed package (prepared by scripts/e2e-n8n.sh), fresh
 * n8n user folders with the package in their nodes folder, free loopback ports, a Redis server for queue mode, and
 * a credential connected through n8n's OAuth2 flow.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { N8nApi, N8nProcess, OAUTH2_CREDENTIAL_TYPE, type N8nProcessOptions, type Owner } from '../harness/n8nServer';
import type { SandboxHandle } from '../sandbox/server';

export const N8N_DIR = process.env.E2E_N8N_DIR ?? '';
const NODES_DIR = process.env.E2E_NODES_DIR ?? '';
const WORK_DIR = process.env.E2E_WORK_DIR ?? '';
const REDIS_SERVER = process.env.E2E_REDIS_SERVER ?? '';

export const OWNER: Owner = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'E2e-Passw0rd!' };
export const SANDBOX_LOGIN = { username: 'admin@sandbox.example', password: 'sandbox-pass' };
export const CREDENTIAL_NAME = 'Sandbox org';

export function assertPrepared(): void {
	if (!N8N_DIR || !NODES_DIR || !WORK_DIR) {
		throw new Error('Run through ./dev test:e2e (it installs n8n and the packed package and sets E2E_N8N_DIR, E2E_NODES_DIR, E2E_WORK_DIR)');
	}
}

/** A new n8n user folder whose nodes folder holds the package as n8n installs a community package. */
export function newUserFolder(name: string): string {
	assertPrepared();
	const dir = path.join(WORK_DIR, 'homes', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(path.join(dir, '.n8n'), { recursive: true });
	cpSync(NODES_DIR, path.join(dir, '.n8n/nodes'), { recursive: true, verbatimSymlinks: true });
	return dir;
}

/** A port nobody listens on right now (127.0.0.1). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** Each instance's whole output goes to .e2e/logs/<user folder>-<start|worker>.log (appended across restarts). */
export async function startN8n(options: Omit<N8nProcessOptions, 'n8nDir' | 'port' | 'brokerPort'> & { port?: number }): Promise<N8nProcess> {
	const logs = path.join(WORK_DIR, 'logs');
	mkdirSync(logs, { recursive: true });
	const logFile = path.join(logs, `${path.basename(options.userFolder)}-${options.command ?? 'start'}.log`);
	return await N8nProcess.start({ n8nDir: N8N_DIR, port: options.port ?? (await freePort()), brokerPort: await freePort(), logFile, ...options });
}

export interface RedisHandle {
	port: number;
	stop(): Promise<void>;
}

/** A throwaway Redis (Debian's redis-server) on a loopback port, in memory only. */
export async function startRedis(): Promise<RedisHandle> {
	if (!REDIS_SERVER) throw new Error('No redis-server: run through ./dev test:e2e (scripts/ensure-redis.sh installs it)');
	const port = await freePort();
	const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	const deadline = Date.now() + 20_000;
	while (!log.includes('Ready to accept connections')) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start:\n${log.slice(-2000)}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		port,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		},
	};
}

/** The settings queue mode needs on the main instance and on every worker. */
export function queueEnv(redisPort: number, extra: Record<string, string> = {}): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		// main and workers must decrypt the same credentials
		N8N_ENCRYPTION_KEY: 'e2e-queue-mode-shared-encryption-key',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		...extra,
	};
}

/** A Salesforce Connector OAuth2 credential for the sandbox, connected through n8n's own endpoints. */
export async function connectedCredential(api: N8nApi, sandbox: SandboxHandle): Promise<{ id: string; name: string }> {
	const cred = await api.createCredential(CREDENTIAL_NAME, OAUTH2_CREDENTIAL_TYPE, {
		clientId: 'sandbox-connected-app',
		clientSecret: 'sandbox-secret',
		url: sandbox.url,
		environment: 'production',
	});
	await api.connectOAuth2(cred.id, SANDBOX_LOGIN);
	return { id: cred.id, name: CREDENTIAL_NAME };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 2000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const out = await check();
		if (out !== undefined) return out;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(everyMs);
	}
}

/** A request straight to the sandbox's REST API (client-credentials token), as an integration user would send it. */
async function sandboxRest(sandbox: SandboxHandle, method: string, path: string, body?: unknown): Promise<Response> {
	const token = (await (
		await fetch(`${sandbox.url}/services/oauth2/token`, {
			method: 'POST',
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-connected-app', client_secret: 'sandbox-secret' }),
		})
	).json()) as { access_token: string };
	const headers: Record<string, string> = { authorization: `Bearer ${token.access_token}` };
	if (body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${sandbox.url}/services/data/v66.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
	return res;
}

/** A SOQL query straight to the sandbox (client-credentials token), to check what the workflows did. */
export async function sandboxQuery<T = Record<string, unknown>>(sandbox: SandboxHandle, soql: string): Promise<T[]> {
	const res = await sandboxRest(sandbox, 'GET', `/query?q=${encodeURIComponent(soql)}`);
	return ((await res.json()) as { records: T[] }).records;
}

/** Updates one record through the REST API (a user's edit: LastModifiedDate moves). */
export async function sandboxUpdate(sandbox: SandboxHandle, object: string, id: string, fields: Record<string, unknown>): Promise<void> {
	await sandboxRest(sandbox, 'PATCH', `/sobjects/${object}/${id}`, fields);
}

/** The content of a file version (ContentVersion VersionData), as text. */
export async function sandboxFileText(sandbox: SandboxHandle, contentVersionId: string): Promise<string> {
	return await (await sandboxRest(sandbox, 'GET', `/sobjects/ContentVersion/${contentVersionId}/VersionData`)).text();
}

/** Inserts records in the sandbox as its admin user (the test-control API: validated, not counted). */
export async function sandboxInsert(sandbox: SandboxHandle, object: string, records: Array<Record<string, unknown>>): Promise<string[]> {
	const res = await fetch(`${sandbox.url}/__sandbox/load`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ object, records }),
	});
	if (!res.ok) throw new Error(`load failed: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { ids: string[] }).ids;
}

/** Workflow JSON nodes for hand-built test workflows. */
export const manualTrigger = (name = 'Start') => ({ id: name, name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });

export function actionNode(name: string, credential: { id: string; name: string }, parameters: Record<string, unknown>, x = 0) {
	return {
		id: name,
		name,
		type: 'n8n-nodes-salesforce-connector.salesforceConnector',
		typeVersion: 1,
		position: [x, 0],
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: { [OAUTH2_CREDENTIAL_TYPE]: credential },
	};
}

/** Connections of a straight chain of nodes, as the editor saves them. */
export function chainConnections(names: string[]): Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> {
	return Object.fromEntries(names.slice(0, -1).map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main' as const, index: 0 }]] }]));
}

export const mapper = (value: Record<string, unknown>, matchingColumns: string[] = []) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns,
	schema: [],
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});
export const locator = (value: string, mode: 'id' | 'name' = 'id') => ({ __rl: true, mode, value });
