/**
 * A small model of one Salesforce object for the trigger's tests: whole-second timestamps from an org clock,
 * inserts, user edits (LastModifiedDate + SystemModstamp) and system-only changes (SystemModstamp), transactions
 * that commit late (stamped now, visible later, their rows locked meanwhile), paged query results as one snapshot,
 * failures injected on any API call, and a count of calls. Queries are evaluated by the sandbox org's SOQL engine,
 * so the trigger's real SOQL strings are what selects the records.
 */
import {
	runPoll,
	STATE_PROPERTY,
	type ChangeItem,
	type ChangePage,
	type ChangeSource,
	type PollOutcome,
	type RunSettings,
	type StateHolder,
	type StoredTriggerState,
	type TriggerOptions,
} from '../../shared/trigger';
import { newId } from '../sandbox/ids';
import { SchemaRegistry } from '../sandbox/schema';
import type { StoredRecord } from '../sandbox/schema/types';
import { executeSoql, type QueryContext } from '../sandbox/soql';

export type ChangeKind = 'insert' | 'update' | 'system';

/** One committed change of one record. */
export interface Change {
	id: string;
	kind: ChangeKind;
	created: number;
	lmd: number;
	sms: number;
	/** The org time it was stamped at, and the org time from which queries see it. */
	stampedAt: number;
	visibleAt: number;
	name: string;
	employees: number;
}

interface Row {
	id: string;
	created: number;
	lmd: number;
	sms: number;
	name: string;
	employees: number;
	edits: number;
}

const registry = SchemaRegistry.load();
const iso = (sec: number) => new Date(sec * 1000).toISOString().replace('Z', '+0000');

export class OrgModel {
	clock: number;
	pageSize: number;
	/** API calls: one per page (the first page comes with the query). */
	calls = 0;
	readonly soql: string[] = [];
	/** Per query: the org time it ran at and how many changes its snapshot includes (a prefix of `changes`). */
	readonly snapshots: Array<{ clock: number; changes: number }> = [];
	/** Every change, in the order it became visible. */
	readonly changes: Change[] = [];
	/** Runs between two pages of a query (the org goes on while a poll reads). */
	betweenPages: (() => void | Promise<void>) | undefined;

	private readonly rows = new Map<string, Row>();
	private readonly pending: Array<{ visibleAt: number; rows: Row[]; changes: Change[] }> = [];
	private readonly locked = new Set<string>();
	private readonly faults = new Map<number, Error>();
	private counter = 0;

	constructor(opts: { clock?: number; pageSize?: number } = {}) {
		this.clock = opts.clock ?? Date.UTC(2026, 4, 20, 12, 0, 0) / 1000;
		this.pageSize = opts.pageSize ?? 2000;
	}

	/** Ids are spread over the id space, so Id order says nothing about creation order. */
	private nextId(): string {
		this.counter++;
		return newId('001', Number((BigInt(this.counter) * 2654435761n) % 4294967296n));
	}

	/** Visible and not locked by an open transaction: what an edit can touch now. */
	editable(): string[] {
		return [...this.rows.keys()].filter((id) => !this.locked.has(id));
	}

	get size(): number {
		return this.rows.size;
	}

	insert(count = 1, delay = 0): string[] {
		const out: Row[] = [];
		for (let i = 0; i < count; i++) {
			const id = this.nextId();
			out.push({ id, created: this.clock, lmd: this.clock, sms: this.clock, name: `${id}:0`, employees: 0, edits: 0 });
		}
		this.commit(out, 'insert', delay);
		return out.map((r) => r.id);
	}

	/** A user edit (LastModifiedDate and SystemModstamp move) or a system-only change (SystemModstamp only). */
	update(ids: string[], kind: 'update' | 'system' = 'update', delay = 0): string[] {
		const out: Row[] = [];
		for (const id of ids) {
			const row = this.rows.get(id);
			if (!row || this.locked.has(id)) continue;
			const next = { ...row, sms: this.clock };
			if (kind === 'update') {
				next.lmd = this.clock;
				next.edits++;
				next.name = `${id}:${next.edits}`;
			} else {
				next.employees++;
			}
			out.push(next);
		}
		this.commit(out, kind, delay);
		return out.map((r) => r.id);
	}

	private commit(rows: Row[], kind: ChangeKind, delay: number): void {
		if (rows.length === 0) return;
		const visibleAt = this.clock + delay;
		const changes = rows.map((r) => ({
			id: r.id,
			kind,
			created: r.created,
			lmd: r.lmd,
			sms: r.sms,
			stampedAt: this.clock,
			visibleAt,
			name: r.name,
			employees: r.employees,
		}));
		if (delay === 0) {
			for (const r of rows) this.rows.set(r.id, r);
			this.changes.push(...changes);
			return;
		}
		for (const r of rows) this.locked.add(r.id);
		this.pending.push({ visibleAt, rows, changes });
	}

	advance(seconds: number): void {
		this.clock += seconds;
		this.pending.sort((a, b) => a.visibleAt - b.visibleAt);
		while (this.pending.length && this.pending[0].visibleAt <= this.clock) {
			const tx = this.pending.shift()!;
			for (const r of tx.rows) {
				this.rows.set(r.id, r);
				this.locked.delete(r.id);
			}
			this.changes.push(...tx.changes);
		}
	}

	get hasPending(): boolean {
		return this.pending.length > 0;
	}

	/** The `n`-th API call from now (1 = the next one) fails with `error`. */
	failCall(n: number, error: Error): void {
		this.faults.set(this.calls + n, error);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	private call(): void {
		this.calls++;
		const fault = this.faults.get(this.calls);
		if (fault) {
			this.faults.delete(this.calls);
			throw fault;
		}
	}

	/** The visible record as the API returns it. */
	record(id: string): Record<string, unknown> | undefined {
		const r = this.rows.get(id);
		return r && toStored(r);
	}

	source(): ChangeSource {
		return { query: (soql) => this.query(soql) };
	}

	private async *query(soql: string): AsyncGenerator<ChangePage> {
		this.soql.push(soql);
		this.call();
		this.snapshots.push({ clock: this.clock, changes: this.changes.length });
		// one snapshot for the whole result, as a Salesforce query cursor is
		const snapshot = [...this.rows.values()].map(toStored);
		const ctx: QueryContext = {
			getObject: (name) => registry.get(name),
			records: () => snapshot,
			getById: () => undefined,
			now: () => new Date(this.clock * 1000),
			apiVersion: '66.0',
		};
		const { records } = executeSoql(soql, ctx);
		for (let i = 0; ; i += this.pageSize) {
			if (i > 0) {
				await this.betweenPages?.();
				this.call();
			}
			await Promise.resolve(); // lets overlapping polls interleave, as HTTP calls would
			yield { records: structuredClone(records.slice(i, i + this.pageSize)), serverTime: new Date(this.clock * 1000) };
			if (i + this.pageSize >= records.length) return;
		}
	}
}

function toStored(r: Row): StoredRecord {
	return {
		Id: r.id,
		Name: r.name,
		NumberOfEmployees: r.employees,
		CreatedDate: iso(r.created),
		LastModifiedDate: iso(r.lmd),
		SystemModstamp: iso(r.sms),
		IsDeleted: false,
	};
}

/**
 * One trigger polling the model the way n8n would: its static data is serialised to JSON and parsed back between
 * polls (a restart between every two polls), and a poll that throws leaves it as it was.
 */
export interface PollRecord {
	outcome: PollOutcome | { status: 'failed'; items: []; error: unknown };
	/** The snapshot its query read, when it ran one. */
	snapshot?: { clock: number; changes: number };
	calls: number;
	/** The stored state it wrote, if it wrote one. */
	stateAfter?: StoredTriggerState;
}

export class TriggerUnderTest {
	private stored = '{}';
	readonly delivered: ChangeItem[] = [];
	/** `id@changedAt` → the org time of the poll that delivered it. */
	readonly deliveredAt = new Map<string, number>();
	readonly outcomes: PollOutcome[] = [];
	readonly polls: PollRecord[] = [];

	constructor(
		readonly org: OrgModel,
		public options: TriggerOptions,
		readonly settings: RunSettings = {},
	) {}

	/** The static data as n8n would hand it to the next poll. */
	holder(): StateHolder {
		return JSON.parse(this.stored) as StateHolder;
	}

	state(): StoredTriggerState | undefined {
		return this.holder()[STATE_PROPERTY] as StoredTriggerState | undefined;
	}

	/** One poll; its items, or the error it threw. */
	async poll(): Promise<ChangeItem[]> {
		const holder = this.holder();
		const queries = this.org.snapshots.length;
		const calls = this.org.calls;
		let outcome: PollOutcome;
		try {
			outcome = await runPoll(this.org.source(), holder, this.options, this.settings);
		} catch (error) {
			this.polls.push({ outcome: { status: 'failed', items: [], error }, snapshot: this.org.snapshots[queries], calls: this.org.calls - calls });
			throw error;
		}
		this.stored = JSON.stringify(holder);
		this.record(outcome, this.org.snapshots[queries], this.org.calls - calls, outcome.status === 'ok' || outcome.status === 'partial' ? holder : undefined);
		return outcome.items;
	}

	/** Two polls of this trigger at once, on the same static data object (as n8n runs them in one process). */
	async overlappingPolls(settings: [RunSettings, RunSettings]): Promise<PollOutcome[]> {
		const holder = this.holder();
		const outcomes = await Promise.all(settings.map((s) => runPoll(this.org.source(), holder, this.options, s)));
		this.stored = JSON.stringify(holder);
		for (const o of outcomes) this.record(o, undefined, 0, o.status === 'ok' || o.status === 'partial' ? holder : undefined);
		return outcomes;
	}

	private record(outcome: PollOutcome, snapshot: PollRecord['snapshot'], calls: number, wrote?: StateHolder): void {
		this.outcomes.push(outcome);
		const stateAfter = wrote && (structuredClone(wrote[STATE_PROPERTY]) as StoredTriggerState | undefined);
		this.polls.push({ outcome, snapshot, calls, stateAfter });
		this.delivered.push(...outcome.items);
		for (const i of outcome.items) this.deliveredAt.set(`${i.id}@${i.changedAt}`, snapshot?.clock ?? this.org.clock);
	}

	/** Polls `interval` seconds apart until a poll returns nothing, after the lookback has passed. */
	async drain(interval = 60, maxPolls = 500): Promise<void> {
		const quietFrom = this.org.clock + this.options.lookbackSeconds + this.options.marginSeconds + 2 * interval;
		let idle = 0;
		for (let i = 0; i < maxPolls; i++) {
			this.org.advance(interval);
			const items = await this.poll();
			idle = items.length === 0 && this.org.clock > quietFrom && !this.org.hasPending ? idle + 1 : 0;
			if (idle >= 2) return;
		}
		throw new Error('drain did not settle');
	}
}
