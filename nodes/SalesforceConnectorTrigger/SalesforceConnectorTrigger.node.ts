import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { properties } from './description';
import { listSearch, loadOptions } from './methods';
import { pollRecords } from './poll';

/**
 * Polling trigger for record events (On New Record, On Updated Record, On New Or Updated Record) on any object with
 * CreatedDate and LastModifiedDate/SystemModstamp. n8n's Poll Times set the frequency; the core (shared/trigger,
 * docs/trigger-design.md) keeps a keyset cursor on the org's clock in the workflow's static data.
 */
export class SalesforceConnectorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Salesforce Connector Trigger',
		name: 'salesforceConnectorTrigger',
		icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{{"new": "On New Record", "updated": "On Updated Record", "newOrUpdated": "On New Or Updated Record"}[$parameter["event"]] + ": " + $parameter["sobject"].value}}',
		description: 'Starts the workflow when Salesforce records are created or updated',
		defaults: { name: 'Salesforce Connector Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'salesforceConnectorOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'salesforceConnectorNamedCredentialApi',
				required: true,
				displayOptions: { show: { authentication: ['namedCredential'] } },
				testedBy: 'salesforceConnectorNamedCredentialTest',
			},
		],
		properties,
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollRecords.call(this);
	}
}
