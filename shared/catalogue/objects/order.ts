import type { StaticObjectDef } from '../types';
import { address, field, lookup, owner, picklist, text, textArea } from './builders';

/**
 * Order: Object Reference for the Salesforce Platform, "Order". Status is required; a new org has only Draft
 * (category Draft) and Activated (category Activated), and an order must be created as Draft.
 */
export const ORDER: StaticObjectDef = {
	apiName: 'Order',
	label: 'Order',
	labelPlural: 'Orders',
	resource: 'order',
	keyPrefix: '801',
	nameField: 'OrderNumber',
	fields: [
		lookup('AccountId', 'Account ID', ['Account'], { requiredOnCreate: true }),
		field('EffectiveDate', 'Order Start Date', 'date', { requiredOnCreate: true }),
		picklist('Status', 'Status', ['Draft', 'Activated'], { requiredOnCreate: true }),
		text('Name', 'Order Name', 80),
		lookup('Pricebook2Id', 'Price Book ID', ['Pricebook2']),
		lookup('ContractId', 'Contract ID', ['Contract']),
		lookup('OpportunityId', 'Opportunity ID', ['Opportunity']),
		field('EndDate', 'Order End Date', 'date'),
		text('PoNumber', 'PO Number', 80),
		field('PoDate', 'PO Date', 'date'),
		text('OrderReferenceNumber', 'Order Reference Number', 80),
		lookup('CustomerAuthorizedById', 'Customer Authorized By ID', ['Contact']),
		field('CustomerAuthorizedDate', 'Customer Authorized Date', 'date'),
		lookup('BillToContactId', 'Bill To Contact ID', ['Contact']),
		lookup('ShipToContactId', 'Ship To Contact ID', ['Contact']),
		textArea('Description', 'Description', 32000),
		...address('Billing', 'Billing'),
		...address('Shipping', 'Shipping'),
		owner(true),
	],
};
