/**
 * What the editor asks the action node for, through n8n-core's LoadOptionsContext against the sandbox org: the
 * object list (spec objects first, custom ones included, searchable, paged), resource-mapper fields from describe,
 * record locators, custom and external-id fields of static actions.
 */
import type { INodeListSearchResult, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

import { SPEC_OBJECTS, STATIC_OBJECTS } from '../../shared/catalogue';
import { callNodeMethod } from '../harness/engine';
import { startOrg, type TestOrg } from '../harness/org';
import { actionNode, objectParam } from '../harness/workflows';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

const node = (parameters: Record<string, unknown>) => actionNode(parameters);

describe('object list', () => {
	it('shows the spec objects first, then the others by label, custom objects included', async () => {
		const n = node({ resource: 'record', operation: 'create' });
		const res = await callNodeMethod<INodeListSearchResult>(org.harness, n, 'listSearch', 'searchObjects');
		const global = await org.jsforce.describeGlobal();
		const listed = global.sobjects.filter((o) => o.retrieveable || o.createable);
		// the sandbox has fewer objects than a page (100), so one page holds them all
		expect(listed.length).toBeLessThanOrEqual(100);
		expect(res.paginationToken).toBeUndefined();
		const values = res.results.map((r) => String(r.value));
		expect(values.sort()).toEqual(listed.map((o) => o.name).sort());
		const ordered = res.results.map((r) => String(r.value));
		const specInOrg = SPEC_OBJECTS.filter((o) => ordered.includes(o));
		expect(ordered.slice(0, specInOrg.length)).toEqual(specInOrg);
		const others = res.results.slice(specInOrg.length).map((r) => String(r.name));
		expect(others).toEqual([...others].sort((a, b) => a.localeCompare(b)));
		expect(ordered).toContain('Invoice__c');
	});

	it('filters by label or API name', async () => {
		const n = node({ resource: 'record', operation: 'create' });
		const res = await callNodeMethod<INodeListSearchResult>(org.harness, n, 'listSearch', 'searchObjects', 'invoice');
		expect(res.results).toEqual([{ name: 'Invoice (Invoice__c)', value: 'Invoice__c' }]);
	});
});

describe('resource mapper fields', () => {
	it('create: writable fields with labels, required ones first, picklist values offered, read-only left out', async () => {
		const n = node({ resource: 'record', operation: 'create', sobject: objectParam('Invoice__c') });
		const { fields } = await callNodeMethod<ResourceMapperFields>(org.harness, n, 'resourceMapping', 'getCreateFields');
		const ids = fields.map((f) => f.id);
		expect(ids).not.toContain('Id');
		expect(ids).not.toContain('CreatedDate');
		expect(ids).not.toContain('Invoice_Number__c');
		const status = fields.find((f) => f.id === 'Status__c');
		expect(status).toMatchObject({ type: 'options', displayName: 'Status__c (Status)' });
		expect(status?.options?.length).toBeGreaterThan(1);
		expect(fields.find((f) => f.id === 'Amount__c')?.type).toBe('number');
		expect(fields.find((f) => f.id === 'Paid__c')?.type).toBe('boolean');
		expect(fields.find((f) => f.id === 'Due_Date__c')?.type).toBe('dateTime');
		const required = fields.filter((f) => f.required).map((f) => f.id);
		expect(fields.slice(0, required.length).map((f) => f.id)).toEqual(required);
	});

	it('names a column by its API name, with the label only when it says more than the object’s label and the API name', async () => {
		const n = node({ resource: 'record', operation: 'create', sobject: objectParam('Account') });
		const { fields } = await callNodeMethod<ResourceMapperFields>(org.harness, n, 'resourceMapping', 'getCreateFields');
		const name = (id: string) => fields.find((f) => f.id === id)?.displayName;
		expect(name('Name')).toBe('Name'); // "Account Name"
		expect(name('Fax')).toBe('Fax'); // "Account Fax"
		expect(name('AnnualRevenue')).toBe('AnnualRevenue'); // "Annual Revenue"
		expect(name('AccountNumber')).toBe('AccountNumber'); // "Account Number": the object's label is also the name's start
		expect(name('Customer_Number__c')).toMatch(/^Customer_Number__c \(.+\)$/);
	});

	it('update matches on Id; upsert on external-id fields only', async () => {
		const upd = await callNodeMethod<ResourceMapperFields>(
			org.harness,
			node({ resource: 'record', operation: 'update', sobject: objectParam('Account') }),
			'resourceMapping',
			'getUpdateFields',
		);
		expect(upd.fields.filter((f) => f.canBeUsedToMatch).map((f) => f.id)).toEqual(['Id']);
		const ups = await callNodeMethod<ResourceMapperFields>(
			org.harness,
			node({ resource: 'record', operation: 'upsert', sobject: objectParam('Account') }),
			'resourceMapping',
			'getUpsertFields',
		);
		expect(ups.fields.filter((f) => f.canBeUsedToMatch).map((f) => f.id)).toEqual(['Customer_Number__c']);
	});

	it('gives no fields for an object the org lacks (the editor then shows the mapper\'s noFieldsError, which says so)', async () => {
		await expect(
			callNodeMethod(org.harness, node({ resource: 'record', operation: 'create', sobject: objectParam('Ghost__c') }), 'resourceMapping', 'getCreateFields'),
		).resolves.toEqual({ fields: [] });
	});
});

describe('static action helpers', () => {
	it('finds Account records by name for a lookup', async () => {
		const acct = await org.jsforce.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account ORDER BY Name LIMIT 1');
		const name = acct.records[0].Name;
		const res = await callNodeMethod<INodeListSearchResult>(
			org.harness,
			node({ resource: 'contact', operation: 'create' }),
			'listSearch',
			'searchAccountRecords',
			name.slice(0, 5),
		);
		expect(res.results).toContainEqual({ name: `${name} (${acct.records[0].Id})`, value: acct.records[0].Id });
		expect(res.results.every((r) => String(r.name).toLowerCase().includes(name.slice(0, 5).toLowerCase()))).toBe(true);
	});

	it("searches names with quotes and wildcards literally", async () => {
		const res = await callNodeMethod<INodeListSearchResult>(org.harness, node({ resource: 'contact', operation: 'create' }), 'listSearch', 'searchAccountRecords', "O'Brien_%");
		expect(res.results).toEqual([]);
	});

	it('lists the custom fields and the external-id fields of a static object', async () => {
		const custom = await callNodeMethod<INodePropertyOptions[]>(org.harness, node({ resource: 'account', operation: 'create' }), 'loadOptions', 'getCustomFields');
		expect(custom.map((o) => o.value)).toEqual(expect.arrayContaining(['Customer_Number__c', 'Tier__c']));
		expect(custom.every((o) => String(o.value).endsWith('__c'))).toBe(true);
		const ext = await callNodeMethod<INodePropertyOptions[]>(org.harness, node({ resource: 'account', operation: 'upsert' }), 'loadOptions', 'getExternalIdFields');
		expect(ext.map((o) => o.value)).toEqual(['Customer_Number__c']);
	});
});

describe('static picklists', () => {
	it('offer the org’s active values with their labels, including the org’s own', async () => {
		// an admin adds a value to Account Type and deactivates another in Setup
		const type = org.sandbox.org.schemas.field('Account', 'Type');
		const saved = structuredClone(type?.picklistValues ?? []);
		type!.picklistValues = [...saved.map((p) => (p.value === 'Other' ? { ...p, active: false } : p)), { value: 'Reseller_EU', label: 'Reseller (EU)', active: true, defaultValue: false, validFor: null }];
		try {
			const options = await callNodeMethod<INodePropertyOptions[]>(org.harness, node({ resource: 'account', operation: 'create' }), 'loadOptions', 'picklistAccountType');
			expect(options).toContainEqual({ name: 'Reseller (EU)', value: 'Reseller_EU' });
			expect(options.map((o) => o.value)).not.toContain('Other');
		} finally {
			type!.picklistValues = saved;
		}
	});

	it('fall back to Salesforce’s standard values when the org cannot be read', async () => {
		const offline = actionNode({ resource: 'account', operation: 'create' }, { credentials: { salesforceConnectorOAuth2Api: { id: 'missing', name: 'none' } } });
		const options = await callNodeMethod<INodePropertyOptions[]>(org.harness, offline, 'loadOptions', 'picklistAccountType');
		expect(options.map((o) => o.value)).toEqual(STATIC_OBJECTS.find((o) => o.apiName === 'Account')!.fields.find((f) => f.name === 'Type')!.picklistValues!.map((p) => p.value));
	});
});
