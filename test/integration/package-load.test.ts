/** The built package, loaded the way n8n loads an installed community package. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { NodeHelpers, type INodeProperties, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from '../harness/engine';
import { OAuth2ApiFixture } from '../harness/fixtures';

describe('package loading (dist/ through n8n-core PackageDirectoryLoader)', () => {
	it('registers both nodes, both credential types and the hidden org fields they extend under the package name', async () => {
		const loader = await loadPackage();
		expect(loader.packageName).toBe('n8n-nodes-salesforce-connector');
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(['salesforceConnector', 'salesforceConnectorTrigger']);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual([
			'salesforceConnectorNamedCredentialApi',
			'salesforceConnectorOAuth2Api',
			'salesforceConnectorOrgApi',
		]);
		// fields only: not offered when creating a credential, used by no node
		expect(loader.credentialTypes.salesforceConnectorOrgApi.type.hidden).toBe(true);
	});

	it('describes the action node as a tool-usable node with the connection selector and both credentials', async () => {
		const loader = await loadPackage();
		const node = loader.nodeTypes.salesforceConnector.type as INodeType;
		const d = node.description;
		expect(d.displayName).toBe('Salesforce Connector');
		expect(d.usableAsTool).toBe(true);
		expect(d.inputs).toEqual(['main']);
		const auth = d.properties.find((p) => p.name === 'authentication');
		expect(auth?.options?.map((o) => ('name' in o ? o.name : ''))).toEqual([
			'Standard (OAuth2 Browser Flow)',
			'Named Credential',
		]);
		expect(d.credentials?.map((c) => [c.name, c.displayOptions?.show?.authentication])).toEqual([
			['salesforceConnectorOAuth2Api', ['oAuth2']],
			['salesforceConnectorNamedCredentialApi', ['namedCredential']],
		]);
		expect(d.credentials?.[1].testedBy).toBe('salesforceConnectorNamedCredentialTest');
		expect(typeof node.methods?.credentialTest?.salesforceConnectorNamedCredentialTest).toBe('function');
		// the canvas subtitle reads as words, not raw values
		const subtitle = new Function('$parameter', `return ${String(d.subtitle).replace(/^=\{\{|\}\}$/g, '')}`) as (p: object) => string;
		expect(subtitle({ operation: 'getInfo', resource: 'connection' })).toBe('Get Info · Connection');
		expect(subtitle({ operation: 'upsert', resource: 'account' })).toBe('Create or Update · Account');
		expect(subtitle({ operation: 'get', resource: 'record' })).toBe('Get by ID · Any Object');
		// Operation comes before Object, as in n8n's own nodes
		const recordOperation = d.properties.findIndex((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('record'));
		expect(recordOperation).toBeGreaterThan(-1);
		expect(recordOperation).toBeLessThan(d.properties.findIndex((p) => p.name === 'sobject'));
	});

	it('describes the trigger as a polling trigger without inputs', async () => {
		const loader = await loadPackage();
		const node = loader.nodeTypes.salesforceConnectorTrigger.type as INodeType;
		const d: INodeTypeDescription = node.description;
		expect(d.displayName).toBe('Salesforce Connector Trigger');
		expect(d.polling).toBe(true);
		expect(d.inputs).toEqual([]);
		expect(d.group).toEqual(['trigger']);
		expect(typeof node.poll).toBe('function');
		expect(d.properties.find((p) => p.name === 'authentication')?.default).toBe('oAuth2');
	});

	it('ships light and dark SVG icons and codex files that n8n resolves', async () => {
		const loader = await loadPackage();
		for (const name of ['salesforceConnector', 'salesforceConnectorTrigger']) {
			const d = (loader.nodeTypes[name].type as INodeType).description;
			// the loader rewrites file: icons into package-relative icon URLs
			expect(d.iconUrl).toEqual({
				light: expect.stringMatching(/\/salesforce\.svg$/),
				dark: expect.stringMatching(/\/salesforce\.dark\.svg$/),
			});
			const dir = path.join(PACKAGE_ROOT, 'dist/nodes', name[0].toUpperCase() + name.slice(1));
			const svg = readFileSync(path.join(dir, 'salesforce.svg'), 'utf8');
			expect(svg).toContain('<svg');
			expect(readFileSync(path.join(dir, 'salesforce.dark.svg'), 'utf8')).not.toEqual(svg);
			expect(d.codex?.categories).toEqual(['Sales', 'Data & Storage']);
		}
	});

	it('defines the OAuth2 credential on top of n8n oAuth2Api with PKCE and least-privilege scope', async () => {
		const loader = await loadPackage();
		const cred = loader.credentialTypes.salesforceConnectorOAuth2Api.type;
		expect(cred.extends).toEqual(['salesforceConnectorOrgApi', 'oAuth2Api']);
		// merged as n8n merges them (backend CredentialsHelper, the editor's credential form): each parent in turn, then
		// the type's own properties, an override keeping its parent's place
		const merged: INodeProperties[] = [];
		NodeHelpers.mergeNodeProperties(merged, loader.credentialTypes.salesforceConnectorOrgApi.type.properties);
		NodeHelpers.mergeNodeProperties(merged, new OAuth2ApiFixture().properties);
		NodeHelpers.mergeNodeProperties(merged, cred.properties);
		const order = merged.map((p) => p.name);
		expect(order.slice(0, 4)).toEqual(['environment', 'url', 'allowCustomDomain', 'urlRulesNotice']);
		expect(order.filter((n) => ['clientId', 'clientSecret', 'scope'].includes(n))).toEqual(['clientId', 'clientSecret', 'scope']);
		const byName = Object.fromEntries(merged.map((p) => [p.name, p]));
		expect(byName.grantType.default).toBe('pkce');
		expect(byName.scope.default).toBe('api refresh_token');
		expect(byName.environment.options?.map((o) => ('value' in o ? o.value : ''))).toEqual(['production', 'sandbox']);
		expect(byName.url.type).toBe('string');
		expect(byName.allowCustomDomain.default).toBe(false);
	});

	it('defines the named-credential connection with both server-to-server protocols', async () => {
		const loader = await loadPackage();
		const cred = loader.credentialTypes.salesforceConnectorNamedCredentialApi.type;
		const names = cred.properties.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining(['namedCredential', 'url', 'environment', 'protocol', 'clientId', 'clientSecret', 'username', 'privateKey']),
		);
		const protocol = cred.properties.find((p) => p.name === 'protocol');
		expect(protocol?.options?.map((o) => ('value' in o ? o.value : ''))).toEqual(['clientCredentials', 'jwtBearer']);
		const token = cred.properties.find((p) => p.name === 'accessToken');
		expect(token?.typeOptions?.expirable).toBe(true);
		expect(typeof cred.preAuthentication).toBe('function');
	});
});

it('every operation has API Version inside its Options, none at the top level', async () => {
	const loader = await loadPackage();
	const d = (loader.nodeTypes.salesforceConnector.type as INodeType).description;
	expect(d.properties.some((p) => p.name === 'apiVersion')).toBe(false);
	const resources = d.properties.find((p) => p.name === 'resource')?.options?.map((o) => ('value' in o ? String(o.value) : '')) ?? [];
	for (const resource of resources) {
		const picker = d.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
		for (const op of picker?.options?.map((o) => ('value' in o ? String(o.value) : '')) ?? []) {
			const options = d.properties.filter(
				(p) => p.name === 'options' && p.displayOptions?.show?.resource?.includes(resource) && (!p.displayOptions.show.operation || p.displayOptions.show.operation.includes(op)),
			);
			expect([resource, op, options.length]).toEqual([resource, op, 1]);
			expect((options[0].options as Array<{ name: string }>).map((o) => o.name)).toContain('apiVersion');
		}
	}
});
