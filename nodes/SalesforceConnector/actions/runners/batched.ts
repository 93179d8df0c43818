/**
 * The shared execution of batched operations (record writes and Get by ID, dynamic and static): prepare every item,
 * send them in chunks, and turn per-record answers back into one output item per input item, in input order.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { SalesforceError } from '../../../../shared/client/error';
import { failureJson, toNodeError, type NodeError } from '../../../../shared/errors';
import type { BatchedOperation, BatchJob, JobOutcome } from '../types';

/** Failures after which sending more chunks would only spend API calls on the same answer. */
export const STOP_CODES: ReadonlySet<string> = new Set(['REQUEST_LIMIT_EXCEEDED', 'INVALID_SESSION_ID', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED']);

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

function itemList(entries: Array<[number, string | undefined]>): string {
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

export async function runBatched(this: IExecuteFunctions, client: SalesforceClient, op: BatchedOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const options = (this.getNodeParameter('options', 0, {}) as IDataObject) ?? {};
	const batchOptions = { allOrNone: op.writes && options.allOrNone === true, returnFullRecord: op.writes && options.returnFullRecord === true };

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
		let stopped: SalesforceError | undefined;
		let rejected = false;
		for (const group of groups.values()) {
			for (const part of chunks(group, op.batchSize)) {
				// without Continue On Fail the node fails at the first rejected chunk: later ones are not sent
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
					answers = await op.send(client, part, batchOptions);
				} catch (error) {
					const err = error instanceof SalesforceError ? error : new SalesforceError({ code: 'UNKNOWN_ERROR', message: String(error) });
					answers = part.map(() => ({ ok: false, error: err }));
					if (STOP_CODES.has(err.code)) stopped = err;
				}
				part.forEach((job, k) => outcomes.set(job.itemIndex, answers[k]));
				if (!continueOnFail && answers.some((a) => !a.ok)) rejected = true;
			}
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
