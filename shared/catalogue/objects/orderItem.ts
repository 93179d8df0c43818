import type { StaticObjectDef } from '../types';
import { field, lookup, text } from './builders';

/**
 * OrderItem ("Order Product" in Salesforce's UI): Object Reference for the Salesforce Platform. The order, price
 * book entry and product are fixed after create; the list price is copied from the entry.
 */
export const ORDER_ITEM: StaticObjectDef = {
	apiName: 'OrderItem',
	label: 'Order Item',
	labelPlural: 'Order Items',
	resource: 'orderItem',
	keyPrefix: '802',
	nameField: 'OrderItemNumber',
	fields: [
		lookup('OrderId', 'Order ID', ['Order'], { requiredOnCreate: true, updateable: false }),
		lookup('PricebookEntryId', 'Price Book Entry ID', ['PricebookEntry'], {
			requiredOnCreate: true,
			updateable: false,
		}),
		field('Quantity', 'Quantity', 'double', { requiredOnCreate: true }),
		field('UnitPrice', 'Unit Price', 'currency', { requiredOnCreate: true }),
		lookup('Product2Id', 'Product ID', ['Product2'], { updateable: false }),
		field('ListPrice', 'List Price', 'currency', { updateable: false }),
		lookup('OriginalOrderItemId', 'Original Order Item ID', ['OrderItem'], { updateable: false }),
		field('ServiceDate', 'Start Date', 'date'),
		field('EndDate', 'End Date', 'date'),
		text('Description', 'Line Description', 255),
	],
};
