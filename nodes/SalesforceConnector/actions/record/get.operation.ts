import type { INodeProperties } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import { RETRIEVE_BATCH_SIZE, type SalesforceClient } from '../../../../shared/client/client';
import { SalesforceError } from '../../../../shared/client/error';
import type { ObjectDescribe, SalesforceRecord } from '../../../../shared/client/types';
import { chunkToFit, soqlString } from '../../../../shared/query';
import { validateRecordId } from '../../../../shared/records/ids';
import { recordJson } from '../../../../shared/records/output';
import { checkFieldPaths } from '../../../../shared/records/prepare';
import { recordIdProperty, showForStatic, staticOption } from '../staticObject/description';
import { staticRecordId } from '../staticObject/parameters';
import { recordSchema } from '../outputSchemas';
import type { BatchJob, JobOutcome } from '../types';
import { onChosenObject, onStaticObject, optionsCollection, recordIdParameter, showFor } from './common';

interface GetJob extends BatchJob {
	id: string;
	/** Chosen fields as Salesforce spells them; empty: all fields of the object */
	fields: string[];
}

/** Ids compare on their case-sensitive 15-character form (an 18-character id's suffix was checked in prepare). */
const key15 = (id: string) => id.slice(0, 15);

/**
 * Relationship fields (Account.Name) need SOQL; the collections retrieve returns the object's own fields only. As
 * many ids go in one query as its URL can hold (Salesforce refuses URIs over 16,384 bytes).
 */
async function queryByIds(client: SalesforceClient, object: string, ids: string[], fields: string[]): Promise<Map<string, SalesforceRecord>> {
	const select = `SELECT ${Array.from(new Set(['Id', ...fields])).join(', ')} FROM ${object} WHERE Id IN `;
	const render = (part: readonly string[]) => `${select}(${part.map(soqlString).join(',')})`;
	const found = new Map<string, SalesforceRecord>();
	for (const part of chunkToFit(ids, render, { apiVersion: client.apiVersion })) {
		for await (const page of client.query(render(part))) {
			for (const r of page.records) found.set(key15(String(r.Id)), r);
		}
	}
	return found;
}

async function send(client: SalesforceClient, jobs: GetJob[]): Promise<JobOutcome[]> {
	const { object, fields } = jobs[0];
	const ids = jobs.map((j) => j.id);
	let records: Array<SalesforceRecord | null>;
	if (fields.some((f) => f.includes('.'))) {
		const found = await queryByIds(client, object, ids, fields);
		records = ids.map((id) => found.get(key15(id)) ?? null);
	} else {
		const names = fields.length ? fields : (await client.describe(object)).fields.map((f) => f.name);
		records = await client.retrieveRecords(object, ids, names);
	}
	return records.map((rec, k) =>
		rec
			? { ok: true, json: recordJson(rec) }
			: {
					ok: false,
					error: new SalesforceError({
						code: 'NOT_FOUND',
						message: `No ${object} record with ID ${jobs[k].id}`,
						status: 404,
						object,
					}),
				},
	);
}

async function job(
	client: SalesforceClient,
	describe: ObjectDescribe,
	itemIndex: number,
	id: unknown,
	chosen: string[],
	relationship: string[],
): Promise<GetJob> {
	const recordId = validateRecordId(id, describe);
	const checked = await checkFieldPaths(describe, [...chosen, ...relationship], (name) => client.describe(name));
	// relationship fields alone mean "all fields, plus these"
	const all = !chosen.length && relationship.length ? describe.fields.map((f) => f.name) : [];
	return {
		itemIndex,
		object: describe.name,
		id: recordId,
		fields: Array.from(new Set([...all, ...checked])),
	};
}

const base = {
	kind: 'batched',
	verb: 'read',
	batchSize: RETRIEVE_BATCH_SIZE,
	writes: false,
	send,
	groupKey: (j: GetJob) => `${j.object.toLowerCase()}|${j.fields.join(',')}`,
} as const;

const csv = (text: unknown) =>
	String(text ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);

/** Get Record By Id on any object: chosen fields (default all) plus optional relationship fields such as Account.Name. */
export const operation = onChosenObject<GetJob>(
	{
		...base,
		outputSchema: recordSchema(),
		option: {
			name: 'Get by ID',
			value: 'get',
			action: 'Get a record by ID',
			description: 'Retrieve records by ID (2,000 per API call)',
		},
		description: [
			recordIdParameter('get'),
			{
				displayName: 'Fields to Return',
				name: 'fields',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getObjectFields',
					loadOptionsDependsOn: ['sobject.value'],
				},
				default: [],
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				displayOptions: showFor(['get']),
			},
			optionsCollection(showFor(['get']), [
				{
					displayName: 'Relationship Fields',
					name: 'relationshipFields',
					type: 'string',
					default: '',
					placeholder: 'e.g. Account.Name, Owner.Email',
					description: 'Comma-separated fields of related records, in dot notation',
				},
			]),
		],
	},
	async (ctx, describe, itemIndex, client) => {
		const chosen = (ctx.getNodeParameter('fields', itemIndex, []) as string[]) ?? [];
		const relationship = csv(ctx.getNodeParameter('options.relationshipFields', itemIndex, ''));
		return await job(client, describe, itemIndex, ctx.getNodeParameter('recordId', itemIndex), chosen, relationship);
	},
);

export function staticOperation(def: StaticObjectDef) {
	const description: INodeProperties[] = [
		recordIdProperty(def, ['get']),
		{
			displayName: 'Fields to Return',
			name: 'fieldsToReturn',
			type: 'multiOptions',
			default: [],
			description: 'Leave empty for all fields, custom fields included',
			options: def.fields.map((f) => ({ name: f.label, value: f.name })).sort((a, b) => a.name.localeCompare(b.name)),
			displayOptions: showForStatic(def, ['get']),
		},
	];
	return onStaticObject<GetJob>(
		def,
		{
			...base,
			outputSchema: recordSchema(def.fields),
			option: staticOption(def, 'Get by ID', 'get', `Get ${def.label} By ID`, ' by ID'),
			description,
		},
		async (ctx, describe, itemIndex, client) =>
			await job(
				client,
				describe,
				itemIndex,
				staticRecordId(ctx, def, itemIndex),
				(ctx.getNodeParameter('fieldsToReturn', itemIndex, []) as string[]) ?? [],
				[],
			),
	);
}
