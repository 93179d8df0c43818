import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { SalesforceClient } from '../../shared/client/client';
import { toNodeError } from '../../shared/errors';
import { authenticationProperty } from '../../shared/nodeDescription';

/**
 * Polling trigger. This release ships the node and its connection; the record events (On New Record, On Updated
 * Record, On New Or Updated Record) arrive with the trigger release. Until then a test poll verifies the connection.
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
		// "Fetch Test Event" checks the connection (one API call); an active workflow must not spend calls on a
		// poll that cannot emit anything, so activation fails with the same explanation instead
		if (this.getMode() === 'manual') {
			try {
				await (await SalesforceClient.create(this)).limits();
			} catch (error) {
				throw toNodeError(this.getNode(), error);
			}
		}
		throw new NodeOperationError(this.getNode(), 'No trigger event is available in this version yet', {
			description:
				'The connection works. On New Record, On Updated Record and On New Or Updated Record arrive in the next release of this package.',
		});
	}
}
