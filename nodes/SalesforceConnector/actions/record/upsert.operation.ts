import type { INodeProperties } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { ObjectDescribe } from '../../../../shared/client/types';
import { buildRecordBody, externalIdField, externalIdValue } from '../../../../shared/records/prepare';
import { optionalFieldsCollection, showForStatic, staticOption } from '../staticObject/description';
import { staticValues } from '../staticObject/parameters';
import { UPSERT_RESULT } from '../outputSchemas';
import type { BatchJob } from '../types';
import { DML_BATCH_SIZE, mappedValues, mapperWriteDescription, onChosenObject, onStaticObject, valueOf, writeSender } from './common';

interface UpsertJob extends BatchJob {
	externalIdField: string;
	fields: Record<string, unknown>;
}

// one upsert call serves one object and one external ID field (see groupKey)
const send = writeSender<UpsertJob>('upsert', (client, jobs, allOrNone) =>
	client.upsertRecords(
		jobs[0].object,
		jobs[0].externalIdField,
		jobs.map((j) => j.fields),
		allOrNone,
	),
);

function job(describe: ObjectDescribe, itemIndex: number, fieldName: string, rawValue: unknown, values: Record<string, unknown>): UpsertJob {
	const field = externalIdField(describe, fieldName);
	const value = externalIdValue(field, rawValue);
	const fields = buildRecordBody(describe, values, 'upsert', {
		skipFields: [field.name],
	});
	return {
		itemIndex,
		object: describe.name,
		externalIdField: field.name,
		fields: { ...fields, [field.name]: value },
	};
}

const UPSERT_DESCRIPTION = 'Create a new record, or update the current one if it already exists (upsert)';

const base = {
	kind: 'batched',
	outputSchema: UPSERT_RESULT,
	verb: 'saved',
	batchSize: DML_BATCH_SIZE,
	writes: true,
	send,
	// one upsert call serves one object and one external ID field
	groupKey: (j: UpsertJob) => `${j.object.toLowerCase()}|${j.externalIdField.toLowerCase()}`,
} as const;

/** Create or Update on any object: matched on the chosen external ID field; the result says whether it was created. */
export const operation = onChosenObject<UpsertJob>(
	{
		...base,
		option: {
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a record',
			description: UPSERT_DESCRIPTION,
		},
		description: mapperWriteDescription('upsert', 'getUpsertFields', 'upsert'),
	},
	(ctx, describe, itemIndex) => {
		const { values, matchingColumns } = mappedValues(ctx, itemIndex, describe, 'upsert');
		const fieldName = matchingColumns[0] ?? '';
		return job(describe, itemIndex, fieldName, valueOf(values, fieldName), values);
	},
);

export function staticOperation(def: StaticObjectDef) {
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
	return onStaticObject<UpsertJob>(
		def,
		{
			...base,
			option: staticOption(def, 'Create or Update', 'upsert', UPSERT_DESCRIPTION),
			description,
		},
		(ctx, describe, itemIndex) =>
			job(
				describe,
				itemIndex,
				String(ctx.getNodeParameter('externalIdField', itemIndex) ?? ''),
				ctx.getNodeParameter('externalIdValue', itemIndex),
				staticValues(ctx, 'upsertFields', itemIndex),
			),
	);
}
