/**
 * The sandbox org: the façade every route and test uses. Its parts live beside it: `setup.ts` (identity, default
 * users and apps, configuration types, the default named-credential setup), `auth.ts` (tokens, codes, consents),
 * `clock.ts` (the org clock), `usage.ts` (daily API usage, call log, faults). Records live in `store`
 * (RecordStore), schemas in `schemas` (SchemaRegistry); both are built here so every route reads the same org.
 */
import { randomBytes } from 'node:crypto';

import { SfError, SUPPORTED_API_VERSIONS } from '../errors';
import { newId } from '../ids';
import { SchemaRegistry } from '../schema/index';
import { generateSeed } from '../seed';
import { RecordStore, type StoreSnapshot } from '../store';
import { type AccessTokenInfo, type AuthCode, OrgAuth, type RefreshTokenInfo, type SfSession } from './auth';
import { OrgClock, type ClockState } from './clock';
import {
	defaultConfig,
	defaultNamedCredentials,
	newUserDefaults,
	type ConnectedApp,
	type NamedCredentialState,
	type OrgConfig,
	type SandboxUser,
} from './setup';
import { ApiUsage, appendCall, noFaults, type CallLogEntry, type FaultConfig } from './usage';

export * from './setup';
export { bearerToken, sha256b64url, tokenSignature } from './auth';
export type { AccessTokenInfo, AuthCode, RefreshTokenInfo, SfSession } from './auth';
export type { ClockState } from './clock';
export type { CallLogEntry, FaultConfig } from './usage';

/** What `--data` files hold: the one persistence format of an org. */
export interface OrgSnapshot {
	version: 2;
	store: StoreSnapshot;
	clock: ClockState;
	apiUsage: { used: number; max: number };
}

export class Org {
	config: OrgConfig;
	readonly schemas: SchemaRegistry;
	readonly store: RecordStore;
	readonly clock = new OrgClock();
	readonly auth: OrgAuth;
	instanceUrl = 'http://127.0.0.1';
	apiUsage: ApiUsage;
	callLog: CallLogEntry[] = [];
	faults: FaultConfig = noFaults();
	namedCredentials: NamedCredentialState = { namedCredentials: [], externalCredentials: [], permissionSets: [], assignments: [] };
	/** Called after any change worth persisting */
	onChange: () => void = () => {};
	/** Run at the end of reset() by parts that keep state beside the org (Bulk API jobs) */
	private readonly resetListeners: Array<() => void> = [];
	/** Marks the server's own /composite subrequests (random per org, so no client can forge it) */
	readonly subrequestKey = randomBytes(16).toString('hex');
	private seq = 1;
	private readonly baseConfig: Partial<OrgConfig>;
	/** PermissionSet / PermissionSetAssignment records mirrored from the named-credential model */
	private namedCredentialRecordIds = new Set<string>();

	constructor(config: Partial<OrgConfig> = {}) {
		this.baseConfig = config;
		this.config = { ...defaultConfig(), ...config };
		this.apiUsage = new ApiUsage(this.config.dailyApiLimit);
		this.auth = new OrgAuth(() => this.config, this.clock);
		this.schemas = SchemaRegistry.load();
		this.store = new RecordStore(this.schemas, () => this.clock.now(), this.config.users[0].id);
		this.seedNamedCredentials();
	}

	/** The user writes are attributed to when a request carries no session (admin loads): the first configured user. */
	get defaultUserId(): string {
		return this.config.users[0].id;
	}

	// ---- clock (see clock.ts) ----

	now(): Date {
		return this.clock.now();
	}

	nowMs(): number {
		return this.clock.nowMs();
	}

	sessionNowMs(): number {
		return this.clock.sessionNowMs();
	}

	get clockOffsetMs(): number {
		return this.clock.offsetMs;
	}

	get advancedMs(): number {
		return this.clock.advancedMs;
	}

	nextSeq(): number {
		return this.seq++;
	}

	/**
	 * Restores the configuration given at start, clock, faults, usage and call log, and reseeds records. Sessions
	 * survive (the default users keep their ids) unless `sessions` is set.
	 */
	reset(opts: { seed?: boolean; sessions?: boolean } = {}): void {
		this.config = { ...defaultConfig(), ...this.baseConfig };
		this.apiUsage = new ApiUsage(this.config.dailyApiLimit);
		this.callLog = [];
		this.faults = noFaults();
		if (opts.sessions) this.auth.clear();
		this.clock.reset();
		this.resetStore(opts.seed ?? true);
		this.seedNamedCredentials();
		for (const listener of this.resetListeners) listener();
		this.onChange();
	}

	/** Registers state to drop on reset(). */
	onReset(listener: () => void): void {
		this.resetListeners.push(listener);
	}

	/** Empties the store and, when asked, loads the generated seed data. */
	resetStore(seed: boolean): void {
		this.store.reset();
		if (seed) this.store.load(generateSeed(this.schemas, { now: this.now() }));
		this.syncUsersToStore();
		this.syncNamedCredentialsToStore();
	}

	/** Creates or overwrites a setup record (User, PermissionSet, ...) without validation. */
	putSystemRecord(objectName: string, id: string, fields: Record<string, unknown>): void {
		// Objects the schema set lacks are skipped: the org still works, they are just not queryable
		if (this.schemas.get(objectName)) this.store.putSystemRecord(objectName, id, fields);
	}

	// ---- persistence ----

	toJSON(): OrgSnapshot {
		return { version: 2, store: this.store.toJSON(), clock: this.clock.toJSON(), apiUsage: this.apiUsage.toJSON() };
	}

	/** Loads what `toJSON()` wrote; throws for a file in another format. */
	restore(snapshot: unknown): void {
		const s = snapshot as Partial<OrgSnapshot> | null;
		if (!s || s.version !== 2 || !s.store) {
			throw new Error('The data file is not in the sandbox org\'s format (version 2); delete it to start from the seed');
		}
		this.store.fromJSON(s.store);
		this.syncUsersToStore();
		this.syncNamedCredentialsToStore();
		this.clock.restore(s.clock);
		this.apiUsage.restore(s.apiUsage);
	}

	// ---- users and apps (lookups in auth.ts) ----

	findUserByUsername(username: string): SandboxUser | undefined {
		return this.auth.findUserByUsername(username);
	}

	findUserById(id: string): SandboxUser | undefined {
		return this.auth.findUserById(id);
	}

	findApp(clientId: string): ConnectedApp | undefined {
		return this.auth.findApp(clientId);
	}

	upsertApp(app: Partial<ConnectedApp> & { clientId: string }): ConnectedApp {
		const existing = this.findApp(app.clientId);
		const merged: ConnectedApp = {
			name: app.clientId,
			clientSecret: '',
			callbackUrls: [],
			allowLoopbackCallbacks: false,
			scopes: ['api', 'refresh_token'],
			adminPreApproved: true,
			requireSecret: false,
			...existing,
			...app,
		};
		this.config.connectedApps = [...this.config.connectedApps.filter((a) => a.clientId !== app.clientId), merged];
		return merged;
	}

	upsertUser(user: Partial<SandboxUser> & { username: string }): SandboxUser {
		const existing = this.findUserByUsername(user.username);
		const merged: SandboxUser = {
			id: existing?.id ?? newId('005', 100 + this.nextSeq()),
			...newUserDefaults(user.username),
			...existing,
			...user,
		};
		this.config.users = [...this.config.users.filter((u) => u.id !== merged.id), merged];
		this.syncUsersToStore();
		return merged;
	}

	/** Makes every configured user a User record (the seed already holds the default ones). */
	syncUsersToStore(): void {
		for (const u of this.config.users) {
			this.putSystemRecord('User', u.id, {
				Username: u.username,
				FirstName: u.firstName,
				LastName: u.lastName,
				Name: `${u.firstName} ${u.lastName}`.trim(),
				Email: u.email,
				IsActive: u.active,
				TimeZoneSidKey: u.timeZone,
				LocaleSidKey: u.locale,
				LanguageLocaleKey: u.language,
			});
		}
	}

	// ---- sessions (see auth.ts) ----

	get accessTokens(): Map<string, AccessTokenInfo> {
		return this.auth.accessTokens;
	}

	get refreshTokens(): Map<string, RefreshTokenInfo> {
		return this.auth.refreshTokens;
	}

	get authCodes(): Map<string, AuthCode> {
		return this.auth.authCodes;
	}

	get consents(): Set<string> {
		return this.auth.consents;
	}

	issueAccessToken(userId: string, clientId: string, scopes: string[], refreshToken?: string): AccessTokenInfo {
		return this.auth.issueAccessToken(userId, clientId, scopes, refreshToken);
	}

	issueRefreshToken(userId: string, clientId: string, scopes: string[]): RefreshTokenInfo {
		return this.auth.issueRefreshToken(userId, clientId, scopes);
	}

	sessionFor(token: string): SfSession | undefined {
		return this.auth.sessionFor(token);
	}

	revokeRefreshToken(token: string): boolean {
		return this.auth.revokeRefreshToken(token);
	}

	expireSessions(): number {
		return this.auth.expireSessions();
	}

	rotationFor(app: ConnectedApp): boolean {
		return this.auth.rotationFor(app);
	}

	identityUrl(userId: string): string {
		return `${this.instanceUrl}/id/${this.config.orgId}/${userId}`;
	}

	// ---- calls and limits (see usage.ts) ----

	logCall(entry: CallLogEntry): void {
		appendCall(this.callLog, entry);
	}

	limitHeader(): string {
		return this.apiUsage.header();
	}

	/** Counts one authenticated REST call; throws REQUEST_LIMIT_EXCEEDED once the daily allowance is used up. */
	countApiCall(): void {
		this.apiUsage.count();
	}

	// ---- named credentials ----

	/** The documented, working default: SalesforceOrg -> SalesforceOrg external credential, one authenticated principal. */
	seedNamedCredentials(): void {
		this.namedCredentials = defaultNamedCredentials(this.instanceUrl, this.defaultUserId);
		this.syncNamedCredentialsToStore();
	}

	/** Mirrors permission sets and their assignments as PermissionSet / PermissionSetAssignment records. */
	syncNamedCredentialsToStore(): void {
		const nc = this.namedCredentials;
		// Rebuilt from the model so rows removed through the admin API disappear from queries; the seed's own
		// permission sets and assignments stay
		this.store.removeSystemRecords(this.namedCredentialRecordIds);
		this.namedCredentialRecordIds = new Set();
		for (const ps of nc.permissionSets) {
			this.putSystemRecord('PermissionSet', ps.id, { Name: ps.name, Label: ps.label, IsOwnedByProfile: false });
			this.namedCredentialRecordIds.add(ps.id);
		}
		for (const a of nc.assignments) {
			this.putSystemRecord('PermissionSetAssignment', a.id, { PermissionSetId: a.permissionSetId, AssigneeId: a.assigneeId });
			this.namedCredentialRecordIds.add(a.id);
		}
	}
}

/** `v66.0` -> `'66.0'` when the API has that version, else undefined. */
export function parseApiVersion(segment: string | undefined): string | undefined {
	const v = segment?.startsWith('v') ? segment.slice(1) : undefined;
	return v !== undefined && SUPPORTED_API_VERSIONS.includes(v) ? v : undefined;
}

/**
 * The API version of a `/services/data/:version/...` route, e.g. '66.0'. The server's auth hook has already
 * checked it (once, before the call was counted) and refused unknown versions with Salesforce's 404; this only reads it.
 */
export function apiVersionFromParams(params: unknown): string {
	const v = parseApiVersion((params as { version?: string } | undefined)?.version);
	if (v === undefined) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
	return v;
}
