/**
 * The URL a query's first page is read from, and its size: Salesforce refuses request URIs (path and query string)
 * over 16,384 bytes with HTTP 414, so the query model sizes queries by the same rule the client builds them with.
 */
import { DEFAULT_API_VERSION } from './constants';

/** Salesforce refuses request URIs (path and query string) longer than this with HTTP 414 */
export const MAX_URI_BYTES = 16_384;

export interface QueryUrlOptions {
	/** e.g. '66.0' (the default) */
	apiVersion?: string;
	/** queryAll (deleted and archived records too) */
	queryAll?: boolean;
}

/** `/services/data/vXX.X/query?q=<SOQL>`: the path and query string the client requests. */
export function queryPath(soql: string, options: QueryUrlOptions = {}): string {
	return `/services/data/v${options.apiVersion ?? DEFAULT_API_VERSION}/${options.queryAll ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
}

/**
 * Bytes of that request URI as it goes out: URL parsing on the way also percent-encodes the quote, which
 * encodeURIComponent leaves (WHATWG's query set for http and https includes `'`). The text is ASCII by then.
 */
export function queryUriBytes(soql: string, options: QueryUrlOptions = {}): number {
	return queryPath(soql, options).replace(/'/g, '%27').length;
}
