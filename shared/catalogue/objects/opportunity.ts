import type { StaticObjectDef } from '../types';
import { STANDARD_VALUES, field, lookup, owner, picklist, text, textArea } from './builders';

/** Opportunity: Object Reference for the Salesforce Platform, "Opportunity" */
export const OPPORTUNITY: StaticObjectDef = {
	apiName: 'Opportunity',
	label: 'Opportunity',
	labelPlural: 'Opportunities',
	resource: 'opportunity',
	keyPrefix: '006',
	nameField: 'Name',
	fields: [
		text('Name', 'Name', 120, { requiredOnCreate: true }),
		picklist(
			'StageName',
			'Stage',
			[
				'Prospecting',
				'Qualification',
				'Needs Analysis',
				'Value Proposition',
				'Id. Decision Makers',
				'Perception Analysis',
				'Proposal/Price Quote',
				'Negotiation/Review',
				'Closed Won',
				'Closed Lost',
			],
			{ requiredOnCreate: true },
		),
		field('CloseDate', 'Close Date', 'date', { requiredOnCreate: true }),
		lookup('AccountId', 'Account ID', ['Account']),
		field('Amount', 'Amount', 'currency'),
		field('Probability', 'Probability (%)', 'percent'),
		picklist('Type', 'Opportunity Type', [
			'Existing Customer - Upgrade',
			'Existing Customer - Replacement',
			'Existing Customer - Downgrade',
			'New Customer',
		]),
		picklist('LeadSource', 'Lead Source', STANDARD_VALUES.leadSource),
		picklist('ForecastCategoryName', 'Forecast Category', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'], {
			restrictedPicklist: true,
		}),
		text('NextStep', 'Next Step', 255),
		textArea('Description', 'Description', 32000),
		lookup('CampaignId', 'Campaign ID', ['Campaign']),
		lookup('Pricebook2Id', 'Price Book ID', ['Pricebook2']),
		field('TotalOpportunityQuantity', 'Quantity', 'double'),
		field('IsPrivate', 'Private', 'boolean'),
		owner(false),
	],
};
