/**
 * The editor in a real browser: Debian's chromium (scripts/ensure-chromium.sh) driven headless by playwright-core,
 * for the editor's browser check (test/e2e/editor.e2e.ts). It logs in, opens a node's panel, waits until the
 * panel's lists have loaded, and collects what an n8n user would see as a problem: failed parameter requests
 * (`/rest/dynamic-node-parameters/...`), n8n's load errors in the panel, and parameters marked with an issue.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Locator, type Page, type Request } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '';

/**
 * Where screenshots go: `.e2e/screenshots` on every run (never the git tree), `SCREENSHOTS=<dir>` to write them
 * elsewhere; `./dev screenshots` refreshes the README's images in docs/images (D34).
 */
export const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOTS || path.join(process.env.E2E_WORK_DIR ?? '.e2e', 'screenshots'));

export const VIEWPORT = { width: 1400, height: 900 };

/** What n8n writes into a panel when a list, the mapper or a run fails. */
const PROBLEM_TEXTS = [
	/Could not load/i,
	/Can't get /i,
	/No \w+ found in/i, // the mapper's generic "No fields found in <service>." (ours says what to do instead)
	/Error fetching options/i,
	/Problem in node/i,
	/Problem loading parameter/i,
	/There was a problem/i,
	/ERROR: /,
];

export interface ParameterCall {
	url: string;
	method: string;
	status: number;
	ms: number;
	body?: string;
}

export class EditorSession {
	/** every `/rest/dynamic-node-parameters/...` call of the page, in order */
	readonly calls: ParameterCall[] = [];
	/** uncaught errors of the editor's own code */
	readonly pageErrors: string[] = [];
	private inFlight = new Map<Request, number>();

	private constructor(
		readonly browser: Browser,
		readonly page: Page,
		readonly baseUrl: string,
	) {
		page.on('request', (r) => {
			if (r.url().includes('/rest/dynamic-node-parameters/')) this.inFlight.set(r, Date.now());
		});
		const done = async (r: Request, failed: boolean) => {
			const started = this.inFlight.get(r);
			if (started === undefined) return;
			const res = failed ? null : await r.response().catch(() => null);
			const status = res?.status() ?? 0;
			const body = res && status >= 400 ? (await res.text().catch(() => '')).slice(0, 500) : undefined;
			this.calls.push({ url: r.url().replace(baseUrl, ''), method: r.method(), status, ms: Date.now() - started, body });
			this.inFlight.delete(r);
		};
		page.on('requestfinished', (r) => void done(r, false));
		page.on('requestfailed', (r) => void done(r, true));
		page.on('pageerror', (e) => this.pageErrors.push(e.message));
	}

	static async open(baseUrl: string): Promise<EditorSession> {
		if (!CHROMIUM) throw new Error('No chromium: run through ./dev test:e2e (scripts/ensure-chromium.sh installs it)');
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
		const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
		page.setDefaultTimeout(30_000);
		return new EditorSession(browser, page, baseUrl);
	}

	async close(): Promise<void> {
		await this.browser.close();
	}

	/** The sign-in form, as a user fills it. */
	async login(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page.locator('#emailOrLdapLoginId').fill(email);
		await this.page.locator('#password').fill(password);
		await this.page.locator('[data-test-id=form-submit-button]').click();
		await this.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
	}

	/** The parameter calls that failed (an HTTP error, no answer, or n8n's error envelope). */
	failedCalls(): ParameterCall[] {
		return this.calls.filter((c) => c.status < 200 || c.status >= 300);
	}

	get ndv(): Locator {
		return this.page.locator('[data-test-id=ndv]');
	}

	/** Opens a saved workflow and the panel of one of its nodes, and waits until its lists have loaded. */
	async openNode(workflowId: string, nodeName: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}`);
		const node = this.page.locator(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`);
		await node.waitFor();
		await node.dblclick();
		await this.ndv.waitFor();
		await this.settle();
	}

	/** Waits until no parameter request has been in flight for a moment and no "Fetching"/"Loading" text shows. */
	async settle(timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let quietSince = Date.now();
		for (;;) {
			const busy =
				this.inFlight.size > 0 ||
				(await this.page
					.locator('[data-test-id=ndv]')
					.getByText(/^(Fetching|Loading)\b/)
					.count()) > 0;
			if (busy) quietSince = Date.now();
			else if (Date.now() - quietSince >= 1000) return;
			if (Date.now() > deadline) throw new Error(`The panel was still loading after ${timeoutMs / 1000} s (requests in flight: ${this.inFlight.size})`);
			await this.page.waitForTimeout(200);
		}
	}

	/** n8n's error texts in the panel (load errors, run errors) and its error notifications. */
	async panelProblems(): Promise<string[]> {
		const text = await this.ndv.innerText();
		const inPanel = PROBLEM_TEXTS.filter((re) => re.test(text)).map((re) => text.split('\n').find((l) => re.test(l)) ?? re.source);
		const toasts = await this.page.locator('.el-notification--error:visible, .el-notification:has(.el-notification__icon.el-icon-error):visible').allInnerTexts();
		return [...inPanel, ...toasts.map((t) => `notification: ${t.trim()}`)];
	}

	/** Closes n8n's notifications ("Node executed successfully"), which would cover part of a screenshot. */
	async dismissNotifications(): Promise<void> {
		for (const close of await this.page.locator('.el-notification .el-notification__closeBtn:visible').all()) await close.click().catch(() => undefined);
		await this.page.locator('.el-notification:visible').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
	}

	/** The names of the parameters that show n8n's red issue indicator. */
	async parametersWithIssues(): Promise<string[]> {
		return await this.ndv.locator('[data-test-id=parameter-issues]').evaluateAll((els) =>
			els.map((el) => {
				for (let p = el.parentElement; p; p = p.parentElement) {
					const input = p.querySelector('[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])');
					if (input) return (input.getAttribute('data-test-id') ?? '').replace('parameter-input-', '');
				}
				return '?';
			}),
		);
	}

	/** The panel's visible parameters, top to bottom. */
	async parameterNames(scope: Locator = this.ndv): Promise<string[]> {
		return await scope.locator('[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])').evaluateAll((els) =>
			els.map((el) => (el.getAttribute('data-test-id') ?? '').replace('parameter-input-', '')),
		);
	}

	/** Executes the node from its panel ("Execute step", or "Fetch Test Event" on a trigger) and waits for its output. */
	async execute(timeoutMs = 60_000): Promise<string> {
		await this.page.locator('[data-test-id=node-execute-button]').click();
		const output = this.page.locator('[data-test-id=output-panel]');
		await output.locator('[data-test-id=node-run-status-success], [data-test-id=node-run-status-danger], [data-test-id=node-error-message], .node-error-view').first().waitFor({ timeout: timeoutMs }).catch(() => undefined);
		await this.settle();
		return await output.innerText();
	}

	/** A PNG of the node's panel (the dialog, without the canvas around it). */
	async screenshotPanel(file: string): Promise<string> {
		return await this.screenshot(file, this.ndv);
	}

	async screenshot(file: string, element: Locator): Promise<string> {
		const out = path.join(SCREENSHOT_DIR, file);
		await this.dismissNotifications();
		const box = await element.boundingBox();
		if (!box) throw new Error(`Nothing to photograph for ${file}: the element is not visible`);
		await this.page.mouse.move(0, VIEWPORT.height - 1); // no hover effects or tooltips in the picture
		await this.page.screenshot({ path: out, clip: box, animations: 'disabled' });
		return out;
	}
}
