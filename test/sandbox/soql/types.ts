import type { ObjectDef, StoredRecord } from '../schema/types';

/** The querying user's settings that change results: date literals run in their time zone and locale. */
export interface QueryUser {
	/** IANA zone (TimeZoneSidKey), e.g. 'America/Los_Angeles' */
	timeZone: string;
	/** Salesforce locale (LocaleSidKey), e.g. 'en_US', 'de_DE': decides the first day of the week */
	locale: string;
}

/** What the SOQL engine needs from the org: schemas, stored records, the server clock and the querying user. */
export interface QueryContext {
	/** Case-insensitive lookup by API name; undefined when the org has no such object. */
	getObject(name: string): ObjectDef | undefined;
	/** Records of one object (canonical API name); deleted ones (IsDeleted=true) only when asked. */
	records(objectName: string, opts: { includeDeleted: boolean }): Iterable<StoredRecord>;
	/** Any record by 15- or 18-char id, for relationship traversal (Account.Name, Owner.Name). */
	getById(id: string): { objectName: string; record: StoredRecord } | undefined;
	/** The org's clock (the sandbox can skew it); date literals like TODAY are evaluated against it. */
	now(): Date;
	/** e.g. '62.0', for attributes.url: /services/data/v62.0/sobjects/Account/001... */
	apiVersion: string;
	/** Who queries; without one, date literals are evaluated in UTC with en_US weeks (unit tests of the engine) */
	user?: QueryUser;
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
