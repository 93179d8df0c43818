/**
 * What the org counts and injects: the daily API allowance (`Sforce-Limit-Info`, `/limits`), the call log of the
 * test controls, and the fault plan. (`routes/limits.ts` serves the `/limits` resource from this.)
 */
import { SfError } from '../errors';

export interface CallLogEntry {
	method: string;
	path: string;
	status: number;
	ts: string;
}

export interface FaultConfig {
	latencyMs: number;
	fail503: number;
	lockRow: number;
	resetConnection: number;
	/** Requests that are processed (and committed) but whose answer is lost: the socket closes, or a proxy answers */
	lostAnswer?: number;
	/** How the answer is lost: `reset` (connection closed), `502` (a proxy's HTML page), `204` (2xx without a body) */
	lostAnswerAs?: 'reset' | '502' | '204';
	matchPath?: string;
	methods?: string[];
}

export function noFaults(): FaultConfig {
	return { latencyMs: 0, fail503: 0, lockRow: 0, resetConnection: 0 };
}

/** The daily API request allowance; serialises as `{used, max}`. */
export class ApiUsage {
	used = 0;

	constructor(public max: number) {}

	/** Counts one authenticated REST call; throws REQUEST_LIMIT_EXCEEDED once the allowance is used up. */
	count(): void {
		if (this.used >= this.max) throw new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
		this.used++;
	}

	/** The `Sforce-Limit-Info` header value */
	header(): string {
		return `api-usage=${this.used}/${this.max}`;
	}

	restore(state: { used?: unknown; max?: unknown } | undefined): void {
		if (typeof state?.used === 'number') this.used = state.used;
		if (typeof state?.max === 'number') this.max = state.max;
	}

	toJSON(): { used: number; max: number } {
		return { used: this.used, max: this.max };
	}
}

const MAX_LOG = 100_000;

/** Appends to a call log, dropping the oldest entries past 100,000. */
export function appendCall(log: CallLogEntry[], entry: CallLogEntry): void {
	log.push(entry);
	if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
}
