/**
 * The one error type that leaves the Salesforce client. Whatever failed (an HTTP status, a dropped connection, an
 * answer of an undocumented shape, a refused URL), callers see a code, a message, the fields involved, the HTTP
 * status when there was one and, for writes, whether Salesforce may have committed the change anyway.
 */
export interface SalesforceErrorInit {
	code: string;
	message: string;
	fields?: string[];
	status?: number;
	/** The fix to suggest, when the client knows better than the code's general hint */
	hint?: string;
	/** A write whose answer was lost: it may or may not have been saved (never retry blindly) */
	mayHaveCommitted?: boolean;
	object?: string;
	/** the Bulk API job the failure belongs to, so the user can find it in Salesforce */
	jobId?: string;
	cause?: unknown;
}

export class SalesforceError extends Error {
	readonly code: string;
	readonly fields: string[];
	readonly status?: number;
	readonly hint?: string;
	readonly mayHaveCommitted: boolean;
	readonly object?: string;
	readonly jobId?: string;

	constructor(init: SalesforceErrorInit) {
		super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
		this.name = 'SalesforceError';
		this.code = init.code;
		this.fields = init.fields ?? [];
		this.status = init.status;
		this.hint = init.hint;
		this.mayHaveCommitted = init.mayHaveCommitted === true;
		this.object = init.object;
		this.jobId = init.jobId;
	}

	with(extra: Partial<SalesforceErrorInit>): SalesforceError {
		return new SalesforceError({ ...this.init(), ...extra });
	}

	init(): SalesforceErrorInit {
		return {
			code: this.code,
			message: this.message,
			fields: this.fields,
			status: this.status,
			hint: this.hint,
			mayHaveCommitted: this.mayHaveCommitted,
			object: this.object,
			jobId: this.jobId,
			cause: this.cause,
		};
	}
}

/** Codes the client itself gives (Salesforce's own codes pass through unchanged). */
export const CLIENT_CODES = {
	/** no answer, or an answer that is not Salesforce's, to a request that may have changed data */
	OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
	/** Salesforce answered 2xx with a body that is not the documented shape */
	UNEXPECTED_RESPONSE: 'UNEXPECTED_RESPONSE',
	/** no answer to a request that changes nothing */
	NETWORK_ERROR: 'NETWORK_ERROR',
	/** a request to a host other than the org's was refused before it left */
	URL_REFUSED: 'URL_REFUSED',
	API_VERSION_NOT_SERVED: 'API_VERSION_NOT_SERVED',
	CONNECTION_FAILED: 'CONNECTION_FAILED',
	/** a Bulk API job failed or was aborted before it processed the record: it was not saved */
	BULK_JOB_FAILED: 'BULK_JOB_FAILED',
	/** a Bulk API query job did not finish within the timeout */
	BULK_JOB_TIMEOUT: 'BULK_JOB_TIMEOUT',
	/** a Bulk API query would need more API calls than it was allowed: no job was created */
	BULK_CALL_BUDGET: 'BULK_CALL_BUDGET',
} as const;
