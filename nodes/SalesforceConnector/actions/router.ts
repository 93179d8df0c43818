import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { SalesforceClient } from '../../../shared/client/client';
import { translateError } from '../../../shared/errors';
import * as connection from './connection/getInfo.operation';
import * as recordCreate from './record/create.operation';
import * as recordDelete from './record/delete.operation';
import * as recordGet from './record/get.operation';
import * as recordUpdate from './record/update.operation';
import * as recordUpsert from './record/upsert.operation';
import { objectNameOf } from './record/common';
import { failureJson, runRecordOperation, type PrepareFn } from './recordBatch';
import { staticPrepare } from './staticObject/prepare';
import { staticObjectByResource } from '../../../shared/catalogue';
import type { RecordOperation } from '../../../shared/records/batch';

type PerItemOperation = (
	this: IExecuteFunctions,
	client: SalesforceClient,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

const perItemOperations: Record<string, Record<string, PerItemOperation>> = {
	connection: { getInfo: connection.execute },
};

/** Record operations run as batches: every item is prepared, then sent 200 per API call. */
const recordOperations: Record<string, PrepareFn> = {
	create: recordCreate.prepare,
	update: recordUpdate.prepare,
	upsert: recordUpsert.prepare,
	delete: recordDelete.prepare,
	get: recordGet.prepare,
};

/** Routes every input item to its resource/operation; one client (and describe cache) per execution. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const staticDef = staticObjectByResource(resource);
	const prepare =
		resource === 'record'
			? recordOperations[operation]
			: staticDef && recordOperations[operation]
				? staticPrepare(staticDef, operation as RecordOperation)
				: undefined;
	const handler = perItemOperations[resource]?.[operation];
	if (!prepare && !handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
			description: 'Pick a resource and an operation from the lists.',
		});
	}
	const client = await SalesforceClient.create(this, { apiVersion: this.getNodeParameter('apiVersion', 0, '') as string });
	if (prepare) {
		const objectOf = staticDef ? () => staticDef.apiName : (i: number) => objectNameOf(this, i);
		return [await runRecordOperation.call(this, client, operation, objectOf, prepare)];
	}
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(...(await handler!.call(this, client, i)));
		} catch (error) {
			const err = translateError(this.getNode(), error, { itemIndex: i });
			if (!this.continueOnFail()) throw err;
			out.push({ json: failureJson(err), pairedItem: { item: i } });
		}
	}
	return [out];
}
