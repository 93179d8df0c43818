import { InputError, prepareJob, type DescribeLike } from '../../shared/records/prepare';

const field = (name: string, type: string, extra: Partial<DescribeLike['fields'][number]> = {}) => ({
	name,
	label: name.replace(/__c$/, '').replace(/_/g, ' '),
	type,
	createable: true,
	updateable: true,
	nillable: true,
	defaultedOnCreate: false,
	...extra,
});

const invoice: DescribeLike = {
	name: 'Invoice__c',
	keyPrefix: 'a01',
	fields: [
		field('Id', 'id', { createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
		field('Name', 'string', { nillable: false }),
		field('Amount__c', 'currency'),
		field('Status__c', 'picklist', { restrictedPicklist: true, picklistValues: [{ value: 'Draft' }, { value: 'Paid' }] }),
		field('External_Id__c', 'string', { externalId: true, idLookup: true }),
		field('CreatedDate', 'datetime', { createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
		field('Paid__c', 'boolean', { nillable: false, defaultedOnCreate: true }),
	],
};

function inputError(fn: () => unknown): InputError {
	try {
		fn();
	} catch (e) {
		if (e instanceof InputError) return e;
		throw e;
	}
	throw new Error('expected an InputError');
}

describe('preparing record jobs', () => {
	it('builds a typed create body with canonical field names', () => {
		const job = prepareJob({ operation: 'create', describe: invoice, itemIndex: 2, values: { name: 'INV-1', amount__c: '12.5', Status__c: 'Draft' } });
		expect(job).toEqual({ itemIndex: 2, object: 'Invoice__c', operation: 'create', record: { Name: 'INV-1', Amount__c: 12.5, Status__c: 'Draft' } });
	});

	it('names the unknown field and lists the writable ones', () => {
		const e = inputError(() => prepareJob({ operation: 'create', describe: invoice, itemIndex: 0, values: { Name: 'x', Amout__c: 1 } }));
		expect(e.message).toBe('Invoice__c has no field "Amout__c"');
		expect(e.hint).toContain('Amount__c');
		expect(e.field).toBe('Amout__c');
	});

	it('refuses read-only fields, empty required fields, wrong types and restricted picklist values', () => {
		expect(inputError(() => prepareJob({ operation: 'create', describe: invoice, itemIndex: 0, values: { Name: 'x', CreatedDate: '2024-01-01' } })).message).toMatch(
			/CreatedDate is read-only/,
		);
		expect(inputError(() => prepareJob({ operation: 'create', describe: invoice, itemIndex: 0, values: { Amount__c: 3 } })).message).toMatch(
			/Required field is empty: Name/,
		);
		expect(inputError(() => prepareJob({ operation: 'create', describe: invoice, itemIndex: 0, values: { Name: 'x', Amount__c: 'ten' } })).message).toMatch(
			/expects a number/,
		);
		expect(inputError(() => prepareJob({ operation: 'create', describe: invoice, itemIndex: 0, values: { Name: 'x', Status__c: 'Void' } })).hint).toBe(
			'Allowed values: Draft, Paid.',
		);
	});

	it('validates ids: format and the object key prefix', () => {
		expect(inputError(() => prepareJob({ operation: 'delete', describe: invoice, itemIndex: 0, recordId: 'abc' })).message).toMatch(/not a Salesforce ID/);
		const e = inputError(() => prepareJob({ operation: 'get', describe: invoice, itemIndex: 0, recordId: '001000000000001AAA' }));
		expect(e.message).toMatch(/is not an ID of Invoice__c/);
		expect(e.hint).toMatch(/start with "a01"/);
		expect(prepareJob({ operation: 'delete', describe: invoice, itemIndex: 0, recordId: 'a01000000000001' }).id).toBe('a01000000000001');
	});

	it('refuses relationship fields that are not field paths (nothing else reaches the SOQL text)', () => {
		const e = inputError(() =>
			prepareJob({ operation: 'get', describe: invoice, itemIndex: 0, recordId: 'a01000000000001AAA', fields: ['Name FROM User WHERE Id != null'] }),
		);
		expect(e.message).toBe('"Name FROM User WHERE Id != null" is not a field name');
		expect(prepareJob({ operation: 'get', describe: invoice, itemIndex: 0, recordId: 'a01000000000001AAA', fields: ['Owner.Name'] }).fields).toEqual([
			'Owner.Name',
		]);
	});

	it('update needs an id and at least one field; upsert needs an external id field and value', () => {
		expect(inputError(() => prepareJob({ operation: 'update', describe: invoice, itemIndex: 0, recordId: 'a01000000000001AAA', values: {} })).message).toBe(
			'No fields to update',
		);
		expect(
			prepareJob({ operation: 'update', describe: invoice, itemIndex: 0, recordId: 'a01000000000001AAA', values: { Id: 'a01000000000001AAA', Amount__c: 1 } })
				.record,
		).toEqual({ Id: 'a01000000000001AAA', Amount__c: 1 });
		expect(inputError(() => prepareJob({ operation: 'upsert', describe: invoice, itemIndex: 0, externalIdField: 'Name', values: {} })).hint).toBe(
			'Choose one of: External_Id__c.',
		);
		const job = prepareJob({ operation: 'upsert', describe: invoice, itemIndex: 0, externalIdField: 'external_id__c', values: { External_Id__c: 'E-1', Name: 'n' } });
		expect(job).toMatchObject({ externalIdField: 'External_Id__c', record: { Name: 'n', External_Id__c: 'E-1' } });
	});
});
