/**
 * What the benchmark sections share: medians, formatting, the machine line, the sandbox org in a child process (so
 * that its memory and CPU are not this process's), a peak-memory sampler, the built-in node's setup, and writing one
 * section of BENCHMARKS.md while keeping the others.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { PACKAGE_ROOT, type Harness } from '../test/harness/engine';

export const N8N_DIR = path.join(PACKAGE_ROOT, '.e2e/n8n/node_modules');
const BASE = path.join(N8N_DIR, 'n8n-nodes-base/dist');
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
export const MB = 1024 * 1024;

export function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const version = (pkg: string, dir = path.join(PACKAGE_ROOT, 'node_modules')) =>
	(JSON.parse(readFileSync(path.join(dir, pkg, 'package.json'), 'utf8')) as { version: string }).version;
export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
export const fmtN = (n: number) => n.toLocaleString('en-US');
export const fmtMb = (mb: number) => `${mb.toFixed(mb >= 100 ? 0 : 1)} MB`;

const gc = () => {
	const g = (globalThis as { gc?: () => void }).gc;
	if (!g) throw new Error('run with node --expose-gc');
	g();
};

/** The machine, the versions and how busy the machine was (every wall time includes waiting for a CPU). */
export function machineLine(loadStart: number): string {
	const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}`;
	const builtin = existsSync(path.join(N8N_DIR, 'n8n-nodes-base')) ? `; n8n-nodes-base ${version('n8n-nodes-base', N8N_DIR)}` : '';
	return `Machine: ${machine}; load average ${loadStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end. Node ${process.version}; n8n-core ${version('n8n-core')}, n8n-workflow ${version('n8n-workflow')}${builtin}; jsforce ${version('@jsforce/jsforce-node')}; this package ${version('.', PACKAGE_ROOT)}.`;
}

/** The sandbox org in a child process: its records, JSON and CSV are not counted in this process's memory or CPU. */
export function startSandboxProcess(args: string[] = ['--no-seed']): Promise<{ url: string; stop: () => void }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--max-old-space-size=6144', '--import', 'tsx', path.join(PACKAGE_ROOT, 'test/sandbox/cli.ts'), '--port', '0', ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening on (http:\/\/\S+)/.exec(out);
			if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
}

export interface Peak<T> {
	value: T;
	/** peak above the baseline of V8 heap + Buffers (heapUsed + arrayBuffers) */
	heapMb: number;
	/** peak above the baseline of the process's resident set */
	rssMb: number;
}

/**
 * Runs `fn` after two GCs (the baseline) with memory sampled every `everyMs` and once more when it has returned (its
 * result still held, as n8n holds a node's output). Garbage not yet collected counts: it is memory the process has.
 */
export async function peakMemory<T>(fn: () => Promise<T>, everyMs = 2): Promise<Peak<T>> {
	gc();
	await new Promise((r) => setTimeout(r, 20));
	gc();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heap: base.heapUsed + base.arrayBuffers };
	const sample = () => {
		const m = process.memoryUsage();
		peak.rss = Math.max(peak.rss, m.rss);
		peak.heap = Math.max(peak.heap, m.heapUsed + m.arrayBuffers);
	};
	const timer = setInterval(sample, everyMs);
	try {
		const value = await fn();
		sample();
		return { value, heapMb: (peak.heap - base.heapUsed - base.arrayBuffers) / MB, rssMb: (peak.rss - base.rss) / MB };
	} finally {
		clearInterval(timer);
	}
}

/** n8n's built-in Salesforce node and its OAuth2 credential type (n8n-nodes-base from the pinned n8n install). */
export function registerBuiltin(harness: Harness): void {
	const { SalesforceOAuth2Api } = require(path.join(BASE, 'credentials/SalesforceOAuth2Api.credentials.js')) as { SalesforceOAuth2Api: new () => ICredentialType };
	const { Salesforce } = require(path.join(BASE, 'nodes/Salesforce/Salesforce.node.js')) as { Salesforce: new () => INodeType };
	harness.credentialTypes.set('salesforceOAuth2Api', new SalesforceOAuth2Api());
	harness.nodeTypes.register('n8n-nodes-base.salesforce', new Salesforce());
}

/** The built-in node's credential: the same token data as ours, its own fields. */
export function builtinCredential(harness: Harness, tokenData: IDataObject): void {
	harness.addCredential({
		id: 'builtin',
		name: 'builtin',
		type: 'salesforceOAuth2Api',
		data: { clientId: 'sandbox-connected-app', clientSecret: 'sandbox-secret', environment: 'production', oauthTokenData: tokenData },
	});
}

export const BENCHMARKS_FILE = path.join(PACKAGE_ROOT, 'BENCHMARKS.md');
export const SECTIONS = ['writes', 'reads', 'trigger', 'files'] as const;
export type Section = (typeof SECTIONS)[number];

const HEAD = `# Benchmarks

Each section is produced by \`./dev bench\` and says when, on what machine and with which settings it ran. One section
can be run on its own and replaces only itself: \`./dev bench reads trigger\` (or \`BENCH_ONLY=reads,trigger ./dev bench\`);
sections: ${SECTIONS.join(', ')}.
`;

/** Replaces one section of BENCHMARKS.md (between its markers), keeping the others and their order. */
export function writeSection(name: Section, body: string): void {
	const text = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : HEAD;
	const open = `<!-- bench:${name} -->`;
	const close = `<!-- /bench:${name} -->`;
	const block = `${open}\n${body.trim()}\n${close}`;
	const start = text.indexOf(open);
	const end = text.indexOf(close);
	let next: string;
	if (start >= 0 && end > start) next = text.slice(0, start) + block + text.slice(end + close.length);
	else {
		// a new section goes after those that come before it in SECTIONS
		const later = SECTIONS.slice(SECTIONS.indexOf(name) + 1)
			.map((s) => text.indexOf(`<!-- bench:${s} -->`))
			.filter((i) => i >= 0);
		const at = later.length ? Math.min(...later) : text.length;
		next = `${text.slice(0, at).trimEnd()}\n\n${block}\n\n${text.slice(at).trimStart()}`.trimEnd() + '\n';
	}
	writeFileSync(BENCHMARKS_FILE, next);
}

/**
 * Runs one case in a fresh process (`script --case <json>`, --expose-gc) and reads the JSON line it prints: RSS does
 * not shrink back after a case, so each case's memory is measured in a process of its own.
 */
export function inChild<T>(script: string, payload: unknown): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--case', JSON.stringify(payload)], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => {
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (code === 0 && line) resolve(JSON.parse(line) as T);
			else reject(new Error(`case ${JSON.stringify(payload).slice(0, 300)} exited with ${code}: ${out}`));
		});
	});
}

/** In a case process: the payload after --case, or undefined in the parent. */
export function casePayload<T>(): T | undefined {
	const at = process.argv.indexOf('--case');
	return at >= 0 ? (JSON.parse(process.argv[at + 1]) as T) : undefined;
}

/**
 * A section's script run as a program: with --case it runs that one case and prints its JSON line (the parent reads
 * it), without it measures the whole section and writes it into BENCHMARKS.md.
 */
export function sectionMain<C, R>(section: Section, runCase: (c: C) => Promise<R>, measure: () => Promise<string>): void {
	const c = casePayload<C>();
	const run = c ? runCase(c).then((r) => log(JSON.stringify(r))) : measure().then((md) => writeSection(section, md));
	run.then(
		() => process.exit(0),
		(error: unknown) => {
			process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
			process.exit(1);
		},
	);
}
