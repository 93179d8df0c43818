/**
 * Test controls under `/__sandbox/` (no auth, JSON; a path no Salesforce client ever calls): reset, load data,
 * clock, late commits, changes by automated processes, session expiry, fault injection, API-limit exhaustion, the
 * call log and configuration.
 */
import type { FastifyInstance } from 'fastify';

import { SfError } from '../errors';
import { newId } from '../ids';
import type { ConnectedApp, ExternalCredentialSetup, NamedCredentialSetup, Org, OrgConfig, PrincipalSetup, SandboxUser } from '../org';
import type { StoredRecord } from '../schema/types';

type Body = Record<string, unknown>;

function body(request: { body: unknown }): Body {
	const b = request.body;
	return b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {};
}

function bad(message: string): SfError {
	return new SfError(400, 'INVALID_REQUEST', message);
}

function num(v: unknown, name: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${name} must be a number`);
	return v;
}

export interface NamedCredentialSetupInput {
	/** replace the whole setup (default) or merge by developer name */
	mode?: 'replace' | 'merge';
	permissionSets?: Array<{ name: string; label?: string }>;
	/** permission set name -> usernames */
	assignments?: Array<{ permissionSet: string; username: string }>;
	externalCredentials?: Array<Partial<Omit<ExternalCredentialSetup, 'principals'>> & { developerName: string; principals?: Array<Partial<PrincipalSetup> & { principalName: string }> }>;
	namedCredentials?: Array<Partial<NamedCredentialSetup> & { developerName: string }>;
}

export function applyNamedCredentialSetup(org: Org, input: NamedCredentialSetupInput): void {
	const state = org.namedCredentials;
	const replace = (input.mode ?? 'replace') === 'replace';
	if (replace) {
		if (input.permissionSets) state.permissionSets = [];
		if (input.assignments) state.assignments = [];
		if (input.externalCredentials) state.externalCredentials = [];
		if (input.namedCredentials) state.namedCredentials = [];
	}
	for (const ps of input.permissionSets ?? []) {
		const existing = state.permissionSets.find((p) => p.name === ps.name);
		if (existing) existing.label = ps.label ?? existing.label;
		else state.permissionSets.push({ id: newId('0PS', 810000 + org.nextSeq()), name: ps.name, label: ps.label ?? ps.name.replace(/_/g, ' ') });
	}
	for (const a of input.assignments ?? []) {
		const ps = state.permissionSets.find((p) => p.name === a.permissionSet);
		const user = org.findUserByUsername(a.username);
		if (!ps) throw bad(`unknown permission set ${a.permissionSet}`);
		if (!user) throw bad(`unknown user ${a.username}`);
		if (!state.assignments.some((x) => x.permissionSetId === ps.id && x.assigneeId === user.id)) {
			state.assignments.push({ id: newId('0Pa', 810000 + org.nextSeq()), permissionSetId: ps.id, assigneeId: user.id });
		}
	}
	for (const ec of input.externalCredentials ?? []) {
		const existing = state.externalCredentials.find((x) => x.developerName === ec.developerName);
		const principals: PrincipalSetup[] = (ec.principals ?? existing?.principals ?? []).map((p, i) => ({
			id: p.id ?? newId('0pu', 810000 + org.nextSeq()),
			principalName: p.principalName,
			principalType: p.principalType ?? 'NamedPrincipal',
			sequenceNumber: p.sequenceNumber ?? i + 1,
			authenticationStatus: p.authenticationStatus ?? 'Configured',
			permissionSets: p.permissionSets ?? [],
		}));
		const merged: ExternalCredentialSetup = {
			id: existing?.id ?? newId('0pt', 810000 + org.nextSeq()),
			masterLabel: ec.masterLabel ?? existing?.masterLabel ?? ec.developerName,
			authenticationProtocol: ec.authenticationProtocol ?? existing?.authenticationProtocol ?? 'OAuth',
			authenticationProtocolVariant: ec.authenticationProtocolVariant ?? existing?.authenticationProtocolVariant,
			developerName: ec.developerName,
			principals,
		};
		state.externalCredentials = [...state.externalCredentials.filter((x) => x !== existing), merged];
	}
	for (const nc of input.namedCredentials ?? []) {
		const existing = state.namedCredentials.find((x) => x.developerName === nc.developerName);
		const merged: NamedCredentialSetup = {
			id: existing?.id ?? newId('0XA', 810000 + org.nextSeq()),
			masterLabel: nc.masterLabel ?? existing?.masterLabel ?? nc.developerName,
			type: nc.type ?? existing?.type ?? 'SecuredEndpoint',
			calloutUrl: nc.calloutUrl ?? existing?.calloutUrl ?? org.instanceUrl,
			externalCredentials: nc.externalCredentials ?? existing?.externalCredentials ?? [],
			allowMergeFieldsInBody: nc.allowMergeFieldsInBody ?? existing?.allowMergeFieldsInBody ?? false,
			allowMergeFieldsInHeader: nc.allowMergeFieldsInHeader ?? existing?.allowMergeFieldsInHeader ?? false,
			generateAuthorizationHeader: nc.generateAuthorizationHeader ?? existing?.generateAuthorizationHeader ?? true,
			developerName: nc.developerName,
		};
		state.namedCredentials = [...state.namedCredentials.filter((x) => x !== existing), merged];
	}
	org.syncNamedCredentialsToStore();
}

export function registerAdminRoutes(app: FastifyInstance, org: Org): void {
	const base = '/__sandbox';

	app.post(`${base}/reset`, async (request) => {
		const b = body(request);
		org.reset({ seed: b.seed !== false, sessions: b.sessions === true });
		return { ok: true, records: org.store.count() };
	});

	/** `{records: [{object, record}]}` (seed format) or `{object, records: [fields...]}`; validated inserts unless `raw`. */
	app.post(`${base}/load`, async (request) => {
		const b = body(request);
		const ids: string[] = [];
		if (typeof b.object === 'string' && Array.isArray(b.records)) {
			org.store.transaction(() => {
				for (const r of b.records as Body[]) {
					const rec = b.raw === true ? org.store.insertSystem(b.object as string, r, org.defaultUserId) : org.store.insert(b.object as string, r, { userId: org.defaultUserId });
					ids.push(rec.Id);
				}
			});
			return { ok: true, ids };
		}
		if (Array.isArray(b.records)) {
			const before = org.store.count();
			org.store.load(b.records);
			return { ok: true, loaded: org.store.count() - before };
		}
		throw bad('expected {records:[{object, record}]} or {object, records:[...]}');
	});

	const clockState = () => ({ now: org.now().toISOString(), offsetMs: org.clock.offsetMs, advancedMs: org.clock.advancedMs });
	app.get(`${base}/clock`, async () => clockState());
	app.post(`${base}/clock`, async (request) => {
		const b = body(request);
		if (b.skewMs !== undefined) org.clock.skew(num(b.skewMs, 'skewMs'));
		if (b.advanceMs !== undefined) org.clock.advance(num(b.advanceMs, 'advanceMs'));
		if (b.set !== undefined) {
			const t = Date.parse(String(b.set));
			if (Number.isNaN(t)) throw bad('set must be an ISO date-time');
			org.clock.set(t);
		}
		if (b.reset === true) org.clock.reset();
		return clockState();
	});

	/**
	 * A long transaction that commits after later ones: the write is stamped now but reads, queries and the
	 * replication resources see it only `delayMs` (org clock) after its SystemModstamp.
	 * `{operation?: "insert"|"update"|"delete", object, id?, fields?, delayMs}`; the operation defaults to update
	 * when an id is given, else insert. Until the commit an updated or deleted record shows its previous version and
	 * other writes to it fail with UNABLE_TO_LOCK_ROW.
	 */
	app.post(`${base}/late-commit`, async (request) => {
		const b = body(request);
		if (typeof b.object !== 'string') throw bad('object is required');
		const delay = num(b.delayMs ?? 0, 'delayMs');
		const fields = (b.fields ?? {}) as Body;
		const id = typeof b.id === 'string' ? b.id : undefined;
		const operation = b.operation ?? (id ? 'update' : 'insert');
		const opts = { userId: org.defaultUserId, visibleAfter: new Date(org.nowMs() + delay) };
		let rec: StoredRecord;
		if (operation === 'insert') rec = org.store.insert(b.object, fields, opts);
		else if (operation === 'update' || operation === 'delete') {
			if (!id) throw bad(`id is required for ${operation}`);
			rec = operation === 'update' ? org.store.update(b.object, id, fields, opts) : org.store.delete(b.object, id, opts);
		} else throw bad('operation must be insert, update or delete');
		// Measured from the stamped (whole-second) SystemModstamp so the gap is exactly delayMs
		const visibleAfter = new Date(Date.parse(String(rec.SystemModstamp).replace(/\+0000$/, 'Z')) + delay);
		org.store.setVisibleAfter(rec.Id, visibleAfter);
		return {
			id: rec.Id,
			operation,
			createdDate: rec.CreatedDate,
			lastModifiedDate: rec.LastModifiedDate,
			systemModstamp: rec.SystemModstamp,
			visibleAfter: visibleAfter.toISOString(),
		};
	});

	/**
	 * A change made by an automated process (workflow, roll-up summary, a recalculation): SystemModstamp moves to
	 * now, LastModifiedDate and LastModifiedById (user changes only) stay. `{object, ids, fields?}` -> `{records:
	 * [{id, systemModstamp, lastModifiedDate}]}`; `fields` are validated like an update. All or nothing.
	 */
	app.post(`${base}/recalculate`, async (request) => {
		const b = body(request);
		if (typeof b.object !== 'string') throw bad('object is required');
		if (!Array.isArray(b.ids) || b.ids.length === 0 || !b.ids.every((x) => typeof x === 'string')) throw bad('ids must be a non-empty list of record ids');
		const fields = (b.fields ?? {}) as Body;
		const records = org.store.transaction(() =>
			(b.ids as string[]).map((id) => {
				const rec = org.store.systemUpdate(b.object as string, id, fields);
				return { id: rec.Id, systemModstamp: rec.SystemModstamp, lastModifiedDate: rec.LastModifiedDate };
			}),
		);
		return { records };
	});

	app.post(`${base}/expire-sessions`, async () => ({ expired: org.expireSessions() }));

	app.get(`${base}/faults`, async () => org.faults);
	app.post(`${base}/faults`, async (request) => {
		const b = body(request);
		const f = { latencyMs: 0, fail503: 0, lockRow: 0, resetConnection: 0 } as Org['faults'];
		for (const k of ['latencyMs', 'fail503', 'lockRow', 'resetConnection', 'lostAnswer'] as const) if (b[k] !== undefined) f[k] = num(b[k], k);
		if (b.lostAnswerAs !== undefined) {
			if (b.lostAnswerAs !== 'reset' && b.lostAnswerAs !== '502' && b.lostAnswerAs !== '204') throw bad('lostAnswerAs must be reset, 502 or 204');
			f.lostAnswerAs = b.lostAnswerAs;
		}
		if (b.matchPath !== undefined) {
			try {
				new RegExp(String(b.matchPath));
			} catch {
				throw bad('matchPath must be a regular expression');
			}
			f.matchPath = String(b.matchPath);
		}
		if (Array.isArray(b.methods)) f.methods = b.methods.map(String);
		org.faults = f;
		return f;
	});

	app.get(`${base}/limits`, async () => org.apiUsage);
	app.post(`${base}/limits`, async (request) => {
		const b = body(request);
		if (b.max !== undefined) org.apiUsage.max = num(b.max, 'max');
		if (b.used !== undefined) org.apiUsage.used = num(b.used, 'used');
		return org.apiUsage;
	});

	app.get(`${base}/calls`, async () => org.callLog);
	app.delete(`${base}/calls`, async () => {
		const n = org.callLog.length;
		org.callLog = [];
		return { cleared: n };
	});

	app.get(`${base}/config`, async () => org.config);
	/** Org-wide settings: accessTokenTtlMs, refreshTokenRotation, dailyApiLimit, lockRowStatus */
	app.post(`${base}/config`, async (request) => {
		const b = body(request) as Partial<OrgConfig>;
		for (const k of ['accessTokenTtlMs', 'dailyApiLimit', 'lockRowStatus'] as const) if (b[k] !== undefined) org.config[k] = num(b[k], k);
		if (b.refreshTokenRotation !== undefined) org.config.refreshTokenRotation = b.refreshTokenRotation === true;
		if (b.dailyApiLimit !== undefined) org.apiUsage.max = b.dailyApiLimit;
		return org.config;
	});

	app.post(`${base}/apps`, async (request) => {
		const b = body(request) as Partial<ConnectedApp>;
		if (typeof b.clientId !== 'string' || !b.clientId) throw bad('clientId is required');
		return org.upsertApp({ ...b, clientId: b.clientId });
	});

	app.post(`${base}/users`, async (request) => {
		const b = body(request) as Partial<SandboxUser>;
		if (typeof b.username !== 'string' || !b.username) throw bad('username is required');
		const u = org.upsertUser({ ...b, username: b.username });
		return { ...u, password: undefined };
	});

	app.post(`${base}/named-credentials`, async (request) => {
		applyNamedCredentialSetup(org, body(request) as NamedCredentialSetupInput);
		return org.namedCredentials;
	});
	app.post(`${base}/named-credentials/reset`, async () => {
		org.seedNamedCredentials();
		return org.namedCredentials;
	});

	app.get(`${base}/state`, async () => {
		const counts: Record<string, number> = {};
		for (const def of org.schemas.all()) {
			const n = org.store.count(def.name);
			if (n) counts[def.name] = n;
		}
		return {
			url: org.instanceUrl,
			orgId: org.config.orgId,
			now: org.now().toISOString(),
			clockOffsetMs: org.clock.offsetMs,
			apiUsage: org.apiUsage,
			faults: org.faults,
			sessions: { accessTokens: org.accessTokens.size, refreshTokens: org.refreshTokens.size },
			users: org.config.users.map((u) => ({ id: u.id, username: u.username, active: u.active, isAdmin: u.isAdmin })),
			apps: org.config.connectedApps.map((a) => a.clientId),
			namedCredentials: org.namedCredentials.namedCredentials.map((n) => n.developerName),
			records: counts,
			calls: org.callLog.length,
		};
	});
}
