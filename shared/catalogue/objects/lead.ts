import type { StaticObjectDef } from '../types';
import { STANDARD_VALUES, address, field, owner, picklist, text, textArea } from './builders';

/** Lead: Object Reference for the Salesforce Platform, "Lead" */
export const LEAD: StaticObjectDef = {
	apiName: 'Lead',
	label: 'Lead',
	labelPlural: 'Leads',
	resource: 'lead',
	keyPrefix: '00Q',
	nameField: 'Name',
	fields: [
		text('LastName', 'Last Name', 80, { requiredOnCreate: true }),
		text('Company', 'Company', 255, { requiredOnCreate: true }),
		// Not nillable; Salesforce fills the picklist's default when omitted, but the record page requires it
		picklist(
			'Status',
			'Lead Status',
			['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
			{ requiredOnCreate: true },
		),
		text('FirstName', 'First Name', 40),
		picklist('Salutation', 'Salutation', STANDARD_VALUES.salutation),
		text('Title', 'Title', 128),
		field('Email', 'Email', 'email', { length: 80, idLookup: true }),
		field('Phone', 'Phone', 'phone', { length: 40 }),
		field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
		field('Fax', 'Fax', 'phone', { length: 40 }),
		field('Website', 'Website', 'url', { length: 255 }),
		picklist('LeadSource', 'Lead Source', STANDARD_VALUES.leadSource),
		picklist('Industry', 'Industry', STANDARD_VALUES.industry),
		picklist('Rating', 'Rating', STANDARD_VALUES.rating),
		field('AnnualRevenue', 'Annual Revenue', 'currency'),
		field('NumberOfEmployees', 'Employees', 'int'),
		field('HasOptedOutOfEmail', 'Email Opt Out', 'boolean'),
		field('DoNotCall', 'Do Not Call', 'boolean'),
		textArea('Description', 'Description', 32000),
		...address('', ''),
		owner(true),
	],
};
