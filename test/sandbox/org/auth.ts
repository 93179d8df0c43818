/**
 * OAuth state of the org: access and refresh tokens, authorization codes and consents, and the lookups of users
 * and connected apps the flows need. Lifetimes run on the clock's session time (host time plus advances).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

import { sameId } from '../ids';
import type { OrgClock } from './clock';
import type { ConnectedApp, OrgConfig, SandboxUser } from './setup';

declare module 'fastify' {
	interface FastifyRequest {
		/** Set by the auth hook for /services/data/vXX.X/... and /services/apexrest: who is calling. */
		sfSession: SfSession | undefined;
		/** Set by the auth hook for /services/data/vXX.X/...: the API version of the path, already checked ('66.0'). */
		sfApiVersion: string | undefined;
	}
}

export interface SfSession {
	userId: string;
	orgId: string;
	scopes: string[];
	clientId: string;
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

function tokenSuffix(): string {
	return randomBytes(72).toString('base64').replace(/[+/=]/g, '').slice(0, 96);
}

export class OrgAuth {
	accessTokens = new Map<string, AccessTokenInfo>();
	refreshTokens = new Map<string, RefreshTokenInfo>();
	authCodes = new Map<string, AuthCode>();
	/** "userId|clientId" pairs the user approved on the consent page (JWT bearer needs it unless admin pre-approved) */
	consents = new Set<string>();

	constructor(
		private readonly config: () => OrgConfig,
		private readonly clock: OrgClock,
	) {}

	/** Forgets every token, code and consent. */
	clear(): void {
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.authCodes.clear();
		this.consents.clear();
	}

	findUserByUsername(username: string): SandboxUser | undefined {
		const u = username.trim().toLowerCase();
		return this.config().users.find((x) => x.username.toLowerCase() === u);
	}

	findUserById(id: string): SandboxUser | undefined {
		return this.config().users.find((x) => sameId(x.id, id));
	}

	findApp(clientId: string): ConnectedApp | undefined {
		return this.config().connectedApps.find((a) => a.clientId === clientId);
	}

	rotationFor(app: ConnectedApp): boolean {
		return app.refreshTokenRotation ?? this.config().refreshTokenRotation;
	}

	issueAccessToken(userId: string, clientId: string, scopes: string[], refreshToken?: string): AccessTokenInfo {
		const info: AccessTokenInfo = {
			token: `${this.config().orgId.slice(0, 15)}!${tokenSuffix()}`,
			userId,
			clientId,
			scopes,
			issuedAt: this.clock.nowMs(),
			expiresAt: this.clock.sessionNowMs() + this.config().accessTokenTtlMs,
			refreshToken,
		};
		this.accessTokens.set(info.token, info);
		return info;
	}

	issueRefreshToken(userId: string, clientId: string, scopes: string[]): RefreshTokenInfo {
		const info: RefreshTokenInfo = { token: `5Aep861${tokenSuffix().slice(0, 80)}`, userId, clientId, scopes, issuedAt: this.clock.nowMs() };
		this.refreshTokens.set(info.token, info);
		return info;
	}

	/** The session behind a bearer token, or undefined when unknown/expired/revoked or the user was deactivated. */
	sessionFor(token: string): SfSession | undefined {
		const info = this.accessTokens.get(token);
		if (!info) return undefined;
		if (this.clock.sessionNowMs() >= info.expiresAt) {
			this.accessTokens.delete(token);
			return undefined;
		}
		if (!this.findUserById(info.userId)?.active) return undefined;
		return { userId: info.userId, orgId: this.config().orgId, scopes: info.scopes, clientId: info.clientId };
	}

	revokeRefreshToken(token: string): boolean {
		if (!this.refreshTokens.delete(token)) return false;
		for (const [k, v] of this.accessTokens) if (v.refreshToken === token) this.accessTokens.delete(k);
		return true;
	}

	/** Every access token becomes invalid; refresh tokens keep working. Returns how many there were. */
	expireSessions(): number {
		const n = this.accessTokens.size;
		this.accessTokens.clear();
		return n;
	}
}

/** Salesforce's token `signature`: base64 HMAC-SHA256 of id + issued_at keyed with the client secret. */
export function tokenSignature(idUrl: string, issuedAt: string, secret: string): string {
	return createHmac('sha256', secret).update(idUrl + issuedAt).digest('base64');
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
