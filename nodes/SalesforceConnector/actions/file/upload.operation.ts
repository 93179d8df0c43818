import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FileBody, SalesforceClient } from '../../../../shared/client/client';
import type { ContentVersionInput } from '../../../../shared/client/types';
import { redact } from '../../../../shared/errors';
import { baseName, checkFileSize, CONTENT_DOCUMENT, fileJson, findVersions, titleOf } from '../../../../shared/files';
import { InputError } from '../../../../shared/records/inputError';
import { validateRecordId } from '../../../../shared/records/ids';
import { fileSchema } from '../outputSchemas';
import type { BinaryOperation } from '../types';

const show = (extra: IDataObject = {}) => ({ show: { resource: ['file'], operation: ['upload'], ...extra } });

const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file (up to 15 MB)',
		displayOptions: show(),
	},
	{
		displayName: 'Upload As',
		name: 'uploadTarget',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'New File Linked to a Record', value: 'record', description: 'Creates a file shared with the record (FirstPublishLocationId)' },
			{ name: 'New Version of an Existing File', value: 'newVersion', description: 'Adds a version to a file (ContentDocumentId); its version number goes up' },
		],
		default: 'record',
		displayOptions: show(),
	},
	{
		displayName: 'Record ID',
		name: 'linkedRecordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '001XXXXXXXXXXXXXXX',
		description: 'The record the file is linked to: any object with files (Account, Case, Opportunity, a custom object, a user, …)',
		displayOptions: show({ uploadTarget: ['record'] }),
	},
	{
		displayName: 'File (ContentDocument) ID',
		name: 'contentDocumentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '069XXXXXXXXXXXXXXX',
		description: 'The file to add a version to, e.g. the Content Document ID output by an earlier upload',
		displayOptions: show({ uploadTarget: ['newVersion'] }),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show(),
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 2 }, default: '' },
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The file name with its extension (Salesforce's PathOnClient, which sets the file type). Default: the binary data's file name.",
			},
			{
				displayName: 'Reason for Change',
				name: 'reasonForChange',
				type: 'string',
				default: '',
				description: 'Shown in the file’s version history',
				displayOptions: { show: { '/uploadTarget': ['newVersion'] } },
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Default: the file name without its extension' },
		],
	},
];

/** Base64 text's byte count without decoding it (n8n's in-memory binary data). */
function base64Bytes(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

/**
 * The file of one item, in any binary data mode. With an id (filesystem, S3, database) the size comes from the
 * store's metadata and a stream from the store is opened for each send; in memory the size is read off the base64
 * text, which is decoded (once) only after the size was checked.
 */
async function fileOf(ctx: IExecuteFunctions, itemIndex: number, binary: IBinaryData): Promise<{ size: number; load(): Promise<FileBody> }> {
	const id = binary.id;
	if (id) {
		const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
		return { size: fileSize, load: async () => ({ size: fileSize, open: async () => await ctx.helpers.getBinaryStream(id) }) };
	}
	return {
		size: base64Bytes(binary.data),
		load: async () => {
			const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, binary);
			return { size: bytes.length, open: async () => bytes };
		},
	};
}

/** A text parameter or option; an object or a list from an expression is refused, never made "[object Object]". */
function text(value: unknown, label: string, field: string): string {
	if (value !== null && typeof value === 'object') throw new InputError(`${label} is an object or a list, not text`, 'Map a single value, e.g. {{ $json.name }}.', field);
	return String(value ?? '').trim();
}

/**
 * Upload File to Salesforce: one ContentVersion per item, everything checked before the first call. 2 API calls per
 * file (the upload, one query reading it back), plus the session check before the first upload of an execution.
 */
async function execute(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<INodeExecutionData[]> {
	const property = text(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Input Binary Field', 'binaryPropertyName');
	if (!property) throw new InputError('Input Binary Field is empty', 'Enter the name of the binary field holding the file, e.g. data.', 'binaryPropertyName');
	const target = this.getNodeParameter('uploadTarget', itemIndex, 'record') as string;
	const raw = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const options = {
		title: text(raw.title, 'Title', 'title'),
		fileName: text(raw.fileName, 'File Name', 'fileName'),
		description: text(raw.description, 'Description', 'description'),
		reasonForChange: text(raw.reasonForChange, 'Reason for Change', 'reasonForChange'),
	};

	const fields: Partial<ContentVersionInput> = {};
	if (target === 'newVersion') {
		fields.ContentDocumentId = validateRecordId(this.getNodeParameter('contentDocumentId', itemIndex, ''), CONTENT_DOCUMENT, 'File (ContentDocument) ID');
	} else {
		fields.FirstPublishLocationId = validateRecordId(this.getNodeParameter('linkedRecordId', itemIndex, ''), { name: 'linked' }, 'Record ID');
	}

	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const fileName = baseName(options.fileName || binary.fileName || '');
	if (!fileName) {
		throw new InputError(
			`The binary field "${property}" has no file name`,
			'Set Options > File Name, with its extension (e.g. report.pdf): Salesforce needs it to know the file type.',
			'fileName',
		);
	}
	const file = await fileOf(this, itemIndex, binary);
	checkFileSize(file.size, fileName, 'upload');

	const input: ContentVersionInput = {
		...fields,
		Title: options.title || titleOf(fileName),
		PathOnClient: fileName,
		Description: options.description || undefined,
		ReasonForChange: (target === 'newVersion' && options.reasonForChange) || undefined,
	};
	const body = await file.load();
	checkFileSize(body.size, fileName, 'upload');
	const { id } = await client.uploadContentVersion(input, body);

	let json: IDataObject;
	try {
		const [saved] = await findVersions(client, { by: 'version', id });
		if (!saved) throw new Error('the new version was not found');
		json = fileJson(saved, saved.linkedRecordId ?? fields.FirstPublishLocationId ?? null);
	} catch (error) {
		// the file is saved: its id is what later nodes need, so a failed read-back is a warning, not a failure
		json = {
			contentVersionId: id,
			title: input.Title,
			fileName,
			size: body.size,
			linkedRecordId: fields.FirstPublishLocationId ?? null,
			warning: `Uploaded, but the file's details could not be read back: ${redact(error instanceof Error ? error.message : String(error))}`,
		};
	}
	return [{ json, pairedItem: { item: itemIndex } }];
}

export const operation: BinaryOperation = {
	kind: 'binary',
	option: {
		name: 'Upload File to Salesforce',
		value: 'upload',
		action: 'Upload a file to Salesforce',
		description: 'Upload a binary file (up to 15 MB) as a new file linked to a record, or as a new version of a file',
	},
	description,
	outputSchema: fileSchema({ warning: { type: 'string', description: 'Uploaded, but the details could not be read back' } }),
	execute,
};
