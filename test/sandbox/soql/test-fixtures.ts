/**
 * A small org for the SOQL engine's unit tests: a few ObjectDefs with every field type the engine treats
 * differently, and an in-memory QueryContext with a fixed clock.
 */
import type { ChildRelationship, FieldDef, FieldType, ObjectDef, StoredRecord } from '../schema/types';
import type { QueryContext } from './types';

type FieldOpts = Partial<FieldDef>;

export function field(name: string, type: FieldType, opts: FieldOpts = {}): FieldDef {
	const longText = type === 'textarea' && (opts.length ?? 255) > 255;
	const unfilterable = type === 'base64' || type === 'encryptedstring' || longText || type === 'address' || type === 'location';
	return {
		name,
		label: name,
		type,
		soapType: 'xsd:string',
		length: 255,
		precision: 0,
		scale: 0,
		digits: 0,
		byteLength: 0,
		nillable: true,
		createable: true,
		updateable: true,
		defaultedOnCreate: false,
		externalId: false,
		idLookup: false,
		unique: false,
		caseSensitive: false,
		filterable: !unfilterable,
		sortable: !unfilterable && type !== 'multipicklist',
		groupable: true,
		calculated: false,
		custom: name.endsWith('__c'),
		nameField: false,
		autoNumber: false,
		htmlFormatted: false,
		extraTypeInfo: longText ? 'plaintextarea' : null,
		picklistValues: [],
		restrictedPicklist: false,
		dependentPicklist: false,
		controllerName: null,
		referenceTo: [],
		relationshipName: null,
		relationshipOrder: null,
		defaultValue: null,
		defaultValueFormula: null,
		compoundFieldName: null,
		inlineHelpText: null,
		...opts,
	};
}

export function ref(name: string, to: string[], relationshipName: string, opts: FieldOpts = {}): FieldDef {
	return field(name, 'reference', { referenceTo: to, relationshipName, ...opts });
}

export function object(name: string, keyPrefix: string, fields: FieldDef[], childRelationships: ChildRelationship[] = []): ObjectDef {
	return {
		name,
		label: name,
		labelPlural: `${name}s`,
		keyPrefix,
		custom: name.endsWith('__c'),
		queryable: true,
		createable: true,
		updateable: true,
		deletable: true,
		retrieveable: true,
		searchable: true,
		triggerable: true,
		undeletable: true,
		replicateable: true,
		fields: [
			field('Id', 'id', { filterable: true, sortable: true }),
			field('IsDeleted', 'boolean'),
			...fields,
			field('CreatedDate', 'datetime'),
			ref('CreatedById', ['User'], 'CreatedBy'),
			field('LastModifiedDate', 'datetime'),
			field('SystemModstamp', 'datetime'),
		],
		childRelationships,
	};
}

export function fixtureObjects(): ObjectDef[] {
	return [
		object('User', '005', [field('Name', 'string'), field('Email', 'email'), field('Alias', 'string')]),
		object('Group', '00G', [field('Name', 'string'), field('Type', 'picklist')]),
		object(
			'Account',
			'001',
			[
				field('Name', 'string', { nameField: true }),
				field('Industry', 'picklist'),
				field('Type', 'picklist'),
				field('Phone', 'phone'),
				field('Website', 'url'),
				field('AnnualRevenue', 'currency'),
				field('NumberOfEmployees', 'int'),
				field('Rating__c', 'double'),
				field('Share__c', 'percent'),
				field('Description', 'textarea', { length: 32000 }),
				field('Notes__c', 'textarea', { length: 255 }),
				field('Regions__c', 'multipicklist'),
				field('Active__c', 'boolean'),
				field('Founded__c', 'date'),
				field('Secret__c', 'encryptedstring'),
				field('Logo__c', 'base64'),
				field('BillingAddress', 'address'),
				ref('ParentId', ['Account'], 'Parent'),
				ref('OwnerId', ['User', 'Group'], 'Owner'),
			],
			[
				{ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts', cascadeDelete: true },
				{ childSObject: 'Project__c', field: 'Account__c', relationshipName: 'Projects__r', cascadeDelete: false },
			],
		),
		object(
			'Contact',
			'003',
			[
				field('LastName', 'string'),
				field('Email', 'email'),
				ref('AccountId', ['Account'], 'Account'),
				ref('OwnerId', ['User', 'Group'], 'Owner'),
			],
			[{ childSObject: 'Case', field: 'ContactId', relationshipName: 'Cases', cascadeDelete: false }],
		),
		object('Case', '500', [field('Subject', 'string'), ref('ContactId', ['Contact'], 'Contact')]),
		object('Project__c', 'a01', [
			field('Name', 'string'),
			ref('Account__c', ['Account'], 'Account__r', { custom: true }),
			field('Due__c', 'date'),
		]),
	];
}

/** Deterministic ids: key prefix + zero padding + counter, 18 chars (checksum not computed). */
export function fakeId(prefix: string, n: number): string {
	const body = `${prefix}${String(n).padStart(12, '0')}`;
	return `${body}AAA`;
}

export interface FixtureOrg {
	ctx: QueryContext;
	add(objectName: string, fields: Record<string, unknown>): StoredRecord;
	setNow(iso: string): void;
}

/** An org with the fixture schema and no records; `add` assigns ids and fills the system fields. */
export function makeOrg(now = '2024-05-15T12:00:00.000Z', objects: ObjectDef[] = fixtureObjects()): FixtureOrg {
	const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
	const store = new Map<string, StoredRecord[]>();
	const byId = new Map<string, { objectName: string; record: StoredRecord }>();
	let counter = 0;
	let clock = new Date(now);
	const ctx: QueryContext = {
		getObject: (name) => byName.get(name.toLowerCase()),
		*records(objectName, opts) {
			for (const r of store.get(objectName) ?? []) if (opts.includeDeleted || r.IsDeleted !== true) yield r;
		},
		getById: (id) => byId.get(id.slice(0, 15)),
		now: () => clock,
		apiVersion: '62.0',
	};
	return {
		ctx,
		add(objectName, fields) {
			const obj = byName.get(objectName.toLowerCase());
			if (!obj) throw new Error(`no object ${objectName}`);
			const id = typeof fields.Id === 'string' ? fields.Id : fakeId(obj.keyPrefix, ++counter);
			const record: StoredRecord = {
				IsDeleted: false,
				CreatedDate: '2024-01-01T00:00:00.000+0000',
				...fields,
				Id: id,
			};
			const list = store.get(obj.name) ?? [];
			list.push(record);
			store.set(obj.name, list);
			byId.set(id.slice(0, 15), { objectName: obj.name, record });
			return record;
		},
		setNow(iso) {
			clock = new Date(iso);
		},
	};
}
