/**
 * The org's clock. Salesforce's clock is not the client's: `skew` and `set` move what the org reports and stamps
 * (record timestamps, date literals, the HTTP `Date` header, query-locator idle time) without aging sessions, as
 * when the two machines' clocks disagree; `advance` is time passing, which also ages tokens and codes.
 */
export interface ClockState {
	/** Milliseconds added to the host clock */
	offsetMs: number;
	/** The part of the offset that came from `advance`: sessions and codes expire by it */
	advancedMs: number;
}

export class OrgClock implements ClockState {
	offsetMs = 0;
	advancedMs = 0;

	/** The org's time: host time plus skew, sets and advances. */
	nowMs(): number {
		return Date.now() + this.offsetMs;
	}

	now(): Date {
		return new Date(this.nowMs());
	}

	/** Clock for session, code and assertion lifetimes: host time plus advances only. */
	sessionNowMs(): number {
		return Date.now() + this.advancedMs;
	}

	/** The org runs `ms` ahead of (or, negative, behind) the host; advances made so far are kept in the offset. */
	skew(ms: number): void {
		this.offsetMs = ms;
	}

	/** Time passes: the org clock and session lifetimes move on by `ms`. */
	advance(ms: number): void {
		this.offsetMs += ms;
		this.advancedMs += ms;
	}

	/** Jumps the org clock to an instant (sessions do not age). */
	set(epochMs: number): void {
		this.offsetMs = epochMs - Date.now();
	}

	reset(): void {
		this.offsetMs = 0;
		this.advancedMs = 0;
	}

	toJSON(): ClockState {
		return { offsetMs: this.offsetMs, advancedMs: this.advancedMs };
	}

	restore(state: Partial<ClockState> | undefined): void {
		if (typeof state?.offsetMs === 'number') this.offsetMs = state.offsetMs;
		if (typeof state?.advancedMs === 'number') this.advancedMs = state.advancedMs;
	}
}
