/**
 * /query and /queryAll: run SOQL through the engine (soql/index.ts) and page the result with server-side query
 * locators (`nextRecordsUrl: /services/data/vXX.X/query/01g...-2000`), honouring `Sforce-Query-Options: batchSize`.
 */
import { randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { SfError } from '../errors';
import type { Org } from '../org';
import { executeSoql, type QueryResult } from '../soql/index';
import type { QueryUser } from '../soql/types';
import { versionOf } from './sobjects';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const MAX_BATCH = 2000;
/** "The queryLocator value expires automatically after 15 minutes of inactivity" (SOAP API Developer Guide: "QueryLocator"), on the org's clock */
const LOCATOR_TTL_MS = 15 * 60 * 1000;
/** Open cursors kept before the oldest are dropped (Salesforce limits open cursors per user) */
const MAX_LOCATORS = 500;

/** `Sforce-Query-Options: batchSize=N`, clamped to Salesforce's 200..2000. */
export function batchSizeOf(request: FastifyRequest): number {
	const header = request.headers['sforce-query-options'];
	const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
	const m = /(?:^|[,;\s])batchSize\s*=\s*(\d+)/i.exec(raw);
	if (!m) return DEFAULT_BATCH;
	return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

interface Cursor {
	records: Array<Record<string, unknown>>;
	totalSize: number;
	batchSize: number;
	lastUsed: number;
}

/** The caller's time zone and locale, which decide date literals such as TODAY and THIS_WEEK. */
function queryUser(org: Org, request: FastifyRequest): QueryUser | undefined {
	const user = request.sfSession ? org.findUserById(request.sfSession.userId) : undefined;
	return user ? { timeZone: user.timeZone, locale: user.locale } : undefined;
}

function invalidLocator(): SfError {
	return new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
}

export function registerQueryRoutes(app: FastifyInstance, org: Org): void {
	const cursors = new Map<string, Cursor>();

	const prune = () => {
		const now = org.nowMs();
		for (const [k, c] of cursors) if (now - c.lastUsed > LOCATOR_TTL_MS) cursors.delete(k);
		while (cursors.size > MAX_LOCATORS) cursors.delete(cursors.keys().next().value as string);
	};

	const page = (version: string, locator: string | undefined, cursor: Cursor, offset: number) => {
		const end = Math.min(offset + cursor.batchSize, cursor.records.length);
		const records = cursor.records.slice(offset, end);
		const done = end >= cursor.records.length;
		const body: Record<string, unknown> = { totalSize: cursor.totalSize, done };
		if (!done) {
			let id = locator;
			if (!id) {
				// Locators look like an 01g record id, as Salesforce's do
				id = `01g${randomBytes(12).toString('base64').replace(/[^a-zA-Z0-9]/g, '').padEnd(15, 'A').slice(0, 15)}`;
				cursors.set(id, cursor);
				prune();
			}
			body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${end}`;
		} else if (locator) {
			cursors.delete(locator);
		}
		body.records = records;
		return body;
	};

	const run = (request: FastifyRequest<{ Querystring: { q?: string } }>, includeDeleted: boolean) => {
		const version = versionOf(request);
		const q = request.query.q;
		if (q === undefined || q.trim() === '') throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
		const result: QueryResult = executeSoql(q, org.store.queryContext(version, queryUser(org, request)), { includeDeleted });
		const cursor: Cursor = { records: result.records, totalSize: result.totalSize, batchSize: batchSizeOf(request), lastUsed: org.nowMs() };
		return page(version, undefined, cursor, 0);
	};

	app.get<{ Querystring: { q?: string } }>('/services/data/:version/query', async (request) => run(request, false));
	app.get<{ Querystring: { q?: string } }>('/services/data/:version/queryAll', async (request) => run(request, true));

	const more = async (request: FastifyRequest<{ Params: { locator: string } }>) => {
		const version = versionOf(request);
		const m = /^([a-zA-Z0-9]+)-(\d+)$/.exec(request.params.locator);
		if (!m) throw invalidLocator();
		const cursor = cursors.get(m[1]);
		const offset = Number(m[2]);
		const now = org.nowMs();
		if (!cursor || now - cursor.lastUsed > LOCATOR_TTL_MS || offset > cursor.records.length) {
			if (cursor) cursors.delete(m[1]);
			throw invalidLocator();
		}
		cursor.lastUsed = now;
		return page(version, m[1], cursor, offset);
	};
	app.get<{ Params: { locator: string } }>('/services/data/:version/query/:locator', more);
	app.get<{ Params: { locator: string } }>('/services/data/:version/queryAll/:locator', more);
}
