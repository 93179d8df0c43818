import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type NodeExecutionHint } from 'n8n-workflow';

import { SalesforceClient } from '../../../shared/client/client';
import type { ApiUsage } from '../../../shared/client/types';
import { aboveWarning, API_USAGE_WARNING_PERCENT, count, dailyUsageText, LIMIT_WARNING, usagePercent } from '../../../shared/client/usage';
import { failureJson, toNodeError } from '../../../shared/errors';
import { findOperation } from './registry';
import { runBatched } from './runners/batched';
import { runQuery } from './runners/query';
import type { BinaryOperation, PerItemOperation } from './types';

export { API_USAGE_WARNING_PERCENT };

/** The hint every run shows on its output: the API calls it made and the org's daily usage (`Sforce-Limit-Info`). */
export function apiUsageHint(requests: number, usage: ApiUsage | undefined): NodeExecutionHint {
	const calls = `${count(requests)} Salesforce API call${requests === 1 ? '' : 's'} in this run`;
	const percent = usagePercent(usage);
	if (!usage || percent === undefined) return { type: 'info', location: 'outputPane', message: `${calls}.` };
	const daily = dailyUsageText(usage, percent);
	if (aboveWarning(percent)) return { type: 'warning', location: 'outputPane', message: `${calls}; ${daily}, ${LIMIT_WARNING}` };
	return { type: 'info', location: 'outputPane', message: `${calls}; ${daily}.` };
}

/** Runs the chosen operation over every input item; one client (and describe cache) per execution. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`, {
			description: 'Pick a resource and an operation from the lists.',
		});
	}
	let client: SalesforceClient;
	try {
		client = await SalesforceClient.create(this, { apiVersion: this.getNodeParameter('options.apiVersion', 0, '') as string });
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	const out =
		operation.kind === 'batched'
			? await runBatched.call(this, client, operation)
			: operation.kind === 'query'
				? await runQuery.call(this, client, operation)
				: await runPerItem.call(this, client, operation);
	// every run shows what it spent of the org's daily API requests (n8n before execution hints has no addExecutionHints)
	if (typeof this.addExecutionHints === 'function') this.addExecutionHints(apiUsageHint(client.requestCount, client.apiUsage));
	return [out];
}

async function runPerItem(this: IExecuteFunctions, client: SalesforceClient, operation: PerItemOperation | BinaryOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(...(await operation.execute.call(this, client, i)));
		} catch (error) {
			const err = toNodeError(this.getNode(), error, { itemIndex: i });
			if (!this.continueOnFail()) throw err;
			out.push({ json: failureJson(err), pairedItem: { item: i } });
		}
	}
	return out;
}
