import type { StaticObjectDef } from '../types';
import { STANDARD_VALUES, address, field, lookup, owner, picklist, text, textArea } from './builders';

/** Contact: Object Reference for the Salesforce Platform, "Contact" */
export const CONTACT: StaticObjectDef = {
	apiName: 'Contact',
	label: 'Contact',
	labelPlural: 'Contacts',
	resource: 'contact',
	keyPrefix: '003',
	nameField: 'Name',
	fields: [
		text('LastName', 'Last Name', 80, { requiredOnCreate: true }),
		text('FirstName', 'First Name', 40),
		picklist('Salutation', 'Salutation', STANDARD_VALUES.salutation),
		lookup('AccountId', 'Account ID', ['Account']),
		text('Title', 'Title', 128),
		text('Department', 'Department', 80),
		field('Email', 'Email', 'email', { length: 80, idLookup: true }),
		field('Phone', 'Business Phone', 'phone', { length: 40 }),
		field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
		field('HomePhone', 'Home Phone', 'phone', { length: 40 }),
		field('OtherPhone', 'Other Phone', 'phone', { length: 40 }),
		field('Fax', 'Business Fax', 'phone', { length: 40 }),
		text('AssistantName', "Assistant's Name", 40),
		field('AssistantPhone', 'Asst. Phone', 'phone', { length: 40 }),
		field('Birthdate', 'Birthdate', 'date'),
		picklist('LeadSource', 'Lead Source', STANDARD_VALUES.leadSource),
		lookup('ReportsToId', 'Reports To ID', ['Contact']),
		field('HasOptedOutOfEmail', 'Email Opt Out', 'boolean'),
		field('DoNotCall', 'Do Not Call', 'boolean'),
		textArea('Description', 'Contact Description', 32000),
		...address('Mailing', 'Mailing'),
		...address('Other', 'Other'),
		owner(false),
	],
};
