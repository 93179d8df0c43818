/** Every one of the 65 static actions, run through n8n's engine against the sandbox org (table-driven). */
import { STATIC_OBJECTS, type CatalogueField, type StaticObjectDef } from '../../shared/catalogue';
import { startOrg, type TestOrg } from '../harness/org';
import { runAction } from '../harness/workflows';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

async function valueFor(def: StaticObjectDef, f: CatalogueField): Promise<unknown> {
	switch (f.type) {
		case 'reference': {
			const target = f.referenceTo?.[0] ?? 'User';
			const r = await org.jsforce.query<{ Id: string }>(`SELECT Id FROM ${target} ORDER BY CreatedDate LIMIT 1`);
			if (!r.records.length) throw new Error(`the sandbox has no ${target} to point ${def.apiName}.${f.name} at`);
			return { __rl: true, mode: 'id', value: r.records[0].Id };
		}
		case 'picklist':
			return f.picklistValues?.[0]?.value ?? '';
		case 'multipicklist':
			return [f.picklistValues?.[0]?.value];
		case 'int':
		case 'double':
		case 'currency':
		case 'percent':
			return 3;
		case 'date':
			return '2026-02-01';
		case 'datetime':
			return '2026-02-01T09:30:00.000Z';
		case 'boolean':
			return true;
		case 'email':
			return 'static@example.com';
		default:
			return `Static ${def.label}`.slice(0, f.length ?? 80);
	}
}

describe.each(STATIC_OBJECTS.map((d) => [d.label, d] as const))('%s static actions', (_label, def) => {
	let id: string;

	it(`Create ${def.label}`, async () => {
		const params: Record<string, unknown> = { resource: def.resource, operation: 'create' };
		for (const f of def.fields.filter((x) => x.requiredOnCreate && x.createable)) params[`${def.resource}${f.name}`] = await valueFor(def, f);
		// OpportunityLineItem and friends need one of two fields that the catalogue leaves optional: fill what describe requires
		const d = await org.jsforce.describe(def.apiName);
		const additionalFields: Record<string, unknown> = {};
		for (const f of d.fields.filter((x) => x.createable && !x.nillable && !x.defaultedOnCreate && x.type !== 'boolean')) {
			const cat = def.fields.find((c) => c.name === f.name);
			if (cat && !cat.requiredOnCreate) additionalFields[f.name] = await valueFor(def, cat);
		}
		params.additionalFields = additionalFields;
		const result = await runAction(org, [{}], params as never);
		const out = result.output('Salesforce')[0].json;
		expect(out.success).toBe(true);
		id = String(out.id);
		expect(id.startsWith(def.keyPrefix)).toBe(true);
	});

	it(`Get ${def.label} By Id`, async () => {
		const result = await runAction(org, [{}], {
			resource: def.resource,
			operation: 'get',
			[`${def.resource}Id`]: { __rl: true, mode: 'id', value: id },
		});
		expect(result.output('Salesforce')[0].json.Id).toBe(id);
	});

	it(`Update ${def.label}`, async () => {
		const preference = ['string', 'textarea', 'picklist', 'currency', 'double', 'boolean'];
		const field = preference
			.map((type) => def.fields.find((f) => f.updateable && f.type === type && !f.requiredOnCreate))
			.find(Boolean);
		expect(field).toBeDefined();
		const value =
			field!.type === 'picklist'
				? field!.picklistValues![field!.picklistValues!.length - 1].value
				: field!.type === 'boolean'
					? false
					: ['currency', 'double'].includes(field!.type)
						? 42.5
						: 'Updated by n8n';
		const result = await runAction(org, [{}], {
			resource: def.resource,
			operation: 'update',
			[`${def.resource}Id`]: { __rl: true, mode: 'id', value: id },
			updateFields: { [field!.name]: value },
		});
		expect(result.output('Salesforce')[0].json).toEqual({ id, success: true });
		const stored = (await org.jsforce.sobject(def.apiName).retrieve(id)) as Record<string, unknown>;
		expect(stored[field!.name]).toBe(value);
	});

	it(`Upsert ${def.label}`, async () => {
		const d = await org.jsforce.describe(def.apiName);
		const ext = d.fields.find((f) => (f.externalId || f.idLookup) && f.name !== 'Id' && f.createable);
		const result = await runAction(
			org,
			[{}],
			{
				resource: def.resource,
				operation: 'upsert',
				externalIdField: ext?.name ?? 'Name',
				externalIdValue: ext?.type === 'email' ? 'upsert@example.com' : 'UPSERT-1',
			},
			{ continueOnFail: true },
		);
		const out = result.output('Salesforce')[0].json;
		if (ext) {
			// matches no record: Salesforce tries to create and reports missing required fields, or creates it
			expect(out.success === true || /REQUIRED_FIELD_MISSING|Required field/.test(String(out.error))).toBe(true);
		} else {
			expect(String(out.error)).toMatch(/is not an external ID field/);
			expect(String(out.description)).toMatch(/no external ID field|Choose one of/);
		}
	});

	it(`Delete ${def.label}`, async () => {
		const result = await runAction(org, [{}], {
			resource: def.resource,
			operation: 'delete',
			[`${def.resource}Id`]: { __rl: true, mode: 'id', value: id },
		});
		expect(result.output('Salesforce')[0].json).toEqual({ id, success: true });
		expect((await org.jsforce.query(`SELECT COUNT() FROM ${def.apiName} WHERE Id = '${id}'`)).totalSize).toBe(0);
	});
});

describe('custom fields on a static action', () => {
	it('creates an Account with its custom fields', async () => {
		const result = await runAction(org, [{ tier: 'Gold' }], {
			resource: 'account',
			operation: 'create',
			accountName: 'With custom fields',
			customFieldsUi: { customFields: [{ fieldId: 'Customer_Number__c', value: 'CN-777' }] },
		});
		const id = String(result.output('Salesforce')[0].json.id);
		const stored = (await org.jsforce.sobject('Account').retrieve(id)) as Record<string, unknown>;
		expect(stored.Customer_Number__c).toBe('CN-777');
		expect(stored.Name).toBe('With custom fields');
	});
});
