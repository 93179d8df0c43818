/**
 * "Connect my account": n8n builds the authorization and token URLs from the credential's own fields before any of
 * our code runs. They must come only from a URL that passes the connection's URL rules (shared/orgUrl.ts); anything
 * else goes to a reserved host that never resolves, so the password page, the code and the client secret reach nobody.
 */
import fc from 'fast-check';

import { createHarness, type Harness } from '../harness/engine';
import { OAUTH2_TYPE } from '../harness/org';
import { normalizeOrgUrl, REFUSED_OAUTH_BASE } from '../../shared/orgUrl';

let harness: Harness;
beforeAll(async () => {
	harness = await createHarness();
});

function oauthUrls(url: string, extra: Record<string, unknown> = {}) {
	const resolved = harness.credentialsHelper.applyDefaultsAndResolve(OAUTH2_TYPE, { clientId: 'x', clientSecret: 'y', url, environment: 'production', ...extra } as never);
	return { auth: String(resolved.authUrl), token: String(resolved.accessTokenUrl) };
}

const expected = (url: string, allowCustomDomain = false) => {
	try {
		return normalizeOrgUrl(url, { allowCustomDomain });
	} catch {
		return REFUSED_OAUTH_BASE;
	}
};

describe('the OAuth2 credential’s authorization and token URLs follow the URL rules', () => {
	it.each([
		['http to a remote host', 'http://acme.my.salesforce.com'],
		['a look-alike suffix', 'https://acme.my.salesforce.com.evil.com'],
		['a look-alike domain', 'https://acme.salesforce.co'],
		['userinfo in front of a Salesforce host', 'https://evil.com@acme.my.salesforce.com'],
		['a Lightning URL', 'https://acme.lightning.force.com'],
		['another scheme', 'ftp://acme.my.salesforce.com'],
		['garbage', 'not a url at all'],
	])('%s is refused: both URLs go to the reserved host', (_name, url) => {
		const { auth, token } = oauthUrls(url);
		expect(auth).toBe(`${REFUSED_OAUTH_BASE}/services/oauth2/authorize`);
		expect(token).toBe(`${REFUSED_OAUTH_BASE}/services/oauth2/token`);
	});

	it.each([
		['a My Domain URL with a path', 'https://Acme.my.salesforce.com/lightning/page', 'https://acme.my.salesforce.com'],
		['a sandbox My Domain without scheme', 'acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com'],
		['the local sandbox org', 'http://127.0.0.1:8899/', 'http://127.0.0.1:8899'],
	])('%s is kept as its origin', (_name, url, origin) => {
		expect(oauthUrls(url).auth).toBe(`${origin}/services/oauth2/authorize`);
	});

	it('an empty URL uses the environment’s login host; Custom Domain admits an https host of your own', () => {
		expect(oauthUrls('', { environment: 'sandbox' }).token).toBe('https://test.salesforce.com/services/oauth2/token');
		expect(oauthUrls('https://login.acme.example', { allowCustomDomain: true }).auth).toBe('https://login.acme.example/services/oauth2/authorize');
		expect(oauthUrls('http://login.acme.example', { allowCustomDomain: true }).auth).toBe(`${REFUSED_OAUTH_BASE}/services/oauth2/authorize`);
	});

	it('property: the expression agrees with normalizeOrgUrl on what it accepts, and refuses all it refuses', () => {
		const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/);
		const suffix = fc.constantFrom('.my.salesforce.com', '.salesforce.com', '.force.com', '.salesforce.co', '.my.salesforce.com.evil.com', '.lightning.force.com', '.example.com', '');
		const host = fc.oneof(
			fc.tuple(label, suffix).map(([l, s]) => l + s),
			fc.constantFrom('localhost', '127.0.0.1', '127.1.2.3', '127.300.0.1', '[::1]', '10.0.0.1'),
		);
		const url = fc.tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', '', 'ftp://'), fc.option(fc.constantFrom('user@', 'evil.com@')), host, fc.option(fc.integer({ min: 1, max: 70000 })), fc.constantFrom('', '/', '/path?x=1', '#frag'));
		fc.assert(
			fc.property(url, fc.boolean(), ([scheme, userinfo, h, port, path], allowCustomDomain) => {
				const text = `${scheme}${userinfo ?? ''}${h}${port ? `:${port}` : ''}${path}`;
				const want = expected(text, allowCustomDomain);
				const got = oauthUrls(text, { allowCustomDomain }).auth.replace(/\/services\/oauth2\/authorize$/, '');
				// the expression may be stricter (it refuses userinfo outright), never more lenient
				if (got !== REFUSED_OAUTH_BASE) expect(got).toBe(want);
				if (want === REFUSED_OAUTH_BASE) expect(got).toBe(REFUSED_OAUTH_BASE);
			}),
			{ numRuns: 300 },
		);
	});
});
