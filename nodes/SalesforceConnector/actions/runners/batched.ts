/**
 * The shared execution of batched operations (record writes and Get by ID, dynamic and static): prepare every item,
 * group them, send each group in chunks (or, for writes the Bulk API option sends that way, as one Bulk API job),
 * and turn per-record answers back into one output item per input item, in input order.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { SalesforceError } from '../../../../shared/client/error';
import { failureJson, toNodeError, type NodeError } from '../../../../shared/errors';
import { InputError } from '../../../../shared/records/inputError';
import { bulkModeOf, bulkTimeoutMsOf } from '../record/common';
import type { BatchedOperation, BatchJob, BatchOptions, JobOutcome } from '../types';

/** Failures after which sending more chunks would only spend API calls on the same answer. */
export const STOP_CODES: ReadonlySet<string> = new Set(['REQUEST_LIMIT_EXCEEDED', 'INVALID_SESSION_ID', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED']);

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** Saved items are named one by one with their ids up to this many; beyond, as ranges (a Bulk job may save 100,000). */
const LISTED_ITEMS = 1000;

function itemList(entries: Array<[number, string | undefined]>): string {
	if (entries.length > LISTED_ITEMS) return `items ${ranges(entries.map(([i]) => i))}`;
	return entries.map(([i, id]) => (id ? `item ${i} (${id})` : `item ${i}`)).join(', ');
}

/** Consecutive item indexes as ranges: "3-199, 400" */
function ranges(indexes: number[]): string {
	const out: string[] = [];
	for (let i = 0; i < indexes.length; i++) {
		let j = i;
		while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
		out.push(j > i ? `${indexes[i]}-${indexes[j]}` : String(indexes[i]));
		i = j;
	}
	return out.join(', ');
}

function batchOptionsOf(ctx: IExecuteFunctions, op: BatchedOperation): BatchOptions {
	const options = (ctx.getNodeParameter('options', 0, {}) as IDataObject) ?? {};
	const mode = bulkModeOf(options);
	return {
		allOrNone: op.writes && options.allOrNone === true,
		returnFullRecord: op.writes && options.returnFullRecord === true,
		bulk: op.bulk ? mode : 'never',
		bulkTimeoutMs: bulkTimeoutMsOf(options),
		cancelSignal: ctx.getExecutionCancelSignal(),
	};
}

/** A call's worth of jobs: a chunk for collections, or a whole group for a Bulk API job. */
interface SendUnit {
	jobs: BatchJob[];
	bulk: boolean;
}

export async function runBatched(this: IExecuteFunctions, client: SalesforceClient, op: BatchedOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const batchOptions = batchOptionsOf(this, op);
	if (batchOptions.bulk === 'always' && batchOptions.allOrNone) {
		throw new NodeOperationError(node, 'All or None cannot be used with Bulk API set to Always', {
			description: 'The Bulk API saves each record on its own. Turn All or None off, or set Bulk API to Auto or Never (with All or None, Auto sends 200 records per call).',
		});
	}

	const failures = new Map<number, NodeError>();
	const jobs: BatchJob[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			jobs.push(await op.prepare.call(this, client, i));
		} catch (error) {
			const err = toNodeError(node, error, { itemIndex: i });
			// bad input stops the node before anything is written, unless the user asked to go on with the other items
			if (!continueOnFail) throw err;
			failures.set(i, err);
		}
	}

	const outcomes = new Map<number, JobOutcome>();
	const unsent: number[] = [];
	if (batchOptions.allOrNone && failures.size) {
		const first = Math.min(...failures.keys());
		const notSent = new SalesforceError({
			code: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
			message: `Not sent: All or None is on and item ${first} is invalid`,
			hint: `Fix item ${first} (its own error says how) or turn All or None off.`,
		});
		for (const job of jobs) outcomes.set(job.itemIndex, { ok: false, error: notSent });
	} else {
		const groups = new Map<string, BatchJob[]>();
		for (const job of jobs) {
			const key = op.groupKey ? op.groupKey(job) : job.object.toLowerCase();
			if (!groups.has(key)) groups.set(key, []);
			groups.get(key)!.push(job);
		}
		// every group's path is settled (and checked) before anything is sent
		const units: SendUnit[] = [];
		for (const group of groups.values()) {
			let jobs = group;
			let bulk = false;
			const path = op.bulk;
			if (path && !batchOptions.allOrNone && (batchOptions.bulk === 'always' || (batchOptions.bulk === 'auto' && group.length >= path.autoThreshold))) {
				const problems = await path.problems(client, group);
				if (batchOptions.bulk === 'always') {
					for (const [itemIndex, reason] of problems) {
						const err = toNodeError(
							node,
							new InputError(`This item cannot go through the Bulk API: ${reason}`, 'Set Bulk API to Auto or Never to send it through the REST API.'),
							{ itemIndex },
						);
						if (!continueOnFail) throw err;
						failures.set(itemIndex, err);
					}
					jobs = group.filter((j) => !problems.has(j.itemIndex));
					bulk = true;
				} else bulk = problems.size === 0;
			}
			if (bulk) units.push({ jobs, bulk });
			else units.push(...chunks(jobs, op.batchSize).map((part) => ({ jobs: part, bulk: false })));
		}

		let stopped: SalesforceError | undefined;
		let rejected = false;
		for (const { jobs: part, bulk } of units) {
			if (!part.length) continue;
			// without Continue On Fail the node fails at the first rejected call: later ones are not sent
			if (rejected) {
				unsent.push(...part.map((j) => j.itemIndex));
				continue;
			}
			if (stopped) {
				for (const job of part) outcomes.set(job.itemIndex, { ok: false, error: stopped });
				continue;
			}
			let answers: JobOutcome[];
			try {
				answers = bulk && op.bulk ? await op.bulk.send(client, part, batchOptions) : await op.send(client, part, batchOptions);
			} catch (error) {
				const err = error instanceof SalesforceError ? error : new SalesforceError({ code: 'UNKNOWN_ERROR', message: String(error) });
				answers = part.map(() => ({ ok: false, error: err }));
				if (STOP_CODES.has(err.code)) stopped = err;
			}
			part.forEach((job, k) => outcomes.set(job.itemIndex, answers[k]));
			if (!continueOnFail && answers.some((a) => !a.ok)) rejected = true;
		}
	}

	for (const [itemIndex, outcome] of outcomes) {
		if (!outcome.ok) failures.set(itemIndex, toNodeError(node, outcome.error, { itemIndex }));
	}
	if (failures.size && !continueOnFail) {
		const [firstIndex, firstError] = [...failures.entries()].sort((a, b) => a[0] - b[0])[0];
		const saved = [...outcomes.entries()].filter(([, o]) => o.ok).sort((a, b) => a[0] - b[0]);
		const unknown = [...failures.entries()].filter(([, e]) => e.context.outcome === 'unknown').map(([i]) => i).sort((a, b) => a - b);
		const notes: string[] = [];
		if (saved.length) {
			notes.push(
				`${saved.length} item(s) were ${op.verb} in Salesforce before the node stopped: ${itemList(saved.map(([i, o]) => [i, o.ok ? String(o.json.id ?? o.json.Id ?? '') || undefined : undefined]))}.`,
			);
		}
		if (unknown.length) notes.push(`Saved or not is unknown for item(s) ${ranges(unknown)}: check them in Salesforce before running again.`);
		if (unsent.length) notes.push(`Item(s) ${ranges(unsent.sort((a, b) => a - b))} were not sent.`);
		if (notes.length) {
			firstError.description = [firstError.description, ...notes, 'Turn on Continue On Fail to get every item’s result.'].filter(Boolean).join(' ');
		}
		firstError.context.itemIndex = firstIndex;
		throw firstError;
	}
	return items.map((_item, i) => {
		const failure = failures.get(i);
		if (failure) return { json: failureJson(failure), pairedItem: { item: i } };
		const outcome = outcomes.get(i);
		return { json: outcome?.ok ? outcome.json : {}, pairedItem: { item: i } };
	});
}
