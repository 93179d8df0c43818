import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SalesforceClient } from '../../../../shared/client/client';

export const description: INodeProperties[] = [];

interface UserInfo {
	user_id?: string;
	organization_id?: string;
	preferred_username?: string;
	name?: string;
	email?: string;
}

/** Who the connection is, in which org, and how much of the daily API limit is left: the connection check. */
export async function execute(
	this: IExecuteFunctions,
	client: SalesforceClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// a REST call first: it refreshes an expired token on its 401; the identity service answers 403 instead
	const limits = await client.call(
		(conn) => conn.request<{ DailyApiRequests?: { Max: number; Remaining: number } }>(client.restPath('/limits')),
		{ itemIndex },
	);
	const res = await client.raw('GET', '/services/oauth2/userinfo', undefined, { Accept: 'application/json' });
	if (res.statusCode >= 400) {
		throw await client.translate(
			Object.assign(new Error('userinfo failed'), {
				errorCode: `ERROR_HTTP_${res.statusCode}`,
				message: `The identity service (/services/oauth2/userinfo) answered HTTP ${res.statusCode}: ${res.body.toString('utf8').slice(0, 200)}`,
			}),
			{ itemIndex },
		);
	}
	const info = JSON.parse(res.body.toString('utf8')) as UserInfo;
	const daily = limits.DailyApiRequests;
	const json: IDataObject = {
		organizationId: info.organization_id ?? null,
		userId: info.user_id ?? null,
		username: info.preferred_username ?? null,
		name: info.name ?? null,
		email: info.email ?? null,
		instanceUrl: client.instanceUrl,
		apiVersion: client.apiVersion,
		dailyApiRequests: daily
			? { max: daily.Max, remaining: daily.Remaining, used: daily.Max - daily.Remaining }
			: client.apiUsage
				? { max: client.apiUsage.max, remaining: client.apiUsage.max - client.apiUsage.used, used: client.apiUsage.used }
				: null,
	};
	return [{ json, pairedItem: { item: itemIndex } }];
}
