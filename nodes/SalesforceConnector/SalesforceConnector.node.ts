import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties, subtitleExpression } from './actions/description';
import { router } from './actions/router';
import { credentialTest, listSearch, loadOptions, resourceMapping } from './methods';

export class SalesforceConnector implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Salesforce Connector',
		name: 'salesforceConnector',
		icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(),
		description: 'Create, read, update, upsert and delete Salesforce records; batched to save API calls',
		defaults: { name: 'Salesforce Connector' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
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

	methods = { credentialTest, listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
