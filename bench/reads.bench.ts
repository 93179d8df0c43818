/**
 * Reads: Get Records with Return All over 10,000 and 100,000 Accounts, this package through REST (Bulk API: Never),
 * Bulk (Always) and Auto (the default) vs n8n's built-in Salesforce node (Account → Get Many, Return All, the same
 * fields): API calls, wall time, CPU time and peak memory; and where Auto switches. The "reads" section of
 * BENCHMARKS.md: `./dev bench reads`.
 *
 * The sandbox org runs in a child process (its records, JSON and CSV are not counted) with its latency fault on every
 * API request; each case runs in a fresh process of its own (a warm-up read of 10 records, then the measured read).
 * Environment: BENCH_LATENCY_MS (50), BENCH_REPEATS (3), BENCH_READ_SIZES (10000,100000),
 * BENCH_READ_THRESHOLD_SIZES (5000,10000,20000,50000).
 */
import os from 'node:os';

import type { INode } from 'n8n-workflow';

import { chain, createHarness, runWorkflow } from '../test/harness/engine';
import { connectOAuth2 } from '../test/harness/oauthFlow';
import { dataCalls, oauth2CredentialData, SANDBOX_USER } from '../test/harness/org';
import * as admin from '../test/sandbox/admin-client';
import { builtinCredential, fmtMb, fmtMs, fmtN, inChild, LATENCY_MS, log, machineLine, median, peakMemory, registerBuiltin, sectionMain, startSandboxProcess } from './common';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SIZES = (process.env.BENCH_READ_SIZES ?? '10000,100000').split(',').map(Number);
const THRESHOLD_SIZES = (process.env.BENCH_READ_THRESHOLD_SIZES ?? '5000,10000,20000,50000').split(',').map(Number);
const FIELDS = ['Id', 'Name', 'Industry', 'AnnualRevenue', 'NumberOfEmployees', 'CreatedDate', 'Parent.Name'];

type Runner = 'rest' | 'bulk' | 'auto' | 'builtin';
const RUNNERS: Runner[] = ['builtin', 'rest', 'bulk', 'auto'];
const NAMES: Record<Runner, string> = { builtin: 'Built-in node', rest: 'This package, REST (Never)', bulk: 'This package, Bulk (Always)', auto: 'This package, Auto (default)' };

interface Case {
	url: string;
	runner: Runner;
	/** records the read must return */
	n: number;
	/** Get Records' Limit (LIMIT in its SOQL) instead of Return All */
	limit?: number;
}
interface Sample {
	ms: number;
	calls: number;
	jobCalls: number;
	cpuMs: number;
	heapMb: number;
	rssMb: number;
}

function readNode(runner: Runner, limit?: number): INode {
	const pick = limit === undefined ? { returnAll: true } : { returnAll: false, limit };
	if (runner === 'builtin') {
		return {
			id: 'b',
			name: 'Salesforce',
			type: 'n8n-nodes-base.salesforce',
			typeVersion: 1,
			position: [200, 0],
			credentials: { salesforceOAuth2Api: { id: 'builtin', name: 'builtin' } },
			parameters: { authentication: 'oAuth2', resource: 'account', operation: 'getAll', ...pick, options: { fields: FIELDS.join(',') } },
		};
	}
	const bulkApi = runner === 'rest' ? { bulkApi: 'never' } : runner === 'bulk' ? { bulkApi: 'always' } : {};
	return {
		id: 'o',
		name: 'Salesforce',
		type: 'n8n-nodes-salesforce-connector.salesforceConnector',
		typeVersion: 1,
		position: [200, 0],
		credentials: { salesforceConnectorOAuth2Api: { id: 'ours', name: 'ours' } },
		parameters: {
			authentication: 'oAuth2',
			resource: 'record',
			operation: 'getMany',
			sobject: { __rl: true, mode: 'name', value: 'Account' },
			fieldsToReturn: 'selected',
			selectedFields: FIELDS.filter((f) => f !== 'Id'),
			...pick,
			options: bulkApi,
		},
	};
}

/** One case, in its own process. */
async function runCase(c: Case): Promise<Sample> {
	const harness = await createHarness();
	registerBuiltin(harness);
	const data = await connectOAuth2({ credentialType: 'salesforceConnectorOAuth2Api', credentialsHelper: harness.credentialsHelper, data: oauth2CredentialData(c.url), login: SANDBOX_USER });
	harness.addCredential({ id: 'ours', name: 'ours', type: 'salesforceConnectorOAuth2Api', data });
	builtinCredential(harness, { ...(data.oauthTokenData as object), instance_url: c.url });
	const read = async (limit?: number) => {
		const result = await runWorkflow(harness, chain([{}], readNode(c.runner, limit)));
		const failure = result.error('Salesforce') as (Error & { description?: string }) | undefined;
		if (failure) throw new Error(`${c.runner}: ${failure.message} (${failure.description ?? ''})`);
		return result;
	};
	await read(10);
	await admin.clearCalls(c.url);
	const cpu = process.cpuUsage();
	const start = performance.now();
	const { value: result, heapMb, rssMb } = await peakMemory(async () => await read(c.limit));
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	const out = result.output('Salesforce');
	if (out.length !== c.n || !out.every((o) => typeof o.json.Id === 'string')) throw new Error(`${c.runner} ${c.n}: ${out.length} records`);
	const calls = dataCalls(await admin.calls(c.url));
	return { ms, calls: calls.length, jobCalls: calls.filter((x) => x.path.includes('/jobs/')).length, cpuMs: (used.user + used.system) / 1000, heapMb, rssMb };
}

async function scenario(url: string, runner: Runner, n: number, repeats: number, limit?: number): Promise<Sample> {
	const samples: Sample[] = [];
	for (let r = 0; r < repeats; r++) samples.push(await inChild<Sample>(__filename, { url, runner, n, limit } satisfies Case));
	const pick = (f: (s: Sample) => number) => median(samples.map(f));
	const s = { ms: pick((x) => x.ms), calls: pick((x) => x.calls), jobCalls: pick((x) => x.jobCalls), cpuMs: pick((x) => x.cpuMs), heapMb: pick((x) => x.heapMb), rssMb: pick((x) => x.rssMb) };
	log(
		`read ${runner.padEnd(7)} ${String(n).padStart(6)}: ${s.ms.toFixed(0)} ms, ${s.calls} calls (${s.jobCalls} Bulk), cpu ${s.cpuMs.toFixed(0)} ms, heap ${s.heapMb.toFixed(1)} MB, rss ${s.rssMb.toFixed(1)} MB (${samples.map((x) => x.ms.toFixed(0)).join(', ')}; load ${os.loadavg()[0].toFixed(1)})`,
	);
	return s;
}

/** Accounts `from` to `to`: the first ten are the parents of the others (Parent.Name); a third have no Industry or revenue. */
async function loadAccounts(url: string, from: number, to: number, parents: string[]): Promise<string[]> {
	const row = (i: number, parentId: string | null) => ({
		Name: `Read bench ${i}`,
		Industry: i % 3 === 0 ? null : ['Energy', 'Banking', 'Retail'][i % 3],
		AnnualRevenue: i % 3 === 0 ? null : i * 10,
		NumberOfEmployees: i % 50,
		ParentId: parentId,
	});
	const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
	let top = parents;
	let start = from;
	if (!top.length) {
		top = (await admin.load(url, 'Account', range(0, 10).map((i) => row(i, null)))).ids;
		start = 10;
	}
	for (let a = start; a < to; a += 20_000) await admin.load(url, 'Account', range(a, Math.min(to, a + 20_000)).map((i) => row(i, top[i % top.length])));
	return top;
}

/** The reads section of BENCHMARKS.md, measured now. */
export async function readsSection(): Promise<string> {
	const benchStart = Date.now();
	const loadStart = os.loadavg()[0];
	const sandbox = await startSandboxProcess();
	try {
		const url = sandbox.url;
		await admin.configure(url, { dailyApiLimit: 100_000_000 });
		await admin.faults(url, { latencyMs: LATENCY_MS });
		const results = new Map<string, Sample>();
		let loaded = 0;
		let parents: string[] = [];
		for (const n of SIZES) {
			parents = await loadAccounts(url, loaded, n, parents);
			loaded = n;
			for (const runner of RUNNERS) results.set(`${runner}|${n}`, await scenario(url, runner, n, REPEATS));
		}
		// where Auto switches: Get Records with a Limit (its SOQL's LIMIT) over the loaded records, one run each
		const threshold: Array<{ n: number; rest: Sample; bulk: Sample; auto: Sample }> = [];
		for (const n of THRESHOLD_SIZES.filter((t) => t <= loaded)) {
			threshold.push({ n, rest: await scenario(url, 'rest', n, 1, n), bulk: await scenario(url, 'bulk', n, 1, n), auto: await scenario(url, 'auto', n, 1, n) });
		}

		const rows = SIZES.flatMap((n) =>
			RUNNERS.map((runner) => {
				const s = results.get(`${runner}|${n}`)!;
				return `| ${fmtN(n)} | ${NAMES[runner]} | ${s.calls}${s.jobCalls ? ` (${s.jobCalls} Bulk)` : ''} | ${fmtMs(s.ms)} | ${fmtMs(s.cpuMs)} | ${fmtMb(s.heapMb)} | ${fmtMb(s.rssMb)} |`;
			}),
		);
		const thresholdRows = threshold.map(
			({ n, rest, bulk, auto }) =>
				`| ${fmtN(n)} | ${rest.calls} / ${fmtMs(rest.ms)} | ${bulk.calls} / ${fmtMs(bulk.ms)} | ${auto.calls} / ${fmtMs(auto.ms)} (${auto.jobCalls ? 'first page, then a job' : 'REST'}) |`,
		);
		const bulkAt = threshold.length ? { n: threshold[threshold.length - 1].n, calls: threshold[threshold.length - 1].bulk.calls } : undefined;
		const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
		return `## Reads: Get Records with Return All

Produced by \`./dev bench reads\` (\`bench/reads.bench.ts\`) on ${new Date().toISOString().slice(0, 10)} in ${((Date.now() - benchStart) / 60_000).toFixed(0)} minutes.
${machineLine(loadStart)} Settings: \`BENCH_LATENCY_MS=${LATENCY_MS} BENCH_REPEATS=${REPEATS} BENCH_READ_SIZES=${SIZES.join(',')}\`.

How: every Account of the org (${SIZES.map(fmtN).join(' and ')}; ${FIELDS.length} fields: ${FIELDS.join(', ')}; a third of them
without Industry and revenue) is read by one node run through n8n-core's \`WorkflowExecute\`, against the sandbox org
with **${LATENCY_MS} ms added to every API request**. The built-in node is n8n's Salesforce node (Account → Get Many, Return All, the
same fields in its Fields option): REST query pages of 2,000 through \`nextRecordsUrl\`. This package's Get Records:
REST (Bulk API: Never; its describe of Account, then the same pages), Bulk (Always: describe, one Bulk API 2.0 query
job: create, polls, results pages of 50,000) and Auto (the default: the first REST page, then a job when at least
${fmtN(20_000)} records are to be read and the job fits in the calls the remaining pages would cost). API calls are counted in the
sandbox's call log. The sandbox runs in a child process, so its work (running the SOQL, writing JSON and CSV) is not
in this process's CPU time or memory, but it shares the 2 cores; it finishes a query job 550 ms (org time) after it is
created, where a real org may queue it for seconds to minutes. Each case runs in a fresh process: a warm-up read of 10
records, two GCs (the baseline), then the measured read with memory sampled every 2 ms and once after the run while the
output is still held: peak V8 heap + Buffers (\`heapUsed + arrayBuffers\`, garbage not yet collected included) and peak
RSS above the baseline. Medians of ${REPEATS} processes.

| Records | Node | API calls | Wall time | CPU time | Peak heap + Buffers | Peak RSS |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

### Where Auto switches to Bulk

Get Records with Limit = the count (its SOQL's LIMIT), one run each, same settings; API calls / wall time:

| Records | REST (Never) | Bulk (Always) | Auto |
| --- | --- | --- | --- |
${thresholdRows.join('\n')}

A query job costs about the same few calls whatever its size (here ${bulkAt ? bulkAt.calls : '–'} at ${bulkAt ? fmtN(bulkAt.n) : '–'} records, the describe included: create, polls,
one results page per 50,000), REST one per 2,000 records. Auto pays one REST page first (it learns the size from it),
so a job would save calls here from about 10,000 records; but a real org queues a job for seconds to minutes, and
every poll is a call. At 10,000 records the calls of the 4 pages still to read leave a job 2 polls, about 1.5 s of
queueing; Auto switches at **20,000** (9 pages still to read), which leaves 7 polls, about 35 s at the polls' doubling
intervals, before the job would cost more than those pages (it is then aborted and REST reads on from the first page).

### Targets (reads)

- Never more API calls than the built-in node: ${(['auto', 'bulk', 'rest'] as const)
			.map((r) => `${NAMES[r]}: ${SIZES.map((n) => `${fmtN(n)} ${met(results.get(`${r}|${n}`)!.calls <= results.get(`builtin|${n}`)!.calls)} (${results.get(`${r}|${n}`)!.calls} vs ${results.get(`builtin|${n}`)!.calls})`).join(', ')}`)
			.join('; ')}. Get Records makes one call more than the built-in node on REST at every size: the describe it
  needs to check and compose its query (SOQL Query, which sends the text as written, makes none); below 20,000
  records Auto stays on REST, so it is that one call over there.
- Auto's time at ${fmtN(SIZES[SIZES.length - 1])} is its first REST page plus the job: the sandbox runs the whole query for that page (as
  a real org does) and keeps its cursor while it runs the job's query again, on a machine whose load average was
  ${loadStart.toFixed(1)}–${os.loadavg()[0].toFixed(1)}.
`;
	} finally {
		sandbox.stop();
	}
}

if (require.main === module) sectionMain<Case, Sample>('reads', runCase, readsSection);
