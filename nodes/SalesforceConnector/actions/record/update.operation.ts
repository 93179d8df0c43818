import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { ObjectDescribe } from '../../../../shared/client/types';
import { validateRecordId } from '../../../../shared/records/ids';
import { InputError } from '../../../../shared/records/inputError';
import { buildRecordBody } from '../../../../shared/records/prepare';
import { optionalFieldsCollection, recordIdProperty, staticOption } from '../staticObject/description';
import { staticRecordId, staticValues } from '../staticObject/parameters';
import { saveResultSchema } from '../outputSchemas';
import type { BatchJob } from '../types';
import { DML_BATCH_SIZE, mappedValues, mapperWriteDescription, onChosenObject, onStaticObject, valueOf, writeSender } from './common';

interface UpdateJob extends BatchJob {
	id: string;
	fields: Record<string, unknown>;
}

const send = writeSender<UpdateJob>('update', (client, jobs, allOrNone) =>
	client.updateRecords(
		jobs.map((j) => ({ object: j.object, id: j.id, fields: j.fields })),
		allOrNone,
	),
);

function job(describe: ObjectDescribe, itemIndex: number, id: unknown, values: Record<string, unknown>): UpdateJob {
	const recordId = validateRecordId(id, describe);
	const fields = buildRecordBody(describe, values, 'update', {
		skipFields: ['Id'],
	});
	if (Object.keys(fields).length === 0) {
		throw new InputError('No fields to update', `Map at least one ${describe.name} field to change (empty values are left out; null clears a field).`);
	}
	return { itemIndex, object: describe.name, id: recordId, fields };
}

const base = {
	kind: 'batched',
	outputSchema: saveResultSchema(),
	verb: 'updated',
	batchSize: DML_BATCH_SIZE,
	writes: true,
	send,
} as const;

/** Update Record on any object: matched on Id (the mapper's matching column), the other mapped fields are changed. */
export const operation = onChosenObject<UpdateJob>(
	{
		...base,
		option: {
			name: 'Update',
			value: 'update',
			action: 'Update a record',
			description: 'Update records by ID (200 per API call)',
		},
		description: mapperWriteDescription('update', 'getUpdateFields', 'update'),
	},
	(ctx, describe, itemIndex) => {
		const { values } = mappedValues(ctx, itemIndex, describe, 'update');
		return job(describe, itemIndex, valueOf(values, 'Id'), values);
	},
);

export const staticOperation = (def: StaticObjectDef) =>
	onStaticObject<UpdateJob>(
		def,
		{
			...base,
			option: staticOption(def, 'Update', 'update', `Update ${def.label}`),
			description: [recordIdProperty(def, ['update']), optionalFieldsCollection(def, 'updateFields', 'Update Fields', 'update')],
		},
		(ctx, describe, itemIndex) => job(describe, itemIndex, staticRecordId(ctx, def, itemIndex), staticValues(ctx, 'updateFields', itemIndex)),
	);
