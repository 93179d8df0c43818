import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';
import type { PerItemOperation } from '../types';

/** Who the connection is, in which org, and how much of the daily API limit is left: the connection check. */
async function execute(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<INodeExecutionData[]> {
	// a REST call first: it refreshes an expired token on its 401; the identity service answers 403 instead
	const limits = await client.limits();
	const info = await client.userInfo();
	const daily = limits.DailyApiRequests;
	const usage = client.apiUsage;
	const text = (v: unknown) => (typeof v === 'string' ? v : null);
	const json: IDataObject = {
		organizationId: text(info.organization_id),
		userId: text(info.user_id),
		username: text(info.preferred_username),
		name: text(info.name),
		email: text(info.email),
		instanceUrl: client.instanceUrl,
		apiVersion: client.apiVersion,
		dailyApiRequests: daily
			? { max: daily.Max, remaining: daily.Remaining, used: daily.Max - daily.Remaining }
			: usage
				? { max: usage.max, remaining: usage.max - usage.used, used: usage.used }
				: null,
	};
	return [{ json, pairedItem: { item: itemIndex } }];
}

export const operation: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Get Info',
		value: 'getInfo',
		action: 'Get connection info',
		description: 'Get the connected user and org and the remaining daily API requests',
	},
	description: [],
	outputSchema: {
		type: 'object',
		properties: {
			organizationId: { type: ['string', 'null'] },
			userId: { type: ['string', 'null'] },
			username: { type: ['string', 'null'] },
			name: { type: ['string', 'null'] },
			email: { type: ['string', 'null'] },
			instanceUrl: { type: 'string' },
			apiVersion: { type: 'string' },
			dailyApiRequests: {
				type: ['object', 'null'],
				properties: { max: { type: 'number' }, remaining: { type: 'number' }, used: { type: 'number' } },
			},
		},
		required: ['instanceUrl', 'apiVersion'],
	},
	execute,
};
