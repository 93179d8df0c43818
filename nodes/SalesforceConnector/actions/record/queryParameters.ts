/**
 * What Get Records and SOQL Query share: Return All / Limit, the reading and output options, and reading them for an
 * item into the parts of a QueryPlan.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_BATCH_SIZE, MAX_OFFSET, MIN_BATCH_SIZE, checkedBatchSize, checkedLimit, checkedOffset } from '../../../../shared/query';
import type { QueryPlan } from '../types';
import { bulkModeOf, bulkOptions, bulkTimeoutMsOf, optionsCollection, showFor } from './common';

/**
 * Bulk API on Auto: a query whose first REST page says at least this many records are to be read runs as one Bulk API
 * 2.0 query job instead of the remaining pages, when the job fits in the calls those pages would cost. At 20,000
 * records REST needs 9 more pages of 2,000; a job needs about 4 calls (create, polls, one results page of 50,000), so
 * it saves calls even when Salesforce queues it for half a minute. Measured in BENCHMARKS.md ("Reads").
 */
export const BULK_READ_AUTO_THRESHOLD = 20_000;

/** Return All and Limit for one query operation. */
export function returnAllProperties(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor([operation]),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: ['record'], operation: [operation], returnAll: [false] } },
		},
	];
}

/** The Options collection of one query operation; Get Records adds Offset. */
export function queryOptionsProperty(operation: string, extra: INodeProperties[] = []): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Add SOQL to Output',
			name: 'addSoql',
			type: 'boolean',
			default: false,
			description: 'Whether to add the SOQL that ran to every output item, under _soql',
		},
		...bulkOptions({
			what: 'Whether to read the records through one Bulk API 2.0 query job instead of REST pages of up to 2,000 records. A job costs a few API calls whatever its size, but Salesforce queues it (seconds to minutes) and it cannot run every query: no subqueries, aggregates, OFFSET, TYPEOF, FOR VIEW or compound (address, location) fields. The output is the same either way.',
			always: 'Every query runs as a Bulk API job; a query it cannot run is an error',
			auto: `From ${BULK_READ_AUTO_THRESHOLD.toLocaleString('en-US')} records, when the query can run as a job within the API calls the REST pages would take`,
			never: 'Always REST pages',
			timeout: 'How long to wait for a Bulk API query job. A job that takes longer is aborted and reported with its job ID (on Auto the records are read through REST instead).',
		}),
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: MIN_BATCH_SIZE, maxValue: MAX_BATCH_SIZE },
			default: MAX_BATCH_SIZE,
			description: `Records per API call while paging (${MIN_BATCH_SIZE}-${MAX_BATCH_SIZE.toLocaleString('en-US')}); Salesforce may return fewer`,
		},
		{
			displayName: 'Include Deleted and Archived',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to include records in the Recycle Bin and archived activities (queryAll)',
		},
		...extra,
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Record', value: 'records', description: 'Each record is an item' },
				{ name: 'One Item With All Records', value: 'single', description: 'One item per query: {records, totalSize}' },
			],
			default: 'records',
		},
	];
	return optionsCollection(
		showFor([operation]),
		options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	);
}

/** Get Records' Offset option. */
export const offsetOption: INodeProperties = {
	displayName: 'Offset',
	name: 'offset',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_OFFSET },
	default: 0,
	description: `Records to skip before the first one returned (at most ${MAX_OFFSET.toLocaleString('en-US')}, Salesforce's maximum)`,
};

/** The item's Return All / Limit (as `limit`) and options, checked: a bad limit or batch size is a QueryInputError. */
export function readOptions(ctx: IExecuteFunctions, itemIndex: number): Omit<QueryPlan, 'soql' | 'object' | 'origin'> {
	const options = optionsOf(ctx, itemIndex);
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) === true;
	return {
		limit: returnAll ? undefined : checkedLimit(ctx.getNodeParameter('limit', itemIndex, 50)),
		includeDeleted: options.includeDeleted === true,
		batchSize: options.batchSize === undefined ? undefined : checkedBatchSize(options.batchSize),
		output: options.output === 'single' ? 'single' : 'records',
		addSoql: options.addSoql === true,
		bulk: bulkModeOf(options),
		bulkTimeoutMs: bulkTimeoutMsOf(options),
	};
}

/** Get Records' Offset option for the item, checked (at most 2,000). */
export function offsetOf(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const { offset } = optionsOf(ctx, itemIndex);
	return offset === undefined ? undefined : checkedOffset(offset);
}

function optionsOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject | null) ?? {};
}
