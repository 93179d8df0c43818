/**
 * The editor's browser check: n8n's own editor (the pinned n8n 2.41.1 with this package installed as a community
 * package and a credential connected to the sandbox org) in headless chromium. It logs in, opens one workflow per
 * panel, lets the dropdowns, lookups and the column mapper load, executes the nodes and takes screenshots
 * (.e2e/screenshots; `./dev screenshots` writes the README's docs/images). A panel fails the check when n8n shows an
 * error in it, when a parameter request fails, or when a required parameter left empty lacks its red issue marker.
 * Run with `./dev test:e2e test/e2e/editor.e2e.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { N8nApi, type N8nProcess } from '../harness/n8nServer';
import { startSandbox, type SandboxHandle } from '../sandbox/server';
import { EditorSession } from './editorBrowser';
import { editorWorkflows } from './editorWorkflows';
import { connectedCredential, newUserFolder, OWNER, startN8n } from './helpers';

/** The mapper's noFieldsError (nodes/SalesforceConnector/actions/record/common.ts), as the editor shows it. */
const NO_FIELDS_MESSAGE = 'No fields to show yet: choose the Object above.';
/** A parameter list that takes longer than this in the sandbox is slow for a user on a real org */
const SLOW_CALL_MS = 5_000;

let sandbox: SandboxHandle;
let n8n: N8nProcess;
let api: N8nApi;
let editor: EditorSession;
let credential: { id: string; name: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	n8n = await startN8n({ userFolder: newUserFolder('editor') });
	api = new N8nApi(n8n.url);
	await api.ownerSession(OWNER);
	credential = await connectedCredential(api, sandbox);
	for (const [key, wf] of Object.entries(editorWorkflows(credential))) ids[key] = (await api.createWorkflow(wf)).id;
	editor = await EditorSession.open(n8n.url);
}, 240_000);

afterAll(async () => {
	// how long each parameter list took, for a look at slow loads (not in the screenshot folder: docs/images)
	if (editor) writeFileSync(path.join(process.env.E2E_WORK_DIR ?? '.e2e', 'editor-parameter-calls.json'), JSON.stringify(editor.calls, null, 2));
	await editor?.close();
	await n8n?.stop();
	await sandbox?.close();
});

/** What every panel must not show: n8n's errors, failed or slow parameter calls, errors of the editor's code. */
async function expectCleanPanel(): Promise<void> {
	expect(await editor.panelProblems()).toEqual([]);
	expect(editor.failedCalls()).toEqual([]);
	expect(editor.calls.filter((c) => c.ms > SLOW_CALL_MS)).toEqual([]);
	expect(editor.pageErrors).toEqual([]);
}

const isPng = (file: string) => readFileSync(file).subarray(1, 4).toString() === 'PNG';

it('logs in through the sign-in form', async () => {
	await editor.login(OWNER.email, OWNER.password);
	expect(new URL(editor.page.url()).pathname).not.toBe('/signin');
});

it('the credential dialog asks for Environment and URL first, then Client ID, Client Secret and Scope; connected', async () => {
	await editor.page.goto(`${n8n.url}/home/credentials/${credential.id}`);
	const modal = editor.page.locator('[data-test-id=editCredential-modal]');
	await modal.getByText('Account connected').waitFor();
	const order = await editor.parameterNames(modal);
	expect(order).toEqual(['environment', 'url', 'allowCustomDomain', 'clientId', 'clientSecret', 'scope', 'allowedHttpRequestDomains']);
	expect(await modal.getByText("The URL must be your org's My Domain URL").count()).toBe(1);
	expect(editor.pageErrors).toEqual([]);
	// the dialog scrolls: start the picture at Environment, so that it shows the fields a user fills, in their order
	await modal.getByText('Environment', { exact: true }).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
	const dialog = modal.locator('.el-dialog').first();
	expect(isPng(await editor.screenshot('credential-dialog.png', (await dialog.count()) ? dialog : modal))).toBe(true);
	await editor.page.keyboard.press('Escape');
});

describe('the action node', () => {
	it('Create on any object: the mapper loads the object’s fields, the node runs, no errors', async () => {
		await editor.openNode(ids.dynamicCreate, 'Create Account');
		const mapper = editor.ndv.locator('[data-test-id=resource-mapper-container]');
		// standard fields by their API name alone (their labels repeat the object's: "Account Fax"), custom ones with it
		await mapper.getByText('Fax', { exact: true }).waitFor();
		expect(await mapper.getByText('Fax (Account Fax)').count()).toBe(0);
		expect(editor.calls.some((c) => c.url.includes('/resource-mapper-fields') && c.status === 200)).toBe(true);
		await expectCleanPanel();
		const output = await editor.execute();
		expect(output).toMatch(/1 item/);
		expect(output).toMatch(/001[0-9A-Za-z]{15}/);
		expect(output).toMatch(/Salesforce API calls in this run/);
		await expectCleanPanel();
		expect(isPng(await editor.screenshotPanel('dynamic-create-mapper.png'))).toBe(true);
	});

	it('the mapper shows our message, not n8n’s generic one, before an object is chosen and for an object the org lacks', async () => {
		for (const [key, node] of [
			['mapperNoObject', 'Create Record'],
			['mapperMissingObject', 'Create Nothing'],
		]) {
			await editor.openNode(ids[key], node);
			const mapper = editor.ndv.locator('[data-test-id=resource-mapper-container]');
			await mapper.getByText(NO_FIELDS_MESSAGE, { exact: false }).waitFor();
			expect(await mapper.getByText(/No fields found/).count()).toBe(0);
			expect(editor.failedCalls()).toEqual([]);
		}
		// the Object is required: empty, it carries the issue marker
		await editor.openNode(ids.mapperNoObject, 'Create Record');
		expect(await editor.parametersWithIssues()).toContain('sobject');
	});

	it('a static action: its required fields are marked while empty, the Stage list loads the org’s values', async () => {
		await editor.openNode(ids.staticOpportunity, 'Create Opportunity');
		expect((await editor.parametersWithIssues()).sort()).toEqual(['opportunityCloseDate', 'opportunityName', 'opportunityStageName']);
		await editor.ndv.locator('[data-test-id=parameter-input-opportunityStageName]').click();
		const options = editor.page.locator('.el-select-dropdown__item:visible');
		await options.filter({ hasText: 'Prospecting' }).first().waitFor();
		await editor.settle();
		const values = await options.allInnerTexts();
		expect(values).toEqual(expect.arrayContaining(['Prospecting', 'Closed Won', 'Closed Lost']));
		expect(editor.calls.some((c) => c.url.includes('/options') && c.status === 200)).toBe(true);
		expect(await editor.panelProblems()).toEqual([]);
		expect(editor.failedCalls()).toEqual([]);
		expect(isPng(await editor.screenshotPanel('static-opportunity-stage.png'))).toBe(true);
		await editor.page.keyboard.press('Escape');
	});

	it('Get Records with custom logic: field and operator lists load, the query runs', async () => {
		await editor.openNode(ids.getRecords, 'Get Accounts');
		expect(await editor.parametersWithIssues()).toEqual([]);
		await expectCleanPanel();
		const output = await editor.execute();
		expect(output).toMatch(/\d+ items?/);
		await expectCleanPanel();
		// conditions 2 and 3 above, the custom logic at the bottom of the picture
		await editor.ndv.locator('[data-test-id=parameter-input-customLogic]').evaluate((el) => el.scrollIntoView({ block: 'end' }));
		expect(isPng(await editor.screenshotPanel('get-records-custom-logic.png'))).toBe(true);
	});

	it('Upload File: the file from the previous nodes goes to Salesforce Files', async () => {
		await editor.openNode(ids.upload, 'Upload File');
		expect(await editor.parametersWithIssues()).toEqual([]);
		await expectCleanPanel();
		const output = await editor.execute();
		expect(output).toMatch(/068[0-9A-Za-z]{15}/);
		await expectCleanPanel();
		expect(isPng(await editor.screenshotPanel('upload-file.png'))).toBe(true);
	});
});

it('the trigger: its cost hint above the parameters, the object list loads, Fetch Test Event returns a record', async () => {
	await editor.openNode(ids.trigger, 'On New Opportunity');
	await editor.ndv.getByText('Each poll is one API call when nothing has changed').waitFor();
	expect(await editor.parametersWithIssues()).toEqual([]);
	await expectCleanPanel();
	const output = await editor.execute();
	expect(output).toMatch(/006[0-9A-Za-z]{15}/);
	await expectCleanPanel();
	expect(isPng(await editor.screenshotPanel('trigger-cost-hint.png'))).toBe(true);
});
