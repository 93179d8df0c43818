/**
 * The sandbox org's HTTP server: one fastify instance serving OAuth (`/services/oauth2/*`, `/id/*`), REST
 * (`/services/data/*`) and the test controls (`/__sandbox/*`). Cross-cutting behaviour lives in hooks here:
 * bearer auth, daily API usage + `Sforce-Limit-Info`, fault injection, the call log and persistence.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

import { SfError, sendSfError } from './errors';
import { bearerToken, Org, parseApiVersion, type OrgConfig } from './org';
import { registerAdminRoutes } from './routes/admin';
import { registerBulkAdminRoutes } from './routes/bulk-admin';
import { registerBulkIngestRoutes } from './routes/bulk-ingest';
import { registerBulkQueryRoutes } from './routes/bulk-query';
import { registerCompositeRoutes } from './routes/composite';
import { registerFileRoutes } from './routes/files';
import { registerIdentityRoutes } from './routes/identity';
import { registerLimitsRoutes } from './routes/limits';
import { registerNamedCredentialRoutes } from './routes/named-credentials';
import { registerOAuthRoutes } from './routes/oauth';
import { registerQueryRoutes } from './routes/query';
import { registerSobjectRoutes } from './routes/sobjects';

export interface SandboxOptions {
	port?: number;
	/** default 127.0.0.1 */
	host?: string;
	dataFile?: string;
	/** default true */
	seed?: boolean;
	config?: Partial<OrgConfig>;
}

export interface SandboxHandle {
	/** http://127.0.0.1:PORT */
	url: string;
	org: Org;
	close(): Promise<void>;
}

/** 15 MB files travel as base64 inside JSON (about 20 MB); Salesforce accepts up to 37.5 MB of base64. */
const BODY_LIMIT = 64 * 1024 * 1024;
/** Salesforce refuses request URIs over 16,384 bytes with 414 (long SOQL must go by POST or be split). */
export const MAX_URI_BYTES = 16_384;

export type PathKind = 'versions' | 'rest' | 'oauth' | 'admin' | 'other';

export function classifyPath(path: string): PathKind {
	if (path.startsWith('/__sandbox/') || path === '/__sandbox') return 'admin';
	if (path === '/services/data' || path === '/services/data/') return 'versions';
	if (path.startsWith('/services/data/') || path.startsWith('/services/apexrest')) return 'rest';
	if (path.startsWith('/services/oauth2/') || path.startsWith('/id/')) return 'oauth';
	return 'other';
}

function pathOf(url: string): string {
	const q = url.indexOf('?');
	return q < 0 ? url : url.slice(0, q);
}

const INVALID_SESSION = new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

function faultMatches(org: Org, request: FastifyRequest): boolean {
	const f = org.faults;
	if (f.methods?.length && !f.methods.map((m) => m.toUpperCase()).includes(request.method)) return false;
	if (f.matchPath && !new RegExp(f.matchPath).test(request.url)) return false;
	return true;
}

/** Injected failures, consumed one per matching call; returns true when the reply was taken over. */
async function applyFaults(org: Org, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
	const f = org.faults;
	if (!faultMatches(org, request)) return false;
	if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
	if (f.resetConnection > 0) {
		f.resetConnection--;
		org.logCall({ method: request.method, path: pathOf(request.url), status: 0, ts: org.now().toISOString() });
		reply.hijack();
		request.raw.socket.destroy();
		return true;
	}
	if (f.fail503 > 0) {
		f.fail503--;
		sendSfError(reply, new SfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable; please try again later.'));
		return true;
	}
	if (f.lockRow > 0 && request.method !== 'GET') {
		f.lockRow--;
		const id = /\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)(?:[/?]|$)/.exec(request.url)?.[1] ?? '';
		sendSfError(
			reply,
			new SfError(org.config.lockRowStatus, 'UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`.trim()),
		);
		return true;
	}
	return false;
}

export function buildApp(org: Org): FastifyInstance {
	const app = Fastify({
		bodyLimit: BODY_LIMIT,
		logger: false,
		routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
		// Node rejects request lines over 16 KB with 431 before any handler runs; Salesforce answers 414 itself
		serverFactory: (handler) => createServer({ maxHeaderSize: 256 * 1024 }, handler),
	});
	app.decorateRequest('sfSession', undefined);
	app.decorateRequest('sfApiVersion', undefined);
	app.register(formbody);

	app.addHook('onRequest', async (request, reply) => {
		const path = pathOf(request.url);
		const kind = classifyPath(path);
		if (kind !== 'admin' && Buffer.byteLength(request.url) > MAX_URI_BYTES) {
			return sendSfError(reply, new SfError(414, 'URI_TOO_LONG', `The request URI is longer than ${MAX_URI_BYTES} bytes`));
		}
		if (kind === 'rest') {
			const token = bearerToken(request);
			const session = token ? org.sessionFor(token) : undefined;
			if (!session) return sendSfError(reply, INVALID_SESSION);
			// A token without the api (or full) scope cannot call REST
			if (!session.scopes.includes('api') && !session.scopes.includes('full')) {
				return sendSfError(reply, new SfError(401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API'));
			}
			request.sfSession = session;
			// The API version is checked here, once, before the call counts: an unknown version is a 404 that
			// spends nothing of the daily allowance. Routes read the checked version (apiVersionFromParams).
			if (path.startsWith('/services/data/')) {
				const version = parseApiVersion(/^\/services\/data\/([^/]+)/.exec(path)?.[1]);
				if (!version) return sendSfError(reply, new SfError(404, 'NOT_FOUND', 'The requested resource does not exist'));
				request.sfApiVersion = version;
			}
			const subrequest = request.headers['x-sandbox-subrequest'] === org.subrequestKey;
			try {
				if (!subrequest) org.countApiCall();
			} catch (e) {
				return sendSfError(reply, e as SfError);
			}
		}
		if (kind === 'rest' || kind === 'oauth') {
			if (await applyFaults(org, request, reply)) return reply;
		}
		return undefined;
	});

	app.addHook('onSend', async (request, reply, payload) => {
		const kind = classifyPath(pathOf(request.url));
		if (kind === 'rest') reply.header('Sforce-Limit-Info', org.limitHeader());
		// Every response carries the org's time (its skew and advances included), so a client can read the server
		// clock from it as it does from Salesforce's servers; whole seconds, as HTTP dates have
		reply.header('Date', org.now().toUTCString());
		// the request was processed (its writes are committed); only its answer goes missing
		const f = org.faults;
		if (kind === 'rest' && (f.lostAnswer ?? 0) > 0 && faultMatches(org, request)) {
			f.lostAnswer = (f.lostAnswer ?? 0) - 1;
			if (f.lostAnswerAs === '502') {
				reply.code(502).header('content-type', 'text/html');
				return '<html><body><h1>502 Bad Gateway</h1></body></html>';
			}
			if (f.lostAnswerAs === '204') {
				reply.code(204);
				return '';
			}
			org.logCall({ method: request.method, path: pathOf(request.url), status: 0, ts: org.now().toISOString() });
			request.raw.socket.destroy();
			return '';
		}
		return payload;
	});

	app.addHook('onResponse', async (request, reply) => {
		const path = pathOf(request.url);
		const kind = classifyPath(path);
		if ((kind === 'rest' || kind === 'oauth' || kind === 'versions') && request.headers['x-sandbox-subrequest'] !== org.subrequestKey) {
			org.logCall({ method: request.method, path, status: reply.statusCode, ts: org.now().toISOString() });
		}
		if (request.method !== 'GET' && request.method !== 'HEAD') org.onChange();
	});

	app.setErrorHandler((err: unknown, request, reply) => {
		if (err instanceof SfError) return sendSfError(reply, err);
		const e = err as { statusCode?: number; errorCode?: string; message?: string; code?: string };
		if (typeof e.errorCode === 'string' && typeof e.statusCode === 'number') {
			// SoqlError and friends carry Salesforce's code and status
			return sendSfError(reply, new SfError(e.statusCode, e.errorCode, e.message ?? ''));
		}
		if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && e.statusCode === 400)) {
			return sendSfError(reply, new SfError(400, 'JSON_PARSER_ERROR', `Unexpected character: was expecting a JSON value (${e.message ?? ''})`));
		}
		if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
			return sendSfError(reply, new SfError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request entity too large'));
		}
		if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
			return sendSfError(reply, new SfError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content type '${request.headers['content-type'] ?? ''}' not supported`));
		}
		if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
			return sendSfError(reply, new SfError(e.statusCode, 'INVALID_REQUEST', e.message ?? 'Bad request'));
		}
		request.log.error(err);
		return sendSfError(reply, new SfError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${e.message ?? String(err)}`));
	});

	app.setNotFoundHandler((request, reply) => {
		const kind = classifyPath(pathOf(request.url));
		if (kind === 'oauth') return reply.code(404).type('text/html').send('<html><body>URL No Longer Exists</body></html>');
		return sendSfError(reply, new SfError(404, 'NOT_FOUND', 'The requested resource does not exist'));
	});

	registerOAuthRoutes(app, org);
	registerIdentityRoutes(app, org);
	registerLimitsRoutes(app, org);
	registerNamedCredentialRoutes(app, org);
	registerAdminRoutes(app, org);
	registerSobjectRoutes(app, org);
	registerQueryRoutes(app, org);
	registerCompositeRoutes(app, org);
	registerFileRoutes(app, org);
	registerBulkQueryRoutes(app, org);
	registerBulkIngestRoutes(app, org);
	registerBulkAdminRoutes(app, org);
	return app;
}

// ---- persistence: the org's one format (Org.toJSON / Org.restore) ----

function loadState(org: Org, file: string): boolean {
	if (!existsSync(file)) return false;
	org.restore(JSON.parse(readFileSync(file, 'utf8')));
	return true;
}

function saveState(org: Org, file: string): void {
	writeFileSync(file, JSON.stringify(org.toJSON()));
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
	const org = new Org(opts.config);
	const loaded = opts.dataFile ? loadState(org, opts.dataFile) : false;
	if (!loaded) org.resetStore(opts.seed ?? true);

	let saveTimer: NodeJS.Timeout | undefined;
	if (opts.dataFile) {
		const file = opts.dataFile;
		org.onChange = () => {
			if (saveTimer) return;
			saveTimer = setTimeout(() => {
				saveTimer = undefined;
				saveState(org, file);
			}, 300);
			saveTimer.unref();
		};
		// Writes that do not come through an HTTP write (late-commit visibility, hooks) still get saved
		org.store.onChange(() => org.onChange());
	}

	const app = buildApp(org);
	await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
	const addr = app.server.address() as AddressInfo;
	const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
	org.instanceUrl = url;
	org.seedNamedCredentials();

	return {
		url,
		org,
		async close() {
			if (saveTimer) clearTimeout(saveTimer);
			if (opts.dataFile) saveState(org, opts.dataFile);
			await app.close();
		},
	};
}
