/**
 * What the record operations share, dynamic and static: their options, reading mapped values, and turning
 * Salesforce's per-record answers into outcomes.
 */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { bulkRecordProblem } from '../../../../shared/client/bulk';
import type { SalesforceClient } from '../../../../shared/client/client';
import { SalesforceError } from '../../../../shared/client/error';
import type { BulkIngestOperation, ObjectDescribe, SaveResult, WriteResponse } from '../../../../shared/client/types';
import { objectNameFrom } from '../../../../shared/objects/locator';
import { isWritable, type WriteOperation } from '../../../../shared/records/fields';
import { recordJson } from '../../../../shared/records/output';
import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { BatchedOperation, BatchJob, BatchOptions, BulkMode, BulkPath, JobOutcome } from '../types';

export const DML_BATCH_SIZE = 200;

/**
 * Bulk API on Auto: a group (one object and operation) of at least this many items goes as one Bulk API 2.0 job.
 * Below it, collections calls are both faster and cheap; the job's fixed cost (create, upload, close, polls, results:
 * about 6 calls and a few seconds of queueing in Salesforce) equals 1,200 records' worth of collections calls.
 * Measured in BENCHMARKS.md.
 */
export const BULK_AUTO_THRESHOLD = 2000;

const BULK_MODES: readonly BulkMode[] = ['auto', 'always', 'never'];
const DEFAULT_BULK_TIMEOUT_S = 600;

/** The Bulk API option of a write's or a read's Options collection (Auto when unset). */
export function bulkModeOf(options: IDataObject): BulkMode {
	return BULK_MODES.find((m) => m === options.bulkApi) ?? 'auto';
}

/** The Bulk API Timeout option in milliseconds (10 minutes when unset or not a positive number). */
export function bulkTimeoutMsOf(options: IDataObject): number {
	const timeout = Number(options.bulkTimeout ?? DEFAULT_BULK_TIMEOUT_S);
	return (Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_BULK_TIMEOUT_S) * 1000;
}

export const showFor = (operation: string[]) => ({
	show: { resource: ['record'], operation },
});

/** An operation's Options collection. */
export function optionsCollection(displayOptions: INodeProperties['displayOptions'], options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options };
}

/** The Bulk API option (Auto / Always / Never) and Bulk API Timeout, of the writes and of the reads, in their words. */
export function bulkOptions(text: { what: string; always: string; auto: string; never: string; timeout: string }): INodeProperties[] {
	return [
		{
			displayName: 'Bulk API',
			name: 'bulkApi',
			type: 'options',
			default: 'auto',
			description: text.what,
			options: [
				{ name: 'Always', value: 'always', description: text.always },
				{ name: 'Auto', value: 'auto', description: text.auto },
				{ name: 'Never', value: 'never', description: text.never },
			],
		},
		{
			displayName: 'Bulk API Timeout (Seconds)',
			name: 'bulkTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_BULK_TIMEOUT_S,
			description: text.timeout,
		},
	];
}

/** All or None, Bulk API, Bulk API Timeout and Return Full Record, for the write operations of the dynamic and the static resources. */
export function writeOptions(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return optionsCollection(displayOptions, [
		{
			displayName: 'All or None',
			name: 'allOrNone',
			type: 'boolean',
			default: false,
			description: 'Whether a failure of one record rolls back the others sent in the same API call (up to 200 records)',
		},
		...bulkOptions({
			what: 'Whether to send the items as one Bulk API 2.0 job per object instead of 200 records per API call. A job costs about 6 API calls whatever its size, but Salesforce queues it, so it takes seconds to minutes.',
			always: 'Every item goes through a Bulk API job (no All or None)',
			auto: `From ${BULK_AUTO_THRESHOLD.toLocaleString('en-US')} items of one object, unless All or None is on`,
			never: 'Always 200 records per API call',
			timeout: 'How long to wait for a Bulk API job. A job that takes longer goes on in Salesforce; its items are reported with the job ID and an unknown outcome.',
		}),
		{
			displayName: 'Return Full Record',
			name: 'returnFullRecord',
			type: 'boolean',
			default: false,
			description: 'Whether to return all fields of each saved record (one extra API call per 200 records)',
			displayOptions: { hide: { '/operation': ['delete'] } },
		},
	]);
}

/** The column mapper of the dynamic writes, built from the object's describe by a resourceMapping method. */
export function resourceMapper(operation: string, method: string, mode: 'add' | 'update' | 'upsert'): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: showFor([operation]),
		typeOptions: {
			loadOptionsDependsOn: ['sobject.value'],
			resourceMapper: {
				resourceMapperMethod: method,
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError:
					'No fields to show yet: choose the Object above. If one is chosen, it does not exist in this org or your user cannot see its fields; open the Object list to pick it.',
				matchingFieldsLabels:
					mode === 'upsert'
						? {
								title: 'External ID Field',
								description: 'The external ID field records are matched on',
								hint: 'Fields marked External ID in Salesforce',
							}
						: undefined,
			},
		},
	};
}

/** A dynamic write's parameters: the column mapper and the write options. */
export function mapperWriteDescription(operation: WriteOperation, method: string, mode: 'add' | 'update' | 'upsert'): INodeProperties[] {
	return [resourceMapper(operation, method, mode), writeOptions(showFor([operation]))];
}

export function recordIdParameter(operation: string): INodeProperties {
	return {
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 001XXXXXXXXXXXXXXX',
		description: 'The 15- or 18-character ID of the record',
		displayOptions: showFor([operation]),
	};
}

type OperationParts<J extends BatchJob> = Omit<BatchedOperation<J>, 'prepare'>;
type JobBuilder<J extends BatchJob> = (ctx: IExecuteFunctions, describe: ObjectDescribe, itemIndex: number, client: SalesforceClient) => J | Promise<J>;

function onObject<J extends BatchJob>(
	objectFor: (ctx: IExecuteFunctions, itemIndex: number) => string,
	parts: OperationParts<J>,
	build: JobBuilder<J>,
): BatchedOperation<J> {
	return {
		...parts,
		async prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number) {
			return await build(this, await client.describe(objectFor(this, itemIndex)), itemIndex, client);
		},
	};
}

/** A batched operation on the item's chosen object (its describe cached for the execution). */
export const onChosenObject = <J extends BatchJob>(parts: OperationParts<J>, build: JobBuilder<J>) => onObject(objectOf, parts, build);

/** A batched operation on one catalogue object. */
export const onStaticObject = <J extends BatchJob>(def: StaticObjectDef, parts: OperationParts<J>, build: JobBuilder<J>) =>
	onObject(() => def.apiName, parts, build);

/**
 * The send step of a write: one collections call for the chunk, its per-record answers as outcomes, and the full
 * records read back when asked for.
 */
export function writeSender<J extends BatchJob>(
	kind: 'create' | 'update' | 'upsert' | 'delete',
	call: (client: SalesforceClient, jobs: J[], allOrNone: boolean) => Promise<WriteResponse>,
): (client: SalesforceClient, jobs: J[], options: BatchOptions) => Promise<JobOutcome[]> {
	return async (client, jobs, options) => {
		const outcomes = saveOutcomes(await call(client, jobs, options.allOrNone), jobs, kind);
		return options.returnFullRecord && kind !== 'delete' ? await withFullRecords(client, jobs[0].object, outcomes) : outcomes;
	};
}

/**
 * The Bulk API path of a write: the group's records as one ingest job (the client maps the results back to the
 * records), the same outcomes as the collections path, and the full records read back when asked for.
 */
export function bulkPath<J extends BatchJob>(
	operation: BulkIngestOperation,
	row: (job: J) => Record<string, unknown>,
	externalIdField?: (job: J) => string,
): BulkPath<J> {
	return {
		autoThreshold: BULK_AUTO_THRESHOLD,
		async problems(client, jobs) {
			const out = new Map<number, string>();
			const describe = await client.describe(jobs[0].object);
			// Bulk API 2.0 has no form for files: base64 fields load through REST (or Bulk API 1.0's zip batches)
			const binary = new Set(describe.fields.filter((f) => f.type === 'base64').map((f) => f.name.toLowerCase()));
			for (const job of jobs) {
				const record = row(job);
				const file = Object.keys(record).find((k) => binary.has(k.toLowerCase()));
				const problem = file ? `${file} is a file (base64) field, which Bulk API 2.0 does not load` : bulkRecordProblem(record);
				if (problem) out.set(job.itemIndex, problem);
			}
			return out;
		},
		async send(client, jobs, options) {
			const { results } = await client.bulkIngest(
				{ object: jobs[0].object, operation, externalIdField: externalIdField?.(jobs[0]), records: jobs.map(row) },
				{ timeoutMs: options.bulkTimeoutMs, abortSignal: options.cancelSignal },
			);
			const outcomes = results.map((r): JobOutcome => {
				if (!r.ok) return { ok: false, error: r.error };
				return { ok: true, json: operation === 'upsert' ? { id: r.id, success: true, created: r.created } : { id: r.id, success: true } };
			});
			return options.returnFullRecord && operation !== 'delete' ? await withFullRecords(client, jobs[0].object, outcomes) : outcomes;
		},
	};
}

/** The dynamic operations' object for an item. */
export function objectOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return objectNameFrom(ctx.getNodeParameter('sobject', itemIndex) as INodeParameterResourceLocator | string);
}

/**
 * Values of the resource mapper ("Fields") for an item; keys are field API names. With "Map Automatically" the
 * input item's own fields are used: those named like a field the operation can write (any case) are taken, the
 * others (e.g. `attributes`, system fields of a record read earlier) stay out, so a Get's output can feed an Update.
 */
export function mappedValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	describe: ObjectDescribe,
	operation: WriteOperation,
): { values: IDataObject; matchingColumns: string[] } {
	const matchingColumns = (ctx.getNodeParameter('columns.matchingColumns', itemIndex, []) as string[]) ?? [];
	const mode = ctx.getNodeParameter('columns.mappingMode', itemIndex, 'defineBelow') as string;
	if (mode === 'autoMapInputData') {
		const known = new Set(describe.fields.filter((f) => isWritable(f, operation)).map((f) => f.name.toLowerCase()));
		const json = ctx.getInputData()[itemIndex]?.json ?? {};
		return {
			values: Object.fromEntries(Object.entries(json).filter(([k]) => known.has(k.toLowerCase()))) as IDataObject,
			matchingColumns,
		};
	}
	const values = (ctx.getNodeParameter('columns.value', itemIndex, {}) as IDataObject | null) ?? {};
	return { values, matchingColumns };
}

/** A value by field name in any letter case (Salesforce's names are case-insensitive, n8n's keys are not). */
export function valueOf(values: IDataObject, field: string): unknown {
	const key = Object.keys(values).find((k) => k.toLowerCase() === field.toLowerCase());
	return key === undefined ? undefined : values[key];
}

export function recordError(result: SaveResult, object?: string): SalesforceError {
	const e = result.errors[0];
	return new SalesforceError({
		code: e?.code ?? 'UNKNOWN_ERROR',
		message: e?.message ?? 'Salesforce reported a failure without a message',
		fields: e?.fields ?? [],
		object,
	});
}

const RETRIED_NOTE = 'The first attempt’s answer was lost and the request was sent again';

/** Per-record answers of a write as outcomes; a repeated request's answers are read with that in mind. */
export function saveOutcomes(response: WriteResponse, jobs: BatchJob[], kind: 'create' | 'update' | 'upsert' | 'delete'): JobOutcome[] {
	return response.results.map((r, k): JobOutcome => {
		const object = jobs[k]?.object;
		if (r.success) {
			const json: IDataObject = { id: r.id, success: true };
			if (kind === 'upsert') {
				// a repeat finds the records the lost first attempt created, and calls them "not created"
				if (response.retried && r.created === false) {
					json.created = null;
					json.warning = `${RETRIED_NOTE}: whether this record was created or updated is unknown (it exists now).`;
				} else json.created = r.created === true;
			}
			return { ok: true, json };
		}
		const error = recordError(r, object);
		if (kind === 'delete' && response.retried && error.code === 'ENTITY_IS_DELETED') {
			return {
				ok: true,
				json: {
					id: r.id ?? null,
					success: true,
					warning: `${RETRIED_NOTE}; Salesforce reports the record deleted.`,
				},
			};
		}
		return { ok: false, error };
	});
}

/**
 * Return Full Record: all fields of the saved records, one retrieve per chunk. If that read fails, the records are
 * still saved: each keeps its id and says so, rather than the node failing and losing the ids.
 */
export async function withFullRecords(client: SalesforceClient, object: string, outcomes: JobOutcome[]): Promise<JobOutcome[]> {
	const saved = outcomes.filter((o): o is Extract<JobOutcome, { ok: true }> => o.ok && typeof o.json.id === 'string');
	if (!saved.length) return outcomes;
	try {
		const describe = await client.describe(object);
		const records = await client.retrieveRecords(
			object,
			saved.map((o) => String(o.json.id)),
			describe.fields.map((f) => f.name),
		);
		saved.forEach((o, k) => {
			const rec = records[k];
			if (!rec) return;
			const keep = o.json.created !== undefined ? { created: o.json.created } : {};
			o.json = {
				...recordJson(rec),
				...keep,
				...(o.json.warning ? { warning: o.json.warning } : {}),
			};
		});
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		for (const o of saved) o.json.warning = `Saved, but the full record could not be read back (${reason}). The ID above is the saved record.`;
	}
	return outcomes;
}
