import type { StaticObjectDef } from '../types';
import { STANDARD_VALUES, address, field, lookup, owner, picklist, text, textArea } from './builders';

/** Account: Object Reference for the Salesforce Platform, "Account" (standard fields and a new org's picklist values) */
export const ACCOUNT: StaticObjectDef = {
	apiName: 'Account',
	label: 'Account',
	labelPlural: 'Accounts',
	resource: 'account',
	keyPrefix: '001',
	nameField: 'Name',
	fields: [
		text('Name', 'Account Name', 255, { requiredOnCreate: true }),
		text('AccountNumber', 'Account Number', 40),
		picklist('Type', 'Account Type', [
			'Prospect',
			'Customer - Direct',
			'Customer - Channel',
			'Channel Partner / Reseller',
			'Installation Partner',
			'Technology Partner',
			'Other',
		]),
		picklist('Industry', 'Industry', STANDARD_VALUES.industry),
		picklist('Rating', 'Account Rating', STANDARD_VALUES.rating),
		picklist('Ownership', 'Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
		picklist('AccountSource', 'Account Source', STANDARD_VALUES.leadSource),
		lookup('ParentId', 'Parent Account ID', ['Account']),
		field('Phone', 'Account Phone', 'phone', { length: 40 }),
		field('Fax', 'Account Fax', 'phone', { length: 40 }),
		field('Website', 'Website', 'url', { length: 255 }),
		field('AnnualRevenue', 'Annual Revenue', 'currency'),
		field('NumberOfEmployees', 'Employees', 'int'),
		text('TickerSymbol', 'Ticker Symbol', 20),
		text('Site', 'Account Site', 80),
		text('Sic', 'SIC Code', 20),
		textArea('Description', 'Account Description', 32000),
		...address('Billing', 'Billing'),
		...address('Shipping', 'Shipping'),
		owner(false),
	],
};
