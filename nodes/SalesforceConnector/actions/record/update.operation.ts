import type { IExecuteFunctions } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { SalesforceClient } from '../../../../shared/client/client';
import type { ObjectDescribe } from '../../../../shared/client/types';
import { validateRecordId } from '../../../../shared/records/ids';
import { InputError } from '../../../../shared/records/inputError';
import { buildRecordBody } from '../../../../shared/records/prepare';
import { article, optionalFieldsCollection, recordIdProperty } from '../staticObject/description';
import { staticRecordId, staticValues } from '../staticObject/parameters';
import type { BatchedOperation, BatchJob, BatchOptions, JobOutcome } from '../types';
import { DML_BATCH_SIZE, mappedValues, objectOf, resourceMapper, saveOutcomes, showFor, valueOf, withFullRecords, writeOptions } from './common';

interface UpdateJob extends BatchJob {
	id: string;
	fields: Record<string, unknown>;
}

async function send(client: SalesforceClient, jobs: UpdateJob[], options: BatchOptions): Promise<JobOutcome[]> {
	const response = await client.updateRecords(jobs.map((j) => ({ object: j.object, id: j.id, fields: j.fields })), options.allOrNone);
	const outcomes = saveOutcomes(response, jobs, 'update');
	return options.returnFullRecord ? await withFullRecords(client, jobs[0].object, outcomes) : outcomes;
}

function job(describe: ObjectDescribe, itemIndex: number, id: unknown, values: Record<string, unknown>): UpdateJob {
	const recordId = validateRecordId(id, describe);
	const fields = buildRecordBody(describe, values, 'update', { skipFields: ['Id'] });
	if (Object.keys(fields).length === 0) {
		throw new InputError('No fields to update', `Map at least one ${describe.name} field to change (empty values are left out; null clears a field).`);
	}
	return { itemIndex, object: describe.name, id: recordId, fields };
}

const base = { kind: 'batched', verb: 'updated', batchSize: DML_BATCH_SIZE, writes: true, send } as const;

/** Update Record on any object: matched on Id (the mapper's matching column), the other mapped fields are changed. */
export const operation: BatchedOperation<UpdateJob> = {
	...base,
	option: { name: 'Update', value: 'update', action: 'Update a record', description: 'Update records by ID (200 per API call)' },
	description: [resourceMapper('update', 'getUpdateFields', 'update'), writeOptions(showFor(['update']))],
	async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
		const describe = await client.describe(objectOf(this, itemIndex));
		const { values } = mappedValues(this, itemIndex, describe, 'update');
		return job(describe, itemIndex, valueOf(values, 'Id'), values);
	},
};

export function staticOperation(def: StaticObjectDef): BatchedOperation<UpdateJob> {
	return {
		...base,
		option: { name: 'Update', value: 'update', action: `Update ${article(def.label)} ${def.label.toLowerCase()}`, description: `Update ${def.label}` },
		description: [recordIdProperty(def, ['update']), optionalFieldsCollection(def, 'updateFields', 'Update Fields', 'update')],
		async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
			const describe = await client.describe(def.apiName);
			return job(describe, itemIndex, staticRecordId(this, def, itemIndex), staticValues(this, 'updateFields', itemIndex));
		},
	};
}
