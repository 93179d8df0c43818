/**
 * Output shapes the operations declare, as JSON Schema: n8n's editor shows them before a run (shipped under
 * __schema__ by scripts/output-schemas.ts; a test keeps the files in step with the operations).
 */
import type { OutputSchema } from './types';

const nullable = (type: 'string' | 'number' | 'boolean'): OutputSchema => ({ type: [type, 'null'] });

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** A Salesforce field's value in an output item. */
export function fieldSchema(type: string): OutputSchema {
	if (NUMBER_TYPES.has(type)) return nullable('number');
	if (type === 'boolean') return { type: 'boolean' };
	if (type === 'address' || type === 'location') return { type: ['object', 'null'] };
	return nullable('string');
}

/** A record read from Salesforce: its fields by API name; more may come (custom fields, the org's own). */
export function recordSchema(fields: Array<{ name: string; type: string }> = []): OutputSchema {
	return {
		type: 'object',
		properties: { Id: { type: 'string' }, ...Object.fromEntries(fields.filter((f) => f.name !== 'Id').map((f) => [f.name, fieldSchema(f.type)])) },
		required: ['Id'],
		additionalProperties: true,
	};
}

/** One record's result of a write. */
export function saveResultSchema(extra: Record<string, OutputSchema> = {}): OutputSchema {
	return {
		type: 'object',
		properties: {
			id: { type: 'string', description: 'The record ID' },
			success: { type: 'boolean' },
			...extra,
			warning: { type: 'string', description: 'Saved, with something to know (e.g. the full record could not be read back)' },
		},
		required: ['id', 'success'],
	};
}

export const UPSERT_RESULT = saveResultSchema({ created: { type: ['boolean', 'null'], description: 'Whether the record was created (null: unknown after a repeated request)' } });

/** Used for an operation that declares no schema: an object of any shape. */
export const ANY_OBJECT: OutputSchema = { type: 'object', additionalProperties: true };

/** Adds `_soql`, the SOQL that ran (Add SOQL to Output). */
const withSoql = (schema: OutputSchema): OutputSchema => ({
	...schema,
	properties: { ...schema.properties, _soql: { type: 'string', description: 'The SOQL that ran (Add SOQL to Output)' } },
});

/** A Get Records output item: a record with the default fields (others as chosen), parent records nested. */
export const QUERY_RECORD = withSoql(
	recordSchema([
		{ name: 'CreatedDate', type: 'datetime' },
		{ name: 'LastModifiedDate', type: 'datetime' },
		{ name: 'SystemModstamp', type: 'datetime' },
	]),
);

/** A SOQL Query output item: the fields the query selects (Id only when selected). */
export const SOQL_RECORD = withSoql(ANY_OBJECT);

/** A file's version as the file actions output it (shared/files fileJson); Upload may add a warning. */
export function fileSchema(extra: Record<string, OutputSchema> = {}): OutputSchema {
	return {
		type: 'object',
		properties: {
			contentVersionId: { type: 'string', description: 'The ContentVersion ID (068…): this version of the file' },
			contentDocumentId: { type: ['string', 'null'], description: 'The file (ContentDocument, 069…): for a new version or a later download' },
			title: nullable('string'),
			fileName: { type: 'string', description: 'The file name with its extension (PathOnClient)' },
			fileExtension: nullable('string'),
			fileType: nullable('string'),
			size: { type: ['number', 'null'], description: 'Bytes' },
			checksum: { type: ['string', 'null'], description: "Salesforce's MD5 of the bytes" },
			versionNumber: { type: ['number', 'string', 'null'] },
			linkedRecordId: nullable('string'),
			description: nullable('string'),
			...extra,
		},
		required: ['contentVersionId', 'fileName'],
	};
}
