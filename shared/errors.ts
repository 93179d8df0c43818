/**
 * The one translation of failures into what an n8n user sees: a NodeApiError (Salesforce said no, or the outcome is
 * unknown) or a NodeOperationError (our own checks), each with the item index and a description that tells the fix.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type ILoadOptionsFunctions, type INode, type JsonObject } from 'n8n-workflow';

import { CLIENT_CODES, SalesforceError } from './client/error';
import { QueryInputError } from './query/errors';
import { InputError } from './records/inputError';
import { ID_HINT } from './records/ids';
import { redact } from './redact';

export { redact };

/** Codes the client gives itself: their messages stand alone, without a code prefix. */
const OWN_CODES = new Set<string>([...Object.values(CLIENT_CODES), 'INVALID_API_VERSION', 'INVALID_CONNECTION_TYPE', 'INVALID_INPUT']);

/** The fix to suggest for an error code, when one is known. */
export function hintFor(code: string, context: { object?: string; knownFields?: string[]; fields?: string[] } = {}): string | undefined {
	switch (code) {
		case 'INVALID_FIELD':
		case 'INVALID_FIELD_FOR_INSERT_UPDATE': {
			const known = context.knownFields?.length
				? ` Fields that exist${context.object ? ` on ${context.object}` : ''}: ${context.knownFields.slice(0, 40).join(', ')}${context.knownFields.length > 40 ? ', …' : ''}.`
				: '';
			return code === 'INVALID_FIELD'
				? `Check the field API names (custom fields end in __c).${known}`
				: `The field is read-only for this user or not writable on this operation: remove it, or ask your admin for edit access.${known}`;
		}
		case 'INVALID_TYPE':
		case 'NOT_FOUND_OBJECT':
			return `The object${context.object ? ` "${context.object}"` : ''} does not exist in this org or your user cannot see it. Custom objects end in __c; pick the object from the list to be sure.`;
		case 'MALFORMED_ID':
		case 'INVALID_ID_FIELD':
		case 'INVALID_CROSS_REFERENCE_KEY':
			return ID_HINT;
		case 'NOT_FOUND':
			return 'No record with this ID (or external ID) exists, or your user cannot see it.';
		case 'ENTITY_IS_DELETED':
			return 'The record is in the Recycle Bin. Restore it in Salesforce or use another ID.';
		case 'REQUIRED_FIELD_MISSING':
			return `Fill in the required field${context.fields && context.fields.length > 1 ? 's' : ''}${context.fields?.length ? `: ${context.fields.join(', ')}` : ''}.`;
		case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
			return 'Use one of the picklist values defined for this field (pick them from the list in the field).';
		case 'STRING_TOO_LONG':
			return 'Shorten the value to the field’s maximum length.';
		case 'DUPLICATE_VALUE':
			return 'Another record already has this unique value. Use Create or Update (upsert) instead, or change the value.';
		case 'REQUEST_LIMIT_EXCEEDED':
			return 'The org has used its daily API request limit (rolling 24 hours). The call was not retried; wait, lower the polling frequency or batch more items, or ask Salesforce for a higher limit.';
		case 'INVALID_SESSION_ID':
			return 'The connection’s session is no longer valid and could not be refreshed: open the credential and reconnect it.';
		case 'MALFORMED_QUERY':
			return 'The query was rejected. Check the field names, the filter values and their types.';
		case 'UNABLE_TO_LOCK_ROW':
			return 'Another process is editing the same records. The call was retried; run the workflow again later.';
		case 'API_DISABLED_FOR_ORG':
		case 'API_CURRENTLY_DISABLED':
			return 'Your org or user has no API access: Professional Edition needs the API add-on, and the user needs the "API Enabled" permission.';
		case CLIENT_CODES.OUTCOME_UNKNOWN:
		case CLIENT_CODES.UNEXPECTED_RESPONSE:
			return 'Salesforce may have saved the records before the answer was lost: check them in Salesforce before running the workflow again.';
		case CLIENT_CODES.CONNECTION_FAILED:
			return 'Open the credential and check the connected app, the user and the key; the message above is Salesforce’s own reason.';
		default:
			return undefined;
	}
}

const HTTP_BY_CODE: Record<string, number> = {
	INVALID_SESSION_ID: 401,
	REQUEST_LIMIT_EXCEEDED: 403,
	NOT_FOUND: 404,
	ENTITY_IS_DELETED: 404,
	INVALID_TYPE: 404,
	UNABLE_TO_LOCK_ROW: 409,
};

export interface ErrorContext {
	itemIndex?: number;
	object?: string;
	knownFields?: string[];
}

/** A SalesforceError (whole request or one record) as a NodeApiError whose message and description are safe to show. */
export function apiError(node: INode, error: SalesforceError, ctx: ErrorContext = {}): NodeApiError {
	const message = redact(error.message);
	const object = ctx.object ?? error.object;
	const httpCode = error.status ?? HTTP_BY_CODE[error.code];
	const body: JsonObject = { errorCode: error.code, message, fields: error.fields };
	const err = new NodeApiError(node, body, {
		message: OWN_CODES.has(error.code) || error.code.startsWith('ERROR_HTTP_') ? message : `${error.code}: ${message}`,
		description: error.hint ?? hintFor(error.code, { object, knownFields: ctx.knownFields, fields: error.fields }) ?? '',
		httpCode: httpCode ? String(httpCode) : undefined,
		itemIndex: ctx.itemIndex,
	});
	err.context.errorCode = error.code;
	err.context.fields = error.fields;
	err.context.outcome = error.mayHaveCommitted ? 'unknown' : 'failed';
	return err;
}

/**
 * Input the node refused before sending (a field value, a condition, the filter logic, a sort rule, raw SOQL): the
 * message names the field (and the condition row, or shows the position), the hint is the description. A query
 * problem's row, position and parameter are kept in the context.
 */
export function inputError(node: INode, error: InputError | QueryInputError, itemIndex?: number): NodeOperationError {
	const err = new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	err.context.errorCode = 'INVALID_INPUT';
	err.context.fields = error.field ? [error.field] : [];
	err.context.outcome = 'failed';
	if (error instanceof QueryInputError) {
		if (error.row !== undefined) err.context.row = error.row;
		if (error.position !== undefined) err.context.position = error.position;
		if (error.input !== undefined) err.context.input = error.input;
	}
	return err;
}

export type NodeError = NodeApiError | NodeOperationError;

/** Anything thrown while running an operation, as the n8n error to show. */
export function toNodeError(node: INode, error: unknown, ctx: ErrorContext = {}): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (ctx.itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = ctx.itemIndex;
		return error;
	}
	if (error instanceof SalesforceError) return apiError(node, error, ctx);
	if (error instanceof InputError || error instanceof QueryInputError) return inputError(node, error, ctx.itemIndex);
	const message = redact(error instanceof Error ? error.message : String(error));
	return new NodeOperationError(node, message, {
		itemIndex: ctx.itemIndex,
		description: 'The request to Salesforce failed before Salesforce answered. Check the connection URL and that the org is reachable from n8n.',
	});
}

/** What Continue On Fail puts in a failed item: message, Salesforce's code, the fields, the outcome and the fix. */
export function failureJson(err: NodeError): IDataObject {
	const ctx = err.context as { errorCode?: string; fields?: string[]; outcome?: string };
	return {
		error: err.message,
		errorCode: ctx.errorCode ?? null,
		statusCode: ctx.errorCode ?? null,
		fields: ctx.fields ?? [],
		outcome: ctx.outcome ?? 'failed',
		description: err.description ?? null,
	};
}

/** Editor methods show n8n errors with our message and fix, never a raw SalesforceError. */
export function withNodeErrors<A extends unknown[], R>(fn: (this: ILoadOptionsFunctions, ...args: A) => Promise<R>) {
	return async function (this: ILoadOptionsFunctions, ...args: A): Promise<R> {
		try {
			return await fn.apply(this, args);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	};
}
