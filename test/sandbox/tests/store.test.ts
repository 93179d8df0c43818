import fc from 'fast-check';

import { SfError } from '../errors';
import { isIdFormat, to15 } from '../ids';
import type { CompactObject } from '../schema/compact';
import { SchemaRegistry } from '../schema/index';
import { RecordStore } from '../store';
import { formatDateTime, parseDateTime } from '../validation';

const USER = '005000000000001AAA';

const FIXTURE: CompactObject[] = [
	{
		name: 'User',
		label: 'User',
		labelPlural: 'Users',
		keyPrefix: '005',
		fields: [['Username', 'Username', 'string:80', { required: true }], '@name-nosal'],
	},
	{
		name: 'Account',
		label: 'Account',
		labelPlural: 'Accounts',
		keyPrefix: '001',
		owner: true,
		fields: [
			['Name', 'Account Name', 'string:255', { required: true, nameField: true }],
			['Type', 'Account Type', 'picklist', { values: ['Prospect', 'Customer'] }],
			['Rating', 'Account Rating', 'picklist', { values: ['Hot', 'Cold'], restricted: true, default: 'Cold' }],
			['AnnualRevenue', 'Annual Revenue', 'currency:18,0'],
			['NumberOfEmployees', 'Employees', 'int'],
			['IsPartner', 'Partner', 'boolean'],
			['Founded__c', 'Founded', 'date'],
			['Reviewed__c', 'Reviewed', 'datetime'],
			['Tags__c', 'Tags', 'multipicklist', { values: ['A', 'B', 'C'], restricted: true }],
			['Code__c', 'Code', 'string:10', { externalId: true, unique: true }],
			['Legacy__c', 'Legacy Id', 'string:20', { externalId: true }],
			['Counter__c', 'Counter', 'string:30', { autoNumber: true, ro: true }],
		],
	},
	{
		name: 'Contact',
		label: 'Contact',
		labelPlural: 'Contacts',
		keyPrefix: '003',
		owner: true,
		fields: ['@name', ['Email', 'Email', 'email'], ['AccountId', 'Account ID', 'reference:Account', { child: 'Contacts' }]],
	},
];

function makeStore(start = new Date('2024-05-20T20:49:32.123Z')) {
	let now = start;
	const store = new RecordStore(SchemaRegistry.fromCompact(FIXTURE, { Salutation: ['Mr.', 'Ms.'] }), () => now);
	return {
		store,
		setNow: (d: Date) => {
			now = d;
		},
	};
}

function sfError(fn: () => unknown): SfError {
	try {
		fn();
	} catch (e) {
		if (e instanceof SfError) return e;
		throw e;
	}
	throw new Error('expected an SfError');
}

describe('RecordStore', () => {
	it('creates records with Salesforce system fields and defaults', () => {
		const { store } = makeStore();
		const rec = store.insert('account', { Name: 'Acme' }, { userId: USER });
		expect(isIdFormat(rec.Id)).toBe(true);
		expect(rec.Id).toHaveLength(18);
		expect(rec.Id.startsWith('001')).toBe(true);
		// whole seconds, as Salesforce stores them (Object Reference: "Primitive Data Types")
		expect(rec.CreatedDate).toBe('2024-05-20T20:49:32.000+0000');
		expect(rec.LastModifiedDate).toBe(rec.CreatedDate);
		expect(rec.SystemModstamp).toBe(rec.CreatedDate);
		expect(rec.CreatedById).toBe(USER);
		expect(rec.OwnerId).toBe(USER);
		expect(rec.IsDeleted).toBe(false);
		expect(rec.Rating).toBe('Cold');
		expect(rec.IsPartner).toBe(false);
		expect(rec.Type).toBeNull();
		expect(rec.Counter__c).toBe('00000001');
		expect(store.get(to15(rec.Id))).toBe(rec);
	});

	it('composes Contact.Name and normalises values', () => {
		const { store } = makeStore();
		const acc = store.insert('Account', { Name: 'Acme' }, { userId: USER });
		const c = store.insert('Contact', { FirstName: 'Ada', LastName: 'Lovelace', AccountId: to15(acc.Id) }, { userId: USER });
		expect(c.Name).toBe('Ada Lovelace');
		expect(c.AccountId).toBe(acc.Id);
		const a = store.insert(
			'Account',
			{ Name: 'X', AnnualRevenue: '1200', Reviewed__c: '2024-01-31T10:00:00+02:00', Founded__c: '1999-12-31', Tags__c: 'B; A', IsPartner: 'true' },
			{ userId: USER },
		);
		expect(a.AnnualRevenue).toBe(1200);
		expect(a.Reviewed__c).toBe('2024-01-31T08:00:00.000+0000');
		expect(a.Founded__c).toBe('1999-12-31');
		expect(a.Tags__c).toBe('B;A');
		expect(a.IsPartner).toBe(true);
	});

	it('reports Salesforce errors', () => {
		const { store } = makeStore();
		let e = sfError(() => store.insert('Account', { Type: 'Customer' }, { userId: USER }));
		expect([e.errorCode, e.message, e.fields]).toEqual(['REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', ['Name']]);
		e = sfError(() => store.insert('Account', { Name: 'A', Foo: 1 }, { userId: USER }));
		expect([e.statusCode, e.errorCode, e.message]).toEqual([400, 'INVALID_FIELD', "No such column 'Foo' on sobject of type Account"]);
		e = sfError(() => store.insert('Account', { Name: 'A', CreatedDate: '2020-01-01T00:00:00Z' }, { userId: USER }));
		expect(e.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
		expect(e.message).toMatch(/^Unable to create\/update fields: CreatedDate\. Please check the security settings/);
		e = sfError(() => store.insert('Account', { Name: 'A', Id: '001000000000001AAA' }, { userId: USER }));
		expect([e.errorCode, e.message]).toEqual(['INVALID_FIELD', 'cannot specify Id in an insert call']);
		e = sfError(() => store.insert('Account', { Name: 'A', AnnualRevenue: 'abc' }, { userId: USER }));
		expect(e.errorCode).toBe('JSON_PARSER_ERROR');
		expect(e.message).toMatch(/^Cannot deserialize instance of double from VALUE_STRING value abc or request may be missing a required field at \[line:1, column:\d+\]$/);
		e = sfError(() => store.insert('Account', { Name: 'A', Founded__c: 'notadate' }, { userId: USER }));
		expect(e.message).toMatch(/^Cannot deserialize instance of date from VALUE_STRING value notadate/);
		e = sfError(() => store.insert('Account', { Name: 'A', Rating: 'Warm' }, { userId: USER }));
		expect([e.errorCode, e.fields]).toEqual(['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Rating']]);
		expect(e.message).toContain('bad value for restricted picklist field: Warm');
		e = sfError(() => store.insert('Account', { Name: 'x'.repeat(256) }, { userId: USER }));
		expect(e.errorCode).toBe('STRING_TOO_LONG');
		expect(e.message).toMatch(/^Account Name: data value too large: x+ \(max length=255\)$/);
		e = sfError(() => store.insert('Contact', { LastName: 'L', Email: 'nope' }, { userId: USER }));
		expect([e.errorCode, e.fields]).toEqual(['INVALID_EMAIL_ADDRESS', ['Email']]);
		e = sfError(() => store.insert('Contact', { LastName: 'L', AccountId: 'garbage' }, { userId: USER }));
		expect([e.errorCode, e.message]).toEqual(['MALFORMED_ID', 'Account ID: id value of incorrect type: garbage']);
		const c = store.insert('Contact', { LastName: 'L' }, { userId: USER });
		e = sfError(() => store.insert('Contact', { LastName: 'L', AccountId: c.Id }, { userId: USER }));
		expect(e.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
		const a = store.insert('Account', { Name: 'A', Code__c: 'X1' }, { userId: USER });
		e = sfError(() => store.insert('Account', { Name: 'B', Code__c: 'x1' }, { userId: USER }));
		expect([e.errorCode, e.message]).toEqual(['DUPLICATE_VALUE', `duplicate value found: Code__c duplicates value on record with id: ${a.Id}`]);
		// nothing of the failed writes was stored
		expect([...store.records('Account')]).toHaveLength(1);
	});

	it('updates, deletes and logs deletions', () => {
		const { store, setNow } = makeStore();
		const a = store.insert('Account', { Name: 'A' }, { userId: USER });
		setNow(new Date('2024-05-21T00:00:00.000Z'));
		store.update('Account', a.Id, { Name: 'B' }, { userId: '005000000000002AAA' });
		expect(a.Name).toBe('B');
		expect(a.LastModifiedDate).toBe('2024-05-21T00:00:00.000+0000');
		expect(a.LastModifiedById).toBe('005000000000002AAA');
		expect(a.CreatedDate).toBe('2024-05-20T20:49:32.000+0000');
		expect(sfError(() => store.update('Account', a.Id, { Name: null }, { userId: USER })).errorCode).toBe('REQUIRED_FIELD_MISSING');
		expect(a.Name).toBe('B');
		store.delete('Account', a.Id, { userId: USER });
		expect(store.get(a.Id)).toBeUndefined();
		expect([...store.records('Account', { includeDeleted: true })]).toHaveLength(1);
		expect(store.deletedLog('Account')).toEqual([{ objectName: 'Account', id: a.Id, deletedDate: '2024-05-21T00:00:00.000+0000' }]);
		expect(sfError(() => store.delete('Account', a.Id, { userId: USER })).errorCode).toBe('ENTITY_IS_DELETED');
		store.undelete('Account', a.Id, { userId: USER });
		expect(store.get(a.Id)).toBe(a);
		expect(store.deletedLog('Account')).toEqual([]);
	});

	it('rolls back a whole transaction', () => {
		const { store } = makeStore();
		const a = store.insert('Account', { Name: 'Keep' }, { userId: USER });
		expect(() =>
			store.transaction(() => {
				store.insert('Account', { Name: 'New' }, { userId: USER });
				store.update('Account', a.Id, { Name: 'Changed' }, { userId: USER });
				store.insert('Account', {}, { userId: USER });
			}),
		).toThrow(SfError);
		expect([...store.records('Account')].map((r) => r.Name)).toEqual(['Keep']);
		// the auto number used by the rolled-back insert is given back
		expect(store.insert('Account', { Name: 'Next' }, { userId: USER }).Counter__c).toBe('00000002');
	});

	it('hides late commits until they become visible', () => {
		const { store, setNow } = makeStore(new Date('2024-05-20T10:00:00.000Z'));
		const r = store.insert('Account', { Name: 'Late' }, { userId: USER, visibleAfter: new Date('2024-05-20T10:05:00.000Z') });
		expect(r.CreatedDate).toBe('2024-05-20T10:00:00.000+0000');
		expect([...store.records('Account')]).toHaveLength(0);
		expect(store.get(r.Id)).toBeUndefined();
		expect(store.pendingRecords('Account')).toHaveLength(1);
		setNow(new Date('2024-05-20T10:05:00.000Z'));
		expect([...store.records('Account')].map((x) => x.Id)).toEqual([r.Id]);
	});

	it('exports and reloads its records, blobs included, and notifies listeners', () => {
		const { store } = makeStore();
		let changes = 0;
		store.onChange(() => changes++);
		const a = store.insert('Account', { Name: 'A' }, { userId: USER });
		store.delete('Account', store.insert('Account', { Name: 'B' }, { userId: USER }).Id, { userId: USER });
		expect(changes).toBe(3);
		const dump = JSON.parse(JSON.stringify(store.exportRecords())) as unknown[];
		const { store: other } = makeStore();
		other.load(dump);
		expect(other.get(a.Id)).toEqual(a);
		expect([...other.records('Account', { includeDeleted: true })]).toHaveLength(2);
		expect(other.deletedLog('Account')).toHaveLength(1);
		// auto numbers continue after the loaded ones
		expect(other.insert('Account', { Name: 'C' }, { userId: USER }).Counter__c).toBe('00000003');
		const snap = JSON.parse(JSON.stringify(store.toJSON()));
		const { store: third } = makeStore();
		third.fromJSON(snap);
		expect(third.get(a.Id)).toEqual(a);
	});

	it('answers a QueryContext', () => {
		const { store } = makeStore();
		const a = store.insert('Account', { Name: 'A' }, { userId: USER });
		const ctx = store.queryContext('62.0');
		expect(ctx.apiVersion).toBe('62.0');
		expect(ctx.getObject('ACCOUNT')?.name).toBe('Account');
		expect(ctx.getById(to15(a.Id))).toEqual({ objectName: 'Account', record: a });
		expect([...ctx.records('Account', { includeDeleted: false })]).toEqual([a]);
	});
});

describe('datetime normalisation', () => {
	// Object Reference: "Primitive Data Types": dateTime fields have "a precision of one second"
	it('round-trips any instant through Salesforce format at whole seconds', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('1700-01-01T00:00:00Z'), max: new Date('4000-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
				const s = formatDateTime(d);
				expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
				expect(s).toMatch(/\.000\+0000$/);
				expect(parseDateTime(s)?.getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
			}),
		);
	});
});
