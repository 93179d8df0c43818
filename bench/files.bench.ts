/**
 * Peak memory of Upload File to Salesforce and Download File From Salesforce for a 15 MB file, through n8n-core's
 * WorkflowExecute, in n8n's filesystem binary data mode (n8n's default) and its in-memory mode. Measured, reported,
 * never asserted:
 *
 *   ./dev bench:files     (= npm run build, then node --expose-gc --import tsx bench/files.bench.ts), or ./dev bench files
 *
 * Either writes the "files" section of BENCHMARKS.md.
 *
 * The sandbox org runs in a child process, so that what it holds (the uploaded files) is not counted. Each case
 * runs in fresh processes of its own (RSS does not shrink back after a case; median of 3): a warm-up transfer of a
 * small file loads every code path, then a GC, the baseline, and the 15 MB transfer sampled every millisecond.
 * Reported: the peak above the baseline of RSS and of V8 heap + Buffers (heapUsed + arrayBuffers), which includes
 * chunks already passed on but not yet collected; and, from a second transfer with a GC before every sample, what
 * is live. The input of an upload is in n8n's store before the baseline (on disk, or as base64 in the item in
 * memory mode), as it would be in n8n.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { Connection } from '@jsforce/jsforce-node';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { chain, createHarness, runWorkflow } from '../test/harness/engine';
import { binaryBytes, fileMd5, fileStream, MB, md5, useBinaryDataMode, resetBinaryDataMode, type BinaryMode, type FileSpec } from '../test/harness/files';
import { connectOAuth2 } from '../test/harness/oauthFlow';
import { OAUTH2_CREDENTIAL_ID, OAUTH2_TYPE, oauth2CredentialData, SANDBOX_USER } from '../test/harness/org';
import { actionNode } from '../test/harness/workflows';
import { clientCredentialsToken, load } from '../test/sandbox/admin-client';
import { inChild, log, machineLine, sectionMain, startSandboxProcess } from './common';

const SIZE = 15 * MB;
const BIG: FileSpec = { fileName: 'bench-15MB.pdf', size: SIZE, kind: 'binary', seed: 'bench' };
const SMALL: FileSpec = { fileName: 'warm-up.pdf', size: 1000, kind: 'binary', seed: 'warm-up' };
/** processes per case; the median of each figure is reported */
const REPEATS = 3;

type Direction = 'upload' | 'download';
interface Case {
	direction: Direction;
	mode: BinaryMode;
}
interface Fixture {
	url: string;
	/** file name -> path of the upload input on disk */
	inputs: Record<string, string>;
	accountId: string;
	/** ContentDocument ids of files already in the org */
	smallDocumentId: string;
	bigDocumentId: string;
}
interface Result extends Case {
	rssMb: number;
	heapMb: number;
	/** peak heap + Buffers with a GC before every sample: what the transfer keeps alive */
	liveMb: number;
	ms: number;
}

const gc = () => {
	const g = (globalThis as { gc?: () => void }).gc;
	if (!g) throw new Error('run with node --expose-gc');
	g();
};
const mb = (bytes: number) => bytes / MB;

/** The binary item(s) a bench case uploads, put before the Salesforce node (set before each run). */
let emitted: IBinaryData | undefined;
class EmitBinary implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Emit Binary',
		name: 'emitBinary',
		group: ['input'],
		version: 1,
		description: 'Outputs the binary data prepared by the benchmark',
		defaults: { name: 'Emit' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(): Promise<INodeExecutionData[][]> {
		if (!emitted) throw new Error('nothing to emit');
		return [[{ json: {}, binary: { data: emitted }, pairedItem: { item: 0 } }]];
	}
}

/** One case in this process: warm-up, baseline, the 15 MB transfer under a 1 ms sampler. */
async function runCase(c: Case, fx: Fixture): Promise<Result> {
	const harness = await createHarness();
	harness.nodeTypes.register('bench.emitBinary', new EmitBinary());
	const data = await connectOAuth2({ credentialType: OAUTH2_TYPE, credentialsHelper: harness.credentialsHelper, data: oauth2CredentialData(fx.url), login: SANDBOX_USER });
	harness.addCredential({ id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org', type: OAUTH2_TYPE, data });
	await useBinaryDataMode(c.mode);
	// from a file on disk in 64 KB reads (filesystem mode), so that preparing the input leaves the baseline alone
	const store = async (spec: FileSpec) =>
		await Container.get(BinaryDataService).copyBinaryFile(
			{ type: 'execution', workflowId: 'wf-test', executionId: 'bench-input' },
			{ data: '', mimeType: 'application/pdf', fileName: spec.fileName },
			fx.inputs[spec.fileName],
		);
	const emit = { id: 'emit', name: 'Emit', type: 'bench.emitBinary', typeVersion: 1, position: [100, 0] as [number, number], parameters: {} };
	const transfer = async (spec: FileSpec, documentId: string) => {
		if (c.direction === 'upload') {
			const result = await runWorkflow(harness, chain([{}], emit, actionNode({ resource: 'file', operation: 'upload', linkedRecordId: fx.accountId })));
			const out = result.output('Salesforce')[0]?.json;
			if (!out?.checksum) throw new Error(`upload failed: ${String(result.error('Salesforce') ?? JSON.stringify(out))}`);
			checksum = String(out.checksum);
			return;
		}
		const result = await runWorkflow(harness, chain([{}], actionNode({ resource: 'file', operation: 'download', downloadBy: 'contentDocumentId', contentDocumentId: documentId })));
		const binary = result.output('Salesforce')[0]?.binary?.data;
		if (!binary) throw new Error(`download failed: ${String(result.error('Salesforce'))}`);
		pending = binary;
	};
	let pending: IBinaryData | undefined;
	let checksum: string | undefined;

	/** One 15 MB transfer under a 1 ms sampler; with `collect`, a GC before each sample: what is live, not garbage. */
	const measure = async (collect: boolean) => {
		emitted = c.direction === 'upload' ? await store(BIG) : undefined;
		pending = undefined;
		checksum = undefined;
		gc();
		await new Promise((r) => setTimeout(r, 50));
		gc();
		const base = process.memoryUsage();
		const peak = { rss: base.rss, heap: base.heapUsed + base.arrayBuffers };
		const sample = () => {
			if (collect) gc();
			const m = process.memoryUsage();
			peak.rss = Math.max(peak.rss, m.rss);
			peak.heap = Math.max(peak.heap, m.heapUsed + m.arrayBuffers);
		};
		const sampler = setInterval(sample, 1);
		const start = performance.now();
		await transfer(BIG, fx.bigDocumentId);
		const ms = performance.now() - start;
		clearInterval(sampler);
		sample();
		// checked after the window closed (hashing the bytes would count)
		if (c.direction === 'download' && (!pending || md5(await binaryBytes(pending)) !== fileMd5(BIG))) throw new Error('the downloaded bytes differ');
		if (c.direction === 'upload' && checksum !== fileMd5(BIG)) throw new Error('the uploaded bytes differ');
		return { rssMb: mb(peak.rss - base.rss), heapMb: mb(peak.heap - base.heapUsed - base.arrayBuffers), ms };
	};

	emitted = c.direction === 'upload' ? await store(SMALL) : undefined;
	await transfer(SMALL, fx.smallDocumentId);
	const first = await measure(false);
	// RSS of a second run says little (the allocator keeps what the first took); its live heap + Buffers do
	const live = await measure(true);
	await resetBinaryDataMode();
	return { ...c, ...first, liveMb: live.heapMb };
}

async function fixture(url: string): Promise<Fixture> {
	const { ids } = await load(url, 'Account', [{ Name: 'Files benchmark' }]);
	const token = (await clientCredentialsToken(url)).access_token;
	const conn = new Connection({ instanceUrl: url, accessToken: token, version: '66.0' });
	const put = async (spec: FileSpec) => {
		const chunks: Buffer[] = [];
		for await (const c of fileStream(spec)) chunks.push(c as Buffer);
		const created = (await conn.sobject('ContentVersion').create({ Title: spec.fileName, PathOnClient: spec.fileName, VersionData: Buffer.concat(chunks).toString('base64') })) as { id: string };
		const doc = await conn.query<{ ContentDocumentId: string }>(`SELECT ContentDocumentId FROM ContentVersion WHERE Id = '${created.id}'`);
		return doc.records[0].ContentDocumentId;
	};
	const dir = mkdtempSync(path.join(tmpdir(), 'files-bench-'));
	const inputs: Record<string, string> = {};
	for (const spec of [SMALL, BIG]) {
		inputs[spec.fileName] = path.join(dir, spec.fileName);
		await pipeline(fileStream(spec), createWriteStream(inputs[spec.fileName]));
	}
	return { url, inputs, accountId: ids[0], smallDocumentId: await put(SMALL), bigDocumentId: await put(BIG) };
}

/** The files section of BENCHMARKS.md, measured now. */
export async function filesSection(): Promise<string> {
	const benchStart = Date.now();
	const loadStart = os.loadavg()[0];
	const sandbox = await startSandboxProcess();
	let fx: Fixture | undefined;
	try {
		fx = await fixture(sandbox.url);
		const rows: string[] = [];
		const verdicts: string[] = [];
		for (const direction of ['upload', 'download'] as const) {
			for (const mode of ['filesystem', 'default'] as const) {
				const runs: Result[] = [];
				for (let i = 0; i < REPEATS; i++) runs.push(await inChild<Result>(__filename, { c: { direction, mode }, fx }));
				const mid = (key: 'rssMb' | 'heapMb' | 'liveMb' | 'ms') => [...runs.map((x) => x[key])].sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
				const r = { rssMb: mid('rssMb'), heapMb: mid('heapMb'), liveMb: mid('liveMb'), ms: mid('ms') };
				const worst = Math.max(r.rssMb, r.heapMb) / mb(SIZE);
				const label = mode === 'default' ? 'in memory (default)' : 'filesystem';
				log(`files ${direction} ${label}: rss ${r.rssMb.toFixed(1)} MB, heap ${r.heapMb.toFixed(1)} MB, live ${r.liveMb.toFixed(1)} MB, ${r.ms.toFixed(0)} ms`);
				rows.push(`| ${direction} 15 MB | ${label} | ${r.rssMb.toFixed(1)} MB | ${r.heapMb.toFixed(1)} MB | ${r.liveMb.toFixed(1)} MB | ${worst.toFixed(2)}× | ${r.ms.toFixed(0)} ms |`);
				verdicts.push(`${direction}, ${label}: ${worst < 3 ? '**met**' : '**not met**'} (${worst.toFixed(2)}×)`);
			}
		}
		return `## Files: 15 MB upload and download

Produced by \`./dev bench files\` or \`./dev bench:files\` (\`bench/files.bench.ts\`) on ${new Date().toISOString().slice(0, 10)} in ${((Date.now() - benchStart) / 60_000).toFixed(0)} minutes.
${machineLine(loadStart)} File: ${SIZE} bytes (15 MB); no added latency.

How: Upload File to Salesforce and Download File From Salesforce run through n8n-core's \`WorkflowExecute\` in n8n's
\`filesystem\` binary data mode and its in-memory mode (\`default\`). The sandbox org runs in a child process, so the files it holds are not counted. Each case runs in
fresh processes (median of ${REPEATS}): a warm-up transfer of a small file, a GC, the baseline, then the 15 MB transfer sampled
every millisecond: peak RSS and peak V8 heap + Buffers (\`heapUsed + arrayBuffers\`) above the baseline, which include
chunks already passed on but not yet collected; and, from a second transfer with a GC before every sample, what is
live. An upload's input is in n8n's binary store before the baseline (on disk, or as base64 in the item in memory mode),
as it would be in n8n.

| Transfer | n8n binary data mode | Peak RSS | Peak heap + Buffers | Live (GC each sample) | Worst / file size | Time |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

In memory mode n8n itself holds a downloaded file as a Buffer and then as base64 in the item (4/3 of its size), so a
download's peak there is mostly n8n's own copies; the node passes the file on as a stream in both modes. What a
transfer keeps alive in filesystem mode is the Live column; the peaks above it are chunks already passed on and
waiting for V8's garbage collector, which runs when V8 sees fit (later on a busy machine).

### Targets (files)

- Peak memory under 3× the file size: ${verdicts.join('; ')}.
`;
	} finally {
		sandbox.stop();
		if (fx) rmSync(path.dirname(fx.inputs[BIG.fileName]), { recursive: true, force: true });
	}
}

if (require.main === module) sectionMain<{ c: Case; fx: Fixture }, Result>('files', async ({ c, fx }) => await runCase(c, fx), filesSection);
