/**
 * API usage on every run of the action node, as an n8n execution hint on its output: the calls the run made (the
 * client's request count) and the org's daily usage from `Sforce-Limit-Info`; above 80% of the daily limit a warning.
 * Through n8n's engine (the hints n8n stores with the node's run data) against the sandbox org.
 */
import type { IRun } from 'n8n-workflow';

import { apiUsageHint } from '../../nodes/SalesforceConnector/actions/router';
import { dataCalls, startOrg, type TestOrg } from '../harness/org';
import { mapped, objectParam, runAction } from '../harness/workflows';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

const hints = (run: IRun) => run.data.resultData.runData.Salesforce[0].hints ?? [];
const usage = async () => (await org.admin('limits')) as { used: number; max: number };

it('Get Info: the hint names its 2 calls and the org’s usage as of the last answer', async () => {
	await org.admin('limits', { used: 1233, max: 100_000 });
	await org.clearCalls();
	const { run } = await runAction(org, [{}], { resource: 'connection', operation: 'getInfo' });
	// userinfo (an OAuth endpoint, not counted by Salesforce) and limits (counted)
	expect((await org.calls()).map((c) => c.path).sort()).toEqual(['/services/data/v66.0/limits', '/services/oauth2/userinfo']);
	expect((await usage()).used).toBe(1234);
	expect(hints(run)).toEqual([
		{ type: 'info', location: 'outputPane', message: '2 Salesforce API calls in this run; the org has used 1,234 of its 100,000 daily API requests (1.2%).' },
	]);
});

it('a batched write counts every call it made: the describe and one collection call per 200 records', async () => {
	await org.admin('limits', { used: 10, max: 100_000 });
	await org.clearCalls();
	const items = Array.from({ length: 201 }, (_, i) => ({ name: `Usage ${i}` }));
	const { run, output } = await runAction(org, items, {
		resource: 'record',
		operation: 'create',
		sobject: objectParam('Account'),
		columns: mapped({ Name: '={{ $json.name }}' }),
	});
	expect(output('Salesforce')).toHaveLength(201);
	expect(dataCalls(await org.calls())).toHaveLength(3);
	expect(hints(run)).toEqual([expect.objectContaining({ type: 'info', message: '3 Salesforce API calls in this run; the org has used 13 of its 100,000 daily API requests (0.0%).' })]);
});

it('above 80% of the daily limit the hint is a warning', async () => {
	await org.admin('limits', { used: 4_100, max: 5_000 });
	const { run } = await runAction(org, [{}], { resource: 'connection', operation: 'getInfo' });
	expect(hints(run)).toEqual([
		{
			type: 'warning',
			location: 'outputPane',
			message:
				'2 Salesforce API calls in this run; the org has used 4,101 of its 5,000 daily API requests (82.0%), above 80% of the daily limit. ' +
				'When the limit is reached, every call fails with REQUEST_LIMIT_EXCEEDED; Salesforce counts requests over a rolling 24 hours.',
		},
	]);
	// at 80% itself, still information
	await org.admin('limits', { used: 3_999, max: 5_000 });
	const { run: at80 } = await runAction(org, [{}], { resource: 'connection', operation: 'getInfo' });
	expect(hints(at80)[0]).toMatchObject({ type: 'info', message: expect.stringContaining('4,000 of its 5,000 daily API requests (80.0%).') });
});

it('bad input stopped before any write (Continue On Fail): the hint counts the one describe', async () => {
	await org.clearCalls();
	const { run, output } = await runAction(
		org,
		[{}],
		{ resource: 'record', operation: 'update', sobject: objectParam('Account'), columns: mapped({ Id: 'not-an-id', Name: 'x' }, ['Id']) },
		{ continueOnFail: true },
	);
	expect(output('Salesforce')[0].json.error).toBeDefined();
	// the describe was the only call; no write was sent
	expect(dataCalls(await org.calls()).map((c) => c.method)).toEqual(['GET']);
	expect(hints(run)[0].message).toMatch(/^1 Salesforce API call in this run; the org has used [\d,]+ of its 5,000 daily API requests/);
});

it('without any answer from Salesforce the hint gives the count alone', () => {
	expect(apiUsageHint(0, undefined)).toEqual({ type: 'info', location: 'outputPane', message: '0 Salesforce API calls in this run.' });
});
