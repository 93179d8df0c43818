/** Files: ContentVersion by JSON and multipart (documented and jsforce part orders), side effects, byte-exact download. */
import { createHash, randomBytes } from 'node:crypto';

import { Connection } from '@jsforce/jsforce-node';
import fc from 'fast-check';

import { parseMultipart } from '../routes/files';
import { clientCredentialsToken } from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let conn: Connection;
let token: string;
let accountId: string;

const MB = 1024 * 1024;
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');


async function download(id: string): Promise<{ status: number; type: string | null; data: Buffer }> {
	const res = await fetch(`${sb.url}/services/data/v66.0/sobjects/ContentVersion/${id}/VersionData`, { headers: { authorization: `Bearer ${token}` } });
	return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}

/** A multipart/form-data body built by hand, parts in the given order. */
function multipart(boundary: string, parts: Array<{ name: string; filename?: string; type: string; data: Buffer }>): Buffer {
	const chunks: Buffer[] = [];
	for (const p of parts) {
		const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${p.type}\r\n\r\n`), p.data, Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return Buffer.concat(chunks);
}

function saved<T extends { id?: string }>(r: T): T & { id: string } {
	if (typeof r.id !== 'string') throw new Error(`no id in ${JSON.stringify(r)}`);
	return r as T & { id: string };
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: false });
	token = (await clientCredentialsToken(sb.url)).access_token;
	conn = new Connection({ instanceUrl: sb.url, accessToken: token, version: '66.0' });
	accountId = saved(await conn.sobject('Account').create({ Name: 'Files Inc' })).id;
});

afterAll(async () => {
	await sb.close();
});

describe('ContentVersion by JSON', () => {
	it('round-trips 15 MB byte-exact and sets size, checksum, document and links', async () => {
		const data = randomBytes(15 * MB);
		const res = saved(await conn.sobject('ContentVersion').create({
			Title: 'Big Report',
			PathOnClient: 'reports/big-report.PDF',
			VersionData: data.toString('base64'),
			FirstPublishLocationId: accountId,
		}));
		expect(res.success).toBe(true);
		const dl = await download(res.id);
		expect(dl.status).toBe(200);
		expect(dl.type).toMatch(/^application\/octet-stream/);
		expect(dl.data.length).toBe(data.length);
		expect(md5(dl.data)).toBe(md5(data));

		const cv = (
			await conn.query<Record<string, unknown>>(
				`SELECT Id, VersionData, ContentSize, Checksum, FileExtension, FileType, VersionNumber, IsLatest, ContentDocumentId, Title FROM ContentVersion WHERE Id = '${res.id}'`,
			)
		).records[0];
		expect(cv).toMatchObject({
			VersionData: `/services/data/v66.0/sobjects/ContentVersion/${res.id}/VersionData`,
			ContentSize: data.length,
			Checksum: md5(data),
			FileExtension: 'pdf',
			FileType: 'PDF',
			VersionNumber: '1',
			IsLatest: true,
			Title: 'Big Report',
		});
		const docId = cv.ContentDocumentId as string;
		expect(docId.startsWith('069')).toBe(true);
		const doc = (await conn.sobject('ContentDocument').retrieve(docId)) as Record<string, unknown>;
		expect(doc).toMatchObject({ LatestPublishedVersionId: res.id, Title: 'Big Report', ContentSize: data.length, FileExtension: 'pdf' });
		const links = (await conn.query<{ LinkedEntityId: string; ShareType: string }>(`SELECT LinkedEntityId, ShareType FROM ContentDocumentLink WHERE ContentDocumentId = '${docId}'`))
			.records;
		expect(links.map((l) => [l.LinkedEntityId.slice(0, 3), l.ShareType]).sort()).toEqual([
			['001', 'V'],
			['005', 'I'],
		]);
	});

	it('adds a new version through ContentDocumentId', async () => {
		const v1 = saved(await conn.sobject('ContentVersion').create({ Title: 'Notes', PathOnClient: 'notes.txt', VersionData: Buffer.from('one').toString('base64') }));
		const docId = ((await conn.sobject('ContentVersion').retrieve(v1.id)) as { ContentDocumentId: string }).ContentDocumentId;
		const v2 = saved(await conn.sobject('ContentVersion').create({
			ContentDocumentId: docId,
			PathOnClient: 'notes.txt',
			Title: 'Notes v2',
			VersionData: Buffer.from('two').toString('base64'),
		}));
		const versions = (
			await conn.query<{ Id: string; VersionNumber: string; IsLatest: boolean }>(
				`SELECT Id, VersionNumber, IsLatest FROM ContentVersion WHERE ContentDocumentId = '${docId}' ORDER BY VersionNumber`,
			)
		).records.map((r) => [r.Id, r.VersionNumber, r.IsLatest]);
		expect(versions).toEqual([
			[v1.id, '1', false],
			[v2.id, '2', true],
		]);
		expect(((await conn.sobject('ContentDocument').retrieve(docId)) as { LatestPublishedVersionId: string }).LatestPublishedVersionId).toBe(v2.id);
		expect((await download(v2.id)).data.toString()).toBe('two');
	});

	it('requires PathOnClient', async () => {
		const err = await conn
			.sobject('ContentVersion')
			.create({ Title: 'x', VersionData: 'AAAA' })
			.then(
				() => undefined,
				(e: { errorCode: string; message: string }) => e,
			);
		expect(err).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [PathOnClient]' });
	});
});

describe('ContentVersion by multipart', () => {
	it('accepts the documented order (entity_content JSON first, then VersionData) at 15 MB', async () => {
		const data = randomBytes(15 * MB);
		const boundary = 'boundary_string_documented';
		const body = multipart(boundary, [
			{ name: 'entity_content', type: 'application/json', data: Buffer.from(JSON.stringify({ Title: 'Documented', PathOnClient: 'documented.bin', FirstPublishLocationId: accountId })) },
			{ name: 'VersionData', filename: 'documented.bin', type: 'application/octet-stream', data },
		]);
		const res = await fetch(`${sb.url}/services/data/v66.0/sobjects/ContentVersion`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary="${boundary}"` },
			body,
		});
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		const dl = await download(id);
		expect(md5(dl.data)).toBe(md5(data));
		const cv = (await conn.sobject('ContentVersion').retrieve(id, { fields: ['ContentSize', 'Checksum', 'FileExtension'] })) as Record<string, unknown>;
		expect(cv).toMatchObject({ ContentSize: data.length, Checksum: md5(data), FileExtension: 'bin' });
	});

	it("accepts jsforce's multipart (binary first, JSON part named after the sObject)", async () => {
		const data = randomBytes(2 * MB);
		const res = saved(
			await conn.sobject('ContentVersion').create(
				{ Title: 'From jsforce', PathOnClient: 'jsforce.dat', VersionData: data.toString('base64') },
				{ multipartFileFields: { VersionData: { filename: 'jsforce.dat', contentType: 'application/octet-stream' } } },
			),
		);
		expect(res.success).toBe(true);
		expect(md5((await download(res.id)).data)).toBe(md5(data));
	});

	it('accepts a browser FormData upload', async () => {
		const form = new FormData();
		form.append('entity_content', new Blob([JSON.stringify({ Title: 'Form', PathOnClient: 'form.txt' })], { type: 'application/json' }));
		form.append('VersionData', new Blob([Buffer.from('hello form')], { type: 'text/plain' }), 'form.txt');
		const res = await fetch(`${sb.url}/services/data/v66.0/sobjects/ContentVersion`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		expect((await download(id)).data.toString()).toBe('hello form');
	});

	it('rejects a multipart request without the entity part', async () => {
		const boundary = 'b0';
		const res = await fetch(`${sb.url}/services/data/v66.0/sobjects/ContentVersion`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
			body: multipart(boundary, [{ name: 'VersionData', filename: 'x.bin', type: 'application/octet-stream', data: Buffer.from('x') }]),
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_MULTIPART_REQUEST');
	});
});

describe('parseMultipart', () => {
	it('recovers every part byte-exact, whatever the bytes', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ name: fc.stringMatching(/^[A-Za-z_]{1,12}$/), data: fc.uint8Array({ maxLength: 300 }), file: fc.boolean() }), { minLength: 1, maxLength: 5 }),
				(parts) => {
					const boundary = `----sandbox${randomBytes(8).toString('hex')}`;
					const body = multipart(
						boundary,
						parts.map((p) => ({ name: p.name, filename: p.file ? `${p.name}.bin` : undefined, type: 'application/octet-stream', data: Buffer.from(p.data) })),
					);
					const parsed = parseMultipart(body, `multipart/form-data; boundary=${boundary}`);
					expect(parsed.map((p) => [p.name, p.filename, Buffer.from(p.data).toString('hex')])).toEqual(
						parts.map((p) => [p.name, p.file ? `${p.name}.bin` : undefined, Buffer.from(p.data).toString('hex')]),
					);
				},
			),
		);
	});
});
