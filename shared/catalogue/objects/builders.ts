/**
 * Small builders that keep the object definitions readable as data. Defaults match the most common describe
 * flags of an editable standard field: createable and updateable, not required.
 */
import type { CatalogueField, PicklistOption, SalesforceFieldType } from '../types';

type Extra = Partial<Omit<CatalogueField, 'name' | 'label' | 'type'>>;

export function field(name: string, label: string, type: SalesforceFieldType, extra: Extra = {}): CatalogueField {
	return { name, label, type, createable: true, updateable: true, ...extra };
}

export function text(name: string, label: string, length: number, extra: Extra = {}): CatalogueField {
	return field(name, label, 'string', { length, ...extra });
}

export function textArea(name: string, label: string, length: number, extra: Extra = {}): CatalogueField {
	return field(name, label, 'textarea', { length, ...extra });
}

export function lookup(name: string, label: string, referenceTo: string[], extra: Extra = {}): CatalogueField {
	return field(name, label, 'reference', { referenceTo, ...extra });
}

/** Picklist whose values' labels equal their API values (true of Salesforce's standard default values) */
export function picklist(name: string, label: string, values: readonly string[], extra: Extra = {}): CatalogueField {
	return field(name, label, 'picklist', { picklistValues: options(values), ...extra });
}

export function options(values: readonly string[]): PicklistOption[] {
	return values.map((value) => ({ value, label: value }));
}

/** Street, city, state, postal code and country of a compound address (e.g. prefix "Billing") */
export function address(prefix: string, labelPrefix: string): CatalogueField[] {
	const p = labelPrefix ? `${labelPrefix} ` : '';
	return [
		textArea(`${prefix}Street`, `${p}Street`, 255),
		text(`${prefix}City`, `${p}City`, 40),
		text(`${prefix}State`, `${p}State/Province`, 80),
		text(`${prefix}PostalCode`, `${p}Zip/Postal Code`, 20),
		text(`${prefix}Country`, `${p}Country`, 80),
	];
}

/** Owner lookup; objects whose records can be owned by a queue also refer to Group */
export function owner(queueOwnable: boolean): CatalogueField {
	return lookup('OwnerId', 'Owner ID', queueOwnable ? ['Group', 'User'] : ['User']);
}

/** Standard default values shared by several objects' picklists (a new org's values) */
export const STANDARD_VALUES = {
	leadSource: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
	salutation: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'],
	rating: ['Hot', 'Warm', 'Cold'],
	industry: [
		'Agriculture',
		'Apparel',
		'Banking',
		'Biotechnology',
		'Chemicals',
		'Communications',
		'Construction',
		'Consulting',
		'Education',
		'Electronics',
		'Energy',
		'Engineering',
		'Entertainment',
		'Environmental',
		'Finance',
		'Food & Beverage',
		'Government',
		'Healthcare',
		'Hospitality',
		'Insurance',
		'Machinery',
		'Manufacturing',
		'Media',
		'Not For Profit',
		'Recreation',
		'Retail',
		'Shipping',
		'Technology',
		'Telecommunications',
		'Transportation',
		'Utilities',
		'Other',
	],
} as const;
