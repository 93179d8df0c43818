import { readFileSync } from 'node:fs';

import {
	NON_STANDARD_SPEC_OBJECTS,
	SPEC_OBJECTS,
	STATIC_OBJECTS,
	fieldsRequiredFirst,
	isNonStandardSpecObject,
	isSpecObject,
	resourceMapperType,
	specObjectRank,
	staticObjectByApiName,
	staticObjectByResource,
	type StaticObjectDef,
} from '../../shared/catalogue';

const SPEC_PATH = '/work/shared/seed/salesforce-connector.txt';

/** Bulleted lines of the spec section that starts with `heading` (up to the next non-bullet line) */
function specList(heading: string): string[] {
	const lines = readFileSync(SPEC_PATH, 'utf8').split('\n');
	const start = lines.findIndex((l) => l.startsWith(heading));
	if (start < 0) throw new Error(`spec heading not found: ${heading}`);
	const items: string[] = [];
	for (const line of lines.slice(start + 1)) {
		if (!line.startsWith('- ')) break;
		items.push(line.slice(2).trim());
	}
	return items;
}

const SF_TYPES = new Set([
	'string',
	'textarea',
	'picklist',
	'multipicklist',
	'boolean',
	'int',
	'double',
	'currency',
	'percent',
	'date',
	'datetime',
	'time',
	'email',
	'phone',
	'url',
	'reference',
	'id',
	'combobox',
]);

/** Objects a catalogue lookup may target besides the 13 static ones: standard objects only */
const OTHER_REFERENCE_TARGETS = new Set([
	'User',
	'Group',
	'RecordType',
	'Campaign',
	'Contract',
	'Asset',
	'PaymentGroup',
	'PaymentAuthorization',
	'PaymentGateway',
	'AlternativePaymentMethod',
	'CardPaymentMethod',
	'DigitalWallet',
]);

const byApi = (name: string): StaticObjectDef => {
	const def = staticObjectByApiName(name);
	if (!def) throw new Error(`no static object ${name}`);
	return def;
};
const fieldOf = (object: string, field: string) => {
	const f = byApi(object).fields.find((x) => x.name === field);
	if (!f) throw new Error(`no field ${object}.${field}`);
	return f;
};

describe('spec objects', () => {
	const fromSpec = specList('These Salesforce objects are available for Create Record');

	it('lists exactly the spec\'s dynamic-action objects, in the spec\'s order', () => {
		// The spec's list has 61 names (Address ... WorkOrderLineItem)
		expect(fromSpec).toHaveLength(61);
		expect(fromSpec[0]).toBe('Address');
		expect(fromSpec[fromSpec.length - 1]).toBe('WorkOrderLineItem');
		expect([...SPEC_OBJECTS]).toEqual(fromSpec);
	});

	it('is the same list the spec gives the triggers', () => {
		expect([...SPEC_OBJECTS]).toEqual(specList('These Salesforce objects are available for On New Or Updated'));
	});

	it('matches names case-insensitively and ranks them in spec order', () => {
		expect(isSpecObject('WorkOrder')).toBe(true);
		expect(isSpecObject('workorder')).toBe(true);
		expect(isSpecObject('Account')).toBe(false);
		expect(isSpecObject('Invoice__c')).toBe(false);
		expect(specObjectRank('Address')).toBe(0);
		expect(specObjectRank('workorderlineitem')).toBe(60);
		expect(specObjectRank('Account')).toBeUndefined();
	});

	it('marks only spec names as non-standard, keeping the Salesforce standard ones out', () => {
		for (const name of NON_STANDARD_SPEC_OBJECTS) expect(isSpecObject(name)).toBe(true);
		expect(new Set(NON_STANDARD_SPEC_OBJECTS).size).toBe(NON_STANDARD_SPEC_OBJECTS.length);
		for (const standard of ['Opportunity', 'Payment', 'Refund', 'Customer', 'Seller', 'Approval', 'Expense', 'User']) {
			expect(isNonStandardSpecObject(standard)).toBe(false);
		}
		for (const erp of ['Vendor', 'VendorBill', 'SalesOrder', 'KitItem', 'JournalEntry', 'PhoneCall']) {
			expect(isNonStandardSpecObject(erp)).toBe(true);
		}
	});
});

describe('static objects', () => {
	it('are the spec\'s 13 objects with unique resources and the spec\'s labels', () => {
		const staticActions = specList('These static Salesforce actions are available');
		const labels = staticActions.filter((a) => a.startsWith('Create ')).map((a) => a.slice('Create '.length));
		expect(STATIC_OBJECTS.map((o) => o.label)).toEqual(labels);
		expect(labels).toHaveLength(13);
		// Every static action of the spec is Create/Delete/Get ... By Id/Update/Upsert of a catalogue label
		expect(staticActions).toHaveLength(65);
		for (const action of staticActions) {
			const m = /^(?:Create|Delete|Update|Upsert|Get) (.+?)(?: By Id)?$/.exec(action);
			expect(m && labels.includes(m[1])).toBe(true);
		}
		expect(new Set(STATIC_OBJECTS.map((o) => o.resource)).size).toBe(13);
		expect(new Set(STATIC_OBJECTS.map((o) => o.apiName)).size).toBe(13);
		expect(byApi('Pricebook2').label).toBe('Price Book');
		expect(byApi('PricebookEntry').label).toBe('Price Book Entry');
		expect(byApi('Product2').label).toBe('Product');
	});

	it('are found by resource and by API name', () => {
		for (const def of STATIC_OBJECTS) {
			expect(def.resource).toMatch(/^[a-z][A-Za-z0-9]*$/);
			expect(staticObjectByResource(def.resource)).toBe(def);
			expect(staticObjectByApiName(def.apiName.toUpperCase())).toBe(def);
		}
		expect(staticObjectByResource('priceBook')?.apiName).toBe('Pricebook2');
		expect(staticObjectByResource('caseComment')?.apiName).toBe('CaseComment');
		expect(staticObjectByResource('nope')).toBeUndefined();
	});

	it('have unique 3-character key prefixes', () => {
		for (const def of STATIC_OBJECTS) expect(def.keyPrefix).toMatch(/^[0-9A-Za-z]{3}$/);
		expect(new Set(STATIC_OBJECTS.map((o) => o.keyPrefix)).size).toBe(13);
		expect(byApi('Account').keyPrefix).toBe('001');
		expect(byApi('Contact').keyPrefix).toBe('003');
		expect(byApi('Lead').keyPrefix).toBe('00Q');
	});

	it.each(STATIC_OBJECTS.map((o) => [o.apiName, o] as const))('%s: fields are well-formed', (_name, def) => {
		expect(def.fields.length).toBeGreaterThanOrEqual(3);
		const names = def.fields.map((f) => f.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
		for (const f of def.fields) {
			// Standard API names: letters, digits, single underscores inside; no custom suffix
			expect(f.name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
			expect(f.label.trim()).not.toBe('');
			expect(SF_TYPES.has(f.type)).toBe(true);
			// Required fields must be settable on create; catalogue fields are all user-editable
			if (f.requiredOnCreate) expect(f.createable).toBe(true);
			expect(f.createable || f.updateable).toBe(true);
			if (f.length !== undefined) expect(f.length).toBeGreaterThan(0);
			if (['string', 'textarea', 'email', 'phone', 'url'].includes(f.type)) expect(f.length).toBeDefined();
			if (f.type === 'picklist' || f.type === 'multipicklist') {
				expect(f.picklistValues?.length).toBeGreaterThan(0);
				const values = f.picklistValues!.map((p) => p.value);
				expect(new Set(values).size).toBe(values.length);
				for (const p of f.picklistValues!) {
					expect(p.value.trim()).toBe(p.value);
					expect(p.value).not.toBe('');
					expect(p.label).not.toBe('');
				}
			} else {
				expect(f.picklistValues).toBeUndefined();
				expect(f.restrictedPicklist).toBeUndefined();
			}
			if (f.type === 'reference') {
				expect(f.name).toMatch(/Id$/);
				expect(f.referenceTo?.length).toBeGreaterThan(0);
				for (const target of f.referenceTo!) {
					expect(staticObjectByApiName(target) !== undefined || OTHER_REFERENCE_TARGETS.has(target)).toBe(true);
				}
			} else {
				expect(f.referenceTo).toBeUndefined();
			}
		}
	});

	it('have a required-on-create field on every object but Case', () => {
		for (const def of STATIC_OBJECTS) {
			const required = def.fields.filter((f) => f.requiredOnCreate).map((f) => f.name);
			if (def.apiName === 'Case') expect(required).toEqual([]);
			else expect(required.length).toBeGreaterThan(0);
		}
	});

	it('flag Salesforce\'s required fields', () => {
		const required = (o: string) =>
			byApi(o)
				.fields.filter((f) => f.requiredOnCreate)
				.map((f) => f.name)
				.sort();
		expect(required('Account')).toEqual(['Name']);
		expect(required('Contact')).toEqual(['LastName']);
		expect(required('Lead')).toEqual(['Company', 'LastName', 'Status']);
		expect(required('Opportunity')).toEqual(['CloseDate', 'Name', 'StageName']);
		expect(required('CaseComment')).toEqual(['ParentId']);
		expect(required('OpportunityLineItem')).toEqual(['OpportunityId', 'Quantity']);
		expect(required('Order')).toEqual(['AccountId', 'EffectiveDate', 'Status']);
		expect(required('OrderItem')).toEqual(['OrderId', 'PricebookEntryId', 'Quantity', 'UnitPrice']);
		expect(required('Pricebook2')).toEqual(['Name']);
		expect(required('PricebookEntry')).toEqual(['Pricebook2Id', 'Product2Id', 'UnitPrice']);
		expect(required('Product2')).toEqual(['Name']);
		expect(required('Payment')).toEqual(['Amount', 'ProcessingMode', 'Status', 'Type']);
	});

	it('keep parents that Salesforce fixes after create out of updates', () => {
		for (const [o, f] of [
			['OpportunityLineItem', 'OpportunityId'],
			['OpportunityLineItem', 'PricebookEntryId'],
			['CaseComment', 'ParentId'],
			['OrderItem', 'OrderId'],
			['PricebookEntry', 'Pricebook2Id'],
			['PricebookEntry', 'Product2Id'],
		]) {
			expect(fieldOf(o, f)).toMatchObject({ createable: true, updateable: false });
		}
		expect(fieldOf('Contact', 'AccountId')).toMatchObject({ updateable: true, referenceTo: ['Account'] });
	});

	it('carry the standard picklist values and lookups', () => {
		const values = (o: string, f: string) => fieldOf(o, f).picklistValues!.map((p) => p.value);
		expect(values('Opportunity', 'StageName')).toContain('Closed Won');
		expect(values('Lead', 'Status')).toEqual([
			'Open - Not Contacted',
			'Working - Contacted',
			'Closed - Converted',
			'Closed - Not Converted',
		]);
		expect(values('Order', 'Status')).toEqual(['Draft', 'Activated']);
		expect(values('Case', 'Priority')).toEqual(['High', 'Medium', 'Low']);
		expect(values('Account', 'Industry')).toContain('Food & Beverage');
		expect(fieldOf('Payment', 'ProcessingMode').restrictedPicklist).toBe(true);
		expect(fieldOf('CaseComment', 'ParentId').referenceTo).toEqual(['Case']);
		expect(fieldOf('Case', 'OwnerId').referenceTo).toEqual(['Group', 'User']);
		expect(fieldOf('OrderItem', 'PricebookEntryId').referenceTo).toEqual(['PricebookEntry']);
	});

	it('list required fields first, keeping catalogue order within each group', () => {
		for (const def of STATIC_OBJECTS) {
			const ordered = fieldsRequiredFirst(def);
			expect(ordered).toHaveLength(def.fields.length);
			const firstOptional = ordered.findIndex((f) => !f.requiredOnCreate);
			if (firstOptional >= 0) expect(ordered.slice(firstOptional).every((f) => !f.requiredOnCreate)).toBe(true);
		}
		expect(fieldsRequiredFirst(byApi('OrderItem')).slice(0, 4).map((f) => f.name)).toEqual([
			'OrderId',
			'PricebookEntryId',
			'Quantity',
			'UnitPrice',
		]);
	});
});

describe('field types', () => {
	it('map to the resource mapper\'s types', () => {
		expect(resourceMapperType('int')).toBe('number');
		expect(resourceMapperType('currency')).toBe('number');
		expect(resourceMapperType('percent')).toBe('number');
		expect(resourceMapperType('boolean')).toBe('boolean');
		expect(resourceMapperType('date')).toBe('dateTime');
		expect(resourceMapperType('datetime')).toBe('dateTime');
		expect(resourceMapperType('time')).toBe('time');
		expect(resourceMapperType('multipicklist')).toBe('array');
		expect(resourceMapperType('picklist')).toBe('string');
		expect(resourceMapperType('picklist', { hasOptions: true })).toBe('options');
		expect(resourceMapperType('combobox', { hasOptions: true })).toBe('string');
		expect(resourceMapperType('reference')).toBe('string');
		expect(resourceMapperType('address')).toBe('object');
		expect(resourceMapperType('somethingNew')).toBe('string');
	});
});
