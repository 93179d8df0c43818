import type { StaticObjectDef } from '../types';
import { field, lookup } from './builders';

/**
 * PricebookEntry ("Price Book Entry"): Object Reference for the Salesforce Platform. A product needs an entry in
 * the standard price book before it can have one in a custom price book; price book and product are fixed.
 */
export const PRICEBOOK_ENTRY: StaticObjectDef = {
	apiName: 'PricebookEntry',
	label: 'Price Book Entry',
	labelPlural: 'Price Book Entries',
	resource: 'priceBookEntry',
	keyPrefix: '01u',
	nameField: 'Name',
	fields: [
		lookup('Pricebook2Id', 'Price Book ID', ['Pricebook2'], { requiredOnCreate: true, updateable: false }),
		lookup('Product2Id', 'Product ID', ['Product2'], { requiredOnCreate: true, updateable: false }),
		field('UnitPrice', 'List Price', 'currency', { requiredOnCreate: true }),
		field('IsActive', 'Active', 'boolean'),
		field('UseStandardPrice', 'Use Standard Price', 'boolean'),
	],
};
