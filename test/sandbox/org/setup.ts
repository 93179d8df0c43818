/**
 * The org's setup as a new sandbox org has it: its identity, the default users (the one source for who the default
 * user is: the seed, the store and the routes take it from here), the default connected app, the org-wide settings
 * and the working named-credential setup. Types of the configuration live here too.
 */
import { newId } from '../ids';

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
	/** TimeZoneSidKey: the zone date literals (TODAY, THIS_WEEK, ...) are evaluated in */
	timeZone: string;
	/** LocaleSidKey: decides the first day of the week for date literals */
	locale: string;
	language: string;
	/** System permissions beyond the profile's, by API name without the `Permissions` prefix (e.g. `BulkApiHardDelete`) */
	permissions?: string[];
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
	/** The first user is the default user: owner of the seed records, author of admin loads */
	users: SandboxUser[];
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

// ---- the org's identity ----

/** The org id; the seed's Organization record has it too */
export const ORG_ID = newId('00D', 7_000_001);
export const DEFAULT_CLIENT_ID = 'sandbox-connected-app';
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret';
export const N8N_OAUTH_CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';
const DEFAULT_USER_PASSWORD = 'sandbox-pass';

/**
 * The login users of a new org, with the ids of their seeded User records. They sit in different time zones and
 * locales so that date literals can be tested per user: Los Angeles / en_US (weeks start on Sunday), Berlin / de_DE
 * and London / en_GB (weeks start on Monday).
 */
export const DEFAULT_USERS: readonly SandboxUser[] = Object.freeze([
	{
		id: newId('005', 1),
		username: 'admin@sandbox.example',
		password: DEFAULT_USER_PASSWORD,
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
		id: newId('005', 2),
		username: 'user@sandbox.example',
		password: DEFAULT_USER_PASSWORD,
		firstName: 'Standard',
		lastName: 'User',
		email: 'user@sandbox.example',
		isAdmin: false,
		active: true,
		timeZone: 'Europe/Berlin',
		locale: 'de_DE',
		language: 'de',
	},
	{
		id: newId('005', 3),
		username: 'riley.rep@sandbox.example',
		password: DEFAULT_USER_PASSWORD,
		firstName: 'Riley',
		lastName: 'Rep',
		email: 'riley.rep@sandbox.example',
		isAdmin: false,
		active: true,
		timeZone: 'Europe/London',
		locale: 'en_GB',
		language: 'en_GB',
	},
]);

/** The default user: System Administrator, owner and creator of the seed records, author of admin loads. */
export const DEFAULT_USER: SandboxUser = DEFAULT_USERS[0];
export const DEFAULT_USER_ID = DEFAULT_USER.id;
export const DEFAULT_USERNAME = DEFAULT_USER.username;
export const DEFAULT_PASSWORD = DEFAULT_USER.password;
export const SECOND_USER_ID = DEFAULT_USERS[1].id;
export const SECOND_USERNAME = DEFAULT_USERS[1].username;
export const SECOND_PASSWORD = DEFAULT_USERS[1].password;

export function defaultConfig(): OrgConfig {
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
		users: DEFAULT_USERS.map((u) => ({ ...u })),
	};
}

/** A user created through the admin API gets these unless told otherwise. */
export function newUserDefaults(username: string): Omit<SandboxUser, 'id' | 'username'> {
	return {
		password: DEFAULT_USER_PASSWORD,
		firstName: '',
		lastName: username.split('@')[0],
		email: username,
		isAdmin: false,
		active: true,
		timeZone: DEFAULT_USER.timeZone,
		locale: DEFAULT_USER.locale,
		language: DEFAULT_USER.language,
	};
}

/** The documented, working default: SalesforceOrg -> SalesforceOrg external credential, one authenticated principal. */
export function defaultNamedCredentials(calloutUrl: string, assigneeId: string): NamedCredentialState {
	const ps: PermissionSetSetup = { id: newId('0PS', 800001), name: 'SalesforceOrg_Principal_Access', label: 'SalesforceOrg Principal Access' };
	return {
		permissionSets: [ps],
		assignments: [{ id: newId('0Pa', 800001), permissionSetId: ps.id, assigneeId }],
		externalCredentials: [
			{
				id: newId('0pt', 800001),
				developerName: 'SalesforceOrg',
				masterLabel: 'Salesforce Org',
				authenticationProtocol: 'OAuth',
				authenticationProtocolVariant: 'JwtBearer',
				principals: [
					{
						id: newId('0pu', 800001),
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
				id: newId('0XA', 800001),
				developerName: 'SalesforceOrg',
				masterLabel: 'Salesforce Org',
				type: 'SecuredEndpoint',
				calloutUrl,
				externalCredentials: ['SalesforceOrg'],
				allowMergeFieldsInBody: false,
				allowMergeFieldsInHeader: false,
				generateAuthorizationHeader: true,
			},
		],
	};
}
