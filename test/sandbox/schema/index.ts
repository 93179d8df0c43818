/**
 * The sandbox org's schema registry: loads the compact JSON data under `objects/` and expands it into full
 * describe results (`ObjectDef`/`FieldDef`), adding the system fields Salesforce puts on every object and the
 * child relationships implied by all reference fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompactField, CompactFieldOptions, CompactObject } from './compact';
import type { ChildRelationship, FieldDef, FieldType, ObjectDef, PicklistValue } from './types';

/** The 13 objects of the spec's static actions (Salesforce API names) */
export const STATIC_ACTION_OBJECTS: readonly string[] = [
	'Account',
	'Case',
	'CaseComment',
	'Contact',
	'Lead',
	'Opportunity',
	'OpportunityLineItem',
	'Order',
	'OrderItem',
	'Payment',
	'Pricebook2',
	'PricebookEntry',
	'Product2',
];

const OBJECTS_DIR = join(__dirname, 'objects');
const PICKLISTS_FILE = '_picklists.json';

const SOAP_TYPES: Record<FieldType, string> = {
	id: 'tns:ID',
	reference: 'tns:ID',
	string: 'xsd:string',
	textarea: 'xsd:string',
	phone: 'xsd:string',
	url: 'xsd:string',
	email: 'xsd:string',
	combobox: 'xsd:string',
	picklist: 'xsd:string',
	multipicklist: 'xsd:string',
	encryptedstring: 'xsd:string',
	boolean: 'xsd:boolean',
	int: 'xsd:int',
	double: 'xsd:double',
	currency: 'xsd:double',
	percent: 'xsd:double',
	long: 'xsd:long',
	date: 'xsd:date',
	datetime: 'xsd:dateTime',
	time: 'xsd:time',
	base64: 'xsd:base64Binary',
	anyType: 'xsd:anyType',
	address: 'urn:address',
	location: 'urn:location',
};

/** Default length of text-like types when the data gives none */
const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
	id: 18,
	reference: 18,
	string: 255,
	textarea: 255,
	phone: 40,
	url: 255,
	email: 80,
	combobox: 255,
	picklist: 255,
	multipicklist: 4099,
	encryptedstring: 175,
};

const NUMERIC_DEFAULTS: Partial<Record<FieldType, [number, number]>> = {
	double: [18, 0],
	currency: [18, 2],
	percent: [3, 0],
};

const FIELD_TYPES = new Set<string>(Object.keys(SOAP_TYPES));

/** System fields in describe order around the object's own fields */
const SYSTEM_FIELDS_HEAD = ['Id', 'IsDeleted'];
const SYSTEM_FIELDS_TAIL = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
/** Names of the system fields index.ts adds (never writable by clients) */
export const SYSTEM_FIELD_NAMES: readonly string[] = [...SYSTEM_FIELDS_HEAD, ...SYSTEM_FIELDS_TAIL];

const GEOCODE_ACCURACY = [
	'Address',
	'NearAddress',
	'Block',
	'Street',
	'ExtendedZip',
	'Zip',
	'Neighborhood',
	'City',
	'County',
	'State',
	'Unknown',
];

type PicklistSets = Record<string, Array<string | [string, string]>>;

function parseType(spec: string, where: string): { type: FieldType; size: number[]; refs: string[] } {
	const [base, arg] = spec.split(':', 2);
	if (!FIELD_TYPES.has(base)) throw new Error(`${where}: unknown field type '${base}'`);
	const type = base as FieldType;
	if (type === 'reference') {
		if (!arg) throw new Error(`${where}: reference needs targets`);
		return { type, size: [], refs: arg.split('|') };
	}
	const size = arg ? arg.split(',').map((n) => Number(n)) : [];
	if (size.some((n) => !Number.isInteger(n))) throw new Error(`${where}: bad size '${arg}'`);
	return { type, size, refs: [] };
}

function picklistValues(
	opts: CompactFieldOptions,
	sets: PicklistSets,
	where: string,
): PicklistValue[] {
	let raw = opts.values ?? [];
	if (typeof raw === 'string') {
		const set = sets[raw.replace(/^@/, '')];
		if (!set) throw new Error(`${where}: unknown picklist set '${raw}'`);
		raw = set;
	}
	return raw.map((v) => {
		const [value, label] = typeof v === 'string' ? [v, v] : v;
		return { active: true, defaultValue: value === opts.default, label, value, validFor: null };
	});
}

/** Expands one compact field tuple into a full describe field */
function expandField(objectName: string, tuple: CompactField, sets: PicklistSets): FieldDef {
	const [name, label, typeSpec, opts = {}] = tuple;
	const where = `${objectName}.${name}`;
	const { type, size, refs } = parseType(typeSpec, where);
	const textLike = DEFAULT_LENGTH[type] !== undefined && type !== 'id' && type !== 'reference';
	const length = textLike ? (size[0] ?? DEFAULT_LENGTH[type] ?? 0) : type === 'id' || type === 'reference' ? 18 : 0;
	const [precision, scale] = NUMERIC_DEFAULTS[type] ? [size[0] ?? NUMERIC_DEFAULTS[type]![0], size[1] ?? NUMERIC_DEFAULTS[type]![1]] : [0, 0];
	const digits = type === 'int' ? (size[0] ?? 9) : type === 'long' ? (size[0] ?? 18) : 0;
	const longText = type === 'textarea' && length > 255;
	const unfilterable = longText || type === 'base64' || type === 'encryptedstring' || type === 'address' || type === 'location';
	const ungroupable =
		unfilterable ||
		['double', 'currency', 'percent', 'datetime', 'time', 'textarea', 'multipicklist', 'long', 'anyType'].includes(type);
	const compound = type === 'address' || type === 'location';
	const readOnly = opts.ro === true || opts.autoNumber === true || opts.calculated === true || compound;
	const createable = opts.createable ?? !readOnly;
	const updateable = opts.updateable ?? (!readOnly && opts.createOnly !== true);
	const isBool = type === 'boolean';
	const nillable = opts.nillable ?? (isBool || opts.required === true || opts.autoNumber === true ? false : true);
	const isCustom = opts.custom ?? name.endsWith('__c');
	const values = type === 'picklist' || type === 'multipicklist' || type === 'combobox' ? picklistValues(opts, sets, where) : [];
	if (opts.values !== undefined && values.length === 0) throw new Error(`${where}: values given on a ${type} field`);
	const hasPicklistDefault = values.some((v) => v.defaultValue);
	let relationshipName: string | null = null;
	if (type === 'reference') {
		if (opts.rel !== undefined) relationshipName = opts.rel;
		else if (name.endsWith('__c')) relationshipName = name.slice(0, -3) + '__r';
		else if (name.endsWith('Id')) relationshipName = name.slice(0, -2);
	}
	const defaultValue = isBool ? (opts.default ?? false) : values.length > 0 ? null : (opts.default ?? null);
	return {
		name,
		label,
		type,
		soapType: SOAP_TYPES[type],
		length,
		precision,
		scale,
		digits,
		byteLength: type === 'id' || type === 'reference' ? 18 : textLike ? length * 3 : 0,
		nillable,
		createable,
		updateable,
		defaultedOnCreate:
			opts.defaultedOnCreate ?? (isBool || opts.autoNumber === true || hasPicklistDefault || opts.default !== undefined),
		externalId: opts.externalId ?? false,
		idLookup: opts.idLookup ?? (type === 'id' || opts.externalId === true || opts.autoNumber === true),
		unique: opts.unique ?? false,
		caseSensitive: opts.caseSensitive ?? false,
		filterable: opts.filterable ?? !unfilterable,
		sortable: opts.sortable ?? !(unfilterable || type === 'multipicklist'),
		groupable: opts.groupable ?? !ungroupable,
		calculated: opts.calculated ?? false,
		custom: isCustom,
		nameField: opts.nameField ?? false,
		autoNumber: opts.autoNumber ?? false,
		htmlFormatted: opts.html ?? false,
		extraTypeInfo: opts.extra ?? (type === 'textarea' ? (opts.html ? 'richtextarea' : 'plaintextarea') : null),
		picklistValues: values,
		restrictedPicklist: opts.restricted ?? false,
		dependentPicklist: opts.controller !== undefined,
		controllerName: opts.controller ?? null,
		referenceTo: refs,
		relationshipName,
		relationshipOrder: opts.cascade ? 0 : null,
		defaultValue,
		defaultValueFormula: opts.formula ?? null,
		compoundFieldName: null,
		inlineHelpText: opts.help ?? null,
	};
}

/** Expands a `@name` / `@address:` macro into compact field tuples (plus each subfield's compound name) */
function expandMacro(macro: string, where: string): Array<[CompactField, string | null]> {
	if (macro === '@name' || macro === '@name-nosal') {
		const person = { extra: 'personname' };
		const rows: Array<[CompactField, string | null]> = [];
		rows.push([['LastName', 'Last Name', 'string:80', { required: true, ...person }], 'Name']);
		rows.push([['FirstName', 'First Name', 'string:40', person], 'Name']);
		if (macro === '@name') rows.push([['Salutation', 'Salutation', 'picklist:40', { values: '@Salutation', ...person }], 'Name']);
		rows.push([['Name', 'Full Name', 'string:121', { ro: true, nameField: true, ...person }], null]);
		return rows;
	}
	const m = /^@address:(\w*)(?::(.+))?$/.exec(macro);
	if (!m) throw new Error(`${where}: unknown macro '${macro}'`);
	const p = m[1];
	const labelPrefix = m[2] ?? p;
	const lp = labelPrefix ? `${labelPrefix} ` : '';
	const compound = `${p}Address`;
	return [
		[[`${p}Street`, `${lp}Street`, 'textarea:255'], compound],
		[[`${p}City`, `${lp}City`, 'string:40'], compound],
		[[`${p}State`, `${lp}State/Province`, 'string:80'], compound],
		[[`${p}PostalCode`, `${lp}Zip/Postal Code`, 'string:20'], compound],
		[[`${p}Country`, `${lp}Country`, 'string:80'], compound],
		[[`${p}Latitude`, `${lp}Latitude`, 'double:18,15'], compound],
		[[`${p}Longitude`, `${lp}Longitude`, 'double:18,15'], compound],
		[[`${p}GeocodeAccuracy`, `${lp}Geocode Accuracy`, 'picklist:40', { values: GEOCODE_ACCURACY, restricted: true }], compound],
		[[compound, `${lp}Address`, 'address', { ro: true }], null],
	];
}

function systemField(name: string, obj: CompactObject): CompactField | undefined {
	const sys: CompactFieldOptions = { ro: true, nillable: false, defaultedOnCreate: true };
	switch (name) {
		case 'Id':
			return ['Id', `${obj.label} ID`, 'id', sys];
		case 'IsDeleted':
			return ['IsDeleted', 'Deleted', 'boolean', sys];
		case 'CreatedDate':
			return ['CreatedDate', 'Created Date', 'datetime', sys];
		case 'CreatedById':
			return ['CreatedById', 'Created By ID', 'reference:User', { ...sys, rel: 'CreatedBy' }];
		case 'LastModifiedDate':
			return ['LastModifiedDate', 'Last Modified Date', 'datetime', sys];
		case 'LastModifiedById':
			return ['LastModifiedById', 'Last Modified By ID', 'reference:User', { ...sys, rel: 'LastModifiedBy' }];
		case 'SystemModstamp':
			return ['SystemModstamp', 'System Modstamp', 'datetime', sys];
	}
	return undefined;
}

/** Expands one compact object (without child relationships, which need every object) */
export function expandObject(obj: CompactObject, sets: PicklistSets): ObjectDef {
	const custom = obj.custom ?? obj.name.endsWith('__c');
	const omit = new Set(obj.omitSystem ?? []);
	const rows: Array<[CompactField, string | null]> = [];
	for (const n of SYSTEM_FIELDS_HEAD) if (!omit.has(n)) rows.push([systemField(n, obj)!, null]);
	for (const entry of obj.fields) {
		if (typeof entry === 'string') rows.push(...expandMacro(entry, obj.name));
		else rows.push([entry, null]);
	}
	if (obj.owner) {
		const targets = obj.owner === true ? ['User'] : obj.owner;
		rows.push([['OwnerId', 'Owner ID', `reference:${targets.join('|')}`, { nillable: false, defaultedOnCreate: true, rel: 'Owner' }], null]);
	}
	for (const n of SYSTEM_FIELDS_TAIL) if (!omit.has(n)) rows.push([systemField(n, obj)!, null]);
	const fields = rows.map(([tuple, compound]) => {
		const f = expandField(obj.name, tuple, sets);
		f.compoundFieldName = compound;
		return f;
	});
	const seen = new Set<string>();
	for (const f of fields) {
		const key = f.name.toLowerCase();
		if (seen.has(key)) throw new Error(`${obj.name}: duplicate field ${f.name}`);
		seen.add(key);
	}
	const flag = (k: keyof NonNullable<CompactObject['flags']>): boolean => obj.flags?.[k] ?? true;
	return {
		name: obj.name,
		label: obj.label,
		labelPlural: obj.labelPlural,
		keyPrefix: obj.keyPrefix,
		custom,
		queryable: flag('queryable'),
		createable: flag('createable'),
		updateable: flag('updateable'),
		deletable: flag('deletable'),
		retrieveable: flag('retrieveable'),
		searchable: flag('searchable'),
		triggerable: flag('triggerable'),
		undeletable: flag('undeletable'),
		replicateable: flag('replicateable'),
		fields,
		childRelationships: [],
	};
}

let compactData: { objects: CompactObject[]; sets: PicklistSets } | undefined;

/** Every JSON file under `objects/` (a file holds one compact object or an array of them), read once */
function readCompactObjects(): { objects: CompactObject[]; sets: PicklistSets } {
	compactData ??= readCompactFiles();
	return compactData;
}

function readCompactFiles(): { objects: CompactObject[]; sets: PicklistSets } {
	const files = readdirSync(OBJECTS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
	const objects: CompactObject[] = [];
	let sets: PicklistSets = {};
	for (const file of files) {
		const data: unknown = JSON.parse(readFileSync(join(OBJECTS_DIR, file), 'utf8'));
		if (file === PICKLISTS_FILE) sets = data as PicklistSets;
		else if (Array.isArray(data)) objects.push(...(data as CompactObject[]));
		else objects.push(data as CompactObject);
	}
	return { objects, sets };
}

/**
 * Names in the spec's trigger/action list that are not Salesforce standard objects (ERP record types), marked
 * `nonStandard` in the data (`objects/nonstandard.json`). The sandbox gives them a plausible minimal schema under
 * these exact names (invented 'a0x' key prefixes) so that tests can exercise every listed object; a real org would
 * answer INVALID_TYPE / NOT_FOUND for them. test/unit/catalogue-vs-sandbox.test.ts checks the list against the
 * product's catalogue.
 */
export const NON_STANDARD_SPEC_OBJECTS: readonly string[] = readCompactObjects()
	.objects.filter((o) => o.nonStandard === true)
	.map((o) => o.name);

/** Extra metadata kept next to the expanded describe: the `child` and `cascade` of each reference field */
interface RefMeta {
	child: string | null;
	cascade: boolean;
}

export class SchemaRegistry {
	private readonly byName = new Map<string, ObjectDef>();
	private readonly byPrefix = new Map<string, ObjectDef>();
	private readonly fieldIndex = new Map<ObjectDef, Map<string, FieldDef>>();

	private constructor(objects: ObjectDef[]) {
		for (const o of objects) {
			const key = o.name.toLowerCase();
			if (this.byName.has(key)) throw new Error(`Duplicate object ${o.name}`);
			if (this.byPrefix.has(o.keyPrefix)) throw new Error(`Duplicate key prefix ${o.keyPrefix} (${o.name})`);
			this.byName.set(key, o);
			this.byPrefix.set(o.keyPrefix, o);
			this.fieldIndex.set(o, new Map(o.fields.map((f) => [f.name.toLowerCase(), f])));
		}
	}

	private static cached: ObjectDef[] | undefined;

	/** All built-in objects. Each call returns a registry with its own deep copy, so callers may mutate it. */
	static load(): SchemaRegistry {
		if (!SchemaRegistry.cached) SchemaRegistry.cached = SchemaRegistry.build();
		return new SchemaRegistry(structuredClone(SchemaRegistry.cached));
	}

	/** Registry over the given compact objects (tests, or an org with extra custom objects) */
	static fromCompact(objects: CompactObject[], sets: Record<string, Array<string | [string, string]>> = {}): SchemaRegistry {
		return new SchemaRegistry(SchemaRegistry.expandAll(objects, sets));
	}

	private static build(): ObjectDef[] {
		const { objects, sets } = readCompactObjects();
		return SchemaRegistry.expandAll(objects, sets);
	}

	private static expandAll(compact: CompactObject[], sets: PicklistSets): ObjectDef[] {
		const defs = compact.map((c) => expandObject(c, sets));
		const meta = new Map<string, RefMeta>();
		for (const c of compact)
			for (const e of c.fields)
				if (typeof e !== 'string' && e[3] && (e[3].child !== undefined || e[3].cascade))
					meta.set(`${c.name}.${e[0]}`, { child: e[3].child ?? null, cascade: e[3].cascade ?? false });
		const byName = new Map(defs.map((d) => [d.name, d]));
		for (const child of defs)
			for (const f of child.fields) {
				if (f.type !== 'reference') continue;
				const m = meta.get(`${child.name}.${f.name}`);
				for (const target of f.referenceTo) {
					const parent = byName.get(target);
					if (!parent) continue;
					const rel: ChildRelationship = {
						childSObject: child.name,
						field: f.name,
						relationshipName: m?.child ?? null,
						cascadeDelete: m?.cascade ?? false,
					};
					parent.childRelationships.push(rel);
				}
			}
		for (const d of defs)
			d.childRelationships.sort((a, b) =>
				a.childSObject === b.childSObject ? a.field.localeCompare(b.field) : a.childSObject.localeCompare(b.childSObject),
			);
		return defs;
	}

	get(name: string): ObjectDef | undefined {
		return this.byName.get(name.toLowerCase());
	}

	all(): ObjectDef[] {
		return [...this.byName.values()];
	}

	byKeyPrefix(prefix: string): ObjectDef | undefined {
		return this.byPrefix.get(prefix);
	}

	field(objectName: string, fieldName: string): FieldDef | undefined {
		const o = this.get(objectName);
		return o ? this.fieldIndex.get(o)?.get(fieldName.toLowerCase()) : undefined;
	}

	/** The object whose key prefix starts this id, if any */
	objectForId(id: string): ObjectDef | undefined {
		return this.byPrefix.get(id.slice(0, 3));
	}

	/** The reference field of `objectName` whose relationshipName is `relationshipName` (case-insensitive) */
	relationship(objectName: string, relationshipName: string): FieldDef | undefined {
		const o = this.get(objectName);
		const r = relationshipName.toLowerCase();
		return o?.fields.find((f) => f.relationshipName?.toLowerCase() === r);
	}

	/** The child relationship of `objectName` named `relationshipName` (case-insensitive), for subqueries */
	childRelationship(objectName: string, relationshipName: string): ChildRelationship | undefined {
		const o = this.get(objectName);
		const r = relationshipName.toLowerCase();
		return o?.childRelationships.find((c) => c.relationshipName?.toLowerCase() === r);
	}
}

export type { ObjectDef, FieldDef, PicklistValue, ChildRelationship } from './types';
