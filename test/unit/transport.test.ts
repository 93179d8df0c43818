import type { HttpRequest } from '@jsforce/jsforce-node/lib/types';

import { parseLimitInfo } from '../../shared/client/client';
import { backoffDelay, shouldRetry, withRetries, type RawResponse } from '../../shared/client/transport';

const res = (statusCode: number, body = ''): RawResponse => ({ statusCode, headers: {}, body: Buffer.from(body) });
const net = (code: string) => Object.assign(new Error(code), { code });

describe('retry policy', () => {
	it('retries transient failures of idempotent calls only', () => {
		expect(shouldRetry('GET', { response: res(503) })).toBe(true);
		expect(shouldRetry('PATCH', { response: res(502) })).toBe(true);
		expect(shouldRetry('DELETE', { error: net('ECONNRESET') })).toBe(true);
		expect(shouldRetry('GET', { error: { cause: net('ETIMEDOUT') } })).toBe(true);
		// a POST may have been committed before the connection dropped: never repeat it
		expect(shouldRetry('POST', { response: res(503) })).toBe(false);
		expect(shouldRetry('POST', { error: net('ECONNRESET') })).toBe(false);
	});

	it('treats the collections retrieve (a POST that reads) as idempotent, and only it', () => {
		const base = 'https://acme.my.salesforce.com/services/data/v66.0';
		expect(shouldRetry('POST', { response: res(503) }, `${base}/composite/sobjects/Account`)).toBe(true);
		expect(shouldRetry('POST', { response: res(503) }, `${base}/composite/sobjects`)).toBe(false);
		expect(shouldRetry('POST', { response: res(503) }, `${base}/sobjects/Account`)).toBe(false);
		expect(shouldRetry('POST', { response: res(503) }, `${base}/composite`)).toBe(false);
	});

	it('retries a lock error for every method (Salesforce rolled the request back)', () => {
		const lock = res(400, '[{"errorCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access"}]');
		expect(shouldRetry('POST', { response: lock })).toBe(true);
		expect(shouldRetry('GET', { response: lock })).toBe(true);
	});

	it('never retries the daily limit, client errors or successes', () => {
		const limit = res(403, '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]');
		expect(shouldRetry('GET', { response: limit })).toBe(false);
		expect(shouldRetry('GET', { response: res(400, '[{"errorCode":"MALFORMED_QUERY"}]') })).toBe(false);
		expect(shouldRetry('GET', { response: res(200) })).toBe(false);
		expect(shouldRetry('GET', { error: new Error('boom') })).toBe(false);
	});

	it('backs off exponentially within bounds', () => {
		for (let attempt = 0; attempt < 4; attempt++) {
			const d = backoffDelay(attempt, { maxRetries: 3, baseDelayMs: 100 });
			expect(d).toBeGreaterThanOrEqual((100 * 2 ** attempt) / 2);
			expect(d).toBeLessThanOrEqual(100 * 2 ** attempt);
		}
	});

	it('gives up after maxRetries and returns the last response', async () => {
		let calls = 0;
		const send = withRetries(async () => {
			calls++;
			return res(503);
		}, { maxRetries: 2, baseDelayMs: 1 });
		const out = await send({ method: 'GET', url: 'http://x' } as HttpRequest);
		expect(out.statusCode).toBe(503);
		expect(calls).toBe(3);
	});

	it('returns the first good response and rethrows non-retriable errors at once', async () => {
		let calls = 0;
		const flaky = withRetries(async () => (++calls < 2 ? res(503) : res(200, 'ok')), { maxRetries: 3, baseDelayMs: 1 });
		expect((await flaky({ method: 'GET', url: 'http://x' } as HttpRequest)).body.toString()).toBe('ok');
		expect(calls).toBe(2);
		let posts = 0;
		const post = withRetries(async () => {
			posts++;
			throw net('ECONNRESET');
		}, { maxRetries: 3, baseDelayMs: 1 });
		await expect(post({ method: 'POST', url: 'http://x' } as HttpRequest)).rejects.toThrow('ECONNRESET');
		expect(posts).toBe(1);
	});
});

describe('Sforce-Limit-Info', () => {
	it('reads the daily API usage from the header', () => {
		expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000 });
		expect(parseLimitInfo('per-app-api-usage=2/250(appName=x), api-usage=4999/5000')).toEqual({ used: 4999, max: 5000 });
		expect(parseLimitInfo(undefined)).toBeUndefined();
		expect(parseLimitInfo('nonsense')).toBeUndefined();
	});
});
