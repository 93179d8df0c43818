/**
 * The trigger: an idle poll (API calls, wall and CPU time) and a poll that delivers 10,000 changes (calls, time,
 * memory), through n8n-core's real poll path (a PollContext per poll, the static data serialised in between, as in
 * test/integration/trigger.test.ts), against the sandbox org in a child process with its latency fault. The
 * "trigger" section of BENCHMARKS.md: `./dev bench trigger`. Environment: BENCH_LATENCY_MS (50), BENCH_REPEATS (3),
 * BENCH_TRIGGER_CHANGES (10000), BENCH_IDLE_POLLS (10).
 */
import os from 'node:os';

import type { INode } from 'n8n-workflow';

import { createHarness, packageNode, pollOnce, type Harness } from '../test/harness/engine';
import { connectOAuth2 } from '../test/harness/oauthFlow';
import { dataCalls, OAUTH2_CREDENTIAL_ID, OAUTH2_TYPE, oauth2CredentialData, SANDBOX_USER } from '../test/harness/org';
import * as admin from '../test/sandbox/admin-client';
import { fmtMb, fmtMs, fmtN, inChild, LATENCY_MS, log, machineLine, median, peakMemory, sectionMain, startSandboxProcess } from './common';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CHANGES = Number(process.env.BENCH_TRIGGER_CHANGES ?? 10_000);
const IDLE_POLLS = Number(process.env.BENCH_IDLE_POLLS ?? 10);

interface Case {
	url: string;
	kind: 'idle' | 'burst';
}
interface Sample {
	/** per poll: the median of the idle polls, or the one poll that delivered the changes */
	calls: number;
	maxCalls: number;
	ms: number;
	cpuMs: number;
	heapMb: number;
	rssMb: number;
	items: number;
}

function triggerNode(): INode {
	return packageNode(
		'salesforceConnectorTrigger',
		{
			authentication: 'oAuth2',
			event: 'newOrUpdated',
			sobject: { __rl: true, mode: 'list', value: 'Account' },
			fieldsToReturn: 'selected',
			selectedFields: ['Name', 'Industry', 'AnnualRevenue'],
			options: { maxPerPoll: 10_000 },
		},
		{ name: 'Trigger', credentials: { [OAUTH2_TYPE]: { id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org' } } },
	);
}

/** One case in its own process: a stream started (its first poll), then the measured polls. */
async function runCase(c: Case): Promise<Sample> {
	const harness: Harness = await createHarness();
	const data = await connectOAuth2({ credentialType: OAUTH2_TYPE, credentialsHelper: harness.credentialsHelper, data: oauth2CredentialData(c.url), login: SANDBOX_USER });
	harness.addCredential({ id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org', type: OAUTH2_TYPE, data });
	const node = triggerNode();
	let staticData: string | undefined;
	// the org's clock moves on instead of the bench waiting (sessions do not age)
	const advance = async (seconds: number) => {
		const { offsetMs } = await admin.getClock(c.url);
		await admin.setClock(c.url, { skewMs: offsetMs + seconds * 1000 });
	};
	const poll = async () => {
		const result = await pollOnce(harness, node, staticData);
		staticData = result.staticData;
		return result.items ?? [];
	};
	await poll();
	await advance(60);
	await poll();
	if (c.kind === 'idle') {
		const samples: Array<{ calls: number; ms: number; cpuMs: number }> = [];
		for (let k = 0; k < IDLE_POLLS; k++) {
			await advance(60);
			await admin.clearCalls(c.url);
			const cpu = process.cpuUsage();
			const start = performance.now();
			const items = await poll();
			const ms = performance.now() - start;
			const used = process.cpuUsage(cpu);
			if (items.length) throw new Error(`an idle poll delivered ${items.length} items`);
			samples.push({ calls: dataCalls(await admin.calls(c.url)).length, ms, cpuMs: (used.user + used.system) / 1000 });
		}
		return {
			calls: median(samples.map((s) => s.calls)),
			maxCalls: Math.max(...samples.map((s) => s.calls)),
			ms: median(samples.map((s) => s.ms)),
			cpuMs: median(samples.map((s) => s.cpuMs)),
			heapMb: 0,
			rssMb: 0,
			items: 0,
		};
	}
	await advance(5);
	for (let a = 0; a < CHANGES; a += 20_000) {
		await admin.load(c.url, 'Account', Array.from({ length: Math.min(20_000, CHANGES - a) }, (_, i) => ({ Name: `Trigger bench ${a + i}`, Industry: i % 2 ? 'Energy' : null, AnnualRevenue: i })));
	}
	// past the trigger's safety margin behind the org's clock
	await advance(60);
	await admin.clearCalls(c.url);
	const cpu = process.cpuUsage();
	const start = performance.now();
	const { value: items, heapMb, rssMb } = await peakMemory(poll);
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	if (items.length !== CHANGES) throw new Error(`the poll delivered ${items.length} of ${CHANGES} changes`);
	const calls = dataCalls(await admin.calls(c.url)).length;
	return { calls, maxCalls: calls, ms, cpuMs: (used.user + used.system) / 1000, heapMb, rssMb, items: items.length };
}

async function scenario(url: string, kind: Case['kind']): Promise<Sample> {
	const samples: Sample[] = [];
	for (let r = 0; r < REPEATS; r++) {
		await admin.reset(url, { seed: false });
		await admin.configure(url, { dailyApiLimit: 100_000_000 });
		await admin.faults(url, { latencyMs: LATENCY_MS });
		samples.push(await inChild<Sample>(__filename, { url, kind } satisfies Case));
	}
	const pick = (f: (s: Sample) => number) => median(samples.map(f));
	const s: Sample = {
		calls: pick((x) => x.calls),
		maxCalls: Math.max(...samples.map((x) => x.maxCalls)),
		ms: pick((x) => x.ms),
		cpuMs: pick((x) => x.cpuMs),
		heapMb: pick((x) => x.heapMb),
		rssMb: pick((x) => x.rssMb),
		items: pick((x) => x.items),
	};
	log(`trigger ${kind}: ${s.calls} calls (max ${s.maxCalls}), ${s.ms.toFixed(0)} ms, cpu ${s.cpuMs.toFixed(0)} ms, heap ${s.heapMb.toFixed(1)} MB, rss ${s.rssMb.toFixed(1)} MB (load ${os.loadavg()[0].toFixed(1)})`);
	return s;
}

/** The trigger section of BENCHMARKS.md, measured now. */
export async function triggerSection(): Promise<string> {
	const benchStart = Date.now();
	const loadStart = os.loadavg()[0];
	const sandbox = await startSandboxProcess();
	try {
		const idle = await scenario(sandbox.url, 'idle');
		const burst = await scenario(sandbox.url, 'burst');
		const perPage = Math.ceil(CHANGES / 2000);
		return `## Trigger polls

Produced by \`./dev bench trigger\` (\`bench/trigger.bench.ts\`) on ${new Date().toISOString().slice(0, 10)} in ${((Date.now() - benchStart) / 60_000).toFixed(0)} minutes.
${machineLine(loadStart)} Settings: \`BENCH_LATENCY_MS=${LATENCY_MS} BENCH_REPEATS=${REPEATS} BENCH_TRIGGER_CHANGES=${CHANGES} BENCH_IDLE_POLLS=${IDLE_POLLS}\`.

How: the trigger (Account, On New or Updated Record, 3 fields, Max Records per Poll 10,000) polls through n8n-core's
own poll path, a fresh \`PollContext\` per poll with the static data serialised in between (as n8n stores it), against
the sandbox org in a child process with **${LATENCY_MS} ms added to every API request**; the org's clock is moved on between
polls instead of waiting. Each case runs in fresh processes (median of ${REPEATS}), after the stream's first poll (describe and
the org's time) and one idle poll. Idle: ${IDLE_POLLS} polls with nothing changed, one org minute apart (the median poll; API calls
also as the maximum). Changes: ${fmtN(CHANGES)} Accounts created at once (one load), then one poll, measured like the reads (peak heap +
Buffers and RSS above a GC'd baseline, sampled every 2 ms and once after the poll with its items held). CPU time is
this process's (the sandbox's is not in it).

| Poll | API calls | Wall time | CPU time | Peak heap + Buffers | Peak RSS |
| --- | --- | --- | --- | --- | --- |
| Idle (nothing changed) | ${idle.calls} (max ${idle.maxCalls}) | ${fmtMs(idle.ms)} | ${fmtMs(idle.cpuMs)} | – | – |
| ${fmtN(CHANGES)} changes delivered | ${burst.calls} | ${fmtMs(burst.ms)} | ${fmtMs(burst.cpuMs)} | ${fmtMb(burst.heapMb)} | ${fmtMb(burst.rssMb)} |

The delivering poll reads its changes in REST query pages of 2,000 (${perPage} for ${fmtN(CHANGES)}) with nothing else: the describe
is kept in the static data (docs/decisions.md D25).

### Targets (trigger)

- Idle poll: 1 API call: ${idle.maxCalls === 1 ? '**met**' : '**not met**'} (${idle.calls} per idle poll, at most ${idle.maxCalls} in ${REPEATS * IDLE_POLLS} idle polls).
`;
	} finally {
		sandbox.stop();
	}
}

if (require.main === module) sectionMain<Case, Sample>('trigger', runCase, triggerSection);
