/**
 * A poll end to end over a narrow port: the node gives a ChangeSource (the Salesforce client's paged query) and its
 * workflow static data; this file adds the in-process lease, the commit-time generation check, the time budget and
 * what a failure halfway means. See docs/trigger-design.md, "Concurrency" and case 7.
 */
import { eventFor, readVersion, toItem, TriggerDataError, type ChangeItem } from './events';
import type { TriggerOptions } from './options';
import { applyPage, finishPoll, planPoll, startPoll, type ChangePage } from './poll';
import { testEventSoql } from './soql';
import { readState, serialiseState, storedGeneration } from './state';

/** What the trigger needs from Salesforce: one SOQL query as pages in order, each with its response's Date header. */
export interface ChangeSource {
	query(soql: string): AsyncIterable<ChangePage>;
}

/** Where the state lives: n8n's node static data (the same object for overlapping polls, or a per-poll copy). */
export type StateHolder = Record<string, unknown>;
export const STATE_PROPERTY = 'salesforceTrigger';

export interface RunSettings {
	/** Names this trigger for the in-process lease (e.g. workflow id + node id); without it there is no lease. */
	leaseKey?: string;
	/** How long the poll may take (n8n's getPollBudgetMs()); no new page is fetched after three quarters of it. */
	budgetMs?: number;
	/** The host's clock, used for durations only (lease expiry, budget). */
	hostNow?: () => number;
}

export type PollOutcome =
	| { status: 'ok'; items: ChangeItem[]; pages: number }
	/** Items produced before a failure: delivered, and the state moved past them; the next poll continues there. */
	| { status: 'partial'; items: ChangeItem[]; pages: number; error: unknown }
	/** Another poll of this trigger is running in this process: nothing done, no API call. */
	| { status: 'busy'; items: []; pages: 0 }
	/** Another poll committed while this one ran: its items are dropped, nothing written. */
	| { status: 'superseded'; items: []; pages: number };

const DEFAULT_BUDGET_MS = 5 * 60 * 1000;
const leases = new Map<string, { token: object; until: number }>();

export async function runPoll(
	source: ChangeSource,
	holder: StateHolder,
	options: TriggerOptions,
	settings: RunSettings = {},
): Promise<PollOutcome> {
	const now = settings.hostNow ?? (() => Date.now());
	const budgetMs = settings.budgetMs ?? DEFAULT_BUDGET_MS;
	const started = now();
	const token = {};
	const { leaseKey } = settings;
	if (leaseKey !== undefined) {
		const held = leases.get(leaseKey);
		if (held && held.until > started) return { status: 'busy', items: [], pages: 0 };
		leases.set(leaseKey, { token, until: started + budgetMs });
	}
	try {
		const raw = holder[STATE_PROPERTY];
		const startGen = storedGeneration(raw);
		const plan = planPoll(readState(raw, options), options);
		const progress = startPoll(plan, options);
		let end: 'done' | 'interrupted' = 'done';
		let failure: { error: unknown } | undefined;
		try {
			for await (const page of source.query(plan.soql)) {
				applyPage(progress, page);
				if (progress.finished) break;
				if (now() - started > (budgetMs * 3) / 4) {
					end = 'interrupted';
					break;
				}
			}
		} catch (error) {
			end = 'interrupted';
			failure = { error };
		}
		// a failure before any item leaves the state alone: the next poll repeats the same work
		if (failure && progress.items.length === 0) throw failure.error;
		if (progress.pages === 0) throw new TriggerDataError('The Salesforce query returned no response');
		const result = finishPoll(progress, end);
		// stopped by the budget before handling a record: nothing learnt, nothing to write
		if (!result) return { status: 'ok', items: [], pages: progress.pages };
		if (storedGeneration(holder[STATE_PROPERTY]) !== startGen) {
			return { status: 'superseded', items: [], pages: progress.pages };
		}
		result.state.gen = Math.max(result.state.gen, (startGen ?? 0) + 1);
		holder[STATE_PROPERTY] = serialiseState(result.state);
		return failure
			? { status: 'partial', items: result.items, pages: progress.pages, error: failure.error }
			: { status: 'ok', items: result.items, pages: progress.pages };
	} finally {
		if (leaseKey !== undefined && leases.get(leaseKey)?.token === token) leases.delete(leaseKey);
	}
}

/** Fetch Test Event: the newest record(s) the event would fire for. Reads and writes no state. */
export async function runTestEvent(source: ChangeSource, options: TriggerOptions, count = 1): Promise<ChangeItem[]> {
	// On Updated Record skips never-edited records, so it looks further back in the one call it makes
	const soql = testEventSoql(options, options.event === 'updated' ? Math.max(200, count) : count);
	const items: ChangeItem[] = [];
	for await (const page of source.query(soql)) {
		for (const record of page.records) {
			const v = readVersion(record, options.cursorField);
			const event = eventFor(v, options.event);
			if (event) items.push(toItem(record, v, event));
			if (items.length >= count) return items;
		}
		return items;
	}
	return items;
}
