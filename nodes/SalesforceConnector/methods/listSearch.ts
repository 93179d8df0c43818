import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SPEC_OBJECTS, STATIC_OBJECTS } from '../../../shared/catalogue';
import { SalesforceClient } from '../../../shared/client/client';
import { soqlContains } from '../../../shared/query/escape';
import { recordSearchMethod } from '../actions/staticObject/description';

const PAGE_SIZE = 100;

/**
 * Objects of the org for the Object picker: the spec's objects first, then every other object with record access,
 * custom ones included; filtered by label or API name, 100 per page (orgs have 1,000+ objects).
 */
export async function searchObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await SalesforceClient.create(this);
	const global = await client.describeGlobal();
	const spec = new Map(SPEC_OBJECTS.map((name, i) => [name.toLowerCase(), i]));
	const needle = (filter ?? '').trim().toLowerCase();
	const objects = global.sobjects
		.filter((o) => o.retrieveable || o.createable)
		.filter((o) => !needle || o.name.toLowerCase().includes(needle) || o.label.toLowerCase().includes(needle))
		.sort((a, b) => {
			const sa = spec.get(a.name.toLowerCase()) ?? Infinity;
			const sb = spec.get(b.name.toLowerCase()) ?? Infinity;
			return sa !== sb ? sa - sb : a.label.localeCompare(b.label);
		});
	const start = Number(paginationToken ?? 0) || 0;
	const page = objects.slice(start, start + PAGE_SIZE);
	return {
		results: page.map((o) => ({ name: `${o.label} (${o.name})`, value: o.name })),
		paginationToken: start + PAGE_SIZE < objects.length ? String(start + PAGE_SIZE) : undefined,
	};
}

/** Records of one object for a record locator: Name contains the filter, newest first, 50 per page. */
export function recordSearch(object: string) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const client = await SalesforceClient.create(this);
		const describe = await client.describe(object);
		const nameField = describe.fields.find((f) => f.nameField)?.name ?? 'Id';
		const where = filter?.trim() ? ` WHERE ${nameField} LIKE ${soqlContains(filter.trim())}` : '';
		const offset = Number(paginationToken ?? 0) || 0;
		const soql = `SELECT Id, ${nameField === 'Id' ? 'CreatedDate' : nameField} FROM ${object}${where} ORDER BY ${nameField === 'Id' ? 'CreatedDate DESC' : nameField} LIMIT 50 OFFSET ${offset}`;
		const res = await client.call(async (conn) => await conn.query<Record<string, unknown>>(soql), { object });
		return {
			results: res.records.map((r) => ({ name: `${String(r[nameField] ?? r.Id)} (${String(r.Id)})`, value: String(r.Id) })),
			paginationToken: res.records.length === 50 && offset + 50 <= 2000 ? String(offset + 50) : undefined,
		};
	};
}

/** One record-search method per object a static action looks up (Account, Contact, Case, Pricebook2, ...). */
export const recordSearchMethods = Object.fromEntries(
	Array.from(
		new Set([
			...STATIC_OBJECTS.map((o) => o.apiName),
			...STATIC_OBJECTS.flatMap((o) => o.fields.flatMap((f) => (f.type === 'reference' ? (f.referenceTo ?? []).slice(0, 1) : []))),
		]),
	).map((object) => [recordSearchMethod(object), recordSearch(object)]),
);
