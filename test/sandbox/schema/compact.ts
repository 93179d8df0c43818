/**
 * The compact form of the schema data files under `objects/`: what a person writes, before `index.ts` fills in
 * every describe property with Salesforce's defaults for the field's type.
 *
 * A field is a tuple `[name, label, type, options?]`. `type` is a FieldType with optional size:
 * `string:80`, `textarea:32000`, `currency:18,2`, `percent:3,0`, `reference:Account|Contact`.
 * A string entry in `fields` is a macro: `@name` (Salutation, FirstName, LastName and compound Name),
 * `@name-nosal` (the same without Salutation), `@address:Billing` (BillingStreet ... BillingAddress; `@address:`
 * for Lead/User style Street ... Address).
 */

export interface CompactFieldOptions {
	/** Not nillable and needed on create (describe: nillable false, createable, not defaultedOnCreate) */
	required?: boolean;
	nillable?: boolean;
	/** Read-only: neither createable nor updateable */
	ro?: boolean;
	/** Createable but not updateable */
	createOnly?: boolean;
	createable?: boolean;
	updateable?: boolean;
	nameField?: boolean;
	externalId?: boolean;
	unique?: boolean;
	idLookup?: boolean;
	caseSensitive?: boolean;
	autoNumber?: boolean;
	calculated?: boolean;
	formula?: string;
	defaultedOnCreate?: boolean;
	filterable?: boolean;
	sortable?: boolean;
	groupable?: boolean;
	html?: boolean;
	extra?: string;
	/** Picklist values: a list (value, or [value, label]) or '@Set' naming a shared list in `_picklists.json` */
	values?: Array<string | [string, string]> | string;
	/** Picklist value marked defaultValue, or a field default */
	default?: unknown;
	restricted?: boolean;
	controller?: string;
	/** Reference: relationship name (null for none); defaults to the name without 'Id', or '__c' -> '__r' */
	rel?: string | null;
	/** Reference: name of the child relationship on the parent object */
	child?: string;
	/** Master-detail: cascade delete from the parent */
	cascade?: boolean;
	help?: string;
	custom?: boolean;
}

export type CompactField = [string, string, string, CompactFieldOptions?];

export interface CompactObject {
	name: string;
	label: string;
	labelPlural: string;
	keyPrefix: string;
	custom?: boolean;
	/** OwnerId: true for User only, or the referenceTo list (e.g. ["Group","User"] for queue-ownable objects) */
	owner?: boolean | string[];
	/** System fields this object lacks (e.g. ContentDocumentLink has no CreatedDate) */
	omitSystem?: string[];
	/** Object-level describe flags that differ from the defaults (all true) */
	flags?: Partial<Record<ObjectFlag, boolean>>;
	/** Where the data comes from, or why it is invented */
	note?: string;
	/**
	 * Not a Salesforce object: a name from the spec's object list that no Salesforce org has (an ERP record type),
	 * given a plausible invented schema so that tests can use every listed object
	 */
	nonStandard?: boolean;
	fields: Array<CompactField | string>;
}

export type ObjectFlag =
	| 'queryable'
	| 'createable'
	| 'updateable'
	| 'deletable'
	| 'retrieveable'
	| 'searchable'
	| 'triggerable'
	| 'undeletable'
	| 'replicateable';
