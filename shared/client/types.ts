/**
 * The shapes the client hands out, in our own terms: the parts of Salesforce's describe, save and query results the
 * package reads. jsforce's own types stay inside the client (its results satisfy these structurally).
 */

export interface PicklistValue {
	value: string;
	label?: string | null;
	active?: boolean;
	defaultValue?: boolean;
}

/** One field of an object's describe (`GET /sobjects/{Object}/describe`). */
export interface FieldDescribe {
	name: string;
	label: string;
	type: string;
	length?: number;
	nillable: boolean;
	createable: boolean;
	updateable: boolean;
	defaultedOnCreate: boolean;
	externalId?: boolean | null;
	idLookup?: boolean | null;
	calculated?: boolean | null;
	custom?: boolean;
	nameField?: boolean;
	filterable?: boolean;
	sortable?: boolean;
	picklistValues?: PicklistValue[] | null;
	restrictedPicklist?: boolean | null;
	referenceTo?: string[] | null;
	relationshipName?: string | null;
}

export interface ObjectDescribe {
	name: string;
	label: string;
	labelPlural?: string;
	keyPrefix?: string | null;
	custom?: boolean;
	queryable?: boolean;
	createable?: boolean;
	updateable?: boolean;
	deletable?: boolean;
	fields: FieldDescribe[];
}

/** One entry of describe global (`GET /sobjects`). */
export interface GlobalObject {
	name: string;
	label: string;
	labelPlural?: string;
	keyPrefix?: string | null;
	custom?: boolean;
	queryable: boolean;
	retrieveable: boolean;
	createable: boolean;
	updateable?: boolean;
	deletable?: boolean;
	triggerable?: boolean;
}

export interface RecordError {
	code: string;
	message: string;
	fields: string[];
}

/** One record's result from an sObject Collections write, in input order. */
export interface SaveResult {
	id: string | null;
	success: boolean;
	created?: boolean;
	errors: RecordError[];
}

export interface WriteResponse {
	results: SaveResult[];
	/** The request was sent more than once because an answer was lost: per-record answers describe the last try */
	retried: boolean;
}

export type SalesforceRecord = Record<string, unknown>;

/** One page of a SOQL query, in Salesforce's order. */
export interface QueryPage {
	records: SalesforceRecord[];
	totalSize: number;
	done: boolean;
}

export interface QueryOptions {
	/** queryAll: include deleted and archived records */
	includeDeleted?: boolean;
	/** Sforce-Query-Options batchSize (200-2,000; Salesforce may return other sizes) */
	batchSize?: number;
}

export interface ApiUsage {
	used: number;
	max: number;
}

/** The fields of a ContentVersion upload ("Object Reference: ContentVersion"); the bytes go as VersionData. */
export interface ContentVersionInput {
	Title: string;
	/** the file name, whose extension sets the file type */
	PathOnClient: string;
	Description?: string;
	ReasonForChange?: string;
	/** the record a new file is linked to */
	FirstPublishLocationId?: string;
	/** the file (069…) a new version is added to */
	ContentDocumentId?: string;
}
