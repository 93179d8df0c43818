/**
 * The runner of the query kind (Get Records, SOQL Query): one query per input item (its expressions may differ per
 * item), its records read in one place, output items with pairedItem, Continue On Fail per item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { CLIENT_CODES, SalesforceError } from '../../../../shared/client/error';
import type { QueryPage, SalesforceRecord } from '../../../../shared/client/types';
import { failureJson, toNodeError } from '../../../../shared/errors';
import { bulkQueryProblem, compoundFieldProblem, selectList, type BulkQueryProblem } from '../../../../shared/query';
import { positionedError, QueryInputError } from '../../../../shared/query/errors';
import { recordJson } from '../../../../shared/records/output';
import { BULK_READ_AUTO_THRESHOLD } from '../record/queryParameters';
import type { QueryOperation, QueryPlan } from '../types';
import { STOP_CODES } from './batched';

export interface QueryResult {
	records: SalesforceRecord[];
	/** Salesforce's count of matching records (all of them, when a limit stopped the reading; the count of COUNT()) */
	totalSize: number;
}

/**
 * The records of a plan, up to its limit: every query of the action node reads here. REST pages (the query resource's
 * nextRecordsUrl) by default; Bulk API: Always runs one Bulk API 2.0 query job instead; Auto reads the first page and
 * switches to a job when that page says the rest is large and the job fits in the calls the rest would cost
 * (docs/decisions.md D27). Either way the records are the same, typed and nested as REST's.
 */
export async function readRecords(client: SalesforceClient, plan: QueryPlan, signal?: AbortSignal): Promise<QueryResult> {
	if (plan.bulk === 'always') {
		const describe = await client.describe(plan.object);
		const problem = bulkQueryProblem(plan.soql) ?? compoundFieldProblem(plan.soql, describe.fields);
		if (problem) throw refusedByBulk(plan, problem);
		// refused when the job was to be created: nothing exists in Salesforce, REST can read it
		const withFix = (error: unknown) =>
			error instanceof SalesforceError && !error.jobId && !error.hint ? error.with({ hint: 'Set the Bulk API option to Auto or Never to read this query through REST.' }) : error;
		return await bulkRead(client, plan, { signal }).catch((error: unknown) => Promise.reject(withFix(error)));
	}
	const result: QueryResult = { records: [], totalSize: 0 };
	let first = plan.bulk === 'auto';
	for await (const page of client.query(plan.soql, { includeDeleted: plan.includeDeleted, batchSize: plan.batchSize })) {
		if (first) {
			first = false;
			// leaving the loop ends the REST iterator: its further pages are never fetched
			const bulk = await autoBulk(client, plan, page, signal);
			if (bulk) return bulk;
		}
		result.totalSize = page.totalSize;
		for (const record of page.records) {
			result.records.push(record);
			// leaving the loop ends the iterator: no further page is fetched
			if (plan.limit !== undefined && result.records.length >= plan.limit) return result;
		}
	}
	return result;
}

/**
 * Bulk API: Auto after the first REST page. The job reads every record again (the page is dropped: a job cannot
 * skip it), so it is worth it only when the pages still to come cost more calls than the job: its budget is exactly
 * those pages' calls. Undefined: read on through REST (too small, a query Bulk cannot run, a job Salesforce refuses,
 * or one not finished within the budget's polls, which is then aborted).
 */
async function autoBulk(client: SalesforceClient, plan: QueryPlan, page: QueryPage, signal?: AbortSignal): Promise<QueryResult | undefined> {
	const wanted = plan.limit === undefined ? page.totalSize : Math.min(plan.limit, page.totalSize);
	if (page.done || !page.records.length || wanted < BULK_READ_AUTO_THRESHOLD || bulkQueryProblem(plan.soql)) return undefined;
	const restCalls = Math.ceil((wanted - page.records.length) / page.records.length);
	const start = client.requestCount;
	const read = async () => {
		// cached for Get Records (its plan described the object); one call for SOQL Query, inside the budget
		const describe = await client.describe(plan.object);
		if (compoundFieldProblem(plan.soql, describe.fields)) return undefined;
		return await bulkRead(client, plan, { signal, maxCalls: restCalls - (client.requestCount - start), expectedRecords: wanted, totalSize: page.totalSize });
	};
	// a job refused or not created (no job id), or not finished within the budget: REST goes on; a job that failed is an error
	const fallsBack = (error: unknown) =>
		error instanceof SalesforceError && !STOP_CODES.has(error.code) && (!error.jobId || error.code === CLIENT_CODES.BULK_JOB_TIMEOUT);
	return await read().catch((error: unknown) => (fallsBack(error) ? undefined : Promise.reject(error)));
}

async function bulkRead(
	client: SalesforceClient,
	plan: QueryPlan,
	o: { signal?: AbortSignal; maxCalls?: number; expectedRecords?: number; totalSize?: number },
): Promise<QueryResult> {
	const { paths, prefixes } = selectList(plan.soql);
	const records: SalesforceRecord[] = [];
	let totalSize = o.totalSize;
	const pages = client.bulkQuery(plan.soql, {
		object: plan.object,
		includeDeleted: plan.includeDeleted,
		fieldPaths: paths,
		ownPrefixes: prefixes,
		maxRecords: plan.limit,
		maxCalls: o.maxCalls,
		expectedRecords: o.expectedRecords,
		timeoutMs: plan.bulkTimeoutMs,
		abortSignal: o.signal,
	});
	for await (const page of pages) {
		totalSize ??= page.totalSize;
		for (const record of page.records) records.push(record);
	}
	return { records, totalSize: totalSize ?? records.length };
}

/** Bulk API: Always on a query a Bulk API 2.0 job cannot run: which part, and the fix. */
function refusedByBulk(plan: QueryPlan, problem: BulkQueryProblem): QueryInputError {
	const what = `Bulk API: Always cannot read this query: Bulk API 2.0 query jobs do not run ${problem.what}`;
	const otherwise = 'or set the Bulk API option to Auto or Never to read it through REST.';
	if (plan.origin === 'soql') {
		const fix = problem.field ? `Select its components instead (e.g. BillingStreet, BillingCity for BillingAddress), ${otherwise}` : `Remove it from the query, ${otherwise}`;
		return positionedError(what, plan.soql, problem.position, fix, { input: 'soql', field: problem.field });
	}
	if (problem.field) {
		return new QueryInputError(what, `Choose its components in Fields to Return instead (e.g. BillingStreet, BillingCity for BillingAddress), ${otherwise}`, {
			input: 'fields',
			field: problem.field,
		});
	}
	if (problem.what === 'OFFSET') return new QueryInputError(what, `Remove the Offset option, ${otherwise}`, { input: 'offset' });
	return new QueryInputError(what, `Set the Bulk API option to Auto or Never to read it through REST.`, { input: 'query' });
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
			out.push(...outputItems(await readRecords(client, plan, this.getExecutionCancelSignal()), plan, i));
		} catch (error) {
			if (error instanceof SalesforceError && STOP_CODES.has(error.code)) stopped = error;
			const err = toNodeError(this.getNode(), error, { itemIndex: i });
			if (!continueOnFail) throw err;
			out.push({ json: failureJson(err), pairedItem: { item: i } });
		}
	}
	return out;
}
