/** The 65 static actions as n8n sees them in the built node's description: labelled fields, picklists, lookups. */
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { STATIC_OBJECTS } from '../../shared/catalogue';
import { loadPackage } from '../harness/engine';

const SPEC_LABELS = [
	'Account',
	'Case',
	'Case Comment',
	'Contact',
	'Lead',
	'Opportunity',
	'Opportunity Line Item',
	'Order',
	'Order Item',
	'Payment',
	'Price Book',
	'Price Book Entry',
	'Product',
];

describe('static actions in the node description', () => {
	let properties: INodeProperties[];
	let node: INodeType;
	beforeAll(async () => {
		const loader = await loadPackage();
		node = loader.nodeTypes.salesforceConnector.type as INodeType;
		properties = node.description.properties;
	});

	const shownFor = (resource: string, operation?: string) =>
		properties.filter((p) => {
			const show = p.displayOptions?.show;
			if (!show?.resource?.includes(resource)) return false;
			return !operation || !show.operation || show.operation.includes(operation);
		});

	it('offers one resource per spec object, labelled as in the spec', () => {
		const resource = properties.find((p) => p.name === 'resource');
		const names = resource?.options?.map((o) => ('name' in o ? o.name : ''));
		for (const label of SPEC_LABELS) expect(names).toContain(label);
		expect(STATIC_OBJECTS.map((o) => o.label).sort()).toEqual([...SPEC_LABELS].sort());
	});

	it.each(STATIC_OBJECTS.map((o) => [o.label, o] as const))('%s: Create, Delete, Get By ID, Update, Upsert', (_label, def) => {
		const op = shownFor(def.resource).find((p) => p.name === 'operation');
		expect(op?.options?.map((o) => ('value' in o ? o.value : ''))).toEqual(['create', 'upsert', 'delete', 'get', 'update']);
		const actions = op?.options?.map((o) => ('action' in o ? o.action : ''));
		expect(actions).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Create an? ${def.label}$`, 'i'))]));

		// required fields first, as their own labelled parameters
		const create = shownFor(def.resource, 'create');
		const required = def.fields.filter((f) => f.requiredOnCreate && f.createable);
		for (const f of required) {
			const p = create.find((x) => x.name === `${def.resource}${f.name}`);
			// lookups are record pickers: "Parent Case", not "Parent Case ID"
			expect(p).toMatchObject({ displayName: f.type === 'reference' ? f.label.replace(/ ID$/, '') : f.label, required: true });
		}
		const additional = create.find((p) => p.name === 'additionalFields');
		const optional = def.fields.filter((f) => f.createable && !f.requiredOnCreate);
		expect(additional?.options?.length).toBe(optional.length);

		// picklists load the org's values (standard ones as the fallback), lookups are record locators
		const all = [...create, ...(additional?.options as INodeProperties[])];
		for (const f of def.fields.filter((x) => x.type === 'picklist' && x.createable)) {
			const p = all.find((x) => x.name === f.name || x.name === `${def.resource}${f.name}`);
			expect(p?.type).toBe('options');
			expect(p?.typeOptions?.loadOptionsMethod).toBe(`picklist${def.apiName}${f.name}`);
			expect(typeof node.methods?.loadOptions?.[`picklist${def.apiName}${f.name}`]).toBe('function');
		}
		for (const f of def.fields.filter((x) => x.type === 'reference' && x.createable)) {
			const p = all.find((x) => x.name === f.name || x.name === `${def.resource}${f.name}`);
			expect(p?.type).toBe('resourceLocator');
			expect(p?.modes?.[0].typeOptions?.searchListMethod).toBe(`search${f.referenceTo?.[0]}Records`);
		}

		// custom fields can be added to create, update and upsert
		for (const operation of ['create', 'update', 'upsert']) {
			const custom = shownFor(def.resource, operation).find((p) => p.name === 'customFieldsUi');
			expect(custom?.type).toBe('fixedCollection');
		}
		expect(shownFor(def.resource, 'get').find((p) => p.name === `${def.resource}Id`)?.type).toBe('resourceLocator');
		expect(shownFor(def.resource, 'upsert').find((p) => p.name === 'externalIdField')?.typeOptions?.loadOptionsMethod).toBe(
			'getExternalIdFields',
		);
	});

	it('registers a record search for every object a lookup points to', async () => {
		const loader = await loadPackage();
		const node = loader.nodeTypes.salesforceConnector.type as INodeType;
		const targets = new Set(STATIC_OBJECTS.flatMap((o) => o.fields.filter((f) => f.type === 'reference').map((f) => f.referenceTo![0])));
		for (const t of targets) expect(typeof node.methods?.listSearch?.[`search${t}Records`]).toBe('function');
		expect(typeof node.methods?.listSearch?.searchObjects).toBe('function');
		expect(typeof node.methods?.resourceMapping?.getCreateFields).toBe('function');
	});
});
