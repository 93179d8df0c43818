/**
 * Whole-second org time. Salesforce stores datetimes in whole seconds and its `Date` header has whole seconds, so the
 * trigger counts in integer epoch seconds throughout; fractions (if any) are dropped, never rounded up.
 */

/** Seconds since the epoch, integer. */
export type Seconds = number;

const SF_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;

/** `2024-05-20T14:30:00.000+0000`, `…Z`, `…+02:00` → seconds; undefined when it is not such a datetime. */
export function parseSalesforceDateTime(value: unknown): Seconds | undefined {
	if (typeof value !== 'string') return undefined;
	const m = SF_DATETIME.exec(value);
	if (!m) return undefined;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
	const ms = Date.UTC(y, mo - 1, d, h, mi, s);
	if (new Date(ms).getUTCDate() !== d) return undefined;
	let offsetMin = 0;
	const zone = m[7].toUpperCase();
	if (zone !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		offsetMin = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	}
	return ms / 1000 - offsetMin * 60;
}

/** A Date (e.g. from the `Date` header) → seconds, dropping any fraction. */
export function dateToSeconds(date: Date): Seconds | undefined {
	const ms = date.getTime();
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** `2024-05-20T14:30:00Z`: a SOQL datetime literal (unquoted) and the state's storage form. */
export function isoSeconds(sec: Seconds): string {
	if (!Number.isSafeInteger(sec)) throw new RangeError(`Not a whole number of seconds: ${sec}`);
	return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The exact form `isoSeconds` writes, read back; anything else is undefined (used to validate stored state). */
export function parseIsoSeconds(value: unknown): Seconds | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
	const sec = parseSalesforceDateTime(value);
	return sec !== undefined && isoSeconds(sec) === value ? sec : undefined;
}
