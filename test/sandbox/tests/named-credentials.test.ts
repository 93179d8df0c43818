/**
 * Connect REST named-credential resources: the default working setup, broken setups built through the admin API,
 * and permission-set access queryable as PermissionSetAssignment.
 */
import * as jsforce from '@jsforce/jsforce-node';

import * as admin from '../admin-client';
import { startSandbox, type SandboxHandle } from '../server';

let sb: SandboxHandle;
let conn: jsforce.Connection;
const V = '/services/data/v66.0/named-credentials';

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	const t = await admin.browserLogin(sb.url);
	conn = new jsforce.Connection({ instanceUrl: t.instance_url, accessToken: t.access_token, version: '66.0' });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await admin.reset(sb.url);
});

type Json = Record<string, unknown>;
const get = (path: string) => conn.request<Json>({ method: 'GET', url: path });

async function status(path: string): Promise<{ status: number; body: unknown }> {
	const res = await fetch(`${sb.url}${path}`, { headers: { authorization: `Bearer ${conn.accessToken}` } });
	return { status: res.status, body: await res.json() };
}

async function assignees(permissionSet: string): Promise<string[]> {
	const soql = `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = '${permissionSet}'`;
	const res = await conn.query<{ AssigneeId: string }>(soql);
	return res.records.map((r) => r.AssigneeId);
}

describe('default setup', () => {
	it('lists the SalesforceOrg named credential', async () => {
		const list = await get(`${V}/named-credential-setup`);
		const ncs = list.namedCredentials as Json[];
		expect(ncs).toHaveLength(1);
		expect(ncs[0]).toMatchObject({ developerName: 'SalesforceOrg', type: 'SecuredEndpoint', calloutUrl: sb.url });
	});

	it('returns the named credential with its external credential', async () => {
		const nc = await get(`${V}/named-credential-setup/SalesforceOrg`);
		expect(Object.keys(nc).sort()).toEqual(
			['calloutOptions', 'calloutUrl', 'customHeaders', 'developerName', 'externalCredentials', 'id', 'masterLabel', 'parameters', 'type', 'url'].sort(),
		);
		expect(nc.url).toBe(`${V}/named-credential-setup/SalesforceOrg`);
		expect(nc.calloutOptions).toEqual({ allowMergeFieldsInBody: false, allowMergeFieldsInHeader: false, generateAuthorizationHeader: true });
		expect(nc.externalCredentials).toEqual([
			{ developerName: 'SalesforceOrg', id: expect.stringMatching(/^[a-zA-Z0-9]{18}$/), masterLabel: 'Salesforce Org', url: `${V}/external-credentials/SalesforceOrg` },
		]);
	});

	it('returns the external credential with one authenticated named principal and its permission set', async () => {
		const ec = await get(`${V}/external-credentials/SalesforceOrg`);
		expect(ec).toMatchObject({ developerName: 'SalesforceOrg', authenticationProtocol: 'OAuth', authenticationStatus: 'Configured' });
		const principals = ec.principals as Json[];
		expect(principals).toHaveLength(1);
		expect(principals[0]).toMatchObject({
			principalName: 'SalesforceOrgPrincipal',
			principalType: 'NamedPrincipal',
			sequenceNumber: 1,
			authenticationStatus: 'Configured',
			principalAccess: [{ developerName: 'SalesforceOrg_Principal_Access', id: expect.any(String), type: 'PermissionSet' }],
		});
		expect((ec.relatedNamedCredentials as Json[]).map((r) => r.developerName)).toEqual(['SalesforceOrg']);
	});

	it('grants the permission set to the default user, queryable with SOQL', async () => {
		expect(await assignees('SalesforceOrg_Principal_Access')).toEqual([sb.org.config.users[0].id]);
		const ps = await conn.query<{ Id: string; Name: string }>("SELECT Id, Name FROM PermissionSet WHERE Name = 'SalesforceOrg_Principal_Access'");
		expect(ps.totalSize).toBe(1);
		const ec = await get(`${V}/external-credentials/SalesforceOrg`);
		const access = ((ec.principals as Json[])[0].principalAccess as Json[])[0];
		expect(access.id).toBe(ps.records[0].Id);
	});

	it('answers a missing name or an old API version with 404 NOT_FOUND', async () => {
		for (const path of [`${V}/named-credential-setup/Nope`, `${V}/external-credentials/Nope`, '/services/data/v55.0/named-credentials/named-credential-setup']) {
			expect(await status(path)).toEqual({ status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] });
		}
	});
});

describe('broken setups built through the admin API', () => {
	it('a named credential pointing at an external credential that does not exist', async () => {
		await admin.setNamedCredentials(sb.url, { mode: 'merge', namedCredentials: [{ developerName: 'SalesforceOrg', externalCredentials: ['Missing'] }] });
		const nc = await get(`${V}/named-credential-setup/SalesforceOrg`);
		expect(nc.externalCredentials).toEqual([]);
		const ec = await get(`${V}/external-credentials/SalesforceOrg`);
		expect(ec.relatedNamedCredentials).toEqual([]);
	});

	it('an external credential with two principals, one not authenticated', async () => {
		await admin.setNamedCredentials(sb.url, {
			mode: 'merge',
			permissionSets: [{ name: 'Second_Access' }],
			externalCredentials: [
				{
					developerName: 'SalesforceOrg',
					principals: [
						{ principalName: 'Second', sequenceNumber: 2, authenticationStatus: 'NotConfigured', permissionSets: ['Second_Access'] },
						{ principalName: 'SalesforceOrgPrincipal', sequenceNumber: 1, permissionSets: ['SalesforceOrg_Principal_Access'] },
					],
				},
			],
		});
		const ec = await get(`${V}/external-credentials/SalesforceOrg`);
		expect(ec.authenticationStatus).toBe('NotConfigured');
		const principals = ec.principals as Json[];
		expect(principals.map((p) => [p.principalName, p.sequenceNumber, p.authenticationStatus])).toEqual([
			['SalesforceOrgPrincipal', 1, 'Configured'],
			['Second', 2, 'NotConfigured'],
		]);
		expect(await assignees('Second_Access')).toEqual([]);
	});

	it('a per-user principal with the permission set on the second user only', async () => {
		await admin.setNamedCredentials(sb.url, {
			permissionSets: [{ name: 'PerUser_Access' }],
			assignments: [{ permissionSet: 'PerUser_Access', username: 'user@sandbox.example' }],
			externalCredentials: [
				{
					developerName: 'PerUser',
					authenticationProtocol: 'Custom',
					principals: [{ principalName: 'Each', principalType: 'PerUserPrincipal', permissionSets: ['PerUser_Access'] }],
				},
			],
			namedCredentials: [{ developerName: 'PerUserNC', calloutUrl: 'https://api.example.com', externalCredentials: ['PerUser'] }],
		});
		const list = (await get(`${V}/named-credential-setup`)).namedCredentials as Json[];
		expect(list.map((n) => n.developerName)).toEqual(['PerUserNC']);
		expect(await status(`${V}/named-credential-setup/SalesforceOrg`)).toMatchObject({ status: 404 });
		const ec = await get(`${V}/external-credentials/PerUser`);
		expect(ec.authenticationProtocol).toBe('Custom');
		expect((ec.principals as Json[])[0].principalType).toBe('PerUserPrincipal');
		expect(await assignees('PerUser_Access')).toEqual([sb.org.config.users[1].id]);
		expect(await assignees('SalesforceOrg_Principal_Access')).toEqual([]);
		// the default comes back with a reset
		await admin.resetNamedCredentials(sb.url);
		expect(await assignees('SalesforceOrg_Principal_Access')).toEqual([sb.org.config.users[0].id]);
	});

	it('rejects assignments to unknown users or permission sets', async () => {
		await expect(admin.setNamedCredentials(sb.url, { mode: 'merge', assignments: [{ permissionSet: 'Nope', username: 'admin@sandbox.example' }] })).rejects.toThrow(/400/);
		await expect(
			admin.setNamedCredentials(sb.url, { mode: 'merge', assignments: [{ permissionSet: 'SalesforceOrg_Principal_Access', username: 'ghost@x' }] }),
		).rejects.toThrow(/400/);
	});
});
