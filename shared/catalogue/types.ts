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

export interface PicklistOption {
	value: string;
	label: string;
}

export interface CatalogueField {
	/** API name, as in describe */
	name: string;
	label: string;
	type: SalesforceFieldType;
	/** A value must be given on create (not nillable, or required by Salesforce's rules for the object) */
	requiredOnCreate?: boolean;
	createable: boolean;
	updateable: boolean;
	/** Maximum characters for text types */
	length?: number;
	/** Salesforce's standard default values of a new org; the org's live values may differ */
	picklistValues?: PicklistOption[];
	/** Restricted picklist: values outside the list are rejected by Salesforce */
	restricted?: boolean;
	/** Objects a reference field can point to (more than one for polymorphic lookups such as OwnerId) */
	referenceTo?: string[];
	externalId?: boolean;
	idLookup?: boolean;
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
