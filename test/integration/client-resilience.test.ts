/**
 * The Salesforce client under faults, through n8n's engine: transient failures of idempotent calls are retried,
 * writes that may have been committed are not, lock errors are, the daily limit is never retried — and no token or
 * secret shows up in any output or error along the way.
 */
import { dataCalls, OAUTH2_CREDENTIAL_ID, SANDBOX_CLIENT_SECRET, startOrg, type TestOrg } from '../harness/org';
import { mapped, objectParam, runAction } from '../harness/workflows';
import type { WorkflowRunResult } from '../harness/engine';

let org: TestOrg;
const seen: string[] = [];

function remember(result: WorkflowRunResult) {
	const err = result.error('Salesforce') as (Error & { description?: string }) | undefined;
	seen.push(JSON.stringify(result.run.data.resultData), err ? `${err.message} ${err.description ?? ''} ${err.stack ?? ''}` : '');
	return result;
}

beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});
afterEach(async () => {
	await org.admin('faults', {});
});

const createAccount = { resource: 'record', operation: 'create', sobject: objectParam('Account'), columns: mapped({ Name: 'Resilient' }) };
const getAccount = async () => {
	const r = await org.jsforce.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1');
	return { resource: 'record', operation: 'get', sobject: objectParam('Account'), recordId: r.records[0].Id, fields: ['Name'] };
};

describe('retries', () => {
	it('retries a 503 on a read and succeeds', async () => {
		const params = await getAccount();
		await org.admin('faults', { fail503: 2, matchPath: '/composite/sobjects/Account' });
		await org.clearCalls();
		const result = remember(await runAction(org, [{}], params));
		expect(result.output('Salesforce')[0].json.Name).toBeTruthy();
		const retrieves = dataCalls(await org.calls()).filter((c) => c.path.endsWith('/composite/sobjects/Account'));
		expect(retrieves.map((c) => c.status)).toEqual([503, 503, 200]);
	});

	it('does not repeat a create after a 503 (it may have been committed)', async () => {
		await org.admin('faults', { fail503: 1, matchPath: '/composite/sobjects$', methods: ['POST'] });
		await org.clearCalls();
		const result = remember(await runAction(org, [{}], createAccount));
		expect(result.error('Salesforce')?.message).toMatch(/503|SERVER_UNAVAILABLE|unavailable/i);
		const posts = dataCalls(await org.calls()).filter((c) => c.method === 'POST' && c.path.endsWith('/composite/sobjects'));
		expect(posts).toHaveLength(1);
	});

	it('repeats a create rejected whole with UNABLE_TO_LOCK_ROW (Salesforce rolled it back)', async () => {
		await org.admin('faults', { lockRow: 1, matchPath: '/composite/sobjects$', methods: ['POST'] });
		await org.clearCalls();
		const result = remember(await runAction(org, [{}], createAccount));
		expect(result.output('Salesforce')[0].json.success).toBe(true);
		const posts = dataCalls(await org.calls()).filter((c) => c.method === 'POST' && c.path.endsWith('/composite/sobjects'));
		expect(posts).toHaveLength(2);
		expect(await org.jsforce.query("SELECT COUNT() FROM Account WHERE Name = 'Resilient'").then((r) => r.totalSize)).toBe(1);
	});

	it('never retries REQUEST_LIMIT_EXCEEDED and says what to do', async () => {
		const params = await getAccount();
		const usage = (await org.admin('limits')) as { used: number; max: number };
		await org.admin('limits', { used: usage.max });
		await org.clearCalls();
		const result = remember(await runAction(org, [{}], params));
		const error = result.error('Salesforce') as Error & { description?: string };
		expect(error.message).toMatch(/REQUEST_LIMIT_EXCEEDED/);
		expect(error.description).toMatch(/daily API request limit.*not retried/);
		expect(dataCalls(await org.calls())).toHaveLength(1);
		await org.admin('limits', { used: 0 });
	});
});

describe('the daily limit in the middle of a batch', () => {
	it('stops sending after the first REQUEST_LIMIT_EXCEEDED: the remaining items get the same answer for free', async () => {
		const usage = (await org.admin('limits')) as { used: number; max: number };
		// room for the describe and one batch of 200, not for the other four
		await org.admin('limits', { used: usage.max - 2 });
		await org.clearCalls();
		const items = Array.from({ length: 1000 }, (_, i) => ({ i }));
		const result = remember(
			await runAction(
				org,
				items,
				{ resource: 'record', operation: 'create', sobject: objectParam('Invoice__c'), columns: mapped({ Name: '={{ "Limit " + $json.i }}' }) },
				{ continueOnFail: true },
			),
		);
		const out = result.output('Salesforce');
		expect(out.slice(0, 200).every((o) => o.json.success === true)).toBe(true);
		expect(out.slice(200).every((o) => o.json.statusCode === 'REQUEST_LIMIT_EXCEEDED')).toBe(true);
		const calls = dataCalls(await org.calls());
		expect(calls.map((c) => c.status)).toEqual([200, 200, 403]);
		await org.admin('limits', { used: 0 });
	});
});

describe('secrets', () => {
	it('no access token, refresh token or client secret in any output or error seen above', () => {
		const token = org.harness.credentialsHelper.get(OAUTH2_CREDENTIAL_ID).data.oauthTokenData as { access_token: string; refresh_token: string };
		expect(seen.length).toBeGreaterThan(4);
		const all = seen.join('\n');
		for (const secret of [token.access_token, token.refresh_token, SANDBOX_CLIENT_SECRET]) expect(all).not.toContain(secret);
	});
});
