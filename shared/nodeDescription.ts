import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_API_VERSION } from './client/constants';

/** The connection selector both nodes show first (node files list the credentials literally: n8n's lint reads them there). */
export const authenticationProperty: INodeProperties = {
	displayName: 'Connection',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Standard (OAuth2 Browser Flow)', value: 'oAuth2' },
		{ name: 'Named Credential', value: 'namedCredential' },
	],
	default: 'oAuth2',
};


/** Per-node override of the API version (advanced). */
export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'string',
	default: DEFAULT_API_VERSION,
	placeholder: DEFAULT_API_VERSION,
	description: 'Salesforce REST API version to call. Change it only if your org or a field needs another version.',
};
