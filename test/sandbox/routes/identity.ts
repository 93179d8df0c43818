/**
 * The identity service: `GET /id/{orgId}/{userId}` (the `id` of a token response) and the OpenID Connect
 * `GET|POST /services/oauth2/userinfo`. Both take the token as a Bearer header or an `oauth_token` parameter and
 * answer a bad token with 403 `Bad_OAuth_Token` (plain text), a missing one with 403 `Missing_OAuth_Token`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { sameId } from '../ids';
import { LATEST_API_VERSION } from '../errors';
import { bearerToken, type Org, type SandboxUser, type SfSession } from '../org';

function tokenOf(request: FastifyRequest): string | undefined {
	const q = request.query as Record<string, unknown> | undefined;
	const b = request.body as Record<string, unknown> | undefined;
	return bearerToken(request) ?? (typeof q?.oauth_token === 'string' ? q.oauth_token : undefined) ?? (typeof b?.oauth_token === 'string' ? b.oauth_token : undefined);
}

/** The caller's session or a 403 reply, as the identity service does it. */
function session(org: Org, request: FastifyRequest, reply: FastifyReply): SfSession | undefined {
	const token = tokenOf(request);
	if (!token) {
		void reply.code(403).type('text/plain').send('Missing_OAuth_Token');
		return undefined;
	}
	const s = org.sessionFor(token);
	if (!s) {
		void reply.code(403).type('text/plain').send('Bad_OAuth_Token');
		return undefined;
	}
	return s;
}

function urls(org: Org, user: SandboxUser): Record<string, string> {
	const base = org.instanceUrl;
	const orgId = org.config.orgId;
	return {
		enterprise: `${base}/services/Soap/c/{version}/${orgId.slice(0, 15)}`,
		metadata: `${base}/services/Soap/m/{version}/${orgId.slice(0, 15)}`,
		partner: `${base}/services/Soap/u/{version}/${orgId.slice(0, 15)}`,
		rest: `${base}/services/data/v{version}/`,
		sobjects: `${base}/services/data/v{version}/sobjects/`,
		search: `${base}/services/data/v{version}/search/`,
		query: `${base}/services/data/v{version}/query/`,
		recent: `${base}/services/data/v{version}/recent/`,
		tooling_soap: `${base}/services/Soap/T/{version}/${orgId.slice(0, 15)}`,
		tooling_rest: `${base}/services/data/v{version}/tooling/`,
		profile: `${base}/${user.id}`,
		feeds: `${base}/services/data/v{version}/chatter/feeds`,
		groups: `${base}/services/data/v{version}/chatter/groups`,
		users: `${base}/services/data/v{version}/chatter/users`,
		feed_items: `${base}/services/data/v{version}/chatter/feed-items`,
		feed_elements: `${base}/services/data/v{version}/chatter/feed-elements`,
		custom_domain: base,
	};
}

function utcOffsetMs(timeZone: string, at: Date): number {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

function photos(org: Org, user: SandboxUser): { picture: string; thumbnail: string } {
	return {
		picture: `${org.instanceUrl}/profilephoto/005/F?u=${user.id}`,
		thumbnail: `${org.instanceUrl}/profilephoto/005/T?u=${user.id}`,
	};
}

/** The identity URL's JSON (Salesforce's field names). */
export function identityBody(org: Org, user: SandboxUser): Record<string, unknown> {
	const now = org.now();
	return {
		id: org.identityUrl(user.id),
		asserted_user: true,
		user_id: user.id,
		organization_id: org.config.orgId,
		username: user.username,
		nick_name: user.username.split('@')[0],
		display_name: `${user.firstName} ${user.lastName}`.trim(),
		email: user.email,
		email_verified: true,
		first_name: user.firstName,
		last_name: user.lastName,
		timezone: user.timeZone,
		photos: photos(org, user),
		addr_street: null,
		addr_city: null,
		addr_state: null,
		addr_country: null,
		addr_zip: null,
		mobile_phone: null,
		mobile_phone_verified: false,
		is_lightning_login_user: false,
		status: { created_date: null, body: null },
		urls: urls(org, user),
		active: user.active,
		user_type: 'STANDARD',
		language: user.language,
		locale: user.locale,
		utcOffset: utcOffsetMs(user.timeZone, now),
		last_modified_date: '2024-01-01T00:00:00.000+0000',
		is_app_installed: true,
	};
}

/** OpenID Connect userinfo (Salesforce's variant: OIDC claims plus its own). */
export function userinfoBody(org: Org, user: SandboxUser): Record<string, unknown> {
	const now = org.now();
	return {
		sub: org.identityUrl(user.id),
		user_id: user.id,
		organization_id: org.config.orgId,
		preferred_username: user.username,
		nickname: user.username.split('@')[0],
		name: `${user.firstName} ${user.lastName}`.trim(),
		email: user.email,
		email_verified: true,
		given_name: user.firstName,
		family_name: user.lastName,
		zoneinfo: user.timeZone,
		photos: photos(org, user),
		profile: `${org.instanceUrl}/${user.id}`,
		picture: photos(org, user).picture,
		address: {},
		is_salesforce_integration_user: false,
		urls: Object.fromEntries(Object.entries(urls(org, user)).map(([k, v]) => [k, v.replace('{version}', LATEST_API_VERSION)])),
		active: user.active,
		user_type: 'STANDARD',
		language: user.language,
		locale: user.locale,
		utcOffset: utcOffsetMs(user.timeZone, now),
		updated_at: '2024-01-01T00:00:00Z',
		is_app_installed: true,
	};
}

export function registerIdentityRoutes(app: FastifyInstance, org: Org): void {
	const userinfo = async (request: FastifyRequest, reply: FastifyReply) => {
		const s = session(org, request, reply);
		if (!s) return reply;
		const user = org.findUserById(s.userId);
		if (!user) return reply.code(403).type('text/plain').send('Bad_OAuth_Token');
		return reply.type('application/json;charset=UTF-8').send(userinfoBody(org, user));
	};
	app.get('/services/oauth2/userinfo', userinfo);
	app.post('/services/oauth2/userinfo', userinfo);

	app.get('/id/:orgId/:userId', async (request, reply) => {
		const s = session(org, request, reply);
		if (!s) return reply;
		const { orgId, userId } = request.params as { orgId: string; userId: string };
		if (!sameId(orgId, org.config.orgId)) return reply.code(403).type('text/plain').send('Bad_Id');
		// Another user's identity needs an api/full token of a user who can view all data (Salesforce's rule)
		const caller = org.findUserById(s.userId);
		const mayReadOthers = caller?.isAdmin === true && (s.scopes.includes('api') || s.scopes.includes('full'));
		const user = sameId(userId, s.userId) || mayReadOthers ? org.findUserById(userId) : undefined;
		if (!user) return reply.code(403).type('text/plain').send('Bad_Id');
		return reply.type('application/json;charset=UTF-8').send(identityBody(org, user));
	});
}
