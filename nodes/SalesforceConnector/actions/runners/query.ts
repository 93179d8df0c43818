/**
 * The runner of the query kind (Get Records, SOQL Query): one query per input item (its expressions may differ per
 * item), its records read in one place, output items with pairedItem, Continue On Fail per item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { SalesforceError } from '../../../../shared/client/error';
import type { SalesforceRecord } from '../../../../shared/client/types';
import { failureJson, toNodeError } from '../../../../shared/errors';
import { recordJson } from '../../../../shared/records/output';
import type { QueryOperation, QueryPlan } from '../types';
import { STOP_CODES } from './batched';

export interface QueryResult {
	records: SalesforceRecord[];
	/** Salesforce's count of matching records (all of them, when a limit stopped the reading; the count of COUNT()) */
	totalSize: number;
}

/**
 * The records of a plan, page after page (the REST query resource's nextRecordsUrl), up to its limit. Every query of
 * the action node reads here: a different way of reading (Bulk API 2.0 above some size) is chosen in this function.
 */
export async function readRecords(client: SalesforceClient, plan: QueryPlan): Promise<QueryResult> {
	const result: QueryResult = { records: [], totalSize: 0 };
	for await (const page of client.query(plan.soql, { includeDeleted: plan.includeDeleted, batchSize: plan.batchSize })) {
		result.totalSize = page.totalSize;
		for (const record of page.records) {
			result.records.push(record);
			// leaving the loop ends the iterator: no further page is fetched
			if (plan.limit !== undefined && result.records.length >= plan.limit) return result;
		}
	}
	return result;
}

/** One item per record, or one item holding them all; the SOQL under `_soql` when asked for. */
function outputItems({ records, totalSize }: QueryResult, plan: QueryPlan, itemIndex: number): INodeExecutionData[] {
	const soql = plan.addSoql ? { _soql: plan.soql } : {};
	const pairedItem = { item: itemIndex };
	if (plan.output === 'single') return [{ json: { records: records.map(recordJson), totalSize, ...soql }, pairedItem }];
	return records.map((record) => ({ json: { ...recordJson(record), ...soql }, pairedItem }));
}

export async function runQuery(this: IExecuteFunctions, client: SalesforceClient, op: QueryOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const out: INodeExecutionData[] = [];
	// after the daily limit or a dead session, the other items get the same answer without spending calls
	let stopped: SalesforceError | undefined;
	for (let i = 0; i < items.length; i++) {
		try {
			if (stopped) throw stopped.with({});
			const plan = await op.plan.call(this, client, i);
			out.push(...outputItems(await readRecords(client, plan), plan, i));
		} catch (error) {
			if (error instanceof SalesforceError && STOP_CODES.has(error.code)) stopped = error;
			const err = toNodeError(this.getNode(), error, { itemIndex: i });
			if (!continueOnFail) throw err;
			out.push({ json: failureJson(err), pairedItem: { item: i } });
		}
	}
	return out;
}
