import type { StaticObjectDef } from '../types';
import { field, text } from './builders';

/** Pricebook2 ("Price Book"): Object Reference for the Salesforce Platform. The standard price book is read-only here. */
export const PRICEBOOK2: StaticObjectDef = {
	apiName: 'Pricebook2',
	label: 'Price Book',
	labelPlural: 'Price Books',
	resource: 'priceBook',
	keyPrefix: '01s',
	nameField: 'Name',
	fields: [
		text('Name', 'Price Book Name', 255, { requiredOnCreate: true }),
		text('Description', 'Description', 255),
		field('IsActive', 'Active', 'boolean'),
		field('ValidFrom', 'Valid From', 'datetime'),
		field('ValidTo', 'Valid To', 'datetime'),
	],
};
