/**
 * The sandbox org's state: configuration (connected apps, users, limits), OAuth sessions, the server clock, API
 * usage, the call log, fault injection and the named-credential setup. Records live in `store` (RecordStore),
 * schemas in `schemas` (SchemaRegistry); both are built here so every route reads the same org.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

import { SfError, SUPPORTED_API_VERSIONS } from './errors';
import { newId, sameId } from './ids';
import { SchemaRegistry } from './schema/index';
import { DEFAULT_USER_ID, generateSeed, ORG_ID, SECOND_USER_ID } from './seed';
import { RecordStore } from './store';

declare module 'fastify' {
	interface FastifyRequest {
		/** Set by the auth hook for /services/data/vXX.X/... and /services/apexrest: who is calling. */
		sfSession: SfSession | undefined;
	}
}

export interface SfSession {
	userId: string;
	orgId: string;
	scopes: string[];
	clientId: string;
}

export interface ConnectedApp {
	name: string;
	clientId: string;
	clientSecret: string;
	/** Exact-match callback URLs */
	callbackUrls: string[];
	/** Also accept any http://localhost:<port>/... or http://127.0.0.1:<port>/... callback (handy for tests, demos) */
	allowLoopbackCallbacks: boolean;
	scopes: string[];
	/** Username the client-credentials flow runs as; without it that flow is refused */
	runAsUsername?: string;
	/** PEM X.509 certificate or SPKI public key for the JWT bearer flow */
	certificate?: string;
	/** Admin pre-approved ("Admin approved users are pre-authorized"); otherwise JWT needs a prior user consent */
	adminPreApproved: boolean;
	/** Overrides the org-wide refresh-token rotation setting for this app */
	refreshTokenRotation?: boolean;
	/** Web-server flow token exchange needs the secret (Salesforce's "Require Secret for Web Server Flow") */
	requireSecret: boolean;
}

export interface SandboxUser {
	id: string;
	username: string;
	password: string;
	firstName: string;
	lastName: string;
	email: string;
	isAdmin: boolean;
	active: boolean;
	timeZone: string;
	locale: string;
	language: string;
}

export interface OrgConfig {
	/** 18-char org id (00D...) */
	orgId: string;
	dailyApiLimit: number;
	accessTokenTtlMs: number;
	refreshTokenRotation: boolean;
	/** Status used for injected UNABLE_TO_LOCK_ROW errors (Salesforce answers REST DML lock failures with 400) */
	lockRowStatus: number;
	connectedApps: ConnectedApp[];
	users: SandboxUser[];
}

export interface AccessTokenInfo {
	token: string;
	userId: string;
	clientId: string;
	scopes: string[];
	issuedAt: number;
	expiresAt: number;
	refreshToken?: string;
}

export interface RefreshTokenInfo {
	token: string;
	userId: string;
	clientId: string;
	scopes: string[];
	issuedAt: number;
}

export interface AuthCode {
	code: string;
	clientId: string;
	redirectUri: string;
	userId: string;
	scopes: string[];
	codeChallenge?: string;
	codeChallengeMethod?: string;
	expiresAt: number;
}

export interface CallLogEntry {
	method: string;
	path: string;
	status: number;
	ts: string;
}

export interface FaultConfig {
	latencyMs: number;
	fail503: number;
	lockRow: number;
	resetConnection: number;
	matchPath?: string;
	methods?: string[];
}

export interface PrincipalSetup {
	id: string;
	principalName: string;
	principalType: 'NamedPrincipal' | 'PerUserPrincipal' | 'AwsStsPrincipal';
	sequenceNumber: number;
	/** Connect API status of the principal's credentials */
	authenticationStatus: 'Configured' | 'NotConfigured';
	/** developer names of permission sets granting access */
	permissionSets: string[];
}

export interface ExternalCredentialSetup {
	id: string;
	developerName: string;
	masterLabel: string;
	/** Connect API values */
	authenticationProtocol: 'AwsSv4' | 'Basic' | 'Custom' | 'Jwt' | 'OAuth';
	authenticationProtocolVariant?: string;
	principals: PrincipalSetup[];
}

export interface NamedCredentialSetup {
	id: string;
	developerName: string;
	masterLabel: string;
	type: 'SecuredEndpoint' | 'PrivateEndpoint';
	calloutUrl: string;
	/** developer names of external credentials */
	externalCredentials: string[];
	allowMergeFieldsInBody: boolean;
	allowMergeFieldsInHeader: boolean;
	generateAuthorizationHeader: boolean;
}

export interface PermissionSetSetup {
	id: string;
	name: string;
	label: string;
}

export interface PermissionSetAssignmentSetup {
	id: string;
	permissionSetId: string;
	assigneeId: string;
}

export interface NamedCredentialState {
	namedCredentials: NamedCredentialSetup[];
	externalCredentials: ExternalCredentialSetup[];
	permissionSets: PermissionSetSetup[];
	assignments: PermissionSetAssignmentSetup[];
}

export const DEFAULT_CLIENT_ID = 'sandbox-connected-app';
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret';
export const DEFAULT_USERNAME = 'admin@sandbox.example';
export const DEFAULT_PASSWORD = 'sandbox-pass';
export const SECOND_USERNAME = 'user@sandbox.example';
export const SECOND_PASSWORD = 'sandbox-pass';
export const N8N_OAUTH_CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

// ---- ids -------------------------------------------------------------------------------------------------------

export const makeId = newId;

// ---- defaults ----------------------------------------------------------------------------------------------------

function defaultUsers(adminId: string): SandboxUser[] {
	return [
		{
			id: adminId,
			username: DEFAULT_USERNAME,
			password: DEFAULT_PASSWORD,
			firstName: 'Sandbox',
			lastName: 'Admin',
			email: 'admin@sandbox.example',
			isAdmin: true,
			active: true,
			timeZone: 'America/Los_Angeles',
			locale: 'en_US',
			language: 'en_US',
		},
		{
			id: SECOND_USER_ID,
			username: SECOND_USERNAME,
			password: SECOND_PASSWORD,
			firstName: 'Standard',
			lastName: 'User',
			email: 'user@sandbox.example',
			isAdmin: false,
			active: true,
			timeZone: 'Europe/Berlin',
			locale: 'de_DE',
			language: 'de',
		},
	];
}

export function defaultConfig(adminId: string): OrgConfig {
	return {
		orgId: ORG_ID,
		dailyApiLimit: 100_000,
		accessTokenTtlMs: 2 * 60 * 60 * 1000,
		refreshTokenRotation: false,
		lockRowStatus: 400,
		connectedApps: [
			{
				name: 'Sandbox Connected App',
				clientId: DEFAULT_CLIENT_ID,
				clientSecret: DEFAULT_CLIENT_SECRET,
				callbackUrls: [N8N_OAUTH_CALLBACK, 'http://localhost:1717/OauthRedirect'],
				allowLoopbackCallbacks: true,
				scopes: ['api', 'refresh_token', 'full', 'openid', 'id', 'web'],
				runAsUsername: DEFAULT_USERNAME,
				adminPreApproved: true,
				requireSecret: false,
			},
		],
		users: defaultUsers(adminId),
	};
}

// ---- the org -----------------------------------------------------------------------------------------------------

export class Org {
	config: OrgConfig;
	readonly schemas: SchemaRegistry;
	readonly store: RecordStore;
	instanceUrl = 'http://127.0.0.1';
	apiUsage: { used: number; max: number };
	callLog: CallLogEntry[] = [];
	faults: FaultConfig = { latencyMs: 0, fail503: 0, lockRow: 0, resetConnection: 0 };
	accessTokens = new Map<string, AccessTokenInfo>();
	refreshTokens = new Map<string, RefreshTokenInfo>();
	authCodes = new Map<string, AuthCode>();
	/** "userId|clientId" pairs the user approved on the consent page (JWT bearer needs it unless admin pre-approved) */
	consents = new Set<string>();
	namedCredentials: NamedCredentialState = { namedCredentials: [], externalCredentials: [], permissionSets: [], assignments: [] };
	/** Milliseconds added to the host clock */
	clockOffsetMs = 0;
	/**
	 * The part of the offset that came from `advance` (time passing): sessions and codes expire by it. A skew or a
	 * set clock only changes what the org reports, as when Salesforce's clock differs from the host's.
	 */
	advancedMs = 0;
	/** Called after any change worth persisting */
	onChange: () => void = () => {};
	private seq = 1;
	private readonly baseConfig: Partial<OrgConfig>;

	constructor(config: Partial<OrgConfig> = {}) {
		this.baseConfig = config;
		this.config = { ...defaultConfig(this.adminUserId()), ...config };
		this.apiUsage = { used: 0, max: this.config.dailyApiLimit };
		this.schemas = SchemaRegistry.load();
		this.store = new RecordStore(this.schemas, () => this.now());
		this.seedNamedCredentials();
	}

	/** The default user's id: the seed's owner of demo records. */
	adminUserId(): string {
		return DEFAULT_USER_ID;
	}

	/** The user writes are attributed to when a request carries no session (admin loads). */
	get defaultUserId(): string {
		return this.config.users[0].id;
	}

	/** Server clock: host time plus the admin-controlled offset. */
	now(): Date {
		return new Date(Date.now() + this.clockOffsetMs);
	}

	nowMs(): number {
		return Date.now() + this.clockOffsetMs;
	}

	/** Clock for session, code and assertion lifetimes: host time plus advances only. */
	sessionNowMs(): number {
		return Date.now() + this.advancedMs;
	}

	nextSeq(): number {
		return this.seq++;
	}

	/**
	 * Restores the configuration given at start, clock, faults, usage and call log, and reseeds records. Sessions
	 * survive (the default users keep their ids) unless `sessions` is set.
	 */
	reset(opts: { seed?: boolean; sessions?: boolean } = {}): void {
		this.config = { ...defaultConfig(this.adminUserId()), ...this.baseConfig };
		this.apiUsage = { used: 0, max: this.config.dailyApiLimit };
		this.callLog = [];
		this.faults = { latencyMs: 0, fail503: 0, lockRow: 0, resetConnection: 0 };
		if (opts.sessions) {
			this.accessTokens.clear();
			this.refreshTokens.clear();
			this.authCodes.clear();
			this.consents.clear();
		}
		this.clockOffsetMs = 0;
		this.advancedMs = 0;
		this.resetStore(opts.seed ?? true);
		this.seedNamedCredentials();
		this.onChange();
	}

	/** Empties the store and, when asked, loads the generated seed data. */
	resetStore(seed: boolean): void {
		this.store.reset();
		if (seed) this.store.loadSeed(generateSeed(this.schemas, { now: this.now() }));
		this.syncUsersToStore();
		this.syncNamedCredentialsToStore();
	}

	/** Creates or overwrites a setup record (User, PermissionSet, ...) without validation. */
	putSystemRecord(objectName: string, id: string, fields: Record<string, unknown>): void {
		// Objects the schema set lacks are skipped: the org still works, they are just not queryable
		if (this.schemas.get(objectName)) this.store.putSystemRecord(objectName, id, fields);
	}

	// ---- users and apps ----

	findUserByUsername(username: string): SandboxUser | undefined {
		const u = username.trim().toLowerCase();
		return this.config.users.find((x) => x.username.toLowerCase() === u);
	}

	findUserById(id: string): SandboxUser | undefined {
		return this.config.users.find((x) => sameId(x.id, id));
	}

	findApp(clientId: string): ConnectedApp | undefined {
		return this.config.connectedApps.find((a) => a.clientId === clientId);
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
			id: existing?.id ?? makeId('005', 100 + this.nextSeq()),
			password: 'sandbox-pass',
			firstName: '',
			lastName: user.username.split('@')[0],
			email: user.username,
			isAdmin: false,
			active: true,
			timeZone: 'America/Los_Angeles',
			locale: 'en_US',
			language: 'en_US',
			...existing,
			...user,
		};
		this.config.users = [...this.config.users.filter((u) => u.id !== merged.id), merged];
		this.syncUsersToStore();
		return merged;
	}

	/** Makes every configured user a User record (the seed may already hold the default one). */
	syncUsersToStore(): void {
		for (const u of this.config.users) {
			const fields = {
				Username: u.username,
				FirstName: u.firstName,
				LastName: u.lastName,
				Name: `${u.firstName} ${u.lastName}`.trim(),
				Email: u.email,
				IsActive: u.active,
				TimeZoneSidKey: u.timeZone,
				LocaleSidKey: u.locale,
				LanguageLocaleKey: u.language,
			};
			this.putSystemRecord('User', u.id, fields);
		}
	}

	// ---- tokens ----

	private tokenSuffix(): string {
		return randomBytes(72).toString('base64').replace(/[+/=]/g, '').slice(0, 96);
	}

	issueAccessToken(userId: string, clientId: string, scopes: string[], refreshToken?: string): AccessTokenInfo {
		const info: AccessTokenInfo = {
			token: `${this.config.orgId.slice(0, 15)}!${this.tokenSuffix()}`,
			userId,
			clientId,
			scopes,
			issuedAt: this.nowMs(),
			expiresAt: this.sessionNowMs() + this.config.accessTokenTtlMs,
			refreshToken,
		};
		this.accessTokens.set(info.token, info);
		return info;
	}

	issueRefreshToken(userId: string, clientId: string, scopes: string[]): RefreshTokenInfo {
		const info: RefreshTokenInfo = {
			token: `5Aep861${this.tokenSuffix().slice(0, 80)}`,
			userId,
			clientId,
			scopes,
			issuedAt: this.nowMs(),
		};
		this.refreshTokens.set(info.token, info);
		return info;
	}

	/** The session behind a bearer token, or undefined when unknown/expired/revoked or the user was deactivated. */
	sessionFor(token: string): SfSession | undefined {
		const info = this.accessTokens.get(token);
		if (!info) return undefined;
		if (this.sessionNowMs() >= info.expiresAt) {
			this.accessTokens.delete(token);
			return undefined;
		}
		const user = this.findUserById(info.userId);
		if (!user?.active) return undefined;
		return { userId: info.userId, orgId: this.config.orgId, scopes: info.scopes, clientId: info.clientId };
	}

	revokeRefreshToken(token: string): boolean {
		if (!this.refreshTokens.delete(token)) return false;
		for (const [k, v] of this.accessTokens) if (v.refreshToken === token) this.accessTokens.delete(k);
		return true;
	}

	expireSessions(): number {
		const n = this.accessTokens.size;
		this.accessTokens.clear();
		return n;
	}

	rotationFor(app: ConnectedApp): boolean {
		return app.refreshTokenRotation ?? this.config.refreshTokenRotation;
	}

	/** Salesforce's token `signature`: base64 HMAC-SHA256 of id + issued_at keyed with the client secret. */
	static signature(idUrl: string, issuedAt: string, secret: string): string {
		return createHmacB64(secret, idUrl + issuedAt);
	}

	identityUrl(userId: string): string {
		return `${this.instanceUrl}/id/${this.config.orgId}/${userId}`;
	}

	// ---- calls, limits, faults ----

	logCall(entry: CallLogEntry): void {
		this.callLog.push(entry);
		if (this.callLog.length > 100_000) this.callLog.splice(0, this.callLog.length - 100_000);
	}

	limitHeader(): string {
		return `api-usage=${this.apiUsage.used}/${this.apiUsage.max}`;
	}

	/** Counts one authenticated REST call; throws REQUEST_LIMIT_EXCEEDED once the daily allowance is used up. */
	/** PermissionSet / PermissionSetAssignment records mirrored from the named-credential model */
	private namedCredentialRecordIds = new Set<string>();

	/** Marks the server's own /composite subrequests (random per org, so no client can forge it) */
	readonly subrequestKey = randomBytes(16).toString('hex');

	countApiCall(): void {
		if (this.apiUsage.used >= this.apiUsage.max) {
			throw new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
		}
		this.apiUsage.used++;
	}

	// ---- named credentials ----

	/** The documented, working default: SalesforceOrg -> SalesforceOrg external credential, one authenticated principal. */
	seedNamedCredentials(): void {
		const ps: PermissionSetSetup = { id: makeId('0PS', 800001), name: 'SalesforceOrg_Principal_Access', label: 'SalesforceOrg Principal Access' };
		this.namedCredentials = {
			permissionSets: [ps],
			assignments: [{ id: makeId('0Pa', 800001), permissionSetId: ps.id, assigneeId: this.config.users[0].id }],
			externalCredentials: [
				{
					id: makeId('0pt', 800001),
					developerName: 'SalesforceOrg',
					masterLabel: 'Salesforce Org',
					authenticationProtocol: 'OAuth',
					authenticationProtocolVariant: 'JwtBearer',
					principals: [
						{
							id: makeId('0pu', 800001),
							principalName: 'SalesforceOrgPrincipal',
							principalType: 'NamedPrincipal',
							sequenceNumber: 1,
							authenticationStatus: 'Configured',
							permissionSets: [ps.name],
						},
					],
				},
			],
			namedCredentials: [
				{
					id: makeId('0XA', 800001),
					developerName: 'SalesforceOrg',
					masterLabel: 'Salesforce Org',
					type: 'SecuredEndpoint',
					calloutUrl: this.instanceUrl,
					externalCredentials: ['SalesforceOrg'],
					allowMergeFieldsInBody: false,
					allowMergeFieldsInHeader: false,
					generateAuthorizationHeader: true,
				},
			],
		};
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

function createHmacB64(secret: string, data: string): string {
	return createHmac('sha256', secret).update(data).digest('base64');
}

/** Validates the `vXX.X` path segment; unknown versions get Salesforce's 404. Returns e.g. '66.0'. */
export function apiVersionFromParams(params: unknown): string {
	const raw = (params as { version?: string } | undefined)?.version ?? '';
	const v = raw.startsWith('v') ? raw.slice(1) : raw;
	if (!SUPPORTED_API_VERSIONS.includes(v)) {
		throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
	}
	return v;
}

export function sha256b64url(s: string): string {
	return createHash('sha256').update(s).digest('base64url');
}

/** The token from `Authorization: Bearer x` or `OAuth x` (jsforce's older style). */
export function bearerToken(request: FastifyRequest): string | undefined {
	const h = request.headers.authorization;
	if (!h) return undefined;
	const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(h);
	return m?.[1];
}
