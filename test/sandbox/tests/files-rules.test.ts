/**
 * File rules against the running sandbox: what deleting and linking files does, the required file data, and the
 * documented size limits of JSON and multipart uploads. Each rule cites its documentation page.
 */
import { request as httpRequest } from 'node:http';

import { Connection } from '@jsforce/jsforce-node';

import { clientCredentialsToken } from '../admin-client';
import { MULTIPART_BODY_LIMIT } from '../routes/files';
import { DATA_BODY_LIMIT } from '../routes/sobjects';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let conn: Connection;
let token: string;
let accountId: string;
let otherAccountId: string;
const V = '/services/data/v66.0';

type Res = { status: number; json: unknown };

async function http(method: string, path: string, body?: unknown): Promise<Res> {
	const res = await fetch(`${sb.url}${V}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	// file downloads are bytes, not JSON
	const json: unknown = res.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : undefined;
	return { status: res.status, json };
}

function errorOf(res: Res): { errorCode: string; message: string; fields?: string[] } {
	return (res.json as Array<{ errorCode: string; message: string; fields?: string[] }>)[0];
}

async function newFile(title: string, extra: Record<string, unknown> = {}): Promise<{ versionId: string; docId: string }> {
	const res = await http('POST', '/sobjects/ContentVersion', { Title: title, PathOnClient: `${title}.txt`, VersionData: Buffer.from(title).toString('base64'), ...extra });
	expect(res.status).toBe(201);
	const versionId = (res.json as { id: string }).id;
	const docId = ((await http('GET', `/sobjects/ContentVersion/${versionId}?fields=ContentDocumentId`)).json as { ContentDocumentId: string }).ContentDocumentId;
	return { versionId, docId };
}

async function soqlCount(q: string): Promise<number> {
	return ((await http('GET', `/query?q=${encodeURIComponent(q)}`)).json as { totalSize: number }).totalSize;
}

/** A request that declares a body of `length` bytes and sends only its start: the limit is checked on the header. */
function declaredLength(path: string, contentType: string, length: number): Promise<{ status: number; body: string }> {
	const url = new URL(`${sb.url}${V}${path}`);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{ method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': length } },
			(res) => {
				let body = '';
				res.on('data', (c: Buffer) => (body += c.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			},
		);
		req.on('error', reject);
		req.write('{');
	});
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await clientCredentialsToken(sb.url)).access_token;
	conn = new Connection({ instanceUrl: sb.url, accessToken: token, version: '66.0' });
	accountId = ((await http('POST', '/sobjects/Account', { Name: 'Files Rules' })).json as { id: string }).id;
	otherAccountId = ((await http('POST', '/sobjects/Account', { Name: 'Files Other' })).json as { id: string }).id;
});

afterAll(async () => {
	await sb.close();
});

describe('Object Reference: ContentVersion', () => {
	it('cannot be deleted: no delete() among its supported calls (REST 405; a collection reports the record)', async () => {
		const { versionId } = await newFile('undeletable');
		const res = await http('DELETE', `/sobjects/ContentVersion/${versionId}`);
		expect(res.status).toBe(405);
		expect(res.json).toEqual([{ errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH" }]);
		const collection = await http('DELETE', `/composite/sobjects?ids=${versionId}`);
		expect((collection.json as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>)[0]).toMatchObject({ success: false, errors: [{ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }] });
		expect(((await http('GET', '/sobjects/ContentVersion/describe')).json as { deletable: boolean }).deletable).toBe(false);
		expect((await http('GET', `/sobjects/ContentVersion/${versionId}/VersionData`)).status).toBe(200);
	});

	it('needs its file: without VersionData (or a ContentUrl for a link) the insert fails with REQUIRED_FIELD_MISSING', async () => {
		const res = await http('POST', '/sobjects/ContentVersion', { Title: 'No data', PathOnClient: 'none.txt' });
		expect(res.status).toBe(400);
		expect(errorOf(res)).toEqual({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [VersionData]', fields: ['VersionData'] });
		const link = await http('POST', '/sobjects/ContentVersion', { Title: 'A link', PathOnClient: 'link', ContentUrl: 'https://example.com/doc' });
		expect(link.status).toBe(201);
		const cv = (await http('GET', `/sobjects/ContentVersion/${(link.json as { id: string }).id}?fields=FileType,ContentUrl`)).json;
		expect(cv).toMatchObject({ FileType: 'LINK', ContentUrl: 'https://example.com/doc' });
	});

	it('adds versions through ContentDocumentId: VersionNumber counts up, IsLatest moves, LatestPublishedVersionId follows (jsforce)', async () => {
		const { versionId: v1, docId } = await newFile('versions');
		const v2 = ((await conn.sobject('ContentVersion').create({ ContentDocumentId: docId, PathOnClient: 'versions.txt', VersionData: Buffer.from('2').toString('base64') })) as { id: string }).id;
		const v3 = ((await conn.sobject('ContentVersion').create({ ContentDocumentId: docId, PathOnClient: 'versions.txt', VersionData: Buffer.from('3').toString('base64') })) as { id: string }).id;
		const rows = (await conn.query<{ Id: string; VersionNumber: string; IsLatest: boolean }>(`SELECT Id, VersionNumber, IsLatest FROM ContentVersion WHERE ContentDocumentId = '${docId}' ORDER BY VersionNumber`)).records;
		expect(rows.map((r) => [r.Id, r.VersionNumber, r.IsLatest])).toEqual([
			[v1, '1', false],
			[v2, '2', false],
			[v3, '3', true],
		]);
		expect(((await conn.sobject('ContentDocument').retrieve(docId)) as { LatestPublishedVersionId: string }).LatestPublishedVersionId).toBe(v3);
	});
});

describe('Object Reference: ContentDocument', () => {
	it('deleting the document deletes its versions and links; their file downloads answer 404', async () => {
		const { versionId: v1, docId } = await newFile('doomed', { FirstPublishLocationId: accountId });
		const v2 = ((await http('POST', '/sobjects/ContentVersion', { ContentDocumentId: docId, PathOnClient: 'doomed.txt', VersionData: 'AAAA' })).json as { id: string }).id;
		expect(await soqlCount(`SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId = '${docId}'`)).toBe(2);
		expect((await http('DELETE', `/sobjects/ContentDocument/${docId}`)).status).toBe(204);
		for (const v of [v1, v2]) {
			expect((await http('GET', `/sobjects/ContentVersion/${v}/VersionData`)).status).toBe(404);
			expect((await http('GET', `/sobjects/ContentVersion/${v}`)).status).toBe(404);
		}
		expect(await soqlCount(`SELECT Id FROM ContentVersion WHERE ContentDocumentId = '${docId}'`)).toBe(0);
		expect(await soqlCount(`SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId = '${docId}'`)).toBe(0);
	});

	it('a rolled-back delete (composite allOrNone) keeps the versions', async () => {
		const { versionId, docId } = await newFile('survivor');
		const res = await http('POST', '/composite', {
			allOrNone: true,
			compositeRequest: [
				{ method: 'DELETE', url: `${V}/sobjects/ContentDocument/${docId}`, referenceId: 'del' },
				{ method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: {} },
			],
		});
		expect(res.status).toBe(200);
		expect((await http('GET', `/sobjects/ContentVersion/${versionId}/VersionData`)).status).toBe(200);
	});
});

describe('Object Reference: ContentDocumentLink', () => {
	it('links a document to an entity once: a second link is DUPLICATE_VALUE', async () => {
		const { docId } = await newFile('linked', { FirstPublishLocationId: accountId });
		const dup = await http('POST', '/sobjects/ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: accountId, ShareType: 'V' });
		expect([dup.status, errorOf(dup).errorCode]).toEqual([400, 'DUPLICATE_VALUE']);
		const other = await http('POST', '/sobjects/ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: otherAccountId, ShareType: 'V' });
		expect(other.status).toBe(201);
		const again = await http('POST', '/sobjects/ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: otherAccountId.slice(0, 15), ShareType: 'C' });
		expect(errorOf(again).errorCode).toBe('DUPLICATE_VALUE');
	});

	it("keeps the owner's link: deleting it is refused, other links can go", async () => {
		const { docId } = await newFile('owned', { FirstPublishLocationId: accountId });
		const links = (await http('GET', `/query?q=${encodeURIComponent(`SELECT Id, LinkedEntityId FROM ContentDocumentLink WHERE ContentDocumentId = '${docId}'`)}`)).json as {
			records: Array<{ Id: string; LinkedEntityId: string }>;
		};
		const ownerLink = links.records.find((l) => l.LinkedEntityId.startsWith('005'));
		const recordLink = links.records.find((l) => l.LinkedEntityId === accountId);
		const refused = await http('DELETE', `/sobjects/ContentDocumentLink/${ownerLink?.Id ?? ''}`);
		expect([refused.status, errorOf(refused).errorCode]).toEqual([400, 'FIELD_INTEGRITY_EXCEPTION']);
		expect((await http('DELETE', `/sobjects/ContentDocumentLink/${recordLink?.Id ?? ''}`)).status).toBe(204);
	});
});

describe('REST API Developer Guide: Insert or Update Blob Data (size limits)', () => {
	it('takes JSON (base64) bodies up to 50 MB and refuses larger ones with 413', async () => {
		expect(DATA_BODY_LIMIT).toBe(50 * 1024 * 1024);
		const res = await declaredLength('/sobjects/ContentVersion', 'application/json', DATA_BODY_LIMIT + 1);
		expect(res.status).toBe(413);
		expect(JSON.parse(res.body)[0].errorCode).toBe('REQUEST_ENTITY_TOO_LARGE');
	});

	it('takes multipart bodies up to the sandbox cap (64 MiB; Salesforce: 2 GB) and refuses larger ones with 413', async () => {
		expect(MULTIPART_BODY_LIMIT).toBe(64 * 1024 * 1024);
		const res = await declaredLength('/sobjects/ContentVersion', 'multipart/form-data; boundary=x', MULTIPART_BODY_LIMIT + 1);
		expect(res.status).toBe(413);
		expect(JSON.parse(res.body)[0].errorCode).toBe('REQUEST_ENTITY_TOO_LARGE');
	});

	it('reads a multipart body once: the stored file is a view of the one request buffer, not a copy', async () => {
		const file = Buffer.alloc(2 * 1024 * 1024, 7);
		const boundary = 'one-buffer';
		const body = Buffer.concat([
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="entity_content"\r\nContent-Type: application/json\r\n\r\n{"Title":"One","PathOnClient":"one.bin"}\r\n`),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="VersionData"; filename="one.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
			file,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const res = await fetch(`${sb.url}${V}/sobjects/ContentVersion`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
			body,
		});
		expect(res.status).toBe(201);
		const blob = sb.org.store.getBlob(((await res.json()) as { id: string }).id, 'VersionData');
		expect(blob?.equals(file)).toBe(true);
		expect(blob?.buffer.byteLength).toBe(body.length);
	});
});
