/** The trigger node in this release: a test poll checks the connection; an active poll spends no API call. */
import { pollOnce, packageNode } from '../harness/engine';
import { dataCalls, OAUTH2_CREDENTIAL_ID, OAUTH2_TYPE, startOrg, type TestOrg } from '../harness/org';

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

const trigger = () =>
	packageNode('salesforceConnectorTrigger', { authentication: 'oAuth2' }, {
		name: 'Trigger',
		credentials: { [OAUTH2_TYPE]: { id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org' } },
	});

it('Fetch Test Event: checks the connection with one call, then says no event exists yet', async () => {
	await org.clearCalls();
	await expect(pollOnce(org.harness, trigger(), undefined, 'manual')).rejects.toThrow(/No trigger event is available/);
	expect(dataCalls(await org.calls()).map((c) => [c.path, c.status])).toEqual([['/services/data/v66.0/limits', 200]]);
});

it('an active poll fails with the same message and spends no API call', async () => {
	await org.clearCalls();
	await expect(pollOnce(org.harness, trigger(), undefined, 'trigger')).rejects.toThrow(/No trigger event is available/);
	expect(dataCalls(await org.calls())).toEqual([]);
});
