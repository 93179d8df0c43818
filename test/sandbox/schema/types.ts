/**
 * The sandbox org's schema model: the shape of Salesforce's describe results, which is what the REST
 * resources return and what the SOQL engine and the validators read. Schemas are data (JSON under
 * `schema/objects/`), expanded into these types by `schema/index.ts`.
 */

export type FieldType =
	| 'id'
	| 'string'
	| 'boolean'
	| 'int'
	| 'double'
	| 'long'
	| 'date'
	| 'datetime'
	| 'time'
	| 'base64'
	| 'reference'
	| 'currency'
	| 'percent'
	| 'textarea'
	| 'phone'
	| 'url'
	| 'email'
	| 'combobox'
	| 'picklist'
	| 'multipicklist'
	| 'encryptedstring'
	| 'anyType'
	| 'address'
	| 'location';

export interface PicklistValue {
	active: boolean;
	defaultValue: boolean;
	label: string;
	value: string;
	validFor: string | null;
}

/** One field as Salesforce's `/sobjects/{Obj}/describe` returns it (the subset we emulate). */
export interface FieldDef {
	name: string;
	label: string;
	type: FieldType;
	/** SOAP type, e.g. 'xsd:string', 'tns:ID', 'xsd:dateTime' */
	soapType: string;
	length: number;
	precision: number;
	scale: number;
	digits: number;
	byteLength: number;
	nillable: boolean;
	createable: boolean;
	updateable: boolean;
	defaultedOnCreate: boolean;
	externalId: boolean;
	idLookup: boolean;
	unique: boolean;
	caseSensitive: boolean;
	filterable: boolean;
	sortable: boolean;
	groupable: boolean;
	calculated: boolean;
	custom: boolean;
	nameField: boolean;
	autoNumber: boolean;
	htmlFormatted: boolean;
	/** Long text areas (length > 255 textarea) cannot be filtered, like base64 and encrypted strings */
	extraTypeInfo: string | null;
	picklistValues: PicklistValue[];
	restrictedPicklist: boolean;
	dependentPicklist: boolean;
	controllerName: string | null;
	referenceTo: string[];
	relationshipName: string | null;
	relationshipOrder: number | null;
	defaultValue: unknown;
	defaultValueFormula: string | null;
	compoundFieldName: string | null;
	inlineHelpText: string | null;
}

export interface ChildRelationship {
	childSObject: string;
	field: string;
	relationshipName: string | null;
	cascadeDelete: boolean;
}

/** One object as describe returns it (minus urls, which the server adds for its own API version). */
export interface ObjectDef {
	name: string;
	label: string;
	labelPlural: string;
	keyPrefix: string;
	custom: boolean;
	queryable: boolean;
	createable: boolean;
	updateable: boolean;
	deletable: boolean;
	retrieveable: boolean;
	searchable: boolean;
	triggerable: boolean;
	undeletable: boolean;
	replicateable: boolean;
	fields: FieldDef[];
	childRelationships: ChildRelationship[];
}

/** A record as the store keeps it: field API name -> value in Salesforce's JSON form. */
export type StoredRecord = Record<string, unknown> & { Id: string };
