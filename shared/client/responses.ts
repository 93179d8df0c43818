/**
 * Reading failures into SalesforceErrors: Salesforce's error bodies (`[{message, errorCode, fields}]`, OAuth's
 * `{error, error_description}`), jsforce's errors, n8n's request-helper errors and dropped connections. Texts we did
 * not write are redacted and cut short; nothing from request headers or credentials is copied.
 */
import { redact } from '../redact';
import type { AuthenticationMethod } from './constants';
import { CLIENT_CODES, SalesforceError } from './error';
import type { RawResponse } from './transport';

interface ErrorBody {
	code: string;
	message: string;
	fields?: string[];
}

/** Salesforce error bodies: REST's array, collections' `{statusCode, …}`, OAuth's `{error, error_description}`. */
export function parseErrorBody(body: unknown): ErrorBody | undefined {
	let value = body;
	if (typeof value === 'string' || Buffer.isBuffer(value)) {
		try {
			value = JSON.parse(value.toString());
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
		code: typeof code === 'string' ? code : 'UNKNOWN_ERROR',
		message: typeof message === 'string' ? message : String(code),
		fields: Array.isArray(v.fields) ? v.fields.map(String) : undefined,
	};
}

/** A non-2xx answer. A 5xx to a write that is not Salesforce's own error body (a proxy's page) leaves the outcome unknown. */
export function errorFromResponse(res: RawResponse, opts: { write?: boolean; object?: string } = {}): SalesforceError {
	const parsed = parseErrorBody(res.body);
	if (parsed) {
		return new SalesforceError({ code: parsed.code, message: redact(parsed.message), fields: parsed.fields, status: res.statusCode, object: opts.object });
	}
	if (opts.write && res.statusCode >= 500) {
		return new SalesforceError({
			code: CLIENT_CODES.OUTCOME_UNKNOWN,
			message: `The write got HTTP ${res.statusCode} from something other than Salesforce (a proxy or load balancer)`,
			hint: 'Salesforce may have saved the records before the answer was lost: check them in Salesforce before running the workflow again.',
			status: res.statusCode,
			mayHaveCommitted: true,
			object: opts.object,
		});
	}
	const excerpt = redact(res.body.toString('utf8').replace(/\s+/g, ' ').trim()).slice(0, 200);
	return new SalesforceError({
		code: `ERROR_HTTP_${res.statusCode}`,
		message: `Salesforce answered HTTP ${res.statusCode}${excerpt ? `: ${excerpt}` : ''}`,
		status: res.statusCode,
		object: opts.object,
	});
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ENOTFOUND', 'UND_ERR_SOCKET']);

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'was closed before it answered',
	UND_ERR_SOCKET: 'was closed before it answered',
	EPIPE: 'was closed before it answered',
	ECONNABORTED: 'was aborted',
	ETIMEDOUT: 'timed out',
	ECONNREFUSED: 'was refused',
	EAI_AGAIN: 'failed: the host name could not be resolved',
	ENOTFOUND: 'failed: the host name could not be resolved',
};

function networkCode(error: unknown): string | undefined {
	let e: unknown = error;
	for (let depth = 0; e && depth < 6; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
		const message = (e as { message?: unknown }).message;
		// n8n's request helper words a dropped connection its own way
		if (typeof message === 'string' && /socket hang up|other side closed|ECONNRESET|connection to the server was closed/i.test(message)) return 'ECONNRESET';
		if (typeof message === 'string' && /ECONNREFUSED|refused the connection/i.test(message)) return 'ECONNREFUSED';
		e = (e as { cause?: unknown }).cause;
	}
	return undefined;
}

const S2S_LOGIN = /refused the (JWT bearer|client credentials) login|private key|Could not reach .*\/services\/oauth2\/token/i;

/** Whatever a request or jsforce threw, as a SalesforceError. */
export function errorFromThrown(error: unknown, authentication: AuthenticationMethod): SalesforceError {
	if (error instanceof SalesforceError) return error;
	const e = (error ?? {}) as { errorCode?: unknown; message?: unknown; description?: unknown; data?: unknown; httpCode?: unknown; cause?: unknown };
	const text = `${String(e.message ?? '')} ${String(e.description ?? '')}`;
	// the named credential's own login (preAuthentication) failed: its message names the real reason
	if (authentication === 'namedCredential' && S2S_LOGIN.test(text)) {
		const inner = S2S_LOGIN.test(String(e.message ?? '')) ? String(e.message) : String(e.description ?? e.message);
		return new SalesforceError({ code: CLIENT_CODES.CONNECTION_FAILED, message: redact(inner), status: 400, cause: error });
	}
	const code = networkCode(error);
	if (code) {
		// in words: n8n replaces a message that names a network code with its own "you can retry" text
		return new SalesforceError({
			code: CLIENT_CODES.NETWORK_ERROR,
			message: `The connection to Salesforce ${NETWORK_WORDS[code] ?? 'failed'}`,
			hint: 'Check that the org is reachable from n8n; the request was retried where that was safe.',
			cause: error,
		});
	}
	if (authentication === 'oAuth2' && (String(e.httpCode ?? '') === '401' || /invalid_grant|expired access\/refresh token|refresh token/i.test(text))) {
		return new SalesforceError({
			code: 'INVALID_SESSION_ID',
			message: /invalid_grant|expired access\/refresh token/i.test(text)
				? 'The refresh token is expired or was revoked: reconnect this credential'
				: 'Session expired or invalid: reconnect this credential',
			status: 401,
		});
	}
	if (String(e.httpCode ?? '') === '401') {
		return new SalesforceError({ code: 'INVALID_SESSION_ID', message: 'Session expired or invalid', status: 401 });
	}
	// jsforce's HttpApiError: errorCode plus the parsed body in data
	const body = parseErrorBody(e.data);
	if (body && body.code !== 'UNKNOWN_ERROR') return new SalesforceError({ code: body.code, message: redact(body.message), fields: body.fields });
	if (typeof e.errorCode === 'string') {
		const http = /^ERROR_HTTP_(\d{3})$/.exec(e.errorCode);
		const message = typeof e.message === 'string' ? redact(e.message).slice(0, 300) : e.errorCode;
		return new SalesforceError({ code: e.errorCode, message, status: http ? Number(http[1]) : undefined });
	}
	return new SalesforceError({
		code: CLIENT_CODES.NETWORK_ERROR,
		message: redact(error instanceof Error ? error.message : String(error)).slice(0, 300) || 'The request to Salesforce failed',
		hint: 'The request to Salesforce failed before Salesforce answered. Check the connection URL and that the org is reachable from n8n.',
		cause: error,
	});
}
