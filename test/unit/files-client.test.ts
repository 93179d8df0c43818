/**
 * The client's file methods against a stand-in for n8n's request helper: the multipart body as it goes out
 * (Salesforce's documented order, exact Content-Length, no redirects), the retry after a 401, a file source that
 * fails, and the checks a download passes through (size, MD5, a dropped connection).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { SalesforceClient, type FileBody } from '../../shared/client/client';
import { SalesforceError } from '../../shared/client/error';
import { checkFileSize, MAX_FILE_BYTES, titleOf, versionQuery } from '../../shared/files';
import { parseMultipart } from '../sandbox/routes/files';

const ORG = 'http://127.0.0.1:9';

interface Seen {
	options: IHttpRequestOptions;
	body?: Buffer;
}

type Answer = { statusCode: number; headers?: Record<string, string>; body?: unknown } | Error;

/** n8n's execute context reduced to what SalesforceClient.create and its requests call (a test double). */
function context(answers: Answer[], seen: Seen[]): IExecuteFunctions {
	const ctx = {
		getNode: () => ({ id: 'n', name: 'Salesforce', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: () => 'oAuth2',
		getCredentials: async () => ({ url: ORG, oauthTokenData: { instance_url: ORG } }),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const entry: Seen = { options };
				seen.push(entry);
				const body = options.body as unknown;
				// read a streamed body as the socket would, so that its failures surface here
				if (body instanceof Readable) {
					const chunks: Buffer[] = [];
					for await (const c of body) chunks.push(c as Buffer);
					entry.body = Buffer.concat(chunks);
				}
				const answer = answers.shift() ?? { statusCode: 200, body: Buffer.from('{}') };
				if (answer instanceof Error) throw answer;
				return { headers: {}, body: Buffer.alloc(0), ...answer };
			},
		},
	};
	return ctx as unknown as IExecuteFunctions; // only the members above are used
}

const created = { statusCode: 201, body: Buffer.from('{"id":"068000000000001AAA","success":true,"errors":[]}') };
const ok = { statusCode: 200, body: Buffer.from('{}') };

function streamBody(bytes: Buffer, opened: { count: number }, chunk = 1000): FileBody {
	return {
		size: bytes.length,
		open: async () => {
			opened.count++;
			return Readable.from(
				(function* () {
					for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
				})(),
			);
		},
	};
}

describe('uploadContentVersion', () => {
	it('sends the documented multipart: entity_content (JSON) first, then VersionData with its file name; exact Content-Length', async () => {
		const seen: Seen[] = [];
		const client = await SalesforceClient.create(context([ok, created], seen));
		const bytes = Buffer.from('%PDF-1.7 binary \u0000\u00ff bytes', 'latin1');
		const out = await client.uploadContentVersion(
			{ Title: 'Q1', PathOnClient: 'Bericht "Q1" – ü.pdf', FirstPublishLocationId: '001000000000001AAA', Description: undefined },
			{ size: bytes.length, open: async () => bytes },
		);
		expect(out.id).toBe('068000000000001AAA');
		// the session is proven first, then the file
		expect(seen.map((s) => `${s.options.method} ${new URL(s.options.url).pathname}`)).toEqual(['GET /services/data/v66.0/', 'POST /services/data/v66.0/sobjects/ContentVersion']);
		const post = seen[1];
		const headers = post.options.headers as Record<string, string>;
		expect(post.options.disableFollowRedirect).toBe(true);
		expect(Number(headers['Content-Length'])).toBe(post.body?.length);
		const parts = parseMultipart(post.body as Buffer, headers['Content-Type']);
		expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
			['entity_content', undefined, 'application/json'],
			['VersionData', 'Bericht %22Q1%22 – ü.pdf', 'application/octet-stream'],
		]);
		expect(JSON.parse(parts[0].data.toString('utf8'))).toEqual({ Title: 'Q1', PathOnClient: 'Bericht "Q1" – ü.pdf', FirstPublishLocationId: '001000000000001AAA' });
		expect(parts[1].data.equals(bytes)).toBe(true);
	});

	it('after a 401 (n8n refreshed the token but cannot resend a stream) it sends once more from a fresh stream', async () => {
		const seen: Seen[] = [];
		const opened = { count: 0 };
		const unauthorized = Object.assign(new Error('Authorization failed - please check your credentials'), { httpCode: '401' });
		const client = await SalesforceClient.create(context([ok, unauthorized, created], seen));
		const bytes = Buffer.alloc(5000, 1);
		await client.uploadContentVersion({ Title: 't', PathOnClient: 't.bin' }, streamBody(bytes, opened));
		expect(opened.count).toBe(2);
		expect(seen.filter((s) => s.options.method === 'POST')).toHaveLength(2);
	});

	it('a dropped connection leaves the outcome unknown and is not repeated', async () => {
		const seen: Seen[] = [];
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const client = await SalesforceClient.create(context([ok, reset], seen));
		const error = await client.uploadContentVersion({ Title: 't', PathOnClient: 't.bin' }, streamBody(Buffer.alloc(10), { count: 0 })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SalesforceError);
		expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', mayHaveCommitted: true });
		expect(seen.filter((s) => s.options.method === 'POST')).toHaveLength(1);
	});

	it('a file source that fails, or holds fewer bytes than announced, is a read failure: nothing was saved', async () => {
		const failing: FileBody = {
			size: 100,
			open: async () =>
				Readable.from(
					(async function* () {
						yield Buffer.alloc(10);
						throw new Error('disk gone');
					})(),
				),
		};
		const short: FileBody = { size: 100, open: async () => Readable.from([Buffer.alloc(60)]) };
		for (const [file, message] of [
			[failing, /Reading the file failed after 10 of 100 bytes/],
			[short, /holds fewer bytes than the 100/],
		] as const) {
			const client = await SalesforceClient.create(context([ok], []));
			const error = await client.uploadContentVersion({ Title: 't', PathOnClient: 't.bin' }, file).catch((e: unknown) => e);
			expect(error).toMatchObject({ code: 'FILE_READ_FAILED', mayHaveCommitted: false });
			expect((error as Error).message).toMatch(message);
		}
	});
});

describe('downloadContentVersion', () => {
	const bytes = Buffer.from('the file, byte for byte');
	const checksum = createHash('md5').update(bytes).digest('hex');
	const read = async (stream: Readable) => {
		const chunks: Buffer[] = [];
		for await (const c of stream) chunks.push(c as Buffer);
		return Buffer.concat(chunks);
	};
	const answer = (body: Readable, type = 'application/octet-stream') => ({ statusCode: 200, headers: { 'Content-Type': type }, body });

	it('streams the bytes unchanged when size and MD5 match; a generic type is no type', async () => {
		const seen: Seen[] = [];
		const client = await SalesforceClient.create(context([answer(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]))], seen));
		const dl = await client.downloadContentVersion('068000000000001AAA', { size: bytes.length, checksum });
		expect((await read(dl.stream)).equals(bytes)).toBe(true);
		expect(dl.contentType).toBeUndefined();
		expect(seen[0].options).toMatchObject({ method: 'GET', encoding: 'stream', disableFollowRedirect: true });
		const typed = await SalesforceClient.create(context([answer(Readable.from([bytes]), 'application/pdf; charset=binary')], []));
		expect((await typed.downloadContentVersion('068000000000001AAA')).contentType).toBe('application/pdf');
	});

	it.each([
		['fewer bytes than ContentSize', () => Readable.from([bytes.subarray(0, 10)]), 'FILE_INCOMPLETE', /ended after 10 of its 23 bytes/],
		['more bytes than ContentSize', () => Readable.from([bytes, bytes]), 'FILE_SIZE_MISMATCH', /sent more than its 23 bytes/],
		['other bytes than the MD5 says', () => Readable.from([Buffer.alloc(bytes.length)]), 'CHECKSUM_MISMATCH', /do not match Salesforce's MD5/],
		[
			'a dropped connection',
			() =>
				Readable.from(
					(async function* () {
						yield bytes.subarray(0, 4);
						throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
					})(),
				),
			'NETWORK_ERROR',
			/connection dropped while 068000000000001AAA was downloading \(after 4 bytes\)/,
		],
	])('%s fails the stream with a SalesforceError', async (_name, source, code, message) => {
		const client = await SalesforceClient.create(context([answer(source())], []));
		const dl = await client.downloadContentVersion('068000000000001AAA', { size: bytes.length, checksum });
		const error = await read(dl.stream).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SalesforceError);
		expect(error).toMatchObject({ code });
		expect((error as Error).message).toMatch(message);
	});

	it("an error answer is read for Salesforce's error body", async () => {
		const body = Readable.from([Buffer.from('[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]')]);
		const client = await SalesforceClient.create(context([{ statusCode: 404, body }, { statusCode: 200, body: Buffer.from('[{"version":"66.0"}]') }], []));
		await expect(client.downloadContentVersion('068000000000001AAA')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
	});
});

describe('the 15 MB limit and file names', () => {
	it('takes 1 byte to exactly 15 MB; refuses 0 and 15 MB + 1 with the size and the limit', () => {
		expect(() => checkFileSize(1, 'a', 'upload')).not.toThrow();
		expect(() => checkFileSize(MAX_FILE_BYTES, 'a', 'download')).not.toThrow();
		expect(() => checkFileSize(0, 'a.txt', 'upload')).toThrow('The file "a.txt" is empty (0 bytes)');
		expect(() => checkFileSize(MAX_FILE_BYTES + 1, 'a.zip', 'download')).toThrow(
			'The file "a.zip" is 15,728,641 bytes (15.0 MB): over the 15 MB limit (15,728,640 bytes) for downloads',
		);
	});

	it('titles drop the extension only; a title in a query is escaped', () => {
		expect(titleOf('Bericht Q1.final.pdf')).toBe('Bericht Q1.final');
		expect(titleOf('.env')).toBe('.env');
		expect(titleOf('dir/README')).toBe('README');
		expect(versionQuery({ by: 'record', recordId: '001000000000001AAA', title: "O'Brien \\ x" })).toContain("Title = 'O\\'Brien \\\\ x'");
	});
});
