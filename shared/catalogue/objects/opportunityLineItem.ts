import type { StaticObjectDef } from '../types';
import { field, lookup, text } from './builders';

/**
 * OpportunityLineItem ("Opportunity Product" in Salesforce's UI): Object Reference for the Salesforce Platform.
 * Salesforce needs PricebookEntryId or Product2Id (API 38+), and UnitPrice or TotalPrice but not both, so neither
 * of each pair is flagged required; the parent and the product cannot change after create.
 */
export const OPPORTUNITY_LINE_ITEM: StaticObjectDef = {
	apiName: 'OpportunityLineItem',
	label: 'Opportunity Line Item',
	labelPlural: 'Opportunity Line Items',
	resource: 'opportunityLineItem',
	keyPrefix: '00k',
	nameField: 'Name',
	fields: [
		lookup('OpportunityId', 'Opportunity ID', ['Opportunity'], { requiredOnCreate: true, updateable: false }),
		field('Quantity', 'Quantity', 'double', { requiredOnCreate: true }),
		lookup('PricebookEntryId', 'Price Book Entry ID', ['PricebookEntry'], {
			updateable: false,
			description: 'Give this or Product ID',
		}),
		lookup('Product2Id', 'Product ID', ['Product2'], {
			updateable: false,
			description: 'Give this or Price Book Entry ID',
		}),
		field('UnitPrice', 'Sales Price', 'currency', { description: 'Give this or Total Price, not both' }),
		field('TotalPrice', 'Total Price', 'currency', { description: 'Give this or Sales Price, not both' }),
		field('Discount', 'Discount', 'percent'),
		field('ServiceDate', 'Date', 'date'),
		text('Description', 'Line Description', 255),
	],
};
