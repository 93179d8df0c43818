/**
 * Starts the sandbox org alone: `npm run sandbox -- --port 8899 [--data file.json] [--host 127.0.0.1] [--no-seed]`.
 */
import { parseArgs } from 'node:util';

import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_USERS, N8N_OAUTH_CALLBACK } from './org';
import { startSandbox } from './server';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8899' },
			host: { type: 'string', default: '127.0.0.1' },
			data: { type: 'string' },
			'no-seed': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		process.stdout.write('Usage: npm run sandbox -- [--port 8899] [--host 127.0.0.1] [--data file.json] [--no-seed]\n');
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port ${values.port}`);
	const sandbox = await startSandbox({ port, host: values.host, dataFile: values.data, seed: !values['no-seed'] });
	const lines = [
		`Sandbox org listening on ${sandbox.url}`,
		`  org id           ${sandbox.org.config.orgId}`,
		`  login / My Domain ${sandbox.url}   (authorize: ${sandbox.url}/services/oauth2/authorize, token: ${sandbox.url}/services/oauth2/token)`,
		`  client id        ${DEFAULT_CLIENT_ID}`,
		`  client secret    ${DEFAULT_CLIENT_SECRET}`,
		`  callback URLs    ${N8N_OAUTH_CALLBACK} and any http://localhost:<port>/... or http://127.0.0.1:<port>/...`,
		...DEFAULT_USERS.map((u, i) => `  ${(i === 0 ? 'admin user' : 'user').padEnd(17)}${u.username} / ${u.password}  (${u.timeZone}, ${u.locale})`),
		`  records          ${sandbox.org.store.count()}${values.data ? `  (persisted to ${values.data})` : ''}`,
		`  test controls    ${sandbox.url}/__sandbox/state`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	let closing = false;
	const stop = () => {
		if (closing) return;
		closing = true;
		sandbox.close().then(
			() => process.exit(0),
			(e: unknown) => {
				process.stderr.write(`${String(e)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
