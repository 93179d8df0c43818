import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IAuthenticateGeneric,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { requestServerToServerToken } from '../shared/client/serverToServerAuth';
import { clientIdField, clientSecretField, customDomainField, environmentField, orgUrlField } from '../shared/connectionFields';

/**
 * A connection bound to a Salesforce Named Credential. The named credential and its external credential are
 * managed by an admin in Setup; n8n, which runs outside Salesforce, authenticates server-to-server as the
 * principal the admin set up (OAuth 2.0 client credentials or JWT bearer) and the connection test checks the
 * named-credential setup against the spec's rules.
 */
export class SalesforceConnectorNamedCredentialApi implements ICredentialType {
	name = 'salesforceConnectorNamedCredentialApi';

	displayName = 'Salesforce Connector Named Credential API';

	icon: Icon = {
		light: 'file:../nodes/SalesforceConnector/salesforce.svg',
		dark: 'file:../nodes/SalesforceConnector/salesforce.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-salesforce-connector/n8n-nodes-salesforce-connector#named-credential-connection';

	properties: INodeProperties[] = [
		{
			displayName: 'Named Credential',
			name: 'namedCredential',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'SalesforceOrg',
			description:
				'API name (Developer Name) of the named credential in Setup > Named Credentials. Its external credential must have the same API name.',
		},
		environmentField,
		{ ...orgUrlField, required: true },
		customDomainField,
		{
			displayName: 'Protocol',
			name: 'protocol',
			type: 'options',
			options: [
				{
					name: 'OAuth 2.0 Client Credentials',
					value: 'clientCredentials',
					description: "Runs as the connected app's Run As user",
				},
				{
					name: 'OAuth 2.0 JWT Bearer',
					value: 'jwtBearer',
					description: 'Signs an assertion with your private key for a pre-authorized user',
				},
			],
			default: 'clientCredentials',
		},
		clientIdField,
		{ ...clientSecretField, displayOptions: { show: { protocol: ['clientCredentials'] } } },
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'integration@yourcompany.com',
			displayOptions: { show: { protocol: ['jwtBearer'] } },
			description: 'The Salesforce user the JWT is issued for (the principal)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			displayOptions: { show: { protocol: ['jwtBearer'] } },
			description: "PEM private key whose certificate is uploaded to the connected app ('Use digital signatures')",
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const token = await requestServerToServerToken(
			async (url, body) =>
				await this.helpers.httpRequest({
					method: 'POST',
					url,
					body,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
					json: true,
				}),
			credentials,
		);
		return { accessToken: token.accessToken, instanceUrl: token.instanceUrl };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};
}
