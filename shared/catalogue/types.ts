import type { FieldDescribe, PicklistValue } from '../client/types';

/**
 * Types of the object catalogue: static definitions of Salesforce objects and fields that drive the static
 * actions without a describe call. Field shapes follow Salesforce's describe result (names, types, flags).
 */

/** Salesforce field types a catalogue field may have (the subset of describe's types that static actions use). */
export type SalesforceFieldType =
	| 'string'
	| 'textarea'
	| 'picklist'
	| 'multipicklist'
	| 'boolean'
	| 'int'
	| 'double'
	| 'currency'
	| 'percent'
	| 'date'
	| 'datetime'
	| 'time'
	| 'email'
	| 'phone'
	| 'url'
	| 'reference'
	| 'id'
	| 'combobox';

export type PicklistOption = Required<Pick<PicklistValue, 'value'>> & { label: string };

/**
 * A catalogue field is a describe field known in advance: the same names and flags (one source of field rules applies
 * to both), plus what a form needs (required on create, a description).
 */
export interface CatalogueField
	extends Pick<FieldDescribe, 'name' | 'label' | 'createable' | 'updateable' | 'length' | 'referenceTo' | 'externalId' | 'idLookup' | 'restrictedPicklist'> {
	type: SalesforceFieldType;
	/** A value must be given on create (not nillable, or required by Salesforce's rules for the object) */
	requiredOnCreate?: boolean;
	/** Salesforce's standard default values of a new org; the org's live values may differ */
	picklistValues?: PicklistOption[];
	description?: string;
}

export interface StaticObjectDef {
	apiName: string;
	/** Label the spec gives the object in its static action names */
	label: string;
	labelPlural: string;
	/** n8n resource value (camelCase) */
	resource: string;
	/** First three characters of the object's record ids */
	keyPrefix: string;
	/** Field describe marks as the record name */
	nameField?: string;
	fields: CatalogueField[];
}
