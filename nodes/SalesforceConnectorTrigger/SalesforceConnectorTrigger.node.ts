import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { SalesforceClient } from '../../shared/client/client';
import { authenticationProperty } from '../../shared/nodeDescription';

/**
 * Polling trigger. This release ships the node and its connection; the record events (On New Record, On Updated
 * Record, On New Or Updated Record) arrive with the trigger issue. Until then a poll only verifies the connection.
 */
export class SalesforceConnectorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Salesforce Connector Trigger',
		name: 'salesforceConnectorTrigger',
		icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Record events',
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
		properties: [authenticationProperty],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const client = await SalesforceClient.create(this);
		await client.call((conn) => conn.request(client.restPath('/limits')));
		if (this.getMode() === 'manual') {
			throw new NodeOperationError(this.getNode(), 'No trigger event is available in this version yet', {
				description: 'The connection works. Record events arrive in the next release of this package.',
			});
		}
		return null;
	}
}
