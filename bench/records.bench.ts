/**
 * Record writes, this package (REST collections and Bulk API 2.0) vs n8n's built-in Salesforce node (n8n-nodes-base
 * 2.41.1, from the pinned n8n install in .e2e/), in the same run, same engine (n8n-core's WorkflowExecute), same
 * sandbox org with an injected latency per request: wall time and API calls for Create, Update, Upsert and Delete;
 * the floor of the REST path; where Auto should switch to Bulk; package load time: the "writes" section of BENCHMARKS.md.
 *
 * `./dev bench writes` (installs n8n once; bench/run.ts). Environment: BENCH_LATENCY_MS (default 50), BENCH_REPEATS (runs per scenario of
 * ours, default 3), BENCH_BUILTIN_REPEATS (default 1), BENCH_BIG (the large size, default 100000; 0 skips it),
 * BENCH_SIZES (default 1000,10000), BENCH_THRESHOLD_SIZES (default 500,1000,2000,3000,5000).
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { chain, createHarness, PACKAGE_ROOT, runWorkflow, type Harness } from '../test/harness/engine';
import { connectOAuth2 } from '../test/harness/oauthFlow';
import { dataCalls, oauth2CredentialData, SANDBOX_USER } from '../test/harness/org';
import * as admin from '../test/sandbox/admin-client';
import { startSandbox, type SandboxHandle } from '../test/sandbox/server';
import { builtinCredential, fmtMs, fmtN, LATENCY_MS, log, median, N8N_DIR, registerBuiltin, version } from './common';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const BUILTIN_REPEATS = Number(process.env.BENCH_BUILTIN_REPEATS ?? 1);
const BIG = Number(process.env.BENCH_BIG ?? 100_000);
/** the sizes every runner is measured at; the built-in node runs at the first and is extrapolated to the others */
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const THRESHOLD_SIZES = (process.env.BENCH_THRESHOLD_SIZES ?? '500,1000,2000,3000,5000').split(',').map(Number);
const LOAD_RUNS = 9;

type Op = 'create' | 'update' | 'upsert' | 'delete';
type Runner = 'rest' | 'bulk' | 'builtin';
const OPS: Op[] = ['create', 'update', 'upsert', 'delete'];
const OP_NAMES: Record<Op, string> = { create: 'Create', update: 'Update', upsert: 'Upsert', delete: 'Delete' };

interface Sample {
	ms: number;
	calls: number;
	/** CPU time of this process during the run (n8n, this package and the sandbox alike) */
	cpuMs: number;
	/** time the sandbox spent in its record store (validating, writing, looking up): Salesforce's side of the work */
	sandboxMs: number;
}

interface Result extends Sample {
	runs: number;
	/** the built-in node at sizes too slow to run: N × its per-item time at 1,000 */
	extrapolated?: boolean;
}

let sandbox: SandboxHandle;
let harness: Harness;
let storeMs = 0;

/** Times the sandbox's record work: every request's writes and look-ups run inside its outermost store transaction. */
function timeSandboxStore(): void {
	const store = sandbox.org.store;
	const original = store.transaction.bind(store);
	let depth = 0;
	store.transaction = <T>(fn: () => T): T => {
		if (depth++ > 0) {
			try {
				return original(fn);
			} finally {
				depth--;
			}
		}
		const start = performance.now();
		try {
			return original(fn);
		} finally {
			depth--;
			storeMs += performance.now() - start;
		}
	};
}

/** A clean org (seed records only) with the latency on every API request. */
async function resetOrg(latencyMs = LATENCY_MS): Promise<void> {
	await admin.reset(sandbox.url);
	await admin.faults(sandbox.url, { latencyMs });
}

/** The input items of a scenario; update, upsert and delete get their records first (no latency, not counted). */
async function itemsFor(op: Op, n: number): Promise<object[]> {
	if (op === 'create') return Array.from({ length: n }, (_, i) => ({ i }));
	const records = Array.from({ length: n }, (_, i) => ({ Name: `Bench ${i}`, ...(op === 'upsert' ? { Customer_Number__c: `BENCH-${i}` } : {}) }));
	const ids: string[] = [];
	for (let start = 0; start < records.length; start += 20_000) ids.push(...(await admin.load(sandbox.url, 'Account', records.slice(start, start + 20_000))).ids);
	return ids.map((id, i) => ({ i, id, key: `BENCH-${i}` }));
}

function ourNode(op: Op, bulkApi: 'never' | 'always'): INode {
	const columns = (value: Record<string, string>, matchingColumns: string[] = []) => ({ mappingMode: 'defineBelow', value, matchingColumns, schema: [] });
	const sobject = { __rl: true, mode: 'name', value: 'Account' };
	const byOp: Record<Op, Record<string, unknown>> = {
		create: { operation: 'create', sobject, columns: columns({ Name: '={{ "Bench " + $json.i }}' }) },
		update: { operation: 'update', sobject, columns: columns({ Id: '={{ $json.id }}', Name: '={{ "Renamed " + $json.i }}' }, ['Id']) },
		upsert: { operation: 'upsert', sobject, columns: columns({ Customer_Number__c: '={{ $json.key }}', Name: '={{ "Upserted " + $json.i }}' }, ['Customer_Number__c']) },
		delete: { operation: 'delete', sobject, recordId: '={{ $json.id }}' },
	};
	return {
		id: 'o',
		name: 'Salesforce',
		type: 'n8n-nodes-salesforce-connector.salesforceConnector',
		typeVersion: 1,
		position: [200, 0],
		credentials: { salesforceConnectorOAuth2Api: { id: 'ours', name: 'ours' } },
		parameters: { authentication: 'oAuth2', resource: 'record', ...byOp[op], options: { bulkApi } } as INode['parameters'],
	};
}

function builtinNode(op: Op): INode {
	const byOp: Record<Op, Record<string, unknown>> = {
		create: { operation: 'create', name: '={{ "Bench " + $json.i }}', additionalFields: {} },
		update: { operation: 'update', accountId: '={{ $json.id }}', updateFields: { name: '={{ "Renamed " + $json.i }}' } },
		upsert: { operation: 'upsert', externalId: 'Customer_Number__c', externalIdValue: '={{ $json.key }}', name: '={{ "Upserted " + $json.i }}', additionalFields: {} },
		delete: { operation: 'delete', accountId: '={{ $json.id }}' },
	};
	return {
		id: 'b',
		name: 'Salesforce',
		type: 'n8n-nodes-base.salesforce',
		typeVersion: 1,
		position: [200, 0],
		credentials: { salesforceOAuth2Api: { id: 'builtin', name: 'builtin' } },
		parameters: { authentication: 'oAuth2', resource: 'account', ...byOp[op] } as INode['parameters'],
	};
}

async function measure(runner: Runner, op: Op, n: number, latencyMs = LATENCY_MS): Promise<Sample> {
	await resetOrg(latencyMs);
	const items = await itemsFor(op, n);
	const node = runner === 'builtin' ? builtinNode(op) : ourNode(op, runner === 'bulk' ? 'always' : 'never');
	sandbox.org.callLog.length = 0;
	storeMs = 0;
	const cpu = process.cpuUsage();
	const start = performance.now();
	const result = await runWorkflow(harness, chain(items, node));
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	const sandboxMs = storeMs;
	const failure = result.error('Salesforce') as (Error & { description?: string }) | undefined;
	if (failure) throw new Error(`${runner} ${op} ${n}: ${failure.message} (${failure.description ?? ''})`);
	const out = result.output('Salesforce');
	const bad = out.filter((o) => !(o.json.success === true || o.json.id || o.json.Id));
	if (out.length !== n || bad.length) throw new Error(`${runner} ${op} ${n}: ${out.length} results, ${bad.length} not saved: ${JSON.stringify(bad[0]?.json)}`);
	return { ms, calls: dataCalls(sandbox.org.callLog).length, cpuMs: (used.user + used.system) / 1000, sandboxMs };
}

async function scenario(runner: Runner, op: Op, n: number, repeats: number, latencyMs = LATENCY_MS): Promise<Result> {
	const samples: Sample[] = [];
	for (let r = 0; r < repeats; r++) samples.push(await measure(runner, op, n, latencyMs));
	const pick = (f: (s: Sample) => number) => median(samples.map(f));
	const result = { ms: pick((s) => s.ms), calls: pick((s) => s.calls), cpuMs: pick((s) => s.cpuMs), sandboxMs: pick((s) => s.sandboxMs), runs: repeats };
	log(
		`${runner.padEnd(7)} ${op.padEnd(6)} ${String(n).padStart(6)}: ${result.ms.toFixed(0)} ms, ${result.calls} calls, cpu ${result.cpuMs.toFixed(0)} ms, sandbox ${result.sandboxMs.toFixed(0)} ms (${samples.map((s) => s.ms.toFixed(0)).join(', ')}; load ${os.loadavg()[0].toFixed(1)})`,
	);
	return result;
}

/**
 * The built-in node's requests pass through this loopback proxy, which drops the `Content-Type: application/json` its
 * bodiless DELETEs carry: Salesforce ignores it, the sandbox's HTTP server refuses an empty JSON body (a sandbox
 * difference, reported). Everything else is passed on as it is; a loopback hop costs well under a millisecond.
 */
async function startDeleteProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
	const agent = new http.Agent({ keepAlive: true });
	const server = http.createServer((req, res) => {
		const headers = { ...req.headers };
		delete headers.host;
		if (req.method === 'DELETE' && !Number(headers['content-length'] ?? 0)) delete headers['content-type'];
		const upstream = http.request(`${target}${req.url ?? ''}`, { method: req.method, headers, agent }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			agent.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Median time to require the built nodes in a fresh Node process, after what is loaded before the clock starts. */
function loadTime(preload: string[], modules: string[]): number {
	const script = `for (const p of ${JSON.stringify(preload)}) require(p);
const t = performance.now();
for (const m of ${JSON.stringify(modules)}) require(m);
process.stdout.write(String(performance.now() - t));`;
	const runs = Array.from({ length: LOAD_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' })));
	return median(runs);
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;

/** The record writes section of BENCHMARKS.md, measured now. */
export async function writesSection(): Promise<string> {
	const benchStart = Date.now();
	const loadStart = os.loadavg()[0];
	sandbox = await startSandbox({ port: 0, config: { dailyApiLimit: 100_000_000 } });
	timeSandboxStore();
	harness = await createHarness();
	registerBuiltin(harness);
	const data = await connectOAuth2({
		credentialType: 'salesforceConnectorOAuth2Api',
		credentialsHelper: harness.credentialsHelper,
		data: oauth2CredentialData(sandbox.url),
		login: SANDBOX_USER,
	});
	harness.addCredential({ id: 'ours', name: 'ours', type: 'salesforceConnectorOAuth2Api', data });
	// the built-in node reads the same token data; its credential only differs in the host fields
	const proxy = await startDeleteProxy(sandbox.url);
	const tokenData = { ...(data.oauthTokenData as IDataObject), instance_url: proxy.url };
	builtinCredential(harness, tokenData);

	// warm-up: the engine, the sandbox and both nodes once
	for (const op of OPS) {
		await measure('rest', op, 50);
		await measure('bulk', op, 50);
		await measure('builtin', op, 20);
	}

	const results = new Map<string, Result>();
	const key = (runner: Runner, op: Op, n: number) => `${runner}|${op}|${n}`;
	for (const op of OPS) {
		for (const n of SIZES) {
			results.set(key('rest', op, n), await scenario('rest', op, n, REPEATS));
			results.set(key('bulk', op, n), await scenario('bulk', op, n, REPEATS));
		}
		const builtin = await scenario('builtin', op, SIZES[0], BUILTIN_REPEATS);
		results.set(key('builtin', op, SIZES[0]), builtin);
		// one call per item, one after the other: 10,000 items take ten times as long as 1,000 (about 9 minutes at 50 ms)
		for (const n of SIZES.slice(1)) {
			const f = n / SIZES[0];
			results.set(key('builtin', op, n), { ms: builtin.ms * f, calls: builtin.calls * f, cpuMs: builtin.cpuMs * f, sandboxMs: builtin.sandboxMs * f, runs: 0, extrapolated: true });
		}
	}
	const bigOps: Op[] = ['create', 'update', 'delete'];
	if (BIG > 0) {
		for (const op of bigOps) {
			results.set(key('rest', op, BIG), await scenario('rest', op, BIG, 1));
			results.set(key('bulk', op, BIG), await scenario('bulk', op, BIG, 1));
		}
	}
	// where REST's time goes beyond the floor: the same creates without latency (all CPU: n8n, this package, the
	// sandbox), and n8n evaluating the same expression per item in an Edit Fields node (no API calls at all)
	const CPU_N = SIZES[SIZES.length - 1];
	const restNoLatency = await scenario('rest', 'create', CPU_N, REPEATS, 0);
	const expressionOnly: number[] = [];
	for (let r = 0; r < REPEATS; r++) {
		const items = Array.from({ length: CPU_N }, (_, i) => ({ i }));
		const set: INode = {
			id: 's',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fields: { values: [{ name: 'Name', value: '={{ "Bench " + $json.i }}' }] } },
		};
		const start = performance.now();
		await runWorkflow(harness, chain(items, set));
		expressionOnly.push(performance.now() - start);
	}
	const expressionMs = median(expressionOnly);
	log(`expression only ${CPU_N}: ${expressionMs.toFixed(0)} ms`);

	const threshold: Array<{ n: number; rest: Result; bulk: Result }> = [];
	for (const n of THRESHOLD_SIZES) threshold.push({ n, rest: await scenario('rest', 'create', n, REPEATS), bulk: await scenario('bulk', 'create', n, REPEATS) });
	await proxy.close();
	await sandbox.close();

	const nodeFiles = ['dist/nodes/SalesforceConnector/SalesforceConnector.node.js', 'dist/nodes/SalesforceConnectorTrigger/SalesforceConnectorTrigger.node.js'].map(
		(f) => path.join(PACKAGE_ROOT, f),
	);
	const jsforceModules = ['@jsforce/jsforce-node', '@jsforce/jsforce-node/lib/transport', '@jsforce/jsforce-node/lib/util/promise'];
	const load = {
		// as shipped: jsforce is loaded by the first execution
		package: loadTime(['n8n-workflow'], nodeFiles),
		// what loading it with the package (as before) costs: jsforce in the same timed require
		eager: loadTime(['n8n-workflow'], [...jsforceModules, ...nodeFiles]),
		jsforce: loadTime(['n8n-workflow'], jsforceModules),
		csv: loadTime(['n8n-workflow'], ['csv-parse/sync', 'csv-stringify/sync']),
	};
	log(`load: ${JSON.stringify(load)}`);

	// ---- the report ----
	const get = (runner: Runner, op: Op, n: number) => results.get(key(runner, op, n));
	const floorMs = (n: number) => Math.ceil(n / 200) * LATENCY_MS;
	// on an idle machine a run takes its calls' latency plus its CPU time (here CPU waits add to the wall time)
	const idleMs = (r: Result) => r.calls * LATENCY_MS + r.cpuMs;
	const sizesOf = (op: Op) => [...SIZES, ...(BIG > 0 && bigOps.includes(op) ? [BIG] : [])];
	const rows: string[] = [];
	const floorRows: string[] = [];
	for (const op of OPS) {
		for (const n of [...SIZES, ...(BIG > 0 ? [BIG] : [])]) {
			const rest = get('rest', op, n);
			const bulk = get('bulk', op, n);
			const builtin = get('builtin', op, n);
			if (!rest || !bulk) {
				rows.push(`| ${OP_NAMES[op]} | ${fmtN(n)} | not run (see below) | | | | | | |`);
				continue;
			}
			const approx = builtin?.extrapolated ? '≈ ' : '';
			const b = builtin ? `${approx}${fmtMs(builtin.ms)}` : '–';
			const bc = builtin ? `${approx}${fmtN(builtin.calls)}` : '–';
			const fewer = builtin ? `${ratio(builtin.calls, rest.calls)} / ${ratio(builtin.calls, bulk.calls)}` : '–';
			rows.push(`| ${OP_NAMES[op]} | ${fmtN(n)} | ${fmtMs(rest.ms)} | ${fmtMs(bulk.ms)} | ${b} | ${rest.calls} | ${bulk.calls} | ${bc} | ${fewer} |`);
			const f = floorMs(n);
			const idle = idleMs(rest);
			floorRows.push(
				`| ${OP_NAMES[op]} | ${fmtN(n)} | ${fmtMs(f)} | ${fmtMs(rest.ms)} (${(rest.ms / f).toFixed(2)}×) | ${fmtMs(rest.cpuMs)} | ${fmtMs(idle)} (${(idle / f).toFixed(2)}×) | ${fmtMs(rest.sandboxMs)} | ${fmtMs(idle - rest.sandboxMs)} (${((idle - rest.sandboxMs) / f).toFixed(2)}×) |`,
			);
		}
	}
	const thresholdRows = threshold.map(
		({ n, rest, bulk }) => `| ${fmtN(n)} | ${fmtMs(rest.ms)} | ${fmtMs(bulk.ms)} | ${rest.calls} | ${bulk.calls} | ${bulk.ms < rest.ms ? 'Bulk' : 'REST'} |`,
	);

	// targets
	const first = OPS.map((op) => ({ op, rest: get('rest', op, SIZES[0])!, bulk: get('bulk', op, SIZES[0])!, builtin: get('builtin', op, SIZES[0])! }));
	const fewer = first.map((r) => r.builtin.calls / r.rest.calls);
	const bigBulk = BIG > 0 ? bigOps.map((op) => ({ op, r: get('bulk', op, BIG)! })) : [];
	const restFloor = OPS.flatMap((op) =>
		sizesOf(op).map((n) => {
			const r = get('rest', op, n)!;
			return { op, n, x: r.ms / floorMs(n), idle: idleMs(r) / floorMs(n), net: (idleMs(r) - r.sandboxMs) / floorMs(n) };
		}),
	);
	const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
	const worst = (f: (r: (typeof restFloor)[number]) => number) => restFloor.reduce((a, b) => (f(b) > f(a) ? b : a));
	const worstNet = worst((r) => r.net);
	const label = (r: (typeof restFloor)[number]) => `${OP_NAMES[r.op]} ${fmtN(r.n)} (${r.x.toFixed(2)}×)`;
	const cpu = get('rest', 'create', CPU_N)!;
	const at2000 = threshold.find((t) => t.n === 2000);

	const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}`;
	// the machine may be shared: say how busy it was, since every wall time here includes CPU time
	const busy = `load average ${loadStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`;
	return `Produced by \`./dev bench\` (\`bench/records.bench.ts\`) on ${new Date().toISOString().slice(0, 10)} in ${((Date.now() - benchStart) / 60_000).toFixed(0)} minutes.
Machine: ${machine}; ${busy}. Node ${process.version}; n8n-core ${version('n8n-core')},
n8n-workflow ${version('n8n-workflow')}; built-in node from n8n-nodes-base ${version('n8n-nodes-base', N8N_DIR)} (n8n ${version('n8n', N8N_DIR)}); jsforce ${version('@jsforce/jsforce-node')}; this package
${version('.', PACKAGE_ROOT)}. Settings: \`BENCH_LATENCY_MS=${LATENCY_MS} BENCH_REPEATS=${REPEATS} BENCH_BUILTIN_REPEATS=${BUILTIN_REPEATS} BENCH_BIG=${BIG}\`.

How: both nodes run in one process through n8n-core's \`WorkflowExecute\` (Manual Trigger → the node) against the same
sandbox org, which adds **${LATENCY_MS} ms to every API request** (its \`latencyMs\` fault) to stand for the network. Each run
starts from a freshly reset org; the records that Update, Upsert and Delete work on are loaded before the clock starts.
Times are medians of ${REPEATS} runs for this package (${BUILTIN_REPEATS} for the built-in node), after a warm-up; the ratios compare figures of
this one run. API calls are counted in the sandbox's call log (this package's one describe included). "REST" is this
package with Bulk API: Never (sObject Collections, 200 records per call), "Bulk" with Bulk API: Always (one Bulk API 2.0
ingest job: create, upload, close, polls, result files). "Built-in" is n8n's own Salesforce node (Account resource, one
REST call per item; its requests pass a loopback proxy that drops the JSON content type of its bodiless DELETEs, which
the sandbox refuses and Salesforce ignores). The sandbox works in the same process, so wall times include its work
(validating and storing records: a real org does that on its servers) and, on a shared machine, waiting for a CPU; each
run also records the sandbox's store time and the process's CPU time. The sandbox finishes a Bulk job 550 ms (org time)
after it is closed; a real org queues jobs for seconds to minutes, so Bulk's wall times here are a lower bound.

## Record writes

| Operation | Items | REST | Bulk | Built-in | API calls: REST | Bulk | Built-in | Fewer calls than built-in (REST / Bulk) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

≈: the built-in node runs at ${fmtN(SIZES[0])} items only (10,000 would take about ${fmtMs(10_000 * (LATENCY_MS + 5))} per operation): it sends one request
per item, one after the other, so its time at larger sizes is its measured time scaled by the item count, and its calls
are exactly one per item. Upsert's times are mostly the sandbox's: it finds each external ID by scanning every Account
(its store time is in the next table).${
		BIG > 0
			? ` Upsert at ${fmtN(BIG)} is not run: that scan makes ${fmtN(BIG)} upserts over ${fmtN(BIG)} records about
10¹⁰ comparisons, hours of sandbox time that say nothing about this package. Create, Update and Delete at ${fmtN(BIG)} ran once each.`
			: ''
	}

## REST against its floor

The floor is the network time of REST's calls alone: ⌈N/200⌉ calls × ${LATENCY_MS} ms. Everything runs in one Node process, so a
run's wall time is its calls' latency plus its CPU time (n8n's engine, this package, the sandbox) plus, on a busy
machine, time spent waiting for a CPU; the idle-machine column leaves that wait out. The sandbox's store time is the
part of its work a real org does on its own servers.

| Operation | Items | Floor | REST measured (÷ floor) | CPU time of the process | Idle machine: calls × ${LATENCY_MS} ms + CPU (÷ floor) | Sandbox store time | Idle machine without the sandbox's store time (÷ floor) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${floorRows.join('\n')}

Create ${fmtN(CPU_N)} taken apart (medians):

| | Time |
| --- | --- |
| Floor: ${Math.ceil(CPU_N / 200)} calls × ${LATENCY_MS} ms | ${fmtMs(floorMs(CPU_N))} |
| REST with ${LATENCY_MS} ms latency (${cpu.calls} calls: the describe too) | ${fmtMs(cpu.ms)} |
| The same without latency: n8n's engine, this package and the sandbox | ${fmtMs(restNoLatency.ms)} (sandbox store ${fmtMs(restNoLatency.sandboxMs)}) |
| n8n alone evaluating the same \`{{ "Bench " + $json.i }}\` for every item (an Edit Fields node, no API calls) | ${fmtMs(expressionMs)} |

Above the floor, n8n's own per-item work (evaluating each item's expressions, which any node pays, the built-in one
included) is ${fmtMs(expressionMs)}, the sandbox's store work ${fmtMs(restNoLatency.sandboxMs)}; what is left of the run without latency,
${fmtMs(Math.max(0, restNoLatency.ms - expressionMs - restNoLatency.sandboxMs))}, is this package (reading parameters, the checks, JSON), the engine and the sandbox's HTTP layer.

## Where Auto switches to Bulk

Create, REST vs Bulk, same settings:

| Items | REST | Bulk | API calls REST | API calls Bulk | Faster here |
| --- | --- | --- | --- | --- | --- |
${thresholdRows.join('\n')}

Auto sends a group (one object and operation) of **2,000 items or more** through Bulk. A job's calls do not grow with
its size (${at2000 ? at2000.bulk.calls : '–'} here: describe, create, upload, close, polls, result files; a longer queue adds polls, failures add a
file) while REST needs one per 200 records, so from about 1,200 records a job spends fewer calls; at 2,000 it makes
${at2000 ? `${at2000.bulk.calls} instead of ${at2000.rest.calls}` : '–'}, at ${fmtN(CPU_N)} ${get('bulk', 'create', CPU_N)?.calls} instead of ${get('rest', 'create', CPU_N)?.calls}. Here REST stays faster up to a few thousand records; against a real org every collections call also waits for
Salesforce to save 200 records (about a second) while a job's queueing is seconds, so the time cross-over comes earlier
there and 2,000 trades a fraction of a second for half the calls.

## Package load time

Time to \`require\` both built nodes in a fresh Node process with n8n-workflow already loaded (as in n8n), median of ${LOAD_RUNS}:
**${load.package.toFixed(0)} ms** as shipped, where jsforce is loaded by the first execution. Loading jsforce with the package,
as before this release, takes **${load.eager.toFixed(0)} ms**; jsforce alone takes ${load.jsforce.toFixed(0)} ms, which the first execution now pays once.
The change is two dynamic imports in the client (\`shared/client/client.ts\`, \`transport.ts\`). csv-parse and
csv-stringify, loaded with the package, take ${load.csv.toFixed(0)} ms.

## Targets

- ≥ 100× fewer API calls than the built-in node at ${fmtN(SIZES[0])} items: ${met(fewer.every((f) => f >= 100))} — ${first
		.map((r, i) => `${OP_NAMES[r.op]} ${fewer[i].toFixed(0)}× (REST ${r.rest.calls} calls, Bulk ${r.bulk.calls}, built-in ${r.builtin.calls})`)
		.join('; ')}.
- ${fmtN(BIG || 100_000)} items in ≤ 10 API calls with Bulk: ${
		BIG > 0
			? `${met(bigBulk.every((b) => b.r.calls <= 10))} — ${bigBulk.map((b) => `${OP_NAMES[b.op]} ${b.r.calls} calls`).join(', ')} (Upsert not run at this size, see above; at 10,000 its job made ${get('bulk', 'upsert', SIZES[SIZES.length - 1])?.calls} calls, the same sequence).`
			: 'not run (BENCH_BIG=0).'
	}
- REST within 1.5× the floor's wall time: ${met(restFloor.every((r) => r.x <= 1.5))} for all — as measured, within: ${
		restFloor
			.filter((r) => r.x <= 1.5)
			.map(label)
			.join(', ') || 'none'
	}; above: ${
		restFloor
			.filter((r) => r.x > 1.5)
			.map(label)
			.join(', ') || 'none'
	}. Without the sandbox's store time (a real org's own work) on an idle machine the worst is ${OP_NAMES[worstNet.op]} ${fmtN(worstNet.n)} at
  ${worstNet.net.toFixed(2)}×. What is above: at 1,000 items the describe (a sixth call on five) and the execution's fixed cost;
  Update evaluates two expressions per item (Id and Name), and n8n's expression work per item (see "taken apart") is
  most of what remains at every size — the built-in node pays it too; Upsert's time is the sandbox's external ID scan.
`;
}
