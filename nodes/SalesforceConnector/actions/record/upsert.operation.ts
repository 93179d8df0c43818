import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { SalesforceClient } from '../../../../shared/client/client';
import type { ObjectDescribe } from '../../../../shared/client/types';
import { buildRecordBody, externalIdField, externalIdValue } from '../../../../shared/records/prepare';
import { article, optionalFieldsCollection, showForStatic } from '../staticObject/description';
import { staticValues } from '../staticObject/parameters';
import type { BatchedOperation, BatchJob, BatchOptions, JobOutcome } from '../types';
import { DML_BATCH_SIZE, mappedValues, objectOf, resourceMapper, saveOutcomes, showFor, valueOf, withFullRecords, writeOptions } from './common';

interface UpsertJob extends BatchJob {
	externalIdField: string;
	fields: Record<string, unknown>;
}

async function send(client: SalesforceClient, jobs: UpsertJob[], options: BatchOptions): Promise<JobOutcome[]> {
	const { object, externalIdField: field } = jobs[0];
	const response = await client.upsertRecords(object, field, jobs.map((j) => j.fields), options.allOrNone);
	const outcomes = saveOutcomes(response, jobs, 'upsert');
	return options.returnFullRecord ? await withFullRecords(client, object, outcomes) : outcomes;
}

function job(describe: ObjectDescribe, itemIndex: number, fieldName: string, rawValue: unknown, values: Record<string, unknown>): UpsertJob {
	const field = externalIdField(describe, fieldName);
	const value = externalIdValue(field, rawValue);
	const fields = buildRecordBody(describe, values, 'upsert', { skipFields: [field.name] });
	return { itemIndex, object: describe.name, externalIdField: field.name, fields: { ...fields, [field.name]: value } };
}

const base = {
	kind: 'batched',
	verb: 'saved',
	batchSize: DML_BATCH_SIZE,
	writes: true,
	send,
	// one upsert call serves one object and one external ID field
	groupKey: (j: UpsertJob) => `${j.object.toLowerCase()}|${j.externalIdField.toLowerCase()}`,
} as const;

/** Create or Update on any object: matched on the chosen external ID field; the result says whether it was created. */
export const operation: BatchedOperation<UpsertJob> = {
	...base,
	option: { name: 'Create or Update', value: 'upsert', action: 'Create or update a record', description: 'Create a new record, or update the current one if it already exists (upsert)' },
	description: [resourceMapper('upsert', 'getUpsertFields', 'upsert'), writeOptions(showFor(['upsert']))],
	async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
		const describe = await client.describe(objectOf(this, itemIndex));
		const { values, matchingColumns } = mappedValues(this, itemIndex, describe, 'upsert');
		const fieldName = matchingColumns[0] ?? '';
		return job(describe, itemIndex, fieldName, valueOf(values, fieldName), values);
	},
};

export function staticOperation(def: StaticObjectDef): BatchedOperation<UpsertJob> {
	const show = showForStatic(def, ['upsert']);
	const description: INodeProperties[] = [
		{
			displayName: 'External ID Field Name or ID',
			name: 'externalIdField',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getExternalIdFields' },
			default: '',
			required: true,
			description: `The ${def.label} field marked External ID that records are matched on. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			displayOptions: show,
		},
		{
			displayName: 'External ID Value',
			name: 'externalIdValue',
			type: 'string',
			default: '',
			required: true,
			description: 'A record with this value is updated; if none exists, one is created',
			displayOptions: show,
		},
		optionalFieldsCollection(def, 'upsertFields', 'Fields', 'upsert'),
	];
	return {
		...base,
		option: { name: 'Create or Update', value: 'upsert', action: `Create or update ${article(def.label)} ${def.label.toLowerCase()}`, description: 'Create a new record, or update the current one if it already exists (upsert)' },
		description,
		async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
			const describe = await client.describe(def.apiName);
			const fieldName = String(this.getNodeParameter('externalIdField', itemIndex) ?? '');
			return job(describe, itemIndex, fieldName, this.getNodeParameter('externalIdValue', itemIndex), staticValues(this, 'upsertFields', itemIndex));
		},
	};
}
