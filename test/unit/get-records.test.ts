/**
 * The pure parts of Get Records: the editor's field lists (order, labels, purposes, the option cap, speed on objects
 * with hundreds of fields), operators whose id alone says the value they need, condition rows as the editor saves
 * them, parent paths resolved ahead of composition, the written length of literals, and query errors for n8n.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import type { FieldDescribe, ObjectDescribe } from '../../shared/client/types';
import { failureJson, toNodeError } from '../../shared/errors';
import {
	ALL_OPERATORS,
	OPERATORS_BY_CATEGORY,
	QueryInputError,
	composeQuery,
	operatorIdsWith,
	operatorShape,
	parseFilterLogic,
	type QueryField,
} from '../../shared/query';
import { followFieldPath, parentFieldLookup } from '../../shared/records/paths';
import { conditionRow } from '../../shared/query/parameters';
import { MAX_FIELD_OPTIONS, fieldPathOptions, type ParentFields } from '../../shared/objects/fieldLists';

const f = (name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe => ({
	name,
	label: name.replace(/__c$/, '').replace(/_/g, ' '),
	type,
	createable: true,
	updateable: true,
	nillable: true,
	defaultedOnCreate: false,
	filterable: true,
	sortable: true,
	...extra,
});

const user: ObjectDescribe = { name: 'User', label: 'User', fields: [f('Id', 'id'), f('Name', 'string'), f('Email', 'email'), f('AboutMe', 'textarea', { length: 1000, filterable: false, sortable: false })] };
const account: ObjectDescribe = {
	name: 'Account',
	label: 'Account',
	fields: [f('Id', 'id'), f('Name', 'string', { label: 'Account Name' }), f('OwnerId', 'reference', { label: 'Owner ID', referenceTo: ['User'], relationshipName: 'Owner' })],
};
const invoice: ObjectDescribe = {
	name: 'Invoice__c',
	label: 'Invoice',
	fields: [
		f('Id', 'id'),
		f('Name', 'string'),
		f('Tags__c', 'multipicklist', { sortable: false }),
		f('Notes__c', 'textarea', { length: 32000, filterable: false, sortable: false }),
		f('Account__c', 'reference', { label: 'Account', referenceTo: ['Account'], relationshipName: 'Account__r' }),
		f('OwnerId', 'reference', { label: 'Owner ID', referenceTo: ['Group', 'User'], relationshipName: 'Owner' }),
	],
};
const lookup = (d: ObjectDescribe, name: string) => d.fields.find((x) => x.name === name) as ParentFields['lookup'];
const parents: ParentFields[] = [
	{ lookup: lookup(invoice, 'OwnerId'), describe: user },
	{ lookup: lookup(invoice, 'Account__c'), describe: account },
];
// a polymorphic lookup (Owner: Group or User) is read as its first target
const group: ObjectDescribe = { name: 'Group', label: 'Group', fields: [f('Id', 'id'), f('Name', 'string')] };
const describeOf = async (name: string) => {
	const d = [user, account, invoice, group].find((x) => x.name.toLowerCase() === name.toLowerCase());
	if (!d) throw new Error(`no ${name}`);
	return d;
};

describe('field lists for the editor', () => {
	it('own fields by label, then each parent by its label, its fields as Relationship.Field', () => {
		const options = fieldPathOptions(invoice, parents, 'select');
		expect(options.map((o) => o.value)).toEqual([
			'Account__c',
			'Id',
			'Name',
			'Notes__c',
			'OwnerId',
			'Tags__c',
			'Account__r.Name',
			'Account__r.Id',
			'Account__r.OwnerId',
			'Owner.AboutMe',
			'Owner.Email',
			'Owner.Id',
			'Owner.Name',
		]);
		expect(options.find((o) => o.value === 'Account__r.Name')).toEqual({ name: 'Account: Account Name (Account__r.Name)', value: 'Account__r.Name', description: 'string of Account' });
		expect(options.find((o) => o.value === 'Owner.Email')?.name).toBe('Owner: Email (Owner.Email)');
	});

	it('filtering offers filterable fields only; sorting sortable ones only', () => {
		const filter = fieldPathOptions(invoice, parents, 'filter').map((o) => o.value);
		expect(filter).not.toContain('Notes__c');
		expect(filter).not.toContain('Owner.AboutMe');
		expect(filter).toContain('Tags__c');
		const sort = fieldPathOptions(invoice, parents, 'sort').map((o) => o.value);
		expect(sort).not.toContain('Tags__c');
		expect(sort).toContain('Owner.Email');
	});

	it(`stays within ${MAX_FIELD_OPTIONS} options and fast on objects with hundreds of fields; own fields always complete`, () => {
		const wide = (name: string, n: number): ObjectDescribe => ({
			name,
			label: name,
			fields: Array.from({ length: n }, (_v, k) => f(`Field_${String(k).padStart(3, '0')}__c`, k % 7 === 0 ? 'textarea' : 'string', k % 7 === 0 ? { length: 32000, filterable: false } : {})),
		});
		const big = wide('Big__c', 800);
		const many: ParentFields[] = Array.from({ length: 25 }, (_v, k) => ({
			lookup: f(`Parent_${k}__c`, 'reference', { label: `Parent ${String(k).padStart(2, '0')}`, referenceTo: [`P${k}__c`], relationshipName: `Parent_${k}__r` }) as ParentFields['lookup'],
			describe: wide(`P${k}__c`, 400),
		}));
		const started = performance.now();
		const options = fieldPathOptions(big, many, 'select');
		expect(performance.now() - started).toBeLessThan(200);
		expect(options.length).toBeLessThanOrEqual(MAX_FIELD_OPTIONS);
		expect(options.filter((o) => !String(o.value).includes('.'))).toHaveLength(800);
		// whole parents only: each listed parent has all its fields
		const perParent = new Map<string, number>();
		for (const o of options.filter((x) => String(x.value).includes('.'))) perParent.set(String(o.value).split('.')[0], (perParent.get(String(o.value).split('.')[0]) ?? 0) + 1);
		expect([...perParent.values()].every((n) => n === 400)).toBe(true);
		expect(perParent.size).toBe(3);
		// a small cap keeps own fields anyway
		expect(fieldPathOptions(big, many, 'select', 10)).toHaveLength(800);
	});
});

describe('operators: the id says which value the row needs', () => {
	it('every id needs the same shape of value in every category (the editor shows inputs by id)', () => {
		for (const ops of Object.values(OPERATORS_BY_CATEGORY)) {
			for (const op of ops) expect([op.id, operatorShape(op.id)]).toEqual([op.id, op.value]);
		}
		expect(new Set(ALL_OPERATORS.map((o) => o.id)).size).toBe(ALL_OPERATORS.length);
		expect(operatorIdsWith('two')).toEqual(['between']);
		expect(operatorIdsWith('list')).toEqual(['in', 'notIn', 'includesAll', 'includesAny', 'excludesAll', 'excludesAny']);
		expect(operatorShape('nope')).toBeUndefined();
	});

	it('a row as the editor saves it: the value from the input its operator shows, lists flattened', () => {
		expect(conditionRow({ field: 'Name', operator: 'equals', value: 'x', values: ['ignored'] })).toEqual({ field: 'Name', operator: 'equals', value: 'x', valueTo: undefined, n: undefined });
		expect(conditionRow({ field: 'Id', operator: 'in', value: 'ignored', values: ['a', ['b', 'c']] }).value).toEqual(['a', 'b', 'c']);
		expect(conditionRow({ field: 'CreatedDate', operator: 'inRelative', value: 'x', dateLiteral: 'LAST_N_DAYS', n: 3 })).toMatchObject({ value: 'LAST_N_DAYS', n: 3 });
		expect(conditionRow({ field: 42, operator: 'between', value: 1, valueTo: 2 })).toEqual({ field: '', operator: 'between', value: 1, valueTo: 2, n: undefined });
	});
});

describe('parent paths resolved ahead of the composition', () => {
	it('knows the paths that resolve, leaves the others to the query model', async () => {
		const resolve = await parentFieldLookup(invoice, ['Account__r.Owner.Email', 'owner.name', 'Account__r.Nope', 'Nope__r.Name', 'Name', 'Bad Path.X'], describeOf);
		expect(resolve('Account__r.Owner.Email')?.name).toBe('Email');
		expect(resolve('OWNER.NAME')?.name).toBe('Name');
		expect(resolve('Account__r.Nope')).toBeUndefined();
		expect(resolve('Nope__r.Name')).toBeUndefined();
		const fields = invoice.fields as QueryField[];
		expect(() => composeQuery({ object: 'Invoice__c', objectFields: fields, conditions: [{ field: 'Account__r.Nope', operator: 'equals', value: 'x' }], resolveParentField: resolve })).toThrow(
			'Condition 1 (Account__r.Nope): there is no field Account__r.Nope',
		);
		expect(composeQuery({ object: 'Invoice__c', objectFields: fields, conditions: [{ field: 'Account__r.Owner.Email', operator: 'isNotEmpty' }], resolveParentField: resolve }).where).toBe(
			'Account__r.Owner.Email != null',
		);
	});

	it('followFieldPath names what is missing and spells the path as Salesforce does', async () => {
		await expect(followFieldPath(invoice, 'account__r.owner.EMAIL', describeOf)).resolves.toMatchObject({ path: 'Account__r.Owner.Email' });
		await expect(followFieldPath(invoice, 'Account__c.Name', describeOf)).rejects.toThrow('Invoice__c has no relationship "Account__c" (in "Account__c.Name")');
		await expect(followFieldPath(invoice, 'Account__r.Nmae', describeOf)).rejects.toThrow('Account has no field "Nmae" (in "Account__r.Nmae")');
	});
});

describe('string literals within 4,000 characters as written', () => {
	const fields: QueryField[] = [f('Id', 'id'), f('Name', 'string')];
	const where = (operator: string, value: unknown) => composeQuery({ object: 'Account', objectFields: fields, conditions: [{ field: 'Name', operator, value }] });
	it('counts escapes and the LIKE wildcards', () => {
		expect(() => where('equals', 'x'.repeat(4000))).not.toThrow();
		expect(() => where('startsWith', 'x'.repeat(3999))).not.toThrow();
		expect(() => where('contains', 'x'.repeat(3999))).toThrow('Condition 1 (Name): the value is too long once written in SOQL: 4,001 characters, at most 4,000');
		expect(() => where('equals', "'".repeat(2001))).toThrow(/4,002 characters/);
		expect(() => where('in', ['ok', '%'.repeat(4000)])).not.toThrow();
		expect(() => where('contains', '%'.repeat(2000))).toThrow(/4,002 characters/);
	});
});

describe('query errors for n8n', () => {
	const node: INode = { id: '1', name: 'Salesforce', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

	it('the hint is the description; row, field and position are named and kept', () => {
		let error: unknown;
		try {
			parseFilterLogic('1 AND (2 OR 5)', 4);
		} catch (e) {
			error = e;
		}
		const err = toNodeError(node, error, { itemIndex: 2 });
		expect(err).toBeInstanceOf(NodeOperationError);
		expect(err.message).toMatch(/^Filter logic: there is no condition 5 \(conditions are numbered 1 to 4\) at character 13:/);
		expect(err.description).toBe('Use the numbers of the condition rows, or add the missing condition.');
		expect(err.context).toMatchObject({ itemIndex: 2, position: 12, input: 'logic', errorCode: 'INVALID_INPUT' });

		const row = toNodeError(node, new QueryInputError('Condition 2 (Amount__c): "1,5" is not a number', 'Write numbers with a dot.', { row: 2, field: 'Amount__c', input: 'conditions' }));
		expect(row.context).toMatchObject({ row: 2, fields: ['Amount__c'] });
		expect(failureJson(row)).toEqual({
			error: 'Condition 2 (Amount__c): "1,5" is not a number',
			errorCode: 'INVALID_INPUT',
			statusCode: 'INVALID_INPUT',
			fields: ['Amount__c'],
			outcome: 'failed',
			description: 'Write numbers with a dot.',
		});
	});
});
