import fc from 'fast-check';

import type { FieldDescribe, ObjectDescribe } from '../../shared/client/types';
import { hasValidChecksum, idChecksum, validateRecordId } from '../../shared/records/ids';
import { InputError } from '../../shared/records/inputError';
import { buildRecordBody, checkFieldPaths, externalIdField, externalIdValue } from '../../shared/records/prepare';

const field = (name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe => ({
	name,
	label: name.replace(/__c$/, '').replace(/_/g, ' '),
	type,
	createable: true,
	updateable: true,
	nillable: true,
	defaultedOnCreate: false,
	...extra,
});

const invoice: ObjectDescribe = {
	name: 'Invoice__c',
	label: 'Invoice',
	keyPrefix: 'a01',
	fields: [
		field('Id', 'id', { createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
		field('Name', 'string', { nillable: false }),
		field('Amount__c', 'currency'),
		field('Status__c', 'picklist', { restrictedPicklist: true, picklistValues: [{ value: 'Draft' }, { value: 'Paid' }] }),
		field('External_Id__c', 'string', { externalId: true, idLookup: true }),
		field('CreatedDate', 'datetime', { createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
		field('Paid__c', 'boolean', { nillable: false, defaultedOnCreate: true }),
		field('Account__c', 'reference', { referenceTo: ['Account'], relationshipName: 'Account__r' }),
	],
};

const account: ObjectDescribe = {
	name: 'Account',
	label: 'Account',
	keyPrefix: '001',
	fields: [field('Id', 'id', { createable: false, updateable: false }), field('Name', 'string'), field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' })],
};
const user: ObjectDescribe = { name: 'User', label: 'User', keyPrefix: '005', fields: [field('Id', 'id'), field('Email', 'email')] };
const describeOf = async (name: string) => ({ account, user, invoice__c: invoice })[name.toLowerCase()] as ObjectDescribe;

function inputError(fn: () => unknown): InputError {
	try {
		fn();
	} catch (e) {
		if (e instanceof InputError) return e;
		throw e;
	}
	throw new Error('expected an InputError');
}

describe('preparing record bodies', () => {
	it('builds a typed create body with canonical field names', () => {
		expect(buildRecordBody(invoice, { name: 'INV-1', amount__c: '12.5', Status__c: 'Draft' }, 'create')).toEqual({ Name: 'INV-1', Amount__c: 12.5, Status__c: 'Draft' });
	});

	it('names the unknown field and lists the writable ones', () => {
		const e = inputError(() => buildRecordBody(invoice, { Name: 'x', Amout__c: 1 }, 'create'));
		expect(e.message).toBe('Invoice__c has no field "Amout__c"');
		expect(e.hint).toContain('Amount__c');
		expect(e.field).toBe('Amout__c');
	});

	it('refuses read-only fields, empty required fields, wrong types and restricted picklist values', () => {
		expect(inputError(() => buildRecordBody(invoice, { Name: 'x', CreatedDate: '2024-01-01' }, 'create')).message).toMatch(/CreatedDate is read-only/);
		expect(inputError(() => buildRecordBody(invoice, { Amount__c: 3 }, 'create')).message).toMatch(/Required field is empty: Name/);
		expect(inputError(() => buildRecordBody(invoice, { Name: '' }, 'create')).hint).toBe('Fill in this field to create an Invoice__c record.');
		expect(inputError(() => buildRecordBody(invoice, { Name: 'x', Amount__c: 'ten' }, 'create')).message).toMatch(/expects a number/);
		expect(inputError(() => buildRecordBody(invoice, { Name: 'x', Status__c: 'Void' }, 'create')).hint).toBe('Allowed values: Draft, Paid.');
	});

	it('empty strings are left out for every type on update; only null clears', () => {
		expect(buildRecordBody(invoice, { Name: '', Amount__c: '', External_Id__c: '  ', Status__c: null }, 'update')).toEqual({ Status__c: null });
	});

	it('external ID field in any letter case, its value never an object or a list', () => {
		expect(externalIdField(invoice, 'external_id__c').name).toBe('External_Id__c');
		expect(inputError(() => externalIdField(invoice, 'Name')).hint).toBe('Choose one of: External_Id__c.');
		const ext = externalIdField(invoice, 'External_Id__c');
		expect(externalIdValue(ext, 'E-1')).toBe('E-1');
		expect(inputError(() => externalIdValue(ext, { a: 1 })).message).toMatch(/is an object or a list/);
		expect(inputError(() => externalIdValue(ext, ['A', 'B'])).message).toMatch(/is an object or a list/);
		expect(inputError(() => externalIdValue(ext, '')).message).toMatch(/is empty/);
	});
});

describe('record ids', () => {
	it('checks format, checksum and the object key prefix', () => {
		expect(inputError(() => validateRecordId('abc', invoice)).message).toMatch(/not a Salesforce ID/);
		const e = inputError(() => validateRecordId('001000000000001AAA', invoice));
		expect(e.message).toMatch(/is not an ID of Invoice__c/);
		expect(e.hint).toMatch(/start with "a01"/);
		expect(validateRecordId('a01000000000001', invoice)).toBe('a01000000000001');
		expect(inputError(() => validateRecordId('a01000000000001AAB', invoice)).message).toMatch(/wrong checksum/);
		expect(inputError(() => validateRecordId({ Id: 'a01000000000001' }, invoice)).message).toMatch(/object or a list/);
	});

	it('property: the checksum accepts the id it was made for (any suffix case) and rejects a changed letter case', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-zA-Z0-9]{15}$/), (id15) => {
				const id = id15 + idChecksum(id15);
				expect(hasValidChecksum(id)).toBe(true);
				expect(hasValidChecksum(id15 + idChecksum(id15).toLowerCase())).toBe(true);
				const letter = id15.search(/[a-zA-Z]/);
				if (letter >= 0) {
					const c = id15[letter];
					const flipped = id15.slice(0, letter) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + id15.slice(letter + 1);
					expect(hasValidChecksum(flipped + idChecksum(id15))).toBe(false);
				}
			}),
		);
	});
});

describe('field paths', () => {
	it('follows relationship names to fields that exist, as Salesforce spells them', async () => {
		await expect(checkFieldPaths(invoice, ['name', 'account__r.owner.email'], describeOf)).resolves.toEqual(['Name', 'Account__r.Owner.Email']);
	});

	it('refuses a path through a field name, a missing field, a non-path and too many levels', async () => {
		await expect(checkFieldPaths(invoice, ['Account__c.Name'], describeOf)).rejects.toThrow(/no relationship "Account__c"/);
		await expect(checkFieldPaths(invoice, ['Account__r.Nmae'], describeOf)).rejects.toThrow('Account has no field "Nmae" (in "Account__r.Nmae")');
		await expect(checkFieldPaths(invoice, ['Name FROM User WHERE Id != null'], describeOf)).rejects.toThrow(/^"Name FROM User WHERE Id != null" is not a field name/);
		await expect(checkFieldPaths(invoice, ['A.B.C.D.E.F.G'], describeOf)).rejects.toThrow(/at most 5 relationships/);
	});
});
