/**
 * Upload File to Salesforce and Download File from Salesforce through n8n's engine against the sandbox org: bytes
 * exact in n8n's in-memory and filesystem binary data modes, the 15 MB limit before any call, new versions, a
 * record's files, per-item results and the faults a file transfer meets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { chain, runWorkflow, type WorkflowRunResult } from '../harness/engine';
import { binaryBytes, fileMd5, filesNode, MB, md5, resetBinaryDataMode, useBinaryDataMode, type BinaryMode, type FileSpec } from '../harness/files';
import { SCHEMA_DIR } from '../harness/outputSchemas';
import { dataCalls, OAUTH2_CREDENTIAL_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startOrg, type TestOrg } from '../harness/org';
import { actionNode } from '../harness/workflows';

const LIMIT = 15 * MB;

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
	await resetBinaryDataMode();
});
afterEach(async () => {
	await org.admin('faults', {});
	await useBinaryDataMode('default');
});

type NodeErr = Error & { description?: string; context?: { itemIndex?: number; errorCode?: string } };

const upload = (parameters: Record<string, unknown>, extra: Partial<INode> = {}) =>
	actionNode({ resource: 'file', operation: 'upload', ...parameters }, { name: 'Upload', ...extra });
const download = (parameters: Record<string, unknown>, extra: Partial<INode> = {}) =>
	actionNode({ resource: 'file', operation: 'download', ...parameters }, { name: 'Download', ...extra });

/** Trigger -> generated files -> the given nodes. */
const run = async (specs: FileSpec[], ...nodes: INode[]): Promise<WorkflowRunResult> => await runWorkflow(org.harness, chain([{}], filesNode(specs), ...nodes));
const runAlone = async (...nodes: INode[]): Promise<WorkflowRunResult> => await runWorkflow(org.harness, chain([{}], ...nodes));

async function account(name: string): Promise<string> {
	return ((await org.jsforce.sobject('Account').create({ Name: name })) as { id: string }).id;
}

const fileCalls = async () => dataCalls(await org.calls()).map((c) => `${c.method} ${c.path.replace(/\/services\/data\/v[\d.]+/, '')}`);

/** The shipped output schema's promises (__schema__): its required keys are there, every key is one it names. */
function expectSchema(json: IDataObject, operation: 'upload' | 'download'): void {
	const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'file', `${operation}.json`), 'utf8')) as { properties: Record<string, unknown>; required: string[] };
	for (const key of schema.required) expect(json).toHaveProperty(key);
	expect(Object.keys(json).filter((k) => !(k in schema.properties))).toEqual([]);
}

async function bytesOf(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`no binary ${property}`);
	return await binaryBytes(binary);
}

describe.each<BinaryMode>(['default', 'filesystem'])('round trip in n8n binary data mode "%s"', (mode) => {
	beforeEach(async () => {
		await useBinaryDataMode(mode);
	});

	it.each<[string, FileSpec, string]>([
		['1 byte of text', { fileName: 'one.txt', size: 1, kind: 'text' }, 'text/plain'],
		['1 byte of binary', { fileName: 'one.bin', size: 1, kind: 'binary' }, 'application/octet-stream'],
		['1 MB of text, non-ASCII name', { fileName: 'Überprüfung – 報告 1.txt', size: MB, kind: 'text' }, 'text/plain'],
		['1 MB of binary, non-ASCII name', { fileName: 'données brutes €.bin', size: MB, kind: 'binary' }, 'application/octet-stream'],
		['exactly 15 MB of text', { fileName: 'limit.csv', size: LIMIT, kind: 'text' }, 'text/csv'],
		['exactly 15 MB of binary', { fileName: 'limit.pdf', size: LIMIT, kind: 'binary' }, 'application/pdf'],
	])('%s: uploaded and downloaded byte-exact (MD5), the upload reused by the next node', async (_name, spec, mimeType) => {
		const spec2 = { ...spec, seed: `${mode} ${spec.fileName}` };
		const accountId = await account(`Files ${mode} ${spec.fileName}`);
		const expected = fileMd5(spec2);
		await org.clearCalls();
		const result = await run(
			[spec2],
			upload({ linkedRecordId: accountId }),
			download({ downloadBy: 'contentDocumentId', contentDocumentId: '={{ $json.contentDocumentId }}' }),
		);
		expect(result.error('Download')).toBeUndefined();
		const [up] = result.output('Upload');
		expect(up.json).toMatchObject({
			contentVersionId: expect.stringMatching(/^068/),
			contentDocumentId: expect.stringMatching(/^069/),
			title: spec.fileName.replace(/\.[^.]+$/, ''),
			fileName: spec.fileName,
			size: spec.size,
			checksum: expected,
			versionNumber: 1,
			linkedRecordId: accountId,
		});
		const [down] = result.output('Download');
		expect(down.json).toMatchObject({ contentVersionId: up.json.contentVersionId, size: spec.size, checksum: expected, fileName: spec.fileName });
		expectSchema(up.json, 'upload');
		expectSchema(down.json, 'download');
		const bytes = await bytesOf(down);
		expect(bytes.length).toBe(spec.size);
		expect(md5(bytes)).toBe(expected);
		expect(down.binary?.data).toMatchObject({ fileName: spec.fileName, mimeType, bytes: spec.size });
		// filesystem mode keeps the bytes in n8n's store, not in the item
		if (mode === 'filesystem') expect(down.binary?.data.id).toMatch(/^filesystem/);
		else expect(down.binary?.data.id).toBeUndefined();
		// upload 3 calls (proving the session, the file, its details), download 2 (the details, the bytes)
		expect(await fileCalls()).toEqual([
			'GET /',
			'POST /sobjects/ContentVersion',
			'GET /query',
			'GET /query',
			`GET /sobjects/ContentVersion/${String(up.json.contentVersionId)}/VersionData`,
		]);
		// what Salesforce holds: the name as given, linked to the record
		const saved = await org.jsforce.query<{ PathOnClient: string }>(`SELECT PathOnClient FROM ContentVersion WHERE Id = '${String(up.json.contentVersionId)}'`);
		expect(saved.records[0].PathOnClient).toBe(spec.fileName);
		const links = await org.jsforce.query(`SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '${accountId}'`);
		expect(links.totalSize).toBe(1);
	});

	it('15 MB + 1 byte is refused before any API call, with the size and the limit', async () => {
		const accountId = await account('Files too large');
		await org.clearCalls();
		const result = await run([{ fileName: 'big.zip', size: LIMIT + 1, kind: 'binary' }], upload({ linkedRecordId: accountId }));
		const err = result.error('Upload') as NodeErr;
		expect(err.message).toBe('The file "big.zip" is 15,728,641 bytes (15.0 MB): over the 15 MB limit (15,728,640 bytes) for uploads');
		expect(err.description).toMatch(/up to 15 MB.*nothing was sent/);
		expect(err.context?.itemIndex).toBe(0);
		expect(await fileCalls()).toEqual([]);
	});

	it('an empty file is refused before any API call', async () => {
		const accountId = await account('Files empty');
		await org.clearCalls();
		const result = await run([{ fileName: 'empty.txt', size: 0, kind: 'text' }], upload({ linkedRecordId: accountId }));
		const err = result.error('Upload') as NodeErr;
		expect(err.message).toBe('The file "empty.txt" is empty (0 bytes)');
		expect(err.description).toMatch(/needs content/);
		expect(await fileCalls()).toEqual([]);
	});
});

describe('the 15 MB limit on download', () => {
	it('a file over 15 MB in Salesforce is refused after its details are read, before its bytes are fetched', async () => {
		const big = Buffer.alloc(LIMIT + 1, 7);
		const created = (await org.jsforce.sobject('ContentVersion').create({ Title: 'Big', PathOnClient: 'big.bin', VersionData: big.toString('base64') })) as { id: string };
		const doc = await org.jsforce.query<{ ContentDocumentId: string }>(`SELECT ContentDocumentId FROM ContentVersion WHERE Id = '${created.id}'`);
		await org.clearCalls();
		const result = await runAlone(download({ downloadBy: 'contentDocumentId', contentDocumentId: doc.records[0].ContentDocumentId }));
		const err = result.error('Download') as NodeErr;
		expect(err.message).toBe('The file "big.bin" is 15,728,641 bytes (15.0 MB): over the 15 MB limit (15,728,640 bytes) for downloads');
		expect(err.description).toMatch(/not downloaded/);
		expect(await fileCalls()).toEqual(['GET /query']);
	});
});

describe('new versions', () => {
	it('a new version of a file raises its version number; by ContentDocument ID the newest bytes come back', async () => {
		const accountId = await account('Files versions');
		const v1: FileSpec = { fileName: 'contract.txt', size: 2000, kind: 'text', seed: 'version 1' };
		const v2: FileSpec = { fileName: 'contract.txt', size: 3000, kind: 'text', seed: 'version 2' };
		const first = (await run([v1], upload({ linkedRecordId: accountId }))).output('Upload')[0].json;
		const second = await run(
			[v2],
			upload({ uploadTarget: 'newVersion', contentDocumentId: first.contentDocumentId, options: { reasonForChange: 'Signed' } }),
			download({ downloadBy: 'contentDocumentId', contentDocumentId: '={{ $json.contentDocumentId }}' }),
		);
		const up = second.output('Upload')[0].json;
		expect(up).toMatchObject({ contentDocumentId: first.contentDocumentId, versionNumber: 2, checksum: fileMd5(v2) });
		expect(up.contentVersionId).not.toBe(first.contentVersionId);
		const down = second.output('Download')[0];
		expect(down.json).toMatchObject({ contentVersionId: up.contentVersionId, versionNumber: 2 });
		expect(md5(await bytesOf(down))).toBe(fileMd5(v2));
		// the first version is still there by its own id
		const old = await runAlone(download({ downloadBy: 'contentVersionId', contentVersionId: first.contentVersionId }));
		expect(md5(await bytesOf(old.output('Download')[0]))).toBe(fileMd5(v1));
		const saved = await org.jsforce.query<{ ReasonForChange: string }>(`SELECT ReasonForChange FROM ContentVersion WHERE Id = '${String(up.contentVersionId)}'`);
		expect(saved.records[0].ReasonForChange).toBe('Signed');
	});

	it('an id that is not a ContentDocument ID is refused before any call', async () => {
		const accountId = await account('Files wrong id');
		await org.clearCalls();
		const result = await run([{ fileName: 'x.txt', size: 10, kind: 'text' }], upload({ uploadTarget: 'newVersion', contentDocumentId: accountId }));
		const err = result.error('Upload') as NodeErr;
		expect(err.message).toMatch(/File \(ContentDocument\) ID ".*" is not an ID of ContentDocument/);
		expect(err.description).toMatch(/start with "069"/);
		expect(await fileCalls()).toEqual([]);
	});
});

describe("a record's files", () => {
	const specs: FileSpec[] = [
		{ fileName: 'Quote.pdf', size: 40_000, kind: 'binary', mimeType: 'application/pdf' },
		{ fileName: 'Logo.png', size: 12_345, kind: 'binary', mimeType: 'image/png' },
		{ fileName: 'Lines.csv', size: 5_000, kind: 'text', mimeType: 'text/csv' },
	];
	let accountId: string;
	beforeAll(async () => {
		accountId = await account('Files three');
		const result = await run(specs, upload({ linkedRecordId: accountId }));
		expect(result.output('Upload')).toHaveLength(3);
	});

	it('All Files of a Record: one item per file, names, types and bytes right, in title order', async () => {
		await org.clearCalls();
		const result = await runAlone(download({ downloadBy: 'recordAll', linkedRecordId: accountId, binaryPropertyName: 'file' }));
		const out = result.output('Download');
		expect(out.map((o) => o.json.fileName)).toEqual(['Lines.csv', 'Logo.png', 'Quote.pdf']);
		for (const o of out) {
			const spec = specs.find((s) => s.fileName === o.json.fileName) as FileSpec;
			expect(o.binary?.file).toMatchObject({ fileName: spec.fileName, mimeType: spec.mimeType, bytes: spec.size });
			expect(o.json).toMatchObject({ linkedRecordId: accountId, size: spec.size, title: spec.fileName.replace(/\..*$/, '') });
			expect(md5(await bytesOf(o, 'file'))).toBe(fileMd5(spec));
			expect(o.pairedItem).toEqual({ item: 0 });
		}
		// one query for the three, then their bytes
		expect((await fileCalls()).filter((c) => c === 'GET /query')).toHaveLength(1);
		expect((await fileCalls()).filter((c) => c.endsWith('/VersionData'))).toHaveLength(3);
	});

	it('Record and File Title: the one file, any letter case', async () => {
		const result = await runAlone(download({ downloadBy: 'recordTitle', linkedRecordId: accountId, fileTitle: 'logo' }));
		const out = result.output('Download');
		expect(out).toHaveLength(1);
		expect(out[0].binary?.data).toMatchObject({ fileName: 'Logo.png', mimeType: 'image/png' });
	});

	it('a title the record has no file for: a clear error', async () => {
		const result = await runAlone(download({ downloadBy: 'recordTitle', linkedRecordId: accountId, fileTitle: 'Invoice' }));
		const err = result.error('Download') as NodeErr;
		expect(err.message).toBe(`No file titled "Invoice" is linked to the record ${accountId}`);
		expect(err.description).toMatch(/All Files of a Record/);
	});
});

describe('many items, one after the other', () => {
	it('per-item results; with Continue On Fail one output item per input item, pairedItem kept', async () => {
		const accountId = await account('Files many');
		const specs: FileSpec[] = [
			{ fileName: 'a.txt', size: 100, kind: 'text' },
			{ fileName: 'b.txt', size: 0, kind: 'text' },
			{ fileName: 'c.txt', size: 300, kind: 'text' },
		];
		await org.clearCalls();
		const result = await run(specs, upload({ linkedRecordId: accountId }, { continueOnFail: true }));
		const out = result.output('Upload');
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ fileName: 'a.txt', size: 100 });
		expect(out[1].json).toMatchObject({ error: 'The file "b.txt" is empty (0 bytes)', errorCode: 'INVALID_INPUT', outcome: 'failed' });
		expect(out[2].json).toMatchObject({ fileName: 'c.txt', size: 300 });
		expect((await fileCalls()).filter((c) => c === 'POST /sobjects/ContentVersion')).toHaveLength(2);

		// without it, the node stops at the item that fails: the one before is uploaded, the one after is not
		await org.clearCalls();
		const stopped = await run(specs, upload({ linkedRecordId: accountId }));
		expect((stopped.error('Upload') as NodeErr).context?.itemIndex).toBe(1);
		expect((await fileCalls()).filter((c) => c === 'POST /sobjects/ContentVersion')).toHaveLength(1);
	});

	it('downloads item by item; with Continue On Fail a bad id is one failed item among the files', async () => {
		const accountId = await account('Files many downloads');
		const specs: FileSpec[] = [
			{ fileName: 'first.txt', size: 1000, kind: 'text' },
			{ fileName: 'second.bin', size: 2000, kind: 'binary' },
		];
		const ups = (await run(specs, upload({ linkedRecordId: accountId }))).output('Upload').map((o) => String(o.json.contentDocumentId));
		const items = [{ doc: ups[0] }, { doc: '069NOTANID' }, { doc: ups[1] }];
		const result = await runWorkflow(
			org.harness,
			chain(items, download({ downloadBy: 'contentDocumentId', contentDocumentId: '={{ $json.doc }}' }, { continueOnFail: true })),
		);
		const out = result.output('Download');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(md5(await bytesOf(out[0]))).toBe(fileMd5(specs[0]));
		expect(out[1].json).toMatchObject({ error: 'File (ContentDocument) ID "069NOTANID" is not a Salesforce ID', errorCode: 'INVALID_INPUT' });
		expect(out[1].binary).toBeUndefined();
		expect(md5(await bytesOf(out[2]))).toBe(fileMd5(specs[1]));
	});

	it('a missing binary field names the field and the item', async () => {
		const accountId = await account('Files missing field');
		const result = await run([{ fileName: 'a.txt', size: 10, kind: 'text', property: 'attachment' }], upload({ linkedRecordId: accountId }));
		const err = result.error('Upload') as NodeErr;
		expect(err.message).toMatch(/no binary field 'data'/);
		expect(err.context?.itemIndex).toBe(0);
	});
});

describe('faults', () => {
	beforeEach(async () => {
		await useBinaryDataMode('filesystem');
	});

	it('an upload whose answer was lost is reported as unknown and not sent again', async () => {
		const accountId = await account('Files lost answer');
		await org.admin('faults', { lostAnswer: 1, lostAnswerAs: 'reset', matchPath: '/sobjects/ContentVersion$', methods: ['POST'] });
		await org.clearCalls();
		const result = await run([{ fileName: 'lost.txt', size: 1000, kind: 'text' }], upload({ linkedRecordId: accountId }, { continueOnFail: true }));
		expect(result.output('Upload')[0].json).toMatchObject({ outcome: 'unknown', statusCode: 'OUTCOME_UNKNOWN' });
		expect(String(result.output('Upload')[0].json.description)).toMatch(/check the record's files in Salesforce/);
		expect((await fileCalls()).filter((c) => c === 'POST /sobjects/ContentVersion')).toHaveLength(1);
	});

	it('a 503 on the bytes is retried; the download then completes', async () => {
		const accountId = await account('Files 503');
		const spec: FileSpec = { fileName: 'retry.bin', size: 200_000, kind: 'binary' };
		const up = (await run([spec], upload({ linkedRecordId: accountId }))).output('Upload')[0].json;
		await org.admin('faults', { fail503: 1, matchPath: '/VersionData$' });
		const result = await runAlone(download({ downloadBy: 'contentVersionId', contentVersionId: up.contentVersionId }));
		expect(result.error('Download')).toBeUndefined();
		expect(md5(await bytesOf(result.output('Download')[0]))).toBe(fileMd5(spec));
	});

	it('a file id that does not exist: Salesforce has none, said so', async () => {
		const result = await runAlone(download({ downloadBy: 'contentDocumentId', contentDocumentId: '069000000000000AAA' }));
		const err = result.error('Download') as NodeErr;
		expect(err.message).toBe('No file with ID 069000000000000AAA');
	});
});

describe('an expired session', () => {
	beforeEach(async () => {
		await useBinaryDataMode('filesystem');
	});

	it('an expired session before a streamed upload: the small call first gets it refreshed, the file is sent once', async () => {
		const accountId = await account('Files expired');
		const spec: FileSpec = { fileName: 'after-refresh.bin', size: MB, kind: 'binary' };
		await org.admin('expire-sessions', {});
		await org.clearCalls();
		const result = await run([spec], upload({ linkedRecordId: accountId }));
		expect(result.error('Upload')).toBeUndefined();
		expect(result.output('Upload')[0].json.checksum).toBe(fileMd5(spec));
		// the session is proven by a small call first (its 401 refreshes the token), so the file is sent once
		expect((await fileCalls()).slice(0, 3)).toEqual(['GET /', 'GET /', 'POST /sobjects/ContentVersion']);
		expect(dataCalls(await org.calls()).map((c) => c.status).slice(0, 3)).toEqual([401, 200, 201]);
		org.jsforce.accessToken = (org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID).data.oauthTokenData as { access_token: string }).access_token;
		const saved = await org.jsforce.query(`SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '${accountId}'`);
		expect(saved.totalSize).toBe(1);
	});

	it('over the named-credential connection: preAuthentication fetches a new token, the file is sent once', async () => {
		const type = 'salesforceConnectorNamedCredentialApi';
		org.harness.addCredential({
			id: 'files-nc',
			name: 'nc',
			type,
			data: {
				namedCredential: 'SalesforceOrg',
				url: org.url,
				environment: 'production',
				allowCustomDomain: false,
				protocol: 'clientCredentials',
				clientId: SANDBOX_CLIENT_ID,
				clientSecret: SANDBOX_CLIENT_SECRET,
				accessToken: '',
			},
		});
		const accountId = await account('Files named credential');
		const spec: FileSpec = { fileName: 'server-to-server.bin', size: MB, kind: 'binary' };
		const node = upload({ authentication: 'namedCredential', linkedRecordId: accountId }, { credentials: { [type]: { id: 'files-nc', name: 'nc' } } });
		expect((await run([spec], node)).error('Upload')).toBeUndefined();
		const token = org.harness.credentialsHelper.get('files-nc').data.accessToken;
		await org.admin('expire-sessions', {});
		await org.clearCalls();
		const result = await run([spec], node);
		expect(result.error('Upload')).toBeUndefined();
		expect(result.output('Upload')[0].json.checksum).toBe(fileMd5(spec));
		expect(org.harness.credentialsHelper.get('files-nc').data.accessToken).not.toBe(token);
		expect((await fileCalls()).filter((c) => c === 'POST /sobjects/ContentVersion')).toHaveLength(1);
		org.jsforce.accessToken = (org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID).data.oauthTokenData as { access_token: string }).access_token;
	});
});
