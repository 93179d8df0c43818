import type { ObjectDef, StoredRecord } from '../schema/types';

/** What the SOQL engine needs from the org: schemas, stored records and the server clock. */
export interface QueryContext {
	/** Case-insensitive lookup by API name; undefined when the org has no such object. */
	getObject(name: string): ObjectDef | undefined;
	/** Records of one object (canonical API name); deleted ones (IsDeleted=true) only when asked. */
	records(objectName: string, opts: { includeDeleted: boolean }): Iterable<StoredRecord>;
	/** Any record by 15- or 18-char id, for relationship traversal (Account.Name, Owner.Name). */
	getById(id: string): { objectName: string; record: StoredRecord } | undefined;
	/** The org's clock (the sandbox can skew it); date literals like TODAY are evaluated against it, in UTC. */
	now(): Date;
	/** e.g. '62.0', for attributes.url: /services/data/v62.0/sobjects/Account/001... */
	apiVersion: string;
}

export interface QueryOptions {
	/** queryAll: include deleted records */
	includeDeleted?: boolean;
}

/**
 * The whole result with LIMIT/OFFSET applied; paging into nextRecordsUrl chunks is the server's job.
 * Records are shaped as the REST API returns them: `attributes {type, url}` first, then the selected fields in
 * SELECT order, relationship fields nested (`Account: {attributes, Name}` or null).
 * For `SELECT COUNT() ...`: records is [] and totalSize is the count.
 */
export interface QueryResult {
	totalSize: number;
	records: Array<Record<string, unknown>>;
}

export type SoqlErrorCode =
	| 'MALFORMED_QUERY'
	| 'INVALID_FIELD'
	| 'INVALID_TYPE'
	| 'INVALID_QUERY_FILTER_OPERATOR'
	| 'NUMBER_OUTSIDE_VALID_RANGE'
	| 'INVALID_QUERY_LOCATOR';

/** Thrown for bad SOQL; the server turns it into HTTP 400 `[{message, errorCode}]`. */
export class SoqlError extends Error {
	readonly statusCode = 400;
	constructor(
		readonly errorCode: SoqlErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'SoqlError';
	}
}
