/**
 * SOQL literal handling: string escapes, date/datetime literals and the relative date literals (TODAY,
 * LAST_N_DAYS:n, ...). Relative literals are calendar days of the querying user: their time zone decides when a
 * day starts, their locale which day starts the week ("Date Formats and Date Literals in WHERE": "The exact start
 * and end of the range depends on the date literal and the locale of the user sending the query").
 */
import { DateTime } from 'luxon';

/** One character of a decoded LIKE pattern; `wild` marks an unescaped `%` or `_`. */
export interface PatternChar {
	ch: string;
	wild: boolean;
}

export class LiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
	n: '\n',
	r: '\r',
	t: '\t',
	b: '\b',
	f: '\f',
	'"': '"',
	"'": "'",
	'\\': '\\',
};

/**
 * Decode the body of a quoted SOQL string (quotes already stripped). `\%` and `\_` are only legal in LIKE
 * patterns, where they stay distinguishable from the wildcards; any other backslash sequence is an error.
 */
export function decodeStringBody(body: string, forLike: boolean): PatternChar[] {
	const out: PatternChar[] = [];
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c !== '\\') {
			out.push({ ch: c, wild: forLike && (c === '%' || c === '_') });
			continue;
		}
		const n = body[i + 1];
		if (n !== undefined && n in SIMPLE_ESCAPES) {
			out.push({ ch: SIMPLE_ESCAPES[n], wild: false });
			i++;
		} else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
			out.push({ ch: String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16)), wild: false });
			i += 5;
		} else if (forLike && (n === '%' || n === '_')) {
			out.push({ ch: n, wild: false });
			i++;
		} else {
			throw new LiteralError(`\\${n ?? ''}`);
		}
	}
	return out;
}

export function decodeString(body: string): string {
	return decodeStringBody(body, false)
		.map((p) => p.ch)
		.join('');
}

/**
 * LIKE pattern -> anchored RegExp over lower-cased text (test it against `value.toLowerCase()`), so LIKE
 * without wildcards agrees exactly with the case-insensitive `=`.
 */
export function likeToRegExp(pattern: PatternChar[]): RegExp {
	let src = '';
	let run = '';
	// Literal runs are lower-cased whole, so surrogate pairs case-fold like they do in `=`.
	const flush = () => {
		src += run.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		run = '';
	};
	for (const p of pattern) {
		if (!p.wild) {
			run += p.ch;
			continue;
		}
		flush();
		src += p.ch === '%' ? '[\\s\\S]*' : '[\\s\\S]';
	}
	flush();
	return new RegExp(`^${src}$`, 'u');
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` -> epoch ms of that day's UTC midnight, or undefined when not a real date. */
export function parseDate(s: string): number | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = Date.UTC(y, mo - 1, d);
	const back = new Date(t);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
	return t;
}

/**
 * A SOQL datetime literal or a stored datetime -> epoch ms. Accepts `Z`, `+hh:mm`, `+hhmm`, optional fraction
 * (`2024-01-31T00:00:00Z`, `2024-05-20T20:49:32.000+0000`, `2024-01-31T00:00:00+05:30`).
 */
export function parseDateTime(s: string): number | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i.exec(s);
	if (!m) return undefined;
	const day = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
	const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
	if (day === undefined || h > 23 || mi > 59 || sec > 59) return undefined;
	const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
	let offsetMin = 0;
	if (m[8].toUpperCase() !== 'Z') {
		const sign = m[8][0] === '-' ? -1 : 1;
		const digits = m[8].slice(1).replace(':', '');
		offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	}
	return day + ((h * 60 + mi - offsetMin) * 60 + sec) * 1000 + ms;
}

/** Stored date value (or datetime, cut to its UTC day) -> epoch ms of the UTC midnight. */
export function dateValueToMs(v: unknown): number | undefined {
	if (typeof v !== 'string') return undefined;
	return parseDate(v.slice(0, 10));
}

/** Half-open range of instants [start, end), both UTC midnights. */
export interface DayRange {
	start: number;
	end: number;
}

function startOfDay(t: number): number {
	return Math.floor(t / DAY_MS) * DAY_MS;
}

function addMonths(t: number, months: number): number {
	const d = new Date(t);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/** Where and how a user counts days: an IANA zone and a Salesforce locale such as `en_US` or `de_DE`. */
export interface Calendar {
	timeZone: string;
	locale: string;
}

const UTC_EN_US: Calendar = { timeZone: 'UTC', locale: 'en_US' };

/** The locale's first day of the week, 1 = Monday ... 7 = Sunday (CLDR week data through Intl). */
export function firstDayOfWeek(locale: string): number {
	try {
		const loc = new Intl.Locale(locale.replace(/_/g, '-')) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
		return loc.getWeekInfo?.().firstDay ?? loc.weekInfo?.firstDay ?? 7;
	} catch {
		return 7;
	}
}

/** The user's calendar date at `now`, as the UTC midnight of that date. */
function localToday(now: Date, timeZone: string): number {
	const local = DateTime.fromMillis(now.getTime(), { zone: timeZone });
	if (!local.isValid) return startOfDay(now.getTime());
	return Date.UTC(local.year, local.month - 1, local.day);
}

/** The instant a calendar date (given as its UTC midnight) starts in a time zone. */
export function startOfDayIn(dateMs: number, timeZone: string): number {
	const d = new Date(dateMs);
	const local = DateTime.fromObject({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, { zone: timeZone });
	return local.isValid ? local.toMillis() : dateMs;
}

/**
 * Range of a relative date literal (`TODAY`, `LAST_N_DAYS` with n, ...) against `now`, in calendar days of the
 * user's time zone and locale (UTC and en_US when none is given): the UTC midnights of the first and the day after
 * the last day. For dateTime fields convert both ends with `startOfDayIn`. Undefined when the name is unknown.
 */
export function dateLiteralRange(name: string, now: Date, n?: number, calendar: Calendar = UTC_EN_US): DayRange | undefined {
	const today = localToday(now, calendar.timeZone);
	const d = new Date(today);
	// The locale decides the first day of the week: Sunday for en_US, Monday for en_GB or de_DE
	const isoDay = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
	const weekStart = today - ((isoDay - firstDayOfWeek(calendar.locale) + 7) % 7) * DAY_MS;
	const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
	const quarterStart = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
	const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
	const days = (start: number, count: number): DayRange => ({ start, end: start + count * DAY_MS });
	const months = (start: number, offset: number, count: number): DayRange => ({
		start: addMonths(start, offset),
		end: addMonths(start, offset + count),
	});
	// Fiscal years are taken to start in January, the default fiscal year setting.
	const upper = name.toUpperCase().replace('_FISCAL_', '_');
	const k = n ?? 0;
	switch (upper) {
		case 'TODAY':
			return days(today, 1);
		case 'YESTERDAY':
			return days(today - DAY_MS, 1);
		case 'TOMORROW':
			return days(today + DAY_MS, 1);
		case 'LAST_WEEK':
			return days(weekStart - 7 * DAY_MS, 7);
		case 'THIS_WEEK':
			return days(weekStart, 7);
		case 'NEXT_WEEK':
			return days(weekStart + 7 * DAY_MS, 7);
		case 'LAST_MONTH':
			return months(monthStart, -1, 1);
		case 'THIS_MONTH':
			return months(monthStart, 0, 1);
		case 'NEXT_MONTH':
			return months(monthStart, 1, 1);
		case 'LAST_90_DAYS':
			return { start: today - 90 * DAY_MS, end: today + DAY_MS };
		case 'NEXT_90_DAYS':
			return days(today + DAY_MS, 90);
		case 'LAST_QUARTER':
			return months(quarterStart, -3, 3);
		case 'THIS_QUARTER':
			return months(quarterStart, 0, 3);
		case 'NEXT_QUARTER':
			return months(quarterStart, 3, 3);
		case 'LAST_YEAR':
			return months(yearStart, -12, 12);
		case 'THIS_YEAR':
			return months(yearStart, 0, 12);
		case 'NEXT_YEAR':
			return months(yearStart, 12, 12);
		// LAST_N_DAYS:n covers today and the n days before it; NEXT_N_DAYS:n starts tomorrow.
		case 'LAST_N_DAYS':
			return { start: today - k * DAY_MS, end: today + DAY_MS };
		case 'NEXT_N_DAYS':
			return days(today + DAY_MS, k);
		case 'N_DAYS_AGO':
			return days(today - k * DAY_MS, 1);
		case 'LAST_N_WEEKS':
			return { start: weekStart - 7 * k * DAY_MS, end: weekStart };
		case 'NEXT_N_WEEKS':
			return days(weekStart + 7 * DAY_MS, 7 * k);
		case 'N_WEEKS_AGO':
			return days(weekStart - 7 * k * DAY_MS, 7);
		case 'LAST_N_MONTHS':
			return months(monthStart, -k, k);
		case 'NEXT_N_MONTHS':
			return months(monthStart, 1, k);
		case 'N_MONTHS_AGO':
			return months(monthStart, -k, 1);
		case 'LAST_N_QUARTERS':
			return months(quarterStart, -3 * k, 3 * k);
		case 'NEXT_N_QUARTERS':
			return months(quarterStart, 3, 3 * k);
		case 'N_QUARTERS_AGO':
			return months(quarterStart, -3 * k, 3);
		case 'LAST_N_YEARS':
			return months(yearStart, -12 * k, 12 * k);
		case 'NEXT_N_YEARS':
			return months(yearStart, 12, 12 * k);
		case 'N_YEARS_AGO':
			return months(yearStart, -12 * k, 12);
		default:
			return undefined;
	}
}
