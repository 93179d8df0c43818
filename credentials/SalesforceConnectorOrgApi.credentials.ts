import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { customDomainField, environmentField, orgUrlField } from '../shared/connectionFields';
import { REFUSED_OAUTH_BASE } from '../shared/orgUrl';

/**
 * Not a connection: the org fields the OAuth2 credential asks for first. n8n lists an extending credential's fields
 * in its parents' order (each parent's in turn, in `extends` order), then its own new ones; a field it overrides
 * keeps its parent's place. Extending this type before `oAuth2Api` puts Environment and URL above n8n's Client ID,
 * Client Secret, Scope and Allowed HTTP Request Domains (docs/decisions.md D35). Hidden: it cannot be created alone.
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required -- fields only, never a connection of its own: the OAuth2 credential that extends it is tested by connecting
export class SalesforceConnectorOrgApi implements ICredentialType {
	name = 'salesforceConnectorOrgApi';

	displayName = 'Salesforce Connector Org API';

	hidden = true;

	icon: Icon = {
		light: 'file:../nodes/SalesforceConnector/salesforce.svg',
		dark: 'file:../nodes/SalesforceConnector/salesforce.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-salesforce-connector/n8n-nodes-salesforce-connector#standard-connection-oauth2-browser-flow';

	properties: INodeProperties[] = [
		{ ...environmentField, description: `${environmentField.description}. Used when URL is empty.` },
		orgUrlField,
		customDomainField,
		{
			displayName: `The URL must be your org's My Domain URL (https, a Salesforce domain unless Custom Domain is on, not a Lightning URL). If it breaks these rules, Connect my account opens ${REFUSED_OAUTH_BASE.replace('https://', '')}, which never resolves, so nothing is sent anywhere: correct the URL and connect again.`,
			name: 'urlRulesNotice',
			type: 'notice',
			default: '',
		},
	];
}
