import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

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
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
			],
			default: 'production',
			description:
				'Production orgs log in at login.salesforce.com, sandboxes at test.salesforce.com. Used when URL is empty.',
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://yourcompany.my.salesforce.com',
			description:
				'The base URL of your org, not the Lightning URL. Find it in Setup > Company Settings > My Domain > Current My Domain URL.',
		},
		{
			displayName: 'Custom Domain',
			name: 'allowCustomDomain',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept a URL outside Salesforce domains (e.g. an enhanced domain behind your own DNS). Leave off to guard against typos sending tokens to the wrong host.',
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
