import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { STATIC_OBJECTS } from '../../../shared/catalogue';
import { SalesforceClient } from '../../../shared/client/client';
import { searchObjects as searchObjectsOf } from '../../../shared/objects/search';
import { soqlContains } from '../../../shared/query/escape';
import { recordSearchMethod } from '../actions/staticObject/description';
import { withNodeErrors } from './common';

/** Objects of the org for the Object picker (spec objects first, custom ones included, 100 per page). */
export const searchObjects = withNodeErrors(async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchObjectsOf(await SalesforceClient.create(this), filter, paginationToken);
});

/** Records of one object for a record locator: Name contains the filter, newest first, 50 per page. */
export function recordSearch(object: string) {
	return withNodeErrors(async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const client = await SalesforceClient.create(this);
		const describe = await client.describe(object);
		const nameField = describe.fields.find((f) => f.nameField)?.name ?? 'Id';
		const where = filter?.trim() ? ` WHERE ${nameField} LIKE ${soqlContains(filter.trim())}` : '';
		const offset = Number(paginationToken ?? 0) || 0;
		const soql = `SELECT Id, ${nameField === 'Id' ? 'CreatedDate' : nameField} FROM ${object}${where} ORDER BY ${nameField === 'Id' ? 'CreatedDate DESC' : nameField} LIMIT 50 OFFSET ${offset}`;
		const records = [];
		for await (const page of client.query(soql)) records.push(...page.records);
		return {
			results: records.map((r) => ({ name: `${String(r[nameField] ?? r.Id)} (${String(r.Id)})`, value: String(r.Id) })),
			paginationToken: records.length === 50 && offset + 50 <= 2000 ? String(offset + 50) : undefined,
		};
	});
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
