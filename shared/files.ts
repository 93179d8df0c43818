/**
 * Files (ContentVersion) as the file actions see them: the size limit, file names, the queries that find a file's
 * latest version, and the JSON a file becomes in n8n.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SalesforceClient } from './client/client';
import type { SalesforceRecord } from './client/types';
import { soqlString } from './query/escape';
import { InputError } from './records/inputError';

/** The spec's limit for the file actions ("binary file transfers up to 15 MB"), for upload and download alike. */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;

export const CONTENT_VERSION = { name: 'ContentVersion', keyPrefix: '068' } as const;
export const CONTENT_DOCUMENT = { name: 'ContentDocument', keyPrefix: '069' } as const;

const exact = new Intl.NumberFormat('en-US');

/** `15,728,641 bytes (15.0 MB)` */
export function describeSize(bytes: number): string {
	return `${exact.format(bytes)} bytes (${(bytes / (1024 * 1024)).toFixed(1)} MB)`;
}

/** Refuses, before any call, a file that is empty or over the limit: the message states its size and the limit. */
export function checkFileSize(bytes: number, fileName: string, direction: 'upload' | 'download'): void {
	const what = `The file "${fileName}"`;
	if (bytes === 0) {
		throw new InputError(
			`${what} is empty (0 bytes)`,
			direction === 'upload'
				? 'A Salesforce file needs content: check the node that produced the binary data, or skip empty files with an If node before this one.'
				: 'Salesforce holds no bytes for this file; open it in Salesforce to check it.',
		);
	}
	if (bytes > MAX_FILE_BYTES) {
		throw new InputError(
			`${what} is ${describeSize(bytes)}: over the 15 MB limit (${exact.format(MAX_FILE_BYTES)} bytes) for ${direction}s`,
			direction === 'upload'
				? 'The file actions take files up to 15 MB. Compress or split the file, or upload it to Salesforce another way; nothing was sent.'
				: 'The file actions take files up to 15 MB; this file was not downloaded. Download it in Salesforce, or pick another file.',
		);
	}
}

/** The last segment of a path (either slash): what n8n and Salesforce show as the file name. */
export function baseName(path: string): string {
	return path.split(/[\\/]/).pop() ?? path;
}

/** The file name without its extension: the default Title, as Salesforce itself derives it. */
export function titleOf(fileName: string): string {
	const base = baseName(fileName);
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(0, dot) : base;
}

export function hasExtension(fileName: string): boolean {
	const base = baseName(fileName);
	const dot = base.lastIndexOf('.');
	return dot > 0 && dot < base.length - 1;
}

const VERSION_FIELDS = [
	'Id',
	'ContentDocumentId',
	'Title',
	'PathOnClient',
	'FileExtension',
	'FileType',
	'ContentSize',
	'Checksum',
	'VersionNumber',
	'FirstPublishLocationId',
	'ContentUrl',
	'Description',
];

/** Which file(s) to read: one version, a document's latest version, or a record's files (latest versions). */
export type FileLookup =
	| { by: 'version'; id: string }
	| { by: 'document'; id: string }
	| { by: 'record'; recordId: string; title?: string };

/** One SOQL query for the lookup's versions. Ids were validated (letters and digits); the title is escaped. */
export function versionQuery(lookup: FileLookup): string {
	const select = `SELECT ${VERSION_FIELDS.join(', ')} FROM ContentVersion WHERE `;
	switch (lookup.by) {
		case 'version':
			return `${select}Id = '${lookup.id}'`;
		case 'document':
			return `${select}ContentDocumentId = '${lookup.id}' AND IsLatest = true`;
		case 'record':
			// ContentDocumentLink must be filtered on LinkedEntityId (or ContentDocumentId): a semi-join does so
			return (
				`${select}IsLatest = true AND ContentDocumentId IN (SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${lookup.recordId}')` +
				`${lookup.title !== undefined ? ` AND Title = ${soqlString(lookup.title)}` : ''} ORDER BY Title, ContentDocumentId`
			);
	}
}

/** A file's version, in the terms the actions output. */
export interface FileVersion {
	contentVersionId: string;
	contentDocumentId: string | null;
	title: string | null;
	fileName: string;
	fileExtension: string | null;
	fileType: string | null;
	size: number | null;
	checksum: string | null;
	versionNumber: number | string | null;
	linkedRecordId: string | null;
	description: string | null;
	/** a link version (ContentUrl) holds no bytes */
	contentUrl: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function fileVersion(record: SalesforceRecord): FileVersion {
	const version = text(record.VersionNumber);
	const size = record.ContentSize;
	const title = text(record.Title);
	const path = text(record.PathOnClient);
	return {
		contentVersionId: String(record.Id),
		contentDocumentId: text(record.ContentDocumentId),
		title,
		fileName: path ? baseName(path) : (title ?? String(record.Id)),
		fileExtension: text(record.FileExtension),
		fileType: text(record.FileType),
		size: typeof size === 'number' ? size : null,
		checksum: text(record.Checksum),
		versionNumber: version && /^\d+$/.test(version) ? Number(version) : version,
		linkedRecordId: text(record.FirstPublishLocationId),
		description: text(record.Description),
		contentUrl: text(record.ContentUrl),
	};
}

/** What an output item's JSON says about a file (the same keys for upload and download). */
export function fileJson(file: FileVersion, linkedRecordId = file.linkedRecordId): IDataObject {
	return {
		contentVersionId: file.contentVersionId,
		contentDocumentId: file.contentDocumentId,
		title: file.title,
		fileName: file.fileName,
		fileExtension: file.fileExtension,
		fileType: file.fileType,
		size: file.size,
		checksum: file.checksum,
		versionNumber: file.versionNumber,
		linkedRecordId,
		description: file.description,
	};
}

/** The lookup's versions (one query, every page). */
export async function findVersions(client: SalesforceClient, lookup: FileLookup): Promise<FileVersion[]> {
	const out: FileVersion[] = [];
	for await (const page of client.query(versionQuery(lookup))) out.push(...page.records.map(fileVersion));
	return out;
}
