import type { IDataObject } from 'n8n-workflow';

import type { SalesforceRecord } from '../client/types';

type Json = IDataObject[string];

function clean(value: unknown): Json {
	if (Array.isArray(value)) return value.map(clean) as Json;
	if (value && typeof value === 'object') return recordJson(value as SalesforceRecord);
	return value as Json;
}

/**
 * A record as an output item's json: Salesforce's `attributes` (type and URL) dropped everywhere, in parent records
 * (`Account: {attributes, Name}`) and in child subquery results too; the values as they came.
 */
export function recordJson(record: SalesforceRecord): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (key !== 'attributes') out[key] = clean(value);
	}
	return out;
}
