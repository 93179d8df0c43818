import type { INodeProperties } from 'n8n-workflow';

/** Fields both connection types ask for: environment, org URL, and the typo guard for non-Salesforce hosts. */
export const environmentField: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'options',
	options: [
		{ name: 'Production', value: 'production' },
		{ name: 'Sandbox', value: 'sandbox' },
	],
	default: 'production',
	description: 'Production orgs log in at login.salesforce.com, sandboxes at test.salesforce.com',
};

export const orgUrlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'https://yourcompany.my.salesforce.com',
	description:
		'The base URL of your org, not the Lightning URL. Find it in Setup > Company Settings > My Domain > Current My Domain URL.',
};

export const customDomainField: INodeProperties = {
	displayName: 'Custom Domain',
	name: 'allowCustomDomain',
	type: 'boolean',
	default: false,
	description:
		'Whether to accept a URL outside Salesforce domains (e.g. an enhanced domain behind your own DNS). Leave off to guard against typos sending tokens to the wrong host.',
};

/** The connected app's (or external client app's) consumer key and secret, as both connection types ask for them. */
export const clientIdField: INodeProperties = {
	displayName: 'Client ID',
	name: 'clientId',
	type: 'string',
	default: '',
	required: true,
	description: 'Consumer Key of the connected app or external client app (Setup > App Manager > your app > View > Manage Consumer Details)',
};

export const clientSecretField: INodeProperties = {
	displayName: 'Client Secret',
	name: 'clientSecret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description: 'Consumer Secret of the connected app or external client app',
};
