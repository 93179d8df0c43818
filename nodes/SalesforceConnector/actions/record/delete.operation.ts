import type { StaticObjectDef } from '../../../../shared/catalogue';
import { validateRecordId } from '../../../../shared/records/ids';
import { recordIdProperty, staticOption } from '../staticObject/description';
import { staticRecordId } from '../staticObject/parameters';
import { saveResultSchema } from '../outputSchemas';
import type { BatchJob } from '../types';
import { DML_BATCH_SIZE, onChosenObject, onStaticObject, recordIdParameter, showFor, writeOptions, writeSender } from './common';

interface DeleteJob extends BatchJob {
	id: string;
}

const send = writeSender<DeleteJob>('delete', (client, jobs, allOrNone) =>
	client.deleteRecords(
		jobs.map((j) => j.id),
		allOrNone,
		jobs[0].object,
	),
);

const base = {
	kind: 'batched',
	outputSchema: saveResultSchema(),
	verb: 'deleted',
	batchSize: DML_BATCH_SIZE,
	writes: true,
	send,
} as const;

/** Delete Record by ID (the ID must belong to the chosen object). */
export const operation = onChosenObject<DeleteJob>(
	{
		...base,
		option: {
			name: 'Delete',
			value: 'delete',
			action: 'Delete a record',
			description: 'Delete records by ID (200 per API call)',
		},
		description: [recordIdParameter('delete'), writeOptions(showFor(['delete']))],
	},
	(ctx, describe, itemIndex) => ({
		itemIndex,
		object: describe.name,
		id: validateRecordId(ctx.getNodeParameter('recordId', itemIndex), describe),
	}),
);

export const staticOperation = (def: StaticObjectDef) =>
	onStaticObject<DeleteJob>(
		def,
		{
			...base,
			option: staticOption(def, 'Delete', 'delete', `Delete ${def.label}`),
			description: [recordIdProperty(def, ['delete'])],
		},
		(ctx, describe, itemIndex) => ({
			itemIndex,
			object: describe.name,
			id: validateRecordId(staticRecordId(ctx, def, itemIndex), describe),
		}),
	);
