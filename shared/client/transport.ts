import { PassThrough } from 'node:stream';

import { Transport } from '@jsforce/jsforce-node/lib/transport';
import type { HttpRequest, HttpResponse } from '@jsforce/jsforce-node/lib/types';
import { StreamPromise } from '@jsforce/jsforce-node/lib/util/promise';
import { sleep } from 'n8n-workflow';

import { MAX_RETRIES, RETRY_BASE_DELAY_MS } from './constants';

/** One HTTP exchange as the client sees it; `body` stays raw so binary downloads survive. */
export interface RawResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: Buffer;
	/** How many times the request was sent (retries included) */
	attempts?: number;
}

export type SendFn = (req: HttpRequest) => Promise<RawResponse>;

const TRANSIENT_STATUS = new Set([502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED']);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: MAX_RETRIES, baseDelayMs: RETRY_BASE_DELAY_MS };

/** sObject Collections' retrieve is a POST that reads: `POST /composite/sobjects/{Object}` */
export function isReadOnlyPost(method: string, url: string): boolean {
	if (method.toUpperCase() !== 'POST') return false;
	const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
	return /^\/services\/data\/v\d+\.\d+\/composite\/sobjects\/[A-Za-z][A-Za-z0-9_]*$/.test(path);
}

function lockRowError(res: RawResponse): boolean {
	// A whole-request UNABLE_TO_LOCK_ROW means Salesforce rolled the request back: retrying cannot duplicate a write
	return res.statusCode >= 400 && res.body.length < 65536 && res.body.includes('UNABLE_TO_LOCK_ROW');
}

function networkCode(error: unknown): string | undefined {
	let e: unknown = error;
	for (let depth = 0; e && depth < 5; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return code;
		e = (e as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * Decides whether a failed attempt may be repeated. Writes that are not idempotent (POST creates) are never repeated
 * after a 5xx or a dropped connection, because Salesforce may have committed them; a lock error is safe for all.
 * REQUEST_LIMIT_EXCEEDED (403) is never retried: it would only spend more of the daily limit.
 */
export function shouldRetry(method: string, outcome: { response?: RawResponse; error?: unknown }, url = ''): boolean {
	const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase()) || isReadOnlyPost(method, url);
	if (outcome.response) {
		if (lockRowError(outcome.response)) return true;
		return idempotent && TRANSIENT_STATUS.has(outcome.response.statusCode);
	}
	return idempotent && networkCode(outcome.error) !== undefined;
}

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
	const exp = policy.baseDelayMs * 2 ** attempt;
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** Wraps a send function with the retry policy above (buffered exchanges, and streamed ones whose body is re-opened per try). */
export function withRetries<Q extends { method: string; url: string } = HttpRequest, R extends RawResponse = RawResponse>(
	send: (req: Q) => Promise<R>,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): (req: Q) => Promise<R> {
	return async (req) => {
		for (let attempt = 0; ; attempt++) {
			// the client translates a final failure into an n8n error; here it only decides whether to try again
			const outcome = await send(req).then(
				(response) => ({ response, error: undefined }),
				(error: unknown) => ({ response: undefined, error: error ?? new Error('request failed') }),
			);
			if (attempt < policy.maxRetries && shouldRetry(req.method, outcome, req.url)) {
				await sleep(backoffDelay(attempt, policy));
				continue;
			}
			if (outcome.response) return { ...outcome.response, attempts: attempt + 1 };
			throw outcome.error;
		}
	};
}

/**
 * jsforce's HTTP layer routed through a send function (n8n's authenticated request helper): jsforce keeps building
 * requests and parsing responses and errors; n8n owns the token, its refresh, proxies and SSRF rules.
 */
export class N8nTransport extends Transport {
	constructor(private readonly send: SendFn) {
		super();
	}

	httpRequest(req: HttpRequest): StreamPromise<HttpResponse> {
		return StreamPromise.create(() => {
			const stream = new PassThrough();
			const promise = this.send(req).then(
				(res) => {
					stream.end(res.body);
					return { statusCode: res.statusCode, headers: res.headers, body: res.body.toString('utf8') };
				},
				(error: unknown) => {
					stream.end();
					throw error;
				},
			);
			return { stream, promise };
		});
	}
}
