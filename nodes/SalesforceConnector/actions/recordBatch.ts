/**
 * The shared execution of every record action (dynamic and static): prepare each item, send them in batches through
 * sObject Collections, and turn per-record results back into one output item per input item.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { SalesforceClient } from '../../../shared/client/client';
import { salesforceApiError } from '../../../shared/errors';
import { runRecordJobs, type JobResult, type RecordJob } from '../../../shared/records/batch';
import { InputError, type DescribeLike } from '../../../shared/records/prepare';

export type PrepareFn = (this: IExecuteFunctions, itemIndex: number, describe: DescribeLike) => RecordJob;

type Failure = NodeApiError | NodeOperationError;

/** What Continue On Fail puts in a failed item: message, Salesforce's code, the fields, and the fix. */
export function failureJson(err: Failure): IDataObject {
	const ctx = err.context as { errorCode?: string; fields?: string[] };
	return {
		error: err.message,
		errorCode: ctx.errorCode ?? null,
		statusCode: ctx.errorCode ?? null,
		fields: ctx.fields ?? [],
		description: err.description ?? null,
	};
}

function inputFailure(ctx: IExecuteFunctions, error: InputError, itemIndex: number): NodeOperationError {
	const err = new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: error.hint });
	err.context.errorCode = 'INVALID_INPUT';
	err.context.fields = error.field ? [error.field] : [];
	return err;
}

export async function runRecordOperation(
	this: IExecuteFunctions,
	client: SalesforceClient,
	operation: string,
	objectOf: (itemIndex: number) => string,
	prepare: PrepareFn,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const failures = new Map<number, Failure>();
	const jobs: RecordJob[] = [];
	const continueOnFail = this.continueOnFail();
	for (let i = 0; i < items.length; i++) {
		try {
			const describe = (await client.describe(objectOf(i))) as unknown as DescribeLike;
			jobs.push(prepare.call(this, i, describe));
		} catch (error) {
			const err =
				error instanceof InputError
					? inputFailure(this, error, i)
					: await client.translate(error, { itemIndex: i });
			// Bad input stops the node before anything is written, unless the user asked to go on with the other items
			if (!continueOnFail) throw err;
			failures.set(i, err);
		}
	}

	const options = (this.getNodeParameter('options', 0, {}) as IDataObject) ?? {};
	const allOrNone = options.allOrNone === true && operation !== 'get';
	let results: JobResult[] = [];
	if (allOrNone && failures.size) {
		const first = [...failures.keys()][0];
		results = jobs.map((j) => ({
			itemIndex: j.itemIndex,
			ok: false,
			json: {},
			error: {
				errorCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
				message: `Not sent: All or None is on and item ${first} is invalid`,
			},
		}));
	} else if (jobs.length) {
		results = await runRecordJobs(client, jobs, { allOrNone, returnFullRecord: options.returnFullRecord === true });
	}
	const objectOfItem = new Map(jobs.map((j) => [j.itemIndex, j.object]));
	for (const r of results) {
		if (!r.ok && r.error) {
			failures.set(r.itemIndex, salesforceApiError(this.getNode(), r.error, { itemIndex: r.itemIndex, object: objectOfItem.get(r.itemIndex) }));
		}
	}
	const byItem = new Map(results.map((r) => [r.itemIndex, r]));
	if (failures.size && !continueOnFail) {
		const [firstIndex, firstError] = [...failures.entries()].sort((a, b) => a[0] - b[0])[0];
		const saved = results.filter((r) => r.ok);
		if (saved.length) {
			const verb = { create: 'created', update: 'updated', upsert: 'saved', delete: 'deleted', get: 'read' }[operation] ?? 'saved';
			firstError.description = `${firstError.description ? `${firstError.description} ` : ''}${saved.length} other item(s) were ${verb} in Salesforce before this error was raised: ${saved
				.slice(0, 20)
				.map((r) => `item ${r.itemIndex} (${String(r.json.id ?? r.json.Id ?? '')})`)
				.join(', ')}${saved.length > 20 ? ', …' : ''}. Turn on Continue On Fail to get every item's result.`;
		}
		firstError.context.itemIndex = firstIndex;
		throw firstError;
	}
	return items.map((_item, i) => {
		const failure = failures.get(i);
		if (failure) return { json: failureJson(failure), pairedItem: { item: i } };
		return { json: byItem.get(i)?.json ?? {}, pairedItem: { item: i } };
	});
}
