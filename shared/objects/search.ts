import type { INodeListSearchResult } from 'n8n-workflow';

import { specObjectRank } from '../catalogue';
import type { SalesforceClient } from '../client/client';
import type { GlobalObject } from '../client/types';

const PAGE_SIZE = 100;

/**
 * Objects of the org for an Object picker: the spec's objects first, then every other object that passes `keep`
 * (by default: records can be read or created), custom ones included; filtered by label or API name, 100 per page
 * (orgs have 1,000+ objects). One describe-global call per editor load.
 */
export async function searchObjects(
	client: SalesforceClient,
	filter?: string,
	paginationToken?: string,
	keep: (o: GlobalObject) => boolean = (o) => o.retrieveable || o.createable,
): Promise<INodeListSearchResult> {
	const global = await client.describeGlobal();
	const needle = (filter ?? '').trim().toLowerCase();
	const objects = global
		.filter(keep)
		.filter((o) => !needle || o.name.toLowerCase().includes(needle) || o.label.toLowerCase().includes(needle))
		.sort((a, b) => {
			const sa = specObjectRank(a.name) ?? Infinity;
			const sb = specObjectRank(b.name) ?? Infinity;
			return sa !== sb ? sa - sb : a.label.localeCompare(b.label);
		});
	const start = Number(paginationToken ?? 0) || 0;
	const page = objects.slice(start, start + PAGE_SIZE);
	return {
		results: page.map((o) => ({ name: o.label === o.name ? o.name : `${o.label} (${o.name})`, value: o.name })),
		paginationToken: start + PAGE_SIZE < objects.length ? String(start + PAGE_SIZE) : undefined,
	};
}
