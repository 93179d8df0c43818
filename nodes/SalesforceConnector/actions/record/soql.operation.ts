/**
 * SOQL Query: hand-written SOQL for power users, checked lexically (one SELECT, closed strings, no chained statements,
 * within the URL limit) and sent as written. Values from input items belong in Get Records' conditions, or escaped
 * (README: "Raw SOQL and escaping").
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import { checkRawSoql } from '../../../../shared/query';
import { SOQL_RECORD } from '../outputSchemas';
import type { QueryOperation, QueryPlan } from '../types';
import { showFor } from './common';
import { queryOptionsProperty, readOptions, returnAllProperties } from './queryParameters';

const OPERATION = 'soql';

const description: INodeProperties[] = [
	{
		displayName: 'SOQL',
		name: 'soql',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		placeholder: "e.g. SELECT Id, Name, Account.Name FROM Contact WHERE CreatedDate = LAST_N_DAYS:7 ORDER BY Name",
		description:
			"One SELECT statement. Put values from input items in quotes and escape them (see the README), or use Get Records, which does it for you. Limit stops reading after that many records; the query's own LIMIT applies too.",
		displayOptions: showFor([OPERATION]),
	},
	...returnAllProperties(OPERATION),
	queryOptionsProperty(OPERATION),
];

async function plan(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<QueryPlan> {
	const read = readOptions(this, itemIndex);
	const { soql, object } = checkRawSoql(this.getNodeParameter('soql', itemIndex, ''), { apiVersion: client.apiVersion, queryAll: read.includeDeleted });
	return { ...read, soql, object, origin: OPERATION };
}

export const operation: QueryOperation = {
	kind: 'query',
	option: {
		name: 'SOQL Query',
		value: OPERATION,
		action: 'Run a SOQL query',
		description: 'Run a SELECT written in SOQL, with paging (one query per item)',
	},
	description,
	outputSchema: SOQL_RECORD,
	plan,
};
