import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { clientIdField, clientSecretField } from '../shared/connectionFields';
import { oauthBaseUrlExpression } from '../shared/orgUrl';

/** The org's base URL, checked by the same rules as every API call; a refused URL reaches no host (see orgUrl.ts). */
const BASE_URL_EXPRESSION = oauthBaseUrlExpression();

export class SalesforceConnectorOAuth2Api implements ICredentialType {
	name = 'salesforceConnectorOAuth2Api';

	/**
	 * The org fields first (Environment, URL, Custom Domain: salesforceConnectorOrgApi), then n8n's OAuth2 fields
	 * (Client ID, Client Secret, Scope, Allowed HTTP Request Domains): the order a user fills them in (D35).
	 */
	extends = ['salesforceConnectorOrgApi', 'oAuth2Api'];

	displayName = 'Salesforce Connector OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/SalesforceConnector/salesforce.svg',
		dark: 'file:../nodes/SalesforceConnector/salesforce.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-salesforce-connector/n8n-nodes-salesforce-connector#standard-connection-oauth2-browser-flow';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${BASE_URL_EXPRESSION} }}/services/oauth2/authorize`,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${BASE_URL_EXPRESSION} }}/services/oauth2/token`,
			required: true,
		},
		// overridden in place (n8n's slots after the org fields), with the connected app's words as descriptions
		clientIdField,
		clientSecretField,
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'api refresh_token',
			description:
				'OAuth scopes, space-separated. "api refresh_token" is all the nodes need; add e.g. "openid" only if your connected app requires it.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
