import type { IExecuteFunctions } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { SalesforceClient } from '../../../../shared/client/client';
import { validateRecordId } from '../../../../shared/records/ids';
import { article, recordIdProperty } from '../staticObject/description';
import { staticRecordId } from '../staticObject/parameters';
import type { BatchedOperation, BatchJob, BatchOptions, JobOutcome } from '../types';
import { DML_BATCH_SIZE, objectOf, recordIdParameter, saveOutcomes, showFor, writeOptions } from './common';

interface DeleteJob extends BatchJob {
	id: string;
}

async function send(client: SalesforceClient, jobs: DeleteJob[], options: BatchOptions): Promise<JobOutcome[]> {
	return saveOutcomes(await client.deleteRecords(jobs.map((j) => j.id), options.allOrNone, jobs[0].object), jobs, 'delete');
}

const base = { kind: 'batched', verb: 'deleted', batchSize: DML_BATCH_SIZE, writes: true, send } as const;

/** Delete Record by ID (the ID must belong to the chosen object). */
export const operation: BatchedOperation<DeleteJob> = {
	...base,
	option: { name: 'Delete', value: 'delete', action: 'Delete a record', description: 'Delete records by ID (200 per API call)' },
	description: [recordIdParameter('delete'), writeOptions(showFor(['delete']))],
	async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
		const describe = await client.describe(objectOf(this, itemIndex));
		return { itemIndex, object: describe.name, id: validateRecordId(this.getNodeParameter('recordId', itemIndex), describe) };
	},
};

export function staticOperation(def: StaticObjectDef): BatchedOperation<DeleteJob> {
	return {
		...base,
		option: { name: 'Delete', value: 'delete', action: `Delete ${article(def.label)} ${def.label.toLowerCase()}`, description: `Delete ${def.label}` },
		description: [recordIdProperty(def, ['delete'])],
		async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
			const describe = await client.describe(def.apiName);
			return { itemIndex, object: describe.name, id: validateRecordId(staticRecordId(this, def, itemIndex), describe) };
		},
	};
}
