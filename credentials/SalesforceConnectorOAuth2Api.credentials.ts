import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { customDomainField, environmentField, orgUrlField } from '../shared/connectionFields';

/**
 * The org's base URL as an expression: the origin of the URL field (paths and trailing slashes dropped), else the
 * login host of the chosen environment. Full validation (Lightning URLs, http, non-Salesforce hosts) runs in the
 * connection test and before every API call (shared/orgUrl.ts); expressions cannot raise readable errors.
 */
const BASE_URL_EXPRESSION =
	'(($self["url"] || "").trim().match(/^https?:\\/\\/[^\\/?#]+/i) || [($self["environment"] === "sandbox" ? "https://test.salesforce.com" : "https://login.salesforce.com")])[0].toLowerCase()';

export class SalesforceConnectorOAuth2Api implements ICredentialType {
	name = 'salesforceConnectorOAuth2Api';

	extends = ['oAuth2Api'];

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
		{ ...environmentField, description: `${environmentField.description}. Used when URL is empty.` },
		orgUrlField,
		customDomainField,
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
