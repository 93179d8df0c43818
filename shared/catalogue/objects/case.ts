import type { StaticObjectDef } from '../types';
import { field, lookup, owner, picklist, text, textArea } from './builders';

/** Case: Object Reference for the Salesforce Platform, "Case". No field is required on create through the API. */
export const CASE: StaticObjectDef = {
	apiName: 'Case',
	label: 'Case',
	labelPlural: 'Cases',
	resource: 'case',
	keyPrefix: '500',
	nameField: 'CaseNumber',
	fields: [
		text('Subject', 'Subject', 255),
		textArea('Description', 'Description', 32000),
		picklist('Status', 'Status', ['New', 'Working', 'Escalated', 'Closed']),
		picklist('Priority', 'Priority', ['High', 'Medium', 'Low']),
		picklist('Origin', 'Case Origin', ['Phone', 'Email', 'Web']),
		picklist('Type', 'Case Type', ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']),
		picklist('Reason', 'Case Reason', [
			'Installation',
			'Equipment Complexity',
			'Performance',
			'Breakdown',
			'Equipment Design',
			'Feedback',
			'Other',
		]),
		lookup('AccountId', 'Account ID', ['Account']),
		lookup('ContactId', 'Contact ID', ['Contact']),
		lookup('ParentId', 'Parent Case ID', ['Case']),
		lookup('AssetId', 'Asset ID', ['Asset']),
		// "Web" fields are what Web-to-Case and Email-to-Case fill in
		text('SuppliedName', 'Web Name', 80),
		field('SuppliedEmail', 'Web Email', 'email', { length: 80 }),
		text('SuppliedPhone', 'Web Phone', 40),
		text('SuppliedCompany', 'Web Company', 80),
		field('IsEscalated', 'Escalated', 'boolean'),
		owner(true),
	],
};
