/**
 * The shapes the client hands out, in our own terms: the parts of Salesforce's describe, save and query results the
 * package reads. jsforce's own types stay inside the client (its results satisfy these structurally).
 */
import type { SalesforceError } from './error';

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

/** Bulk API 2.0 ingest operations this package sends (hardDelete is left out on purpose: it skips the Recycle Bin). */
export type BulkIngestOperation = 'insert' | 'update' | 'upsert' | 'delete';

export interface BulkIngestRequest {
	/** the object's API name */
	object: string;
	operation: BulkIngestOperation;
	/** upsert only: the external ID field records are matched on */
	externalIdField?: string;
	/**
	 * One record per input, field API name -> value: a string, number or boolean is written, `null` clears the field
	 * (`#N/A` in the CSV), `undefined` or no key leaves it out (an empty cell). Update and delete records carry `Id`.
	 */
	records: Array<Record<string, unknown>>;
}

export interface BulkWaitOptions {
	/** how long to wait for a job to finish before reporting it unfinished (default 10 minutes) */
	timeoutMs?: number;
	/** the first wait between two looks at the job; it doubles up to maxPollIntervalMs (defaults 500 ms and 10 s) */
	pollIntervalMs?: number;
	maxPollIntervalMs?: number;
	/** the execution's cancel signal: stops the wait (the job's outcome is then unknown) */
	abortSignal?: AbortSignal;
	/** stop waiting after this many looks at the job, as at the timeout */
	maxPolls?: number;
}

/** What a job ended as, in Salesforce's terms. */
export interface BulkJobSummary {
	id: string;
	/** JobComplete, Failed, Aborted, or the state it was in when the wait ended */
	state: string;
	/** the records uploaded to it */
	records: number;
	numberRecordsProcessed?: number;
	numberRecordsFailed?: number;
	errorMessage?: string;
	/** it did not finish within the timeout: its records' outcomes are unknown */
	timedOut: boolean;
}

/**
 * One input record's result, in input order. A failure's error says whether it was Salesforce's answer for the record
 * (its code, message and fields, as in sObject Collections), a record the job did not process (not saved), or an
 * outcome nobody knows (`mayHaveCommitted`: the job did not finish in time, or its results could not be read).
 */
export type BulkRecordResult = { ok: true; id: string; created: boolean; jobId: string } | { ok: false; error: SalesforceError; jobId?: string };

export interface BulkIngestResult {
	jobs: BulkJobSummary[];
	results: BulkRecordResult[];
}

export interface BulkQueryOptions extends BulkWaitOptions {
	/** queryAll: include deleted and archived records */
	includeDeleted?: boolean;
	/** records per results page (`maxRecords`; default 50,000) */
	pageSize?: number;
	/** the queried object, when the SOQL's first FROM is not it (it is read from the SOQL otherwise) */
	object?: string;
	/**
	 * The SELECT list's field paths. With them every object the columns go through is described before the job is
	 * created (so that `maxCalls` is known to suffice), and each relationship's Id is read too (then dropped), so that a
	 * related record with empty fields is not mistaken for none.
	 */
	fieldPaths?: string[];
	/** the object's own name and alias as they may prefix fieldPaths */
	ownPrefixes?: string[];
	/** stop after this many records (the results pages ask for no more) */
	maxRecords?: number;
	/**
	 * At most this many API calls from the call to the last results page, describes included: polls are limited to
	 * what is left after the job's creation and the results pages `expectedRecords` need. Too small a budget throws
	 * BULK_CALL_BUDGET before any job exists; polls running out is BULK_JOB_TIMEOUT (the job is aborted).
	 */
	maxCalls?: number;
	/** how many records the job is expected to give (for maxCalls' results pages) */
	expectedRecords?: number;
}

/** One page of a Bulk API 2.0 query's results, with values typed as REST's query returns them. */
export interface BulkQueryPage {
	records: SalesforceRecord[];
	jobId: string;
	/** records the job found in all */
	totalSize: number;
	done: boolean;
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
