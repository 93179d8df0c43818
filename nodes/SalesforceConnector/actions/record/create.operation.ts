import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { SalesforceClient } from '../../../../shared/client/client';
import { buildRecordBody } from '../../../../shared/records/prepare';
import { requiredValues, staticValues } from '../staticObject/parameters';
import { article, optionalFieldsCollection, requiredFieldParameters, showForStatic } from '../staticObject/description';
import type { BatchedOperation, BatchJob, BatchOptions, JobOutcome } from '../types';
import { DML_BATCH_SIZE, mappedValues, objectOf, resourceMapper, saveOutcomes, showFor, withFullRecords, writeOptions } from './common';

interface CreateJob extends BatchJob {
	fields: Record<string, unknown>;
}

async function send(client: SalesforceClient, jobs: CreateJob[], options: BatchOptions): Promise<JobOutcome[]> {
	const response = await client.createRecords(jobs.map((j) => ({ object: j.object, fields: j.fields })), options.allOrNone);
	const outcomes = saveOutcomes(response, jobs, 'create');
	return options.returnFullRecord ? await withFullRecords(client, jobs[0].object, outcomes) : outcomes;
}

const base = { kind: 'batched', verb: 'created', batchSize: DML_BATCH_SIZE, writes: true, send } as const;

/** Create Record on any object: the mapped fields become one record of the batch. */
export const operation: BatchedOperation<CreateJob> = {
	...base,
	option: { name: 'Create', value: 'create', action: 'Create a record', description: 'Create records (200 per API call)' },
	description: [resourceMapper('create', 'getCreateFields', 'add'), writeOptions(showFor(['create']))],
	async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
		const object = objectOf(this, itemIndex);
		const describe = await client.describe(object);
		return { itemIndex, object: describe.name, fields: buildRecordBody(describe, mappedValues(this, itemIndex, describe, 'create').values, 'create') };
	},
};

/** Create on a static object: its required fields as parameters, the others in Additional Fields. */
export function staticOperation(def: StaticObjectDef): BatchedOperation<CreateJob> {
	const description: INodeProperties[] = [...requiredFieldParameters(def), optionalFieldsCollection(def, 'additionalFields', 'Additional Fields', 'create')];
	return {
		...base,
		option: { name: 'Create', value: 'create', action: `Create ${article(def.label)} ${def.label.toLowerCase()}`, description: `Create ${def.label}` },
		description: description.map((p) => ({ ...p, displayOptions: p.displayOptions ?? showForStatic(def, ['create']) })),
		async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
			const describe = await client.describe(def.apiName);
			const values = { ...requiredValues(this, def, itemIndex), ...staticValues(this, 'additionalFields', itemIndex) };
			return { itemIndex, object: describe.name, fields: buildRecordBody(describe, values, 'create') };
		},
	};
}
