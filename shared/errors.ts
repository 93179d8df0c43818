/**
 * One translation of Salesforce failures into n8n errors: message, errorCode, fields, HTTP status, item index and a
 * description with the likely fix. Nothing from request headers or credentials is ever copied into an error.
 */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

export interface SalesforceErrorInfo {
	message: string;
	errorCode: string;
	fields?: string[];
	httpCode?: number;
}

const ID_HINT =
	'A Salesforce record ID has 15 or 18 letters and digits and starts with the 3-character prefix of its object (e.g. 001 for Account, 003 for Contact).';

/** The fix to suggest for an error code, when one is known. */
export function hintFor(info: SalesforceErrorInfo, context: { object?: string; knownFields?: string[] } = {}): string | undefined {
	switch (info.errorCode) {
		case 'INVALID_FIELD':
		case 'INVALID_FIELD_FOR_INSERT_UPDATE': {
			const known = context.knownFields?.length
				? ` Fields that exist${context.object ? ` on ${context.object}` : ''}: ${context.knownFields.slice(0, 40).join(', ')}${context.knownFields.length > 40 ? ', …' : ''}.`
				: '';
			return info.errorCode === 'INVALID_FIELD'
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
			return `Fill in the required field${info.fields && info.fields.length > 1 ? 's' : ''}${info.fields?.length ? `: ${info.fields.join(', ')}` : ''}.`;
		case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
			return 'Use one of the picklist values defined for this field (pick them from the list in the field).';
		case 'STRING_TOO_LONG':
			return 'Shorten the value to the field’s maximum length.';
		case 'DUPLICATE_VALUE':
			return 'Another record already has this unique value. Use Upsert to update it instead, or change the value.';
		case 'REQUEST_LIMIT_EXCEEDED':
			return 'The org has used its daily API request limit (rolling 24 hours). The call was not retried; wait, lower the polling frequency or batch more items, or ask Salesforce for a higher limit.';
		case 'INVALID_SESSION_ID':
			return 'The connection’s session is no longer valid and could not be refreshed: open the credential and reconnect it.';
		case 'MALFORMED_QUERY':
			return 'The generated query was rejected. Check the filter values and field types.';
		case 'UNABLE_TO_LOCK_ROW':
			return 'Another process is editing the same records. The call was retried; run the workflow again later.';
		case 'API_DISABLED_FOR_ORG':
		case 'API_CURRENTLY_DISABLED':
			return 'Your org or user has no API access: Professional Edition needs the API add-on, and the user needs the "API Enabled" permission.';
		default:
			return undefined;
	}
}

/** Salesforce error bodies: `[{message, errorCode, fields}]`, collections' `{statusCode, message, fields}`, OAuth's. */
export function parseSalesforceError(body: unknown, httpCode?: number): SalesforceErrorInfo | undefined {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	if (Array.isArray(value)) value = value[0];
	if (!value || typeof value !== 'object') return undefined;
	const v = value as Record<string, unknown>;
	const code = v.errorCode ?? v.statusCode ?? v.error;
	const message = v.message ?? v.error_description;
	if (typeof code !== 'string' && typeof message !== 'string') return undefined;
	return {
		errorCode: typeof code === 'string' ? code : 'UNKNOWN_ERROR',
		message: typeof message === 'string' ? message : String(code),
		fields: Array.isArray(v.fields) ? v.fields.map(String) : undefined,
		httpCode,
	};
}

/** What jsforce throws (HttpApiError: errorCode, data) reduced to our shape. */
export function infoFromThrown(error: unknown): SalesforceErrorInfo | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const e = error as { errorCode?: unknown; message?: unknown; data?: unknown; name?: unknown };
	const fromData = parseSalesforceError(e.data);
	if (fromData && fromData.errorCode !== 'UNKNOWN_ERROR') return fromData;
	if (typeof e.errorCode === 'string') {
		const httpMatch = /^ERROR_HTTP_(\d{3})$/.exec(e.errorCode);
		return {
			errorCode: e.errorCode,
			message: typeof e.message === 'string' ? e.message : e.errorCode,
			httpCode: httpMatch ? Number(httpMatch[1]) : undefined,
		};
	}
	return undefined;
}

const HTTP_BY_CODE: Record<string, number> = {
	INVALID_SESSION_ID: 401,
	REQUEST_LIMIT_EXCEEDED: 403,
	NOT_FOUND: 404,
	ENTITY_IS_DELETED: 404,
	UNABLE_TO_LOCK_ROW: 409,
};

/** Strips anything that looks like a token or a secret from text we did not write ourselves. */
export function redact(text: string, secrets: string[] = []): string {
	let out = text;
	for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('***');
	return out
		.replace(/Bearer\s+[A-Za-z0-9!._\-~+/=]+/g, 'Bearer ***')
		.replace(/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, '***')
		.replace(/(access_token|refresh_token|client_secret|assertion)=([^&\s"]+)/g, '$1=***');
}

export function salesforceApiError(
	node: INode,
	info: SalesforceErrorInfo,
	opts: { itemIndex?: number; object?: string; knownFields?: string[]; secrets?: string[] } = {},
): NodeApiError {
	const message = redact(info.message, opts.secrets);
	const httpCode = info.httpCode ?? HTTP_BY_CODE[info.errorCode];
	const body: JsonObject = { errorCode: info.errorCode, message, fields: info.fields ?? [] };
	const err = new NodeApiError(node, body, {
		message: `${info.errorCode}: ${message}`,
		description: hintFor(info, opts),
		httpCode: httpCode ? String(httpCode) : undefined,
		itemIndex: opts.itemIndex,
	});
	err.context.errorCode = info.errorCode;
	err.context.fields = info.fields ?? [];
	return err;
}

/** Any error thrown while talking to Salesforce, as an n8n error that is safe to show. */
export function translateError(
	node: INode,
	error: unknown,
	opts: { itemIndex?: number; object?: string; knownFields?: string[]; secrets?: string[] } = {},
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (opts.itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = opts.itemIndex;
		return error;
	}
	const info = infoFromThrown(error);
	if (info) return salesforceApiError(node, info, opts);
	const message = redact(error instanceof Error ? error.message : String(error), opts.secrets);
	return new NodeOperationError(node, message, {
		itemIndex: opts.itemIndex,
		description: 'The request to Salesforce failed before Salesforce answered. Check the connection URL and that the org is reachable from n8n.',
	});
}
