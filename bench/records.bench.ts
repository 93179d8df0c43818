/**
 * Record actions, this package vs n8n's built-in Salesforce node (n8n-nodes-base 2.41.1, from the pinned n8n install
 * in .e2e/), in the same run, same engine, same sandbox org: wall time, API calls and heap growth for creating N
 * Accounts. Writes BENCHMARKS.md. Run with `./dev bench` (installs n8n once).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { chain, createHarness, PACKAGE_ROOT, runWorkflow, type Harness } from '../test/harness/engine';
import { connectOAuth2 } from '../test/harness/oauthFlow';
import { dataCalls, oauth2CredentialData, SANDBOX_USER } from '../test/harness/org';
import { startSandbox } from '../test/sandbox/server';

const BASE = path.join(PACKAGE_ROOT, '.e2e/n8n/node_modules/n8n-nodes-base/dist');
const SIZES = [100, 1000];
const REPEATS = 3;

interface Sample {
	ms: number;
	calls: number;
	heapMb: number;
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

async function main() {
	const { SalesforceOAuth2Api } = require(path.join(BASE, 'credentials/SalesforceOAuth2Api.credentials.js')) as {
		SalesforceOAuth2Api: new () => ICredentialType;
	};
	const { Salesforce } = require(path.join(BASE, 'nodes/Salesforce/Salesforce.node.js')) as { Salesforce: new () => INodeType };
	const sandbox = await startSandbox({ port: 0, config: { dailyApiLimit: 10_000_000 } });
	const harness: Harness = await createHarness();
	harness.credentialTypes.set('salesforceOAuth2Api', new SalesforceOAuth2Api());
	harness.nodeTypes.register('n8n-nodes-base.salesforce', new Salesforce());

	const data = await connectOAuth2({
		credentialType: 'salesforceConnectorOAuth2Api',
		credentialsHelper: harness.credentialsHelper,
		data: oauth2CredentialData(sandbox.url),
		login: SANDBOX_USER,
	});
	harness.addCredential({ id: 'ours', name: 'ours', type: 'salesforceConnectorOAuth2Api', data });
	// the built-in node reads the same token data; its credential only differs in the host fields
	harness.addCredential({
		id: 'builtin',
		name: 'builtin',
		type: 'salesforceOAuth2Api',
		data: { clientId: 'sandbox-connected-app', clientSecret: 'sandbox-secret', environment: 'production', oauthTokenData: data.oauthTokenData },
	});

	const ours = {
		id: 'o',
		name: 'Salesforce',
		type: 'n8n-nodes-salesforce-connector.salesforceConnector',
		typeVersion: 1,
		position: [200, 0] as [number, number],
		credentials: { salesforceConnectorOAuth2Api: { id: 'ours', name: 'ours' } },
		parameters: {
			authentication: 'oAuth2',
			resource: 'record',
			operation: 'create',
			sobject: { __rl: true, mode: 'name', value: 'Account' },
			columns: { mappingMode: 'defineBelow', value: { Name: '={{ "Bench " + $json.i }}' }, matchingColumns: [], schema: [] },
		},
	};
	const builtin = {
		id: 'b',
		name: 'Salesforce',
		type: 'n8n-nodes-base.salesforce',
		typeVersion: 1,
		position: [200, 0] as [number, number],
		credentials: { salesforceOAuth2Api: { id: 'builtin', name: 'builtin' } },
		parameters: { authentication: 'oAuth2', resource: 'account', operation: 'create', name: '={{ "Bench " + $json.i }}', additionalFields: {} },
	};

	const gc = (globalThis as { gc?: () => void }).gc;
	async function measure(node: typeof ours | typeof builtin, n: number): Promise<Sample> {
		const items = Array.from({ length: n }, (_, i) => ({ i }));
		sandbox.org.callLog.length = 0;
		gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		const start = performance.now();
		const result = await runWorkflow(harness, chain(items, node as never));
		const ms = performance.now() - start;
		const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
		const out = result.output('Salesforce');
		if (out.length !== n || out.some((o) => !(o.json.id || o.json.Id))) throw new Error(`${node.type}: ${out.length} results, expected ${n}`);
		return { ms, calls: dataCalls(sandbox.org.callLog).length, heapMb };
	}

	const rows: string[] = [];
	for (const n of SIZES) {
		// one warm-up each, then REPEATS alternating runs
		await measure(ours, 10);
		await measure(builtin, 10);
		const a: Sample[] = [];
		const b: Sample[] = [];
		for (let r = 0; r < REPEATS; r++) {
			a.push(await measure(ours, n));
			b.push(await measure(builtin, n));
		}
		const mA = { ms: median(a.map((s) => s.ms)), calls: median(a.map((s) => s.calls)), heap: median(a.map((s) => s.heapMb)) };
		const mB = { ms: median(b.map((s) => s.ms)), calls: median(b.map((s) => s.calls)), heap: median(b.map((s) => s.heapMb)) };
		rows.push(
			`| Create ${n} Accounts | ${mA.ms.toFixed(0)} ms | ${mB.ms.toFixed(0)} ms | ${(mB.ms / mA.ms).toFixed(1)}× | ${mA.calls} | ${mB.calls} | ${(mB.calls / mA.calls).toFixed(0)}× | ${mA.heap.toFixed(1)} MB | ${mB.heap.toFixed(1)} MB |`,
		);
		process.stdout.write(`${rows[rows.length - 1]}\n`);
	}
	await sandbox.close();

	const md = `# Benchmarks

Produced by \`./dev bench\` (\`bench/records.bench.ts\`) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},
${require('node:os').cpus().length} cores. Both nodes run in the same process through n8n-core's \`WorkflowExecute\` against the
same sandbox org (loopback HTTP, no added latency), median of ${REPEATS} alternating runs after a warm-up. "Built-in" is
\`n8n-nodes-base\` 2.41.1's Salesforce node (Account → Create, one REST call per item). API calls are counted in the
sandbox's call log (describe included). Heap is the growth of \`heapUsed\` over the run after a forced GC, and the
sandbox org shares the process (it stores the new records too): a rough indicator, not a peak.

| Scenario | This package | Built-in | Speed-up | API calls (ours) | API calls (built-in) | Fewer calls | Heap (ours) | Heap (built-in) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Against a real org every API call also adds a network round trip that loopback does not have, so these wall times
favour the node that makes more calls; the API-call ratio is what counts against the org's daily limit.
`;
	writeFileSync(path.join(PACKAGE_ROOT, 'BENCHMARKS.md'), md);
}

main().catch((error: unknown) => {
	process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
	process.exit(1);
});
