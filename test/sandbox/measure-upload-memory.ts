/**
 * Peak memory of the sandbox while it takes one 15 MB multipart ContentVersion upload (README: Files).
 *
 *   ./dev node --expose-gc --import tsx test/sandbox/measure-upload-memory.ts
 *
 * Prints the peak rise of `arrayBuffers` (where Buffers live) and RSS over the baseline during the upload, and what
 * stays allocated after a GC (the stored file). The client's 15 MB source buffer is part of the baseline.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

import { clientCredentialsToken } from './admin-client';
import { startSandbox } from './server';

const MB = 1024 * 1024;

function gc(): void {
	const g = (globalThis as { gc?: () => void }).gc;
	if (!g) throw new Error('run with node --expose-gc');
	g();
}

async function main(): Promise<void> {
	const sb = await startSandbox({ port: 0, seed: false });
	const token = (await clientCredentialsToken(sb.url)).access_token;
	const data = randomBytes(15 * MB);
	const boundary = 'measure-boundary';
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="entity_content"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ Title: 'Memory', PathOnClient: 'memory.bin' })}\r\n` +
			`--${boundary}\r\nContent-Disposition: form-data; name="VersionData"; filename="memory.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const url = new URL(sb.url);
	gc();
	const base = process.memoryUsage();
	let peakBuffers = 0;
	let peakRss = 0;
	const sampler = setInterval(() => {
		const m = process.memoryUsage();
		peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
		peakRss = Math.max(peakRss, m.rss);
	}, 1);
	const status = await new Promise<number>((resolve, reject) => {
		const req = request(
			{
				method: 'POST',
				hostname: url.hostname,
				port: url.port,
				path: '/services/data/v66.0/sobjects/ContentVersion',
				headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + data.length + tail.length },
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('error', reject);
		req.write(head);
		for (let i = 0; i < data.length; i += 64 * 1024) req.write(data.subarray(i, i + 64 * 1024));
		req.end(tail);
	});
	clearInterval(sampler);
	gc();
	const after = process.memoryUsage();
	const mb = (n: number) => Number((n / MB).toFixed(1));
	console.log(
		JSON.stringify({
			status,
			peakBuffersOverBaseMB: mb(peakBuffers - base.arrayBuffers),
			peakRssOverBaseMB: mb(peakRss - base.rss),
			retainedBuffersMB: mb(after.arrayBuffers - base.arrayBuffers),
		}),
	);
	await sb.close();
}

void main();
