/**
 * /query and /queryAll: run SOQL through the engine (soql/index.ts) and page the result with server-side query
 * locators (`nextRecordsUrl: /services/data/vXX.X/query/01g...-2000`), honouring `Sforce-Query-Options: batchSize`.
 */
import { randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { SfError } from '../errors';
import type { Org } from '../org';
import type { QueryContext, QueryOptions, QueryResult } from '../soql/types';
import { versionOf } from './sobjects';

export type SoqlExecutor = (soql: string, ctx: QueryContext, opts: QueryOptions) => QueryResult;

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const MAX_BATCH = 2000;
/** Salesforce drops a query cursor after 15 minutes without use */
const LOCATOR_TTL_MS = 15 * 60 * 1000;
/** Open cursors kept before the oldest are dropped (Salesforce limits open cursors per user) */
const MAX_LOCATORS = 500;

let executorOverride: SoqlExecutor | undefined;

/** Lets tests (or a different engine) stand in for soql/index.ts. */
export function setSoqlExecutor(fn: SoqlExecutor | undefined): void {
	executorOverride = fn;
}

function executor(): SoqlExecutor {
	if (executorOverride) return executorOverride;
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require('../soql/index') as { executeSoql?: SoqlExecutor };
		if (typeof mod.executeSoql === 'function') return mod.executeSoql;
	} catch (e) {
		if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
	}
	throw new SfError(501, 'NOT_IMPLEMENTED', 'The sandbox has no SOQL engine yet');
}

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

function invalidLocator(): SfError {
	return new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
}

export function registerQueryRoutes(app: FastifyInstance, org: Org): void {
	const cursors = new Map<string, Cursor>();

	const prune = () => {
		const now = Date.now();
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
		let result: QueryResult;
		try {
			result = executor()(q, org.store.queryContext(version), { includeDeleted });
		} catch (e) {
			const err = e as { errorCode?: unknown; message?: string; statusCode?: unknown };
			if (!(e instanceof SfError) && typeof err.errorCode === 'string') {
				throw new SfError(typeof err.statusCode === 'number' ? err.statusCode : 400, err.errorCode, err.message ?? '');
			}
			throw e;
		}
		const cursor: Cursor = { records: result.records, totalSize: result.totalSize, batchSize: batchSizeOf(request), lastUsed: Date.now() };
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
		if (!cursor || Date.now() - cursor.lastUsed > LOCATOR_TTL_MS || offset > cursor.records.length) {
			if (cursor) cursors.delete(m[1]);
			throw invalidLocator();
		}
		cursor.lastUsed = Date.now();
		return page(version, m[1], cursor, offset);
	};
	app.get<{ Params: { locator: string } }>('/services/data/:version/query/:locator', more);
	app.get<{ Params: { locator: string } }>('/services/data/:version/queryAll/:locator', more);
}
