/** The Salesforce REST API version every call uses unless a node overrides it (Spring '26). */
export const DEFAULT_API_VERSION = '66.0';
/** sObject Collections upsert exists from 46.0 on */
export const MIN_API_VERSION = '46.0';

export const STANDARD_CREDENTIAL_TYPE = 'salesforceConnectorOAuth2Api';
export const NAMED_CREDENTIAL_TYPE = 'salesforceConnectorNamedCredentialApi';

/** Connection selector value -> credential type */
export const CREDENTIAL_TYPES = {
	oAuth2: STANDARD_CREDENTIAL_TYPE,
	namedCredential: NAMED_CREDENTIAL_TYPE,
} as const;

export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;

/** Transient failures are retried this many times with exponential backoff (idempotent calls only). */
export const MAX_RETRIES = 3;
export const RETRY_BASE_DELAY_MS = 400;
