/**
 * Validation and normalisation of the org URL the user types into a connection (and anywhere else a
 * Salesforce URL is accepted). Tokens go to this host, so a typo must fail loudly instead of leaking them.
 */

export type SalesforceEnvironment = 'production' | 'sandbox';

export const LOGIN_HOSTS: Record<SalesforceEnvironment, string> = {
	production: 'https://login.salesforce.com',
	sandbox: 'https://test.salesforce.com',
};

/** Lightning UI hosts and the My Domain API host each one maps to. */
const LIGHTNING_SUFFIXES: Array<[lightning: string, myDomain: string]> = [
	['.lightning.force.com', '.my.salesforce.com'],
	['.lightning.crmforce.mil', '.my.salesforce.mil'],
	['.lightning.sfcrmapps.cn', '.my.sfcrmproducts.cn'],
	['.lightning.force.mil', '.my.salesforce.mil'],
];

/** Domains Salesforce serves orgs and login from (commercial, government and China clouds). */
const SALESFORCE_DOMAINS = [
	'salesforce.com',
	'force.com',
	'cloudforce.com',
	'database.com',
	'salesforce.mil',
	'crmforce.mil',
	'sfcrmproducts.cn',
	'sfcrmapps.cn',
	'salesforce-setup.com',
	'site.com',
];

export class OrgUrlError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'OrgUrlError';
	}
}

export function isLoopbackHost(hostname: string): boolean {
	const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function isSalesforceHost(hostname: string): boolean {
	const h = hostname.toLowerCase();
	return SALESFORCE_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

function parseUrl(text: string): URL | undefined {
	return URL.canParse(text) ? new URL(text) : undefined;
}

export interface OrgUrlOptions {
	/** The user ticked "custom domain": any https host is accepted */
	allowCustomDomain?: boolean;
	/** Name of the field in error messages */
	fieldName?: string;
}

/**
 * Returns the origin (`https://host[:port]`) of a Salesforce URL typed by a user, or throws OrgUrlError with a
 * hint that tells the fix. Trailing slashes and paths are dropped; Lightning URLs, plain http to a remote host
 * and non-Salesforce hosts (unless allowed) are refused.
 */
export function normalizeOrgUrl(input: string, options: OrgUrlOptions = {}): string {
	const field = options.fieldName ?? 'URL';
	const raw = input.trim();
	const parsed = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
	if (!parsed || raw === '') {
		throw new OrgUrlError(
			`The ${field} "${raw}" is not a valid URL`,
			'Enter the base URL of your org, e.g. https://yourcompany.my.salesforce.com (Setup > My Domain > Current My Domain URL).',
		);
	}
	const host = parsed.hostname.toLowerCase();
	for (const [lightning, myDomain] of LIGHTNING_SUFFIXES) {
		if (host.endsWith(lightning)) {
			const suggestion = `https://${host.slice(0, -lightning.length)}${myDomain}`;
			throw new OrgUrlError(
				`The ${field} "${parsed.origin}" is a Lightning URL, which cannot be used for API calls`,
				`Use your My Domain URL instead: ${suggestion} (Setup > My Domain > Current My Domain URL).`,
			);
		}
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new OrgUrlError(
			`The ${field} must start with https://`,
			'Enter the base URL of your org, e.g. https://yourcompany.my.salesforce.com.',
		);
	}
	if (parsed.protocol === 'http:' && !isLoopbackHost(host)) {
		throw new OrgUrlError(
			`The ${field} "${parsed.origin}" uses http://, which would send your tokens unencrypted`,
			`Use https://${parsed.host} instead. Plain http is accepted only for a local test org on localhost or 127.0.0.1.`,
		);
	}
	if (!isLoopbackHost(host) && !isSalesforceHost(host) && !options.allowCustomDomain) {
		throw new OrgUrlError(
			`The ${field} "${parsed.origin}" is not a Salesforce domain`,
			'Check for a typo: org URLs end in .my.salesforce.com (or .sandbox.my.salesforce.com). If your org really uses another domain, turn on "Custom Domain" in the connection.',
		);
	}
	return parsed.origin;
}

/** The host that serves OAuth for a connection: the org URL when given, else the environment's login host. */
export function oauthBaseUrl(url: string | undefined, environment: SalesforceEnvironment, options: OrgUrlOptions = {}): string {
	if (url && url.trim() !== '') return normalizeOrgUrl(url, options);
	return LOGIN_HOSTS[environment] ?? LOGIN_HOSTS.production;
}

/** Where "Connect my account" goes when the URL breaks the rules: a reserved name that never resolves (RFC 2606). */
export const REFUSED_OAUTH_BASE = 'https://url-refused-by-connection-rules.invalid';

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The rules above as an n8n expression over the credential's own fields (`$self`): n8n builds the authorization and
 * token URLs from it before any of our code runs, so a refused URL must yield a host that cannot be reached.
 * Generated from the same domain lists; a test compares it with normalizeOrgUrl.
 */
export function oauthBaseUrlExpression(): string {
	const salesforce = SALESFORCE_DOMAINS.map(escapeRe).join('|');
	const lightning = LIGHTNING_SUFFIXES.map(([l]) => escapeRe(l)).join('|');
	return [
		'(() => {',
		'const raw = String($self["url"] || "").trim();',
		`if (raw === "") return $self["environment"] === "sandbox" ? "${LOGIN_HOSTS.sandbox}" : "${LOGIN_HOSTS.production}";`,
		'const full = /^[a-z][a-z0-9+.-]*:\\/\\//i.test(raw) ? raw : "https://" + raw;',
		'const m = full.match(/^(https?):\\/\\/([a-z0-9.-]+|\\[::1\\])(?::(\\d{1,5}))?(?:[\\/?#]|$)/i);',
		`if (!m) return "${REFUSED_OAUTH_BASE}";`,
		'const scheme = m[1].toLowerCase(); const host = m[2].toLowerCase();',
		'const port = m[3] && !((scheme === "https" && m[3] === "443") || (scheme === "http" && m[3] === "80")) ? ":" + Number(m[3]) : "";',
		`if (m[3] && Number(m[3]) > 65535) return "${REFUSED_OAUTH_BASE}";`,
		'const octet = "(25[0-5]|2[0-4]\\\\d|1\\\\d\\\\d|[1-9]?\\\\d)";',
		// a host of digits and dots is an IPv4 address to URL parsing: only a valid dotted quad passes
		`if (/^[0-9.]+$/.test(host) && !new RegExp("^" + octet + "(\\\\." + octet + "){3}$").test(host)) return "${REFUSED_OAUTH_BASE}";`,
		'const loopback = host === "localhost" || host === "[::1]" || new RegExp("^127(\\\\." + octet + "){3}$").test(host);',
		`const lightning = /(${lightning})$/.test(host);`,
		`const salesforce = /(^|\\.)(${salesforce})$/.test(host);`,
		'const ok = !lightning && (scheme === "https" ? loopback || salesforce || $self["allowCustomDomain"] === true : loopback);',
		`return ok ? scheme + "://" + host + port : "${REFUSED_OAUTH_BASE}";`,
		'})()',
	].join(' ');
}
