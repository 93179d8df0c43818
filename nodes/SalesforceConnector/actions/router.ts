import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { SalesforceClient } from '../../../shared/client/client';
import { failureJson, toNodeError } from '../../../shared/errors';
import { findOperation } from './registry';
import { runBatched } from './runners/batched';
import { runQuery } from './runners/query';

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
	if (operation.kind === 'batched') return [await runBatched.call(this, client, operation)];
	if (operation.kind === 'query') return [await runQuery.call(this, client, operation)];

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
	return [out];
}
