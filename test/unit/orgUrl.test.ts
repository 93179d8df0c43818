import fc from 'fast-check';

import { normalizeOrgUrl, oauthBaseUrl, OrgUrlError } from '../../shared/orgUrl';

function rejection(fn: () => unknown): OrgUrlError {
	try {
		fn();
	} catch (error) {
		if (error instanceof OrgUrlError) return error;
		throw error;
	}
	throw new Error('expected an OrgUrlError');
}

describe('org URL rules', () => {
	it('keeps only the origin: trailing slashes and paths are dropped', () => {
		expect(normalizeOrgUrl('https://acme.my.salesforce.com/')).toBe('https://acme.my.salesforce.com');
		expect(normalizeOrgUrl('https://acme.my.salesforce.com/lightning/page/home?x=1')).toBe('https://acme.my.salesforce.com');
		expect(normalizeOrgUrl('  acme--dev.sandbox.my.salesforce.com ')).toBe('https://acme--dev.sandbox.my.salesforce.com');
		expect(normalizeOrgUrl('HTTPS://ACME.MY.SALESFORCE.COM')).toBe('https://acme.my.salesforce.com');
	});

	it('refuses Lightning URLs and shows the My Domain URL to use', () => {
		const e = rejection(() => normalizeOrgUrl('https://acme.lightning.force.com/lightning/o/Account/home'));
		expect(e.message).toMatch(/Lightning URL/);
		expect(e.hint).toContain('https://acme.my.salesforce.com');
		expect(rejection(() => normalizeOrgUrl('https://acme--uat.sandbox.lightning.force.com')).hint).toContain(
			'https://acme--uat.sandbox.my.salesforce.com',
		);
		expect(rejection(() => normalizeOrgUrl('https://gov.lightning.crmforce.mil')).hint).toContain('https://gov.my.salesforce.mil');
		expect(rejection(() => normalizeOrgUrl('https://cn.lightning.sfcrmapps.cn')).hint).toContain('https://cn.my.sfcrmproducts.cn');
	});

	it('refuses http:// except on loopback hosts', () => {
		const e = rejection(() => normalizeOrgUrl('http://acme.my.salesforce.com'));
		expect(e.message).toMatch(/http:\/\//);
		expect(e.hint).toContain('https://acme.my.salesforce.com');
		expect(normalizeOrgUrl('http://127.0.0.1:8899/')).toBe('http://127.0.0.1:8899');
		expect(normalizeOrgUrl('http://localhost:8899/services')).toBe('http://localhost:8899');
		expect(normalizeOrgUrl('http://[::1]:8899')).toBe('http://[::1]:8899');
		expect(() => normalizeOrgUrl('http://10.0.0.5:8899')).toThrow(OrgUrlError);
	});

	it('refuses hosts outside Salesforce domains unless Custom Domain is ticked', () => {
		const e = rejection(() => normalizeOrgUrl('https://acme.my.salesforce.co'));
		expect(e.message).toMatch(/not a Salesforce domain/);
		expect(e.hint).toMatch(/Custom Domain/);
		expect(() => normalizeOrgUrl('https://salesforce.com.evil.example')).toThrow(OrgUrlError);
		expect(normalizeOrgUrl('https://crm.acme.example/', { allowCustomDomain: true })).toBe('https://crm.acme.example');
		expect(normalizeOrgUrl('https://login.salesforce.com')).toBe('https://login.salesforce.com');
		expect(normalizeOrgUrl('https://acme.my.site.com')).toBe('https://acme.my.site.com');
	});

	it('refuses text that is not a URL, naming the field', () => {
		expect(rejection(() => normalizeOrgUrl('not a url at all', { fieldName: 'URL' })).message).toMatch(/^The URL/);
		expect(() => normalizeOrgUrl('')).toThrow(OrgUrlError);
		expect(() => normalizeOrgUrl('ftp://acme.my.salesforce.com')).toThrow(/https/);
	});

	it('falls back to the environment login host when no URL is given', () => {
		expect(oauthBaseUrl('', 'production')).toBe('https://login.salesforce.com');
		expect(oauthBaseUrl(undefined, 'sandbox')).toBe('https://test.salesforce.com');
		expect(oauthBaseUrl('https://acme.my.salesforce.com/x', 'sandbox')).toBe('https://acme.my.salesforce.com');
	});

	it('property: any path or query appended to a valid org URL normalises to the same origin', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
				fc.webPath(),
				fc.boolean(),
				(name, p, slash) => {
					const base = `https://${name}.my.salesforce.com`;
					expect(normalizeOrgUrl(`${base}${p}${slash ? '/' : ''}`)).toBe(base);
				},
			),
		);
	});
});
