import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { ObjectDescribe } from '../../../../shared/client/types';
import { buildRecordBody } from '../../../../shared/records/prepare';
import { optionalFieldsCollection, requiredFieldParameters, staticOption } from '../staticObject/description';
import { requiredValues, staticValues } from '../staticObject/parameters';
import { saveResultSchema } from '../outputSchemas';
import type { BatchJob } from '../types';
import { DML_BATCH_SIZE, mappedValues, mapperWriteDescription, onChosenObject, onStaticObject, writeSender } from './common';

interface CreateJob extends BatchJob {
	fields: Record<string, unknown>;
}

const send = writeSender<CreateJob>('create', (client, jobs, allOrNone) =>
	client.createRecords(
		jobs.map((j) => ({ object: j.object, fields: j.fields })),
		allOrNone,
	),
);

const job = (describe: ObjectDescribe, itemIndex: number, values: Record<string, unknown>): CreateJob => ({
	itemIndex,
	object: describe.name,
	fields: buildRecordBody(describe, values, 'create'),
});

const base = {
	kind: 'batched',
	outputSchema: saveResultSchema(),
	verb: 'created',
	batchSize: DML_BATCH_SIZE,
	writes: true,
	send,
} as const;

/** Create Record on any object: the mapped fields become one record of the batch. */
export const operation = onChosenObject<CreateJob>(
	{
		...base,
		option: {
			name: 'Create',
			value: 'create',
			action: 'Create a record',
			description: 'Create records (200 per API call)',
		},
		description: mapperWriteDescription('create', 'getCreateFields', 'add'),
	},
	(ctx, describe, itemIndex) => job(describe, itemIndex, mappedValues(ctx, itemIndex, describe, 'create').values),
);

/** Create on a static object: its required fields as parameters, the others in Additional Fields. */
export const staticOperation = (def: StaticObjectDef) =>
	onStaticObject<CreateJob>(
		def,
		{
			...base,
			option: staticOption(def, 'Create', 'create', `Create ${def.label}`),
			description: [...requiredFieldParameters(def), optionalFieldsCollection(def, 'additionalFields', 'Additional Fields', 'create')],
		},
		(ctx, describe, itemIndex) =>
			job(describe, itemIndex, {
				...requiredValues(ctx, def, itemIndex),
				...staticValues(ctx, 'additionalFields', itemIndex),
			}),
	);
