import type { StaticObjectDef } from '../types';
import { field, picklist, text, textArea } from './builders';

/**
 * Product2 ("Product"): Object Reference for the Salesforce Platform. A new org's Product Family picklist holds
 * the single value "None" and Quantity Unit Of Measure holds "Each"; orgs add their own.
 */
export const PRODUCT2: StaticObjectDef = {
	apiName: 'Product2',
	label: 'Product',
	labelPlural: 'Products',
	resource: 'product',
	keyPrefix: '01t',
	nameField: 'Name',
	fields: [
		text('Name', 'Product Name', 255, { requiredOnCreate: true }),
		text('ProductCode', 'Product Code', 255),
		textArea('Description', 'Product Description', 4000),
		picklist('Family', 'Product Family', ['None']),
		field('IsActive', 'Active', 'boolean'),
		text('StockKeepingUnit', 'Product SKU', 180, { idLookup: true }),
		picklist('QuantityUnitOfMeasure', 'Quantity Unit Of Measure', ['Each']),
		field('DisplayUrl', 'Display URL', 'url', { length: 1000 }),
		text('ExternalId', 'External ID', 255),
		field('CanUseQuantitySchedule', 'Quantity Scheduling Enabled', 'boolean'),
		field('CanUseRevenueSchedule', 'Revenue Scheduling Enabled', 'boolean'),
	],
};
