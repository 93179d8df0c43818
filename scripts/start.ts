/**
 * `./dev start`, the demo: the sandbox org with its demo data, a real n8n server on loopback with this package
 * installed as a community package (scripts/start.sh installed both), the owner account, a Salesforce credential
 * connected through n8n's own OAuth2 browser flow, the example workflows of examples/ imported and the trigger ones
 * activated. Ctrl-C stops n8n and the sandbox (which saves its records). Against a real org (--org-url, --client-id,
 * --client-secret): no sandbox, and "Connect my account" is clicked by the user in the browser.
 */
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
	EXAMPLE_FILES,
	hasTrigger,
	loadExample,
	N8nApi,
	N8nApiError,
	N8nProcess,
	OAUTH2_CREDENTIAL_TYPE,
	type Owner,
} from '../test/harness/n8nServer';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PASSWORD, DEFAULT_USERNAME } from '../test/sandbox/org';
import { startSandbox, type SandboxHandle } from '../test/sandbox/server';

const HELP = `Usage: ./dev start [options]

Starts the demo: the sandbox org (a local Salesforce with demo data), a real n8n server with this package installed,
a connected Salesforce credential and three example workflows. Ctrl-C stops everything.

Options
  --port <n>             n8n's port (default 5678; the task broker uses the next one)
  --sandbox-port <n>     the sandbox org's port (default 8899)
  --reset                start from scratch: forget n8n's database and the sandbox's saved records
  --state <dir>          where n8n's user folder, the sandbox data and the log live (default .demo/)

A real Salesforce org instead of the sandbox (all three, or the environment variables in brackets):
  --org-url <url>        My Domain URL, e.g. https://acme.my.salesforce.com   [SF_ORG_URL]
  --client-id <id>       the connected app's consumer key                      [SF_CLIENT_ID]
  --client-secret <s>    the connected app's consumer secret                   [SF_CLIENT_SECRET]
  --environment <e>      production (default) or sandbox                       [SF_ENVIRONMENT]
  The connected app's callback URL must be http://localhost:<port>/rest/oauth2-credential/callback.
`;

const OWNER: Owner = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Demo-Passw0rd' };
const SANDBOX_CREDENTIAL = 'Salesforce sandbox (demo)';
const ORG_CREDENTIAL = 'Salesforce org';

const say = (line = '') => process.stdout.write(`${line}\n`);
/** A path as the user would type it: relative to the current directory when inside it. */
const shown = (p: string) => (p.startsWith(`${process.cwd()}${path.sep}`) ? path.relative(process.cwd(), p) : p);

function portNumber(value: string, what: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 65534) throw new Error(`${what} must be a port number, not "${value}"`);
	return n;
}

async function assertPortFree(port: number, what: string, flag: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', () => reject(new Error(`Port ${port} (${what}) is in use: is another demo running? Stop it, or choose another with ${flag}.`)));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

interface RealOrg {
	url: string;
	clientId: string;
	clientSecret: string;
	environment: 'production' | 'sandbox';
}

function realOrgFrom(values: Record<string, string | boolean | undefined>): RealOrg | undefined {
	const pick = (flag: string, env: string) => {
		const v = values[flag];
		return typeof v === 'string' && v !== '' ? v : process.env[env] || undefined;
	};
	const url = pick('org-url', 'SF_ORG_URL');
	const clientId = pick('client-id', 'SF_CLIENT_ID');
	const clientSecret = pick('client-secret', 'SF_CLIENT_SECRET');
	if (!url && !clientId && !clientSecret) return undefined;
	const missing = [!url && '--org-url (SF_ORG_URL)', !clientId && '--client-id (SF_CLIENT_ID)', !clientSecret && '--client-secret (SF_CLIENT_SECRET)'].filter(Boolean);
	if (missing.length) throw new Error(`A real org needs all three of --org-url, --client-id and --client-secret; missing: ${missing.join(', ')}`);
	const environment = pick('environment', 'SF_ENVIRONMENT') ?? 'production';
	if (environment !== 'production' && environment !== 'sandbox') throw new Error(`--environment must be production or sandbox, not "${environment}"`);
	return { url: String(url), clientId: String(clientId), clientSecret: String(clientSecret), environment };
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '5678' },
			'sandbox-port': { type: 'string', default: '8899' },
			reset: { type: 'boolean', default: false },
			state: { type: 'string' },
			'n8n-dir': { type: 'string' },
			'org-url': { type: 'string' },
			'client-id': { type: 'string' },
			'client-secret': { type: 'string' },
			environment: { type: 'string' },
			help: { type: 'boolean', short: 'h', default: false },
			// start.sh checks the options before it installs anything
			'check-only': { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		say(HELP);
		return;
	}
	const port = portNumber(values.port, '--port');
	const sandboxPort = portNumber(values['sandbox-port'], '--sandbox-port');
	const realOrg = realOrgFrom(values);
	if (values['check-only']) return;
	const n8nDir = values['n8n-dir'];
	if (!n8nDir) throw new Error('Run this through ./dev start (it installs n8n and passes --n8n-dir)');
	const state = path.resolve(values.state ?? path.join(__dirname, '../.demo'));
	const userFolder = path.join(state, 'n8n');
	const dataFile = path.join(state, 'sandbox-org.json');
	const logFile = path.join(state, 'n8n.log');
	if (values.reset) {
		rmSync(path.join(userFolder, '.n8n'), { recursive: true, force: true, maxRetries: 2 });
		rmSync(dataFile, { force: true });
	}
	mkdirSync(userFolder, { recursive: true });

	await assertPortFree(port, 'n8n', '--port');
	await assertPortFree(port + 1, "n8n's task broker", '--port');
	if (!realOrg) await assertPortFree(sandboxPort, 'the sandbox org', '--sandbox-port');

	let sandbox: SandboxHandle | undefined;
	let n8n: N8nProcess | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say(sandbox ? '\nstopping n8n and the sandbox org ...' : '\nstopping n8n ...');
		await n8n?.stop();
		await sandbox?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => {
		if (stopping) process.exit(130);
		void stop(0);
	});
	process.on('SIGTERM', () => void stop(0));

	try {
		if (!realOrg) {
			sandbox = await startSandbox({ port: sandboxPort, dataFile });
			say(`sandbox org   ${sandbox.url}  (${sandbox.org.store.count()} records, saved in ${shown(dataFile)})`);
		}
		say(`n8n           starting on http://localhost:${port} (log: ${shown(logFile)}) ...`);
		n8n = await N8nProcess.start({ n8nDir, userFolder, port, logFile });
		const running = n8n;
		void running.whenExited().then((code) => {
			if (stopping) return;
			process.stderr.write(`n8n stopped unexpectedly (exit ${String(code)}); the end of its log:\n${running.log.slice(-2000)}\n`);
			void stop(1);
		});
		const api = new N8nApi(n8n.url);
		const owner = await api.ownerSession(OWNER);
		say(`owner         ${owner === 'created' ? 'created' : 'logged in'}: ${OWNER.email}`);

		const credentialName = realOrg ? ORG_CREDENTIAL : SANDBOX_CREDENTIAL;
		const data = realOrg
			? { clientId: realOrg.clientId, clientSecret: realOrg.clientSecret, url: realOrg.url, environment: realOrg.environment }
			: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, url: sandbox?.url ?? '', environment: 'production' };
		const existing = (await api.credentials()).find((c) => c.name === credentialName && c.type === OAUTH2_CREDENTIAL_TYPE);
		const credential = existing
			? await api.updateCredential(existing.id, credentialName, OAUTH2_CREDENTIAL_TYPE, data)
			: await api.createCredential(credentialName, OAUTH2_CREDENTIAL_TYPE, data);
		if (realOrg) {
			say(`credential    "${credentialName}" for ${realOrg.url}: connect it in the browser (below)`);
		} else {
			// the browser's part of "Connect my account": n8n's authorization URL, the org's login page, n8n's callback
			await api.connectOAuth2(credential.id, { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD });
			say(`credential    "${credentialName}" connected through n8n's OAuth2 flow as ${DEFAULT_USERNAME}`);
		}

		const saved = await api.workflows();
		const lines: string[] = [];
		let imported = 0;
		for (const file of EXAMPLE_FILES) {
			const wf = loadExample(file, credential);
			const workflow = saved.find((w) => w.name === wf.name) ?? (imported++, await api.createWorkflow(wf));
			const url = `${n8n.url}/workflow/${workflow.id}`;
			if (!hasTrigger(wf)) {
				lines.push(`  ${wf.name}\n      ${url}  (run it with "Execute workflow")`);
				continue;
			}
			if (realOrg) {
				lines.push(`  ${wf.name}\n      ${url}  (not active: publish it in the editor once the credential is connected)`);
				continue;
			}
			lines.push(`  ${wf.name}\n      ${url}  ${await activate(api, workflow.id)}`);
		}
		say(`workflows     ${imported} imported${imported < EXAMPLE_FILES.length ? `, ${EXAMPLE_FILES.length - imported} kept from an earlier run` : ''} (examples/)`);
		say('');
		say('The demo is running.');
		say(`  n8n editor   ${n8n.url}`);
		say(`  login        ${OWNER.email} / ${OWNER.password}`);
		if (sandbox) say(`  sandbox org  ${sandbox.url}  (Salesforce login ${DEFAULT_USERNAME} / ${DEFAULT_PASSWORD})`);
		say('  workflows');
		for (const l of lines) say(l);
		if (realOrg) {
			say('');
			say(`Connect the credential: open ${n8n.url}/home/credentials/${credential.id} and click "Connect my account".`);
			say(`  Your connected app's callback URL must be ${n8n.url}/rest/oauth2-credential/callback`);
		} else if (sandbox) {
			say('');
			say('Try it: create an Opportunity in the sandbox org; the first workflow picks it up within a minute or two');
			say("(its Account's Description then names it; see the workflow's Executions):");
			say(`  curl -s ${sandbox.url}/__sandbox/load -H 'content-type: application/json' \\`);
			say(`    -d '{"object":"Opportunity","records":[{"Name":"Demo deal","StageName":"Prospecting","CloseDate":"2030-12-31","AccountId":"0018d0000000001AAA"}]}'`);
		}
		say('');
		say(sandbox ? 'Press Ctrl-C to stop n8n and the sandbox org.' : 'Press Ctrl-C to stop n8n.');
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		await stop(1);
	}
}

/** Publishes a trigger workflow; the answer says whether its trigger runs, and why not. */
async function activate(api: N8nApi, id: string): Promise<string> {
	try {
		await api.activate(id);
	} catch (error) {
		const reason = error instanceof N8nApiError ? (/"message":"([^"]*)"/.exec(error.body)?.[1] ?? error.message) : String(error);
		return `NOT ACTIVE: n8n refused to activate it: ${reason}`;
	}
	const published = await api.waitPublished(id);
	const failures = published.triggers.filter((t) => t.status === 'failed');
	if (published.status !== 'published') {
		return `NOT POLLING: published, but its trigger could not start: ${failures.map((t) => t.errorMessage ?? 'no reason given').join('; ')}`;
	}
	return 'active: polls every minute';
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
