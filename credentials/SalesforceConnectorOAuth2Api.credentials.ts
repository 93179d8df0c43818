import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { customDomainField, environmentField, orgUrlField } from '../shared/connectionFields';
import { oauthBaseUrlExpression, REFUSED_OAUTH_BASE } from '../shared/orgUrl';

/** The org's base URL, checked by the same rules as every API call; a refused URL reaches no host (see orgUrl.ts). */
const BASE_URL_EXPRESSION = oauthBaseUrlExpression();

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
			displayName: `The URL must be your org's My Domain URL (https, a Salesforce domain unless Custom Domain is on, not a Lightning URL). If it breaks these rules, Connect my account opens ${REFUSED_OAUTH_BASE.replace('https://', '')}, which never resolves, so nothing is sent anywhere: correct the URL and connect again.`,
			name: 'urlRulesNotice',
			type: 'notice',
			default: '',
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
