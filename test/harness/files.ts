/**
 * Files for the file actions' tests: deterministic content of any size (text or binary, generated in chunks, never
 * held whole), a node that puts such files into n8n's binary data the way a real node does (prepareBinaryData with
 * a stream), n8n-core's BinaryDataService switched between its in-memory default and filesystem mode, and reading
 * the bytes of an output item back.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export interface FileSpec {
	fileName: string;
	size: number;
	kind: 'text' | 'binary';
	/** changes the bytes: two specs with different seeds differ */
	seed?: string;
	mimeType?: string;
	/** binary property of the output item (default `data`) */
	property?: string;
}

const CHUNK = 64 * 1024;
export const MB = 1024 * 1024;

function* chunksOf(spec: FileSpec): Generator<Buffer> {
	const seed = spec.seed ?? spec.fileName;
	if (spec.kind === 'binary') {
		// AES-CTR over zeros: a fast, seeded stream of bytes that looks random (every byte value occurs)
		const key = createHash('md5').update(seed).digest();
		const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
		const zeros = Buffer.alloc(CHUNK);
		for (let left = spec.size; left > 0; left -= CHUNK) yield cipher.update(zeros.subarray(0, Math.min(CHUNK, left)));
		return;
	}
	// text with multi-byte UTF-8 in it, line by line
	let line = 0;
	let pending = Buffer.alloc(0);
	for (let left = spec.size; left > 0; ) {
		const parts: Buffer[] = [pending];
		let size = pending.length;
		while (size < CHUNK) {
			const b = Buffer.from(`${seed} ${++line}: Grüße, naïve café — €${line % 97} ✓ the quick brown fox\n`, 'utf8');
			parts.push(b);
			size += b.length;
		}
		const all = Buffer.concat(parts, size);
		const n = Math.min(left, CHUNK);
		yield all.subarray(0, n);
		pending = all.subarray(n);
		left -= n;
	}
}

export function fileStream(spec: FileSpec): Readable {
	return Readable.from(chunksOf(spec), { objectMode: false });
}

export function fileMd5(spec: FileSpec): string {
	const h = createHash('md5');
	for (const c of chunksOf(spec)) h.update(c);
	return h.digest('hex');
}

export const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** A node that outputs one item per file spec, with the file as binary data (parameter `files`: JSON list). */
export class BinaryFileFixture implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Files',
		name: 'binaryFiles',
		group: ['input'],
		version: 1,
		description: 'Outputs generated files as binary data',
		defaults: { name: 'Files' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Files (JSON)', name: 'files', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('files', 0) as string | FileSpec[];
		const specs = (typeof raw === 'string' ? JSON.parse(raw) : raw) as FileSpec[];
		const out: INodeExecutionData[] = [];
		for (const [i, spec] of specs.entries()) {
			const binary = await this.helpers.prepareBinaryData(fileStream(spec), spec.fileName, spec.mimeType);
			out.push({ json: { i, fileName: spec.fileName }, binary: { [spec.property ?? 'data']: binary }, pairedItem: { item: 0 } });
		}
		return [out];
	}
}

export const BINARY_FILES_TYPE = 'test.binaryFiles';

export function filesNode(specs: FileSpec[], name = 'Files'): INode {
	return { id: name, name, type: BINARY_FILES_TYPE, typeVersion: 1, position: [100, 0], parameters: { files: JSON.stringify(specs) } };
}

export type BinaryMode = 'default' | 'filesystem';

let storageDir: string | undefined;

/**
 * Switches n8n-core's BinaryDataService (a process-wide singleton) to a mode: `default` keeps binary data in the
 * items as base64 (what the service does without a manager for its mode), `filesystem` stores it in a temporary
 * directory and items carry an id, as n8n's default configuration does. Call `useBinaryDataMode('default')` after.
 */
export async function useBinaryDataMode(mode: BinaryMode): Promise<void> {
	const config = Container.get(BinaryDataConfig);
	const service = Container.get(BinaryDataService);
	storageDir ??= mkdtempSync(path.join(tmpdir(), 'sf-binary-'));
	config.localStoragePath = storageDir;
	config.mode = mode;
	await service.init();
}

/** Removes the filesystem mode's directory (and its files) and goes back to the default mode. */
export async function resetBinaryDataMode(): Promise<void> {
	await useBinaryDataMode('default');
	if (storageDir) rmSync(storageDir, { recursive: true, force: true });
	storageDir = undefined;
}

/** The bytes of an item's binary data, whatever mode stored them. */
export async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
