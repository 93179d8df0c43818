import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { checkFileSize, CONTENT_DOCUMENT, CONTENT_VERSION, fileJson, findVersions, hasExtension, type FileLookup, type FileVersion } from '../../../../shared/files';
import { InputError } from '../../../../shared/records/inputError';
import { validateRecordId } from '../../../../shared/records/ids';
import { fileSchema } from '../outputSchemas';
import type { BinaryOperation } from '../types';

const show = (extra: IDataObject = {}) => ({ show: { resource: ['file'], operation: ['download'], ...extra } });

const description: INodeProperties[] = [
	{
		displayName: 'Download By',
		name: 'downloadBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'All Files of a Record', value: 'recordAll', description: 'Every file linked to the record, one item each (latest versions)' },
			{ name: 'Content Version ID', value: 'contentVersionId', description: 'One version of a file (068…)' },
			{ name: 'File (ContentDocument) ID', value: 'contentDocumentId', description: 'The latest version of a file (069…)' },
			{ name: 'Record and File Title', value: 'recordTitle', description: 'The file with this title linked to the record (latest version)' },
		],
		default: 'contentDocumentId',
		displayOptions: show(),
	},
	{
		displayName: 'Content Version ID',
		name: 'contentVersionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '068XXXXXXXXXXXXXXX',
		displayOptions: show({ downloadBy: ['contentVersionId'] }),
	},
	{
		displayName: 'File (ContentDocument) ID',
		name: 'contentDocumentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '069XXXXXXXXXXXXXXX',
		displayOptions: show({ downloadBy: ['contentDocumentId'] }),
	},
	{
		displayName: 'Record ID',
		name: 'linkedRecordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '001XXXXXXXXXXXXXXX',
		description: 'The record the files are linked to',
		displayOptions: show({ downloadBy: ['recordTitle', 'recordAll'] }),
	},
	{
		displayName: 'File Title',
		name: 'fileTitle',
		type: 'string',
		default: '',
		required: true,
		description: 'The title of the file as Salesforce shows it (usually the file name without its extension; any letter case)',
		displayOptions: show({ downloadBy: ['recordTitle'] }),
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: show(),
	},
];

function lookupOf(ctx: IExecuteFunctions, itemIndex: number): FileLookup {
	const by = ctx.getNodeParameter('downloadBy', itemIndex, 'contentDocumentId') as string;
	const param = (name: string) => ctx.getNodeParameter(name, itemIndex, '');
	switch (by) {
		case 'contentVersionId':
			return { by: 'version', id: validateRecordId(param('contentVersionId'), CONTENT_VERSION, 'Content Version ID') };
		case 'contentDocumentId':
			return { by: 'document', id: validateRecordId(param('contentDocumentId'), CONTENT_DOCUMENT, 'File (ContentDocument) ID') };
		default: {
			const recordId = validateRecordId(param('linkedRecordId'), { name: 'linked' }, 'Record ID');
			if (by !== 'recordTitle') return { by: 'record', recordId };
			const raw = param('fileTitle');
			if (raw !== null && typeof raw === 'object') throw new InputError('File Title is an object or a list, not text', 'Map a single title.', 'fileTitle');
			const title = String(raw ?? '').trim();
			if (!title) throw new InputError('File Title is empty', 'Enter the title of the file as Salesforce shows it, e.g. Contract 2024.', 'fileTitle');
			return { by: 'record', recordId, title };
		}
	}
}

function notFound(lookup: FileLookup): InputError {
	switch (lookup.by) {
		case 'version':
			return new InputError(`No file version with ID ${lookup.id}`, 'Check the Content Version ID (068…), or that your user can see the file.');
		case 'document':
			return new InputError(`No file with ID ${lookup.id}`, 'Check the File (ContentDocument) ID (069…), or that your user can see the file.');
		case 'record':
			return lookup.title === undefined
				? new InputError(`The record ${lookup.recordId} has no files`, 'Check the Record ID, or that your user can see its files.')
				: new InputError(
						`No file titled "${lookup.title}" is linked to the record ${lookup.recordId}`,
						'Check the title as Salesforce shows it (usually the file name without its extension), or use All Files of a Record to see its files.',
						'fileTitle',
					);
	}
}

/** Everything is checked before the first byte is fetched: links, sizes, one file per title. */
function checkFiles(lookup: FileLookup, files: FileVersion[]): void {
	if (!files.length) throw notFound(lookup);
	if (lookup.by === 'record' && lookup.title !== undefined && files.length > 1) {
		throw new InputError(
			`${files.length} files titled "${lookup.title}" are linked to the record ${lookup.recordId}`,
			`Download one by its File (ContentDocument) ID: ${files.map((f) => f.contentDocumentId).join(', ')}; or use All Files of a Record.`,
			'fileTitle',
		);
	}
	for (const f of files) {
		if (f.size === null && f.contentUrl) {
			throw new InputError(`The file "${f.fileName}" is a link to ${f.contentUrl}, not a stored file`, 'Links have no bytes to download; open the URL instead.');
		}
		checkFileSize(f.size ?? 0, f.fileName, 'download');
	}
}

/**
 * Download File from Salesforce: the metadata query (1 API call), every size checked, then each file's bytes (1 API
 * call each) streamed into n8n's binary data, one output item per file.
 */
async function execute(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<INodeExecutionData[]> {
	const raw = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as unknown;
	if (raw !== null && typeof raw === 'object') throw new InputError('Put Output File in Field is an object or a list, not a name', 'Enter a field name, e.g. data.', 'binaryPropertyName');
	const property = String(raw ?? '').trim();
	if (!property) throw new InputError('Put Output File in Field is empty', 'Enter the name of the binary field to put the file in, e.g. data.', 'binaryPropertyName');
	const lookup = lookupOf(this, itemIndex);
	const files = await findVersions(client, lookup);
	checkFiles(lookup, files);

	const out: INodeExecutionData[] = [];
	for (const file of files) {
		const download = await client.downloadContentVersion(file.contentVersionId, { size: file.size ?? undefined, checksum: file.checksum ?? undefined });
		// no type from Salesforce: n8n derives it from the extension; a name without one is plain bytes
		const mimeType = download.contentType ?? (hasExtension(file.fileName) ? undefined : 'application/octet-stream');
		const binary = await this.helpers.prepareBinaryData(download.stream, file.fileName, mimeType);
		out.push({
			json: fileJson(file, lookup.by === 'record' ? lookup.recordId : file.linkedRecordId),
			binary: { [property]: binary },
			pairedItem: { item: itemIndex },
		});
	}
	return out;
}

export const operation: BinaryOperation = {
	kind: 'binary',
	option: {
		name: 'Download File From Salesforce',
		value: 'download',
		action: 'Download a file from Salesforce',
		description: 'Download a file (up to 15 MB) by its ID, or the files of a record, as binary data',
	},
	description,
	outputSchema: fileSchema(),
	execute,
};
