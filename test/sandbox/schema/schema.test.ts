import { existsSync, readFileSync } from 'node:fs';
import { NON_STANDARD_SPEC_OBJECTS, STATIC_ACTION_OBJECTS, SYSTEM_FIELD_NAMES, SchemaRegistry } from './index';

const SEED_SPEC = '/work/shared/seed/salesforce-connector.txt';

/**
 * The spec's trigger object list and static action object labels, parsed from the spec text when present. (Where it
 * is absent, test/unit/catalogue-vs-sandbox.test.ts still checks the sandbox against the catalogue's copy of the list.)
 */
function specLists(): { triggerObjects: string[]; staticLabels: string[] } {
	if (!existsSync(SEED_SPEC)) return { triggerObjects: [], staticLabels: [] };
	const lines = readFileSync(SEED_SPEC, 'utf8').split('\n');
	const start = lines.findIndex((l) => l.startsWith('These Salesforce objects are available for On New'));
	const triggerObjects: string[] = [];
	for (let i = start + 1; i < lines.length && lines[i].startsWith('- '); i++) triggerObjects.push(lines[i].slice(2).trim());
	const staticLabels = lines.filter((l) => l.startsWith('- Create ') && !l.includes('Record')).map((l) => l.slice('- Create '.length).trim());
	return { triggerObjects, staticLabels };
}

const registry = SchemaRegistry.load();

describe('schema registry: coverage of the spec', () => {
	const { triggerObjects, staticLabels } = specLists();

	const itWithSpec = triggerObjects.length ? it : it.skip;

	itWithSpec('parses the spec lists (61 trigger/action objects, 13 static objects)', () => {
		expect(triggerObjects).toHaveLength(61);
		if (staticLabels.length) expect(staticLabels).toHaveLength(13);
	});

	it.each(triggerObjects.length ? triggerObjects : ['Account'])('has the spec object %s', (name) => {
		const o = registry.get(name);
		expect(o?.name).toBe(name);
	});

	it('has the 13 static-action objects under their API names, matching the spec labels', () => {
		const norm = (s: string): string => s.toLowerCase().replace(/[\s\d]/g, '');
		expect(STATIC_ACTION_OBJECTS).toHaveLength(13);
		for (const name of STATIC_ACTION_OBJECTS) expect(registry.get(name)?.name).toBe(name);
		if (staticLabels.length)
			expect(staticLabels.map(norm).sort()).toEqual(
				STATIC_ACTION_OBJECTS.map((n) => (n === 'Product2' ? 'product' : norm(n))).sort(),
			);
	});

	it('lists non-standard spec objects that are all in the spec and have invented a0x prefixes', () => {
		expect(NON_STANDARD_SPEC_OBJECTS).toHaveLength(21);
		for (const name of NON_STANDARD_SPEC_OBJECTS) {
			if (triggerObjects.length) expect(triggerObjects).toContain(name);
			expect(registry.get(name)?.keyPrefix).toMatch(/^a0[2-9A-Z]$/);
		}
	});

	it('has User, UserRole, the Content objects, permission sets, Group and a custom object', () => {
		for (const name of ['User', 'UserRole', 'ContentVersion', 'ContentDocument', 'ContentDocumentLink', 'PermissionSet', 'PermissionSetAssignment', 'Group', 'Invoice__c'])
			expect(registry.get(name)).toBeDefined();
	});
});

describe('schema registry: structural rules', () => {
	const objects = registry.all();

	it('has unique 3-char key prefixes and the real prefixes of well-known objects', () => {
		const prefixes = objects.map((o) => o.keyPrefix);
		expect(new Set(prefixes).size).toBe(prefixes.length);
		for (const p of prefixes) expect(p).toMatch(/^[a-zA-Z0-9]{3}$/);
		const known: Record<string, string> = {
			Account: '001', Contact: '003', Lead: '00Q', Opportunity: '006', Case: '500', CaseComment: '00a',
			OpportunityLineItem: '00k', Order: '801', OrderItem: '802', Pricebook2: '01s', PricebookEntry: '01u',
			Product2: '01t', User: '005', UserRole: '00E', Task: '00T', Event: '00U', Campaign: '701',
			CampaignMember: '00v', Contract: '800', Asset: '02i', Solution: '501', Note: '002', Quote: '0Q0',
			QuoteLineItem: '0QL', WorkOrder: '0WO', WorkOrderLineItem: '1WL', Entitlement: '550', Location: '131',
			Shipment: '0OB', ContentVersion: '068', ContentDocument: '069', ContentDocumentLink: '06A',
			PermissionSetAssignment: '0Pa', PermissionSet: '0PS', Group: '00G', Payment: '0a3', Invoice__c: 'a01',
			Approval: '806', Partner: '00I', Profile: '00e', Organization: '00D',
		};
		for (const [name, prefix] of Object.entries(known)) {
			expect(registry.get(name)?.keyPrefix).toBe(prefix);
			expect(registry.byKeyPrefix(prefix)?.name).toBe(name);
		}
	});

	it('points every reference field at existing objects and names its relationship', () => {
		for (const o of objects)
			for (const f of o.fields.filter((x) => x.type === 'reference')) {
				expect(f.referenceTo.length).toBeGreaterThan(0);
				for (const t of f.referenceTo) expect({ field: `${o.name}.${f.name}`, target: registry.get(t)?.name }).toEqual({ field: `${o.name}.${f.name}`, target: t });
				expect(f.soapType).toBe('tns:ID');
				expect(f.length).toBe(18);
			}
	});

	it('gives every picklist and multi-select picklist at least one value, and only those types have values', () => {
		for (const o of objects)
			for (const f of o.fields) {
				if (f.type === 'picklist' || f.type === 'multipicklist') expect(f.picklistValues.length).toBeGreaterThan(0);
				else if (f.type !== 'combobox') expect(f.picklistValues).toEqual([]);
				expect(f.picklistValues.filter((v) => v.defaultValue).length).toBeLessThanOrEqual(1);
			}
	});

	it('adds the system fields, read-only, with Id first', () => {
		for (const o of objects) {
			expect(o.fields[0].name).toBe('Id');
			expect(o.fields[0]).toMatchObject({ type: 'id', idLookup: true, createable: false, updateable: false, nillable: false, soapType: 'tns:ID' });
			expect(o.fields.some((f) => f.name === 'SystemModstamp')).toBe(true);
			for (const f of o.fields.filter((x) => SYSTEM_FIELD_NAMES.includes(x.name))) expect([f.name, f.createable, f.updateable]).toEqual([f.name, false, false]);
		}
		for (const name of STATIC_ACTION_OBJECTS) {
			const fields = registry.get(name)!.fields.map((f) => f.name);
			for (const s of SYSTEM_FIELD_NAMES) expect(fields).toContain(s);
		}
		expect(registry.field('Account', 'CreatedById')).toMatchObject({ referenceTo: ['User'], relationshipName: 'CreatedBy', type: 'reference' });
		expect(registry.field('Account', 'LastModifiedById')?.relationshipName).toBe('LastModifiedBy');
		expect(registry.field('Account', 'CreatedDate')).toMatchObject({ type: 'datetime', soapType: 'xsd:dateTime', nillable: false });
		expect(registry.field('Lead', 'OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], relationshipName: 'Owner', createable: true, updateable: true });
		expect(registry.field('Contact', 'OwnerId')?.referenceTo).toEqual(['User']);
	});

	it('has at most one name field per object, and one on every static object but CaseComment', () => {
		for (const o of objects) expect(o.fields.filter((f) => f.nameField).length).toBeLessThanOrEqual(1);
		for (const name of STATIC_ACTION_OBJECTS.filter((n) => n !== 'CaseComment'))
			expect(registry.get(name)!.fields.filter((f) => f.nameField)).toHaveLength(1);
	});

	it('derives describe flags from the field type', () => {
		for (const o of objects)
			for (const f of o.fields) {
				const longText = f.type === 'textarea' && f.length > 255;
				if (longText || f.type === 'base64' || f.type === 'encryptedstring') expect([f.name, f.filterable, f.sortable, f.groupable]).toEqual([f.name, false, false, false]);
				if (f.type === 'boolean') expect([f.name, f.nillable, f.defaultedOnCreate]).toEqual([f.name, false, true]);
				if (['string', 'textarea', 'phone', 'email', 'url', 'picklist', 'multipicklist', 'combobox'].includes(f.type)) {
					expect(f.length).toBeGreaterThan(0);
					expect(f.byteLength).toBe(f.length * 3);
				}
				if (f.type === 'currency' || f.type === 'double' || f.type === 'percent') expect(f.precision).toBeGreaterThan(0);
				if (f.autoNumber) expect([f.createable, f.updateable, f.nillable]).toEqual([false, false, false]);
				if (f.compoundFieldName) expect(o.fields.some((c) => c.name === f.compoundFieldName)).toBe(true);
			}
	});
});

describe('schema registry: standard fields of the static objects', () => {
	it('looks up objects and fields case-insensitively', () => {
		expect(registry.get('aCCount')?.name).toBe('Account');
		expect(registry.field('opportunity', 'stagename')?.name).toBe('StageName');
		expect(registry.get('NoSuchObject')).toBeUndefined();
		expect(registry.field('Account', 'NoSuchField__c')).toBeUndefined();
		expect(registry.byKeyPrefix('zzz')).toBeUndefined();
	});

	it('Account: name, picklists, compound billing address, custom external id', () => {
		expect(registry.field('Account', 'Name')).toMatchObject({ type: 'string', length: 255, nillable: false, nameField: true, createable: true });
		const industry = registry.field('Account', 'Industry')!;
		expect(industry.picklistValues.map((v) => v.value)).toEqual(expect.arrayContaining(['Agriculture', 'Banking', 'Technology', 'Other']));
		expect(registry.field('Account', 'Type')!.picklistValues.map((v) => v.value)).toContain('Customer - Direct');
		expect(registry.field('Account', 'Rating')!.picklistValues.map((v) => v.value)).toEqual(['Hot', 'Warm', 'Cold']);
		expect(registry.field('Account', 'BillingAddress')).toMatchObject({ type: 'address', createable: false, updateable: false, filterable: false });
		for (const sub of ['BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry'])
			expect(registry.field('Account', sub)).toMatchObject({ compoundFieldName: 'BillingAddress', createable: true });
		expect(registry.field('Account', 'BillingStreet')?.type).toBe('textarea');
		expect(registry.field('Account', 'Customer_Number__c')).toMatchObject({ externalId: true, unique: true, idLookup: true, custom: true });
		expect(registry.field('Account', 'Tier__c')).toMatchObject({ type: 'picklist', custom: true });
		expect(registry.field('Account', 'Name')?.custom).toBe(false);
	});

	it('Contact and Lead: compound person name, Email idLookup, Lead.Status restricted and required', () => {
		for (const o of ['Contact', 'Lead']) {
			expect(registry.field(o, 'LastName')).toMatchObject({ nillable: false, createable: true, defaultedOnCreate: false, length: 80, compoundFieldName: 'Name' });
			expect(registry.field(o, 'Name')).toMatchObject({ nameField: true, createable: false, updateable: false });
			expect(registry.field(o, 'Email')).toMatchObject({ type: 'email', idLookup: true });
			expect(registry.field(o, 'Salutation')!.picklistValues.map((v) => v.value)).toEqual(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']);
		}
		expect(registry.field('Contact', 'AccountId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account' });
		expect(registry.field('Lead', 'Status')).toMatchObject({ restrictedPicklist: true, nillable: false });
		expect(registry.field('Lead', 'Company')?.nillable).toBe(false);
		expect(registry.field('Lead', 'Address')?.type).toBe('address');
	});

	it('Opportunity, Case, Order: required fields and standard picklist values', () => {
		expect(registry.field('Opportunity', 'StageName')).toMatchObject({ nillable: false, type: 'picklist' });
		expect(registry.field('Opportunity', 'StageName')!.picklistValues.map((v) => v.value)).toEqual(
			expect.arrayContaining(['Prospecting', 'Closed Won', 'Closed Lost']),
		);
		expect(registry.field('Opportunity', 'CloseDate')).toMatchObject({ type: 'date', nillable: false });
		expect(registry.field('Case', 'Status')!.picklistValues.map((v) => v.value)).toEqual(['New', 'Working', 'Escalated', 'Closed']);
		expect(registry.field('Case', 'Priority')!.picklistValues.map((v) => v.value)).toEqual(['High', 'Medium', 'Low']);
		expect(registry.field('Case', 'Origin')!.picklistValues.map((v) => v.value)).toEqual(['Phone', 'Email', 'Web']);
		expect(registry.field('Case', 'CaseNumber')).toMatchObject({ autoNumber: true, nameField: true, createable: false });
		expect(registry.field('Order', 'Status')!.picklistValues.map((v) => v.value)).toEqual(['Draft', 'Activated']);
		expect(registry.field('Order', 'AccountId')?.nillable).toBe(false);
		expect(registry.field('Order', 'EffectiveDate')?.nillable).toBe(false);
	});

	it('line items, price books and comments reference their parents', () => {
		expect(registry.field('OpportunityLineItem', 'OpportunityId')).toMatchObject({ referenceTo: ['Opportunity'], relationshipName: 'Opportunity', createable: true, updateable: false });
		expect(registry.field('OpportunityLineItem', 'PricebookEntryId')?.referenceTo).toEqual(['PricebookEntry']);
		expect(registry.field('OpportunityLineItem', 'Product2Id')?.relationshipName).toBe('Product2');
		expect(registry.field('OrderItem', 'OrderId')?.referenceTo).toEqual(['Order']);
		expect(registry.field('OrderItem', 'PricebookEntryId')?.nillable).toBe(false);
		expect(registry.field('PricebookEntry', 'Pricebook2Id')?.referenceTo).toEqual(['Pricebook2']);
		expect(registry.field('PricebookEntry', 'Product2Id')?.referenceTo).toEqual(['Product2']);
		expect(registry.field('CaseComment', 'ParentId')).toMatchObject({ referenceTo: ['Case'], relationshipName: 'Parent', nillable: false });
		expect(registry.field('Pricebook2', 'IsStandard')).toMatchObject({ type: 'boolean', createable: false });
		expect(registry.field('Payment', 'Status')?.restrictedPicklist).toBe(true);
		expect(registry.field('Payment', 'PaymentNumber')?.nameField).toBe(true);
	});

	it('builds child relationships from the reference fields of all objects', () => {
		const child = (parent: string, rel: string) => registry.get(parent)!.childRelationships.find((c) => c.relationshipName === rel);
		expect(child('Account', 'Contacts')).toEqual({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts', cascadeDelete: false });
		expect(child('Account', 'Opportunities')?.childSObject).toBe('Opportunity');
		expect(child('Account', 'Cases')?.field).toBe('AccountId');
		expect(child('Account', 'Invoices__r')).toMatchObject({ childSObject: 'Invoice__c', field: 'Account__c' });
		expect(child('Opportunity', 'OpportunityLineItems')).toMatchObject({ childSObject: 'OpportunityLineItem', cascadeDelete: true });
		expect(child('Case', 'CaseComments')).toMatchObject({ childSObject: 'CaseComment', field: 'ParentId' });
		expect(child('Order', 'OrderItems')?.childSObject).toBe('OrderItem');
		expect(child('Contact', 'Tasks')?.field).toBe('WhoId');
		expect(child('Account', 'ContentDocumentLinks')?.field).toBe('LinkedEntityId');
		// References without a child relationship name still appear (as describe lists them), e.g. CreatedById on User
		expect(registry.get('User')!.childRelationships.some((c) => c.childSObject === 'Account' && c.field === 'CreatedById' && c.relationshipName === null)).toBe(true);
		expect(registry.childRelationship('account', 'contacts')?.childSObject).toBe('Contact');
		expect(registry.relationship('Contact', 'account')?.name).toBe('AccountId');
	});
});

describe('schema registry: files, permissions and the custom object', () => {
	it('ContentVersion / ContentDocument / ContentDocumentLink', () => {
		expect(registry.field('ContentVersion', 'PathOnClient')).toMatchObject({ nillable: false, createable: true, updateable: false });
		expect(registry.field('ContentVersion', 'VersionData')).toMatchObject({ type: 'base64', filterable: false, soapType: 'xsd:base64Binary' });
		expect(registry.field('ContentVersion', 'FirstPublishLocationId')?.referenceTo).toEqual(expect.arrayContaining(['Account', 'Invoice__c', 'User']));
		for (const f of ['ContentSize', 'Checksum', 'FileExtension', 'FileType', 'IsLatest', 'VersionNumber']) expect(registry.field('ContentVersion', f)?.createable).toBe(false);
		expect(registry.get('ContentDocument')!.createable).toBe(false);
		expect(registry.field('ContentDocument', 'LatestPublishedVersionId')?.referenceTo).toEqual(['ContentVersion']);
		const cdl = registry.get('ContentDocumentLink')!;
		expect(cdl.fields.map((f) => f.name).sort()).toEqual(['ContentDocumentId', 'Id', 'IsDeleted', 'LinkedEntityId', 'ShareType', 'SystemModstamp', 'Visibility']);
		expect(registry.field('ContentDocumentLink', 'ShareType')!.picklistValues.map((v) => v.value)).toEqual(['V', 'C', 'I']);
		expect(registry.field('ContentDocumentLink', 'Visibility')!.picklistValues.map((v) => v.value)).toEqual(['AllUsers', 'InternalUsers', 'SharedUsers']);
	});

	it('PermissionSetAssignment links users and permission sets', () => {
		expect(registry.field('PermissionSetAssignment', 'AssigneeId')).toMatchObject({ referenceTo: ['User'], relationshipName: 'Assignee' });
		expect(registry.field('PermissionSetAssignment', 'PermissionSetId')).toMatchObject({ referenceTo: ['PermissionSet'], relationshipName: 'PermissionSet' });
		expect(registry.field('PermissionSetAssignment', 'CreatedDate')).toBeUndefined();
	});

	it('Invoice__c has every custom field kind the tests need', () => {
		const inv = registry.get('Invoice__c')!;
		expect(inv).toMatchObject({ label: 'Invoice', custom: true, keyPrefix: 'a01' });
		expect(registry.field('Invoice__c', 'Amount__c')).toMatchObject({ type: 'currency', precision: 16, scale: 2, custom: true });
		expect(registry.field('Invoice__c', 'Status__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
		expect(registry.field('Invoice__c', 'Tags__c')!.picklistValues.map((v) => v.value)).toEqual(['Urgent', 'Partner', 'Renewal', 'Enterprise']);
		expect(registry.field('Invoice__c', 'Tags__c')?.type).toBe('multipicklist');
		expect(registry.field('Invoice__c', 'External_Id__c')).toMatchObject({ externalId: true, unique: true, idLookup: true });
		expect(registry.field('Invoice__c', 'Due_Date__c')?.type).toBe('date');
		expect(registry.field('Invoice__c', 'Paid__c')?.type).toBe('boolean');
		expect(registry.field('Invoice__c', 'Account__c')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account__r' });
		expect(registry.field('Invoice__c', 'Notes__c')).toMatchObject({ type: 'textarea', length: 32768, filterable: false, sortable: false });
		expect(registry.field('Invoice__c', 'Invoice_Number__c')).toMatchObject({ autoNumber: true, createable: false });
		expect(registry.field('Invoice__c', 'Name')).toMatchObject({ nameField: true, custom: false });
	});
});

describe('schema registry: expansion of compact data', () => {
	it('fills every describe property from a compact tuple', () => {
		const r = SchemaRegistry.fromCompact(
			[
				{ name: 'Parent__c', label: 'Parent', labelPlural: 'Parents', keyPrefix: 'a0z', fields: [['Name', 'Name', 'string:80', { nameField: true }]] },
				{
					name: 'Kid__c', label: 'Kid', labelPlural: 'Kids', keyPrefix: 'a0y', owner: true,
					fields: [
						['Parent__c', 'Parent', 'reference:Parent__c', { required: true, child: 'Kids__r', cascade: true }],
						['Score__c', 'Score', 'double:10,3'],
						['Kind__c', 'Kind', 'picklist', { values: '@Kinds', default: 'B' }],
						['Secret__c', 'Secret', 'encryptedstring'],
					],
				},
			],
			{ Kinds: ['A', ['B', 'Bee']] },
		);
		expect(r.field('Kid__c', 'Parent__c')).toMatchObject({ relationshipName: 'Parent__r', nillable: false, custom: true, relationshipOrder: 0 });
		expect(r.get('Parent__c')!.childRelationships).toEqual([{ childSObject: 'Kid__c', field: 'Parent__c', relationshipName: 'Kids__r', cascadeDelete: true }]);
		expect(r.field('Kid__c', 'Score__c')).toMatchObject({ precision: 10, scale: 3, soapType: 'xsd:double', groupable: false, filterable: true });
		expect(r.field('Kid__c', 'Kind__c')).toMatchObject({
			length: 255,
			defaultedOnCreate: true,
			defaultValue: null,
			picklistValues: [
				{ active: true, defaultValue: false, label: 'A', value: 'A', validFor: null },
				{ active: true, defaultValue: true, label: 'Bee', value: 'B', validFor: null },
			],
		});
		expect(r.field('Kid__c', 'Secret__c')).toMatchObject({ filterable: false, length: 175 });
		expect(r.get('Kid__c')!.fields.map((f) => f.name)).toEqual([
			'Id', 'IsDeleted', 'Parent__c', 'Score__c', 'Kind__c', 'Secret__c', 'OwnerId',
			'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp',
		]);
	});

	it('rejects bad data: unknown types, unknown picklist sets, duplicate fields and prefixes', () => {
		const obj = (fields: Array<[string, string, string, object?]>, name = 'X__c', keyPrefix = 'a0x') => ({ name, label: 'X', labelPlural: 'Xs', keyPrefix, fields });
		expect(() => SchemaRegistry.fromCompact([obj([['A__c', 'A', 'strang']])])).toThrow(/unknown field type/);
		expect(() => SchemaRegistry.fromCompact([obj([['A__c', 'A', 'picklist', { values: '@Nope' }]])])).toThrow(/unknown picklist set/);
		expect(() => SchemaRegistry.fromCompact([obj([['A__c', 'A', 'string'], ['a__c', 'A', 'string']])])).toThrow(/duplicate field/);
		expect(() => SchemaRegistry.fromCompact([obj([]), obj([], 'Y__c')])).toThrow(/Duplicate key prefix/);
	});

	it('returns independent copies from load(), so one registry can be mutated safely', () => {
		const a = SchemaRegistry.load();
		a.get('Account')!.label = 'Changed';
		expect(SchemaRegistry.load().get('Account')!.label).toBe('Account');
	});
});
