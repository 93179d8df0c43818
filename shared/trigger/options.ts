/**
 * The trigger's options as the node's parameters give them, checked once with an error that names the option and
 * says how to fix it. Everything downstream works on the parsed form.
 */
import { DateTime } from 'luxon';

import { isApiName, isSoqlIdentifier } from '../query/escape';
import type { Seconds } from './time';

export type TriggerEvent = 'new' | 'updated' | 'newOrUpdated';
/** User edits only, or user and automated/system changes. */
export type ChangeField = 'LastModifiedDate' | 'SystemModstamp';
export type CursorField = 'CreatedDate' | ChangeField;

export type StartSetting = { mode: 'now' } | { mode: 'date'; at: Seconds } | { mode: 'beginning' };

export interface TriggerOptions {
	object: string;
	event: TriggerEvent;
	/** What the chosen "which changes count" option says; the cursor orders by `cursorField`. */
	changeField: ChangeField;
	/** CreatedDate for On New Record (a record is created once), else the change field. */
	cursorField: CursorField;
	start: StartSetting;
	maxPerPoll: number;
	lookbackSeconds: Seconds;
	/** The scan ends this much before the org's time (transactions shorter than this are found on time). */
	marginSeconds: Seconds;
	/** SELECT list: the requested fields plus Id, CreatedDate and the cursor field, without duplicates. */
	fields: string[];
	/** The user's conditions as a WHERE clause built by the query model (values escaped there); none: every record. */
	filter?: string;
}

/** Raw parameter values (n8n's getNodeParameter returns loosely typed values). */
export interface TriggerOptionsInput {
	object: unknown;
	event: unknown;
	changeField?: unknown;
	start?: unknown;
	startDate?: unknown;
	maxPerPoll?: unknown;
	lookbackMinutes?: unknown;
	fields?: unknown;
	/** A clause from the query model's buildWhere, never text a user typed. */
	filter?: unknown;
}

export interface ParseContext {
	/** The host's clock, only for a first plausibility check of the start date (the first poll checks against the org). */
	now?: Date;
	/** IANA zone for a start date written without one (n8n: the workflow's time zone). Default UTC. */
	timeZone?: string;
	marginSeconds?: Seconds;
}

export const DEFAULT_MAX_PER_POLL = 1000;
export const MAX_MAX_PER_POLL = 10000;
export const DEFAULT_LOOKBACK_MINUTES = 5;
export const MAX_LOOKBACK_MINUTES = 60;
export const DEFAULT_MARGIN_SECONDS = 10;
/** The host may be this far behind the org before a start date it thinks is ahead is refused while parsing. */
const HOST_SKEW_TOLERANCE_SECONDS = 15 * 60;

/** A bad option: `message` says what is wrong, `hint` how to fix it, `option` which parameter. */
export class TriggerOptionError extends Error {
	constructor(
		message: string,
		readonly hint: string,
		readonly option: string,
	) {
		super(message);
		this.name = 'TriggerOptionError';
	}
}

const EVENTS: Record<TriggerEvent, string> = {
	new: 'On New Record',
	updated: 'On Updated Record',
	newOrUpdated: 'On New Or Updated Record',
};
const CHANGE_FIELDS: ChangeField[] = ['LastModifiedDate', 'SystemModstamp'];

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v));

export function eventLabel(event: TriggerEvent): string {
	return EVENTS[event];
}

export function parseTriggerOptions(input: TriggerOptionsInput, context: ParseContext = {}): TriggerOptions {
	const object = typeof input.object === 'string' ? input.object.trim() : '';
	if (!object) {
		throw new TriggerOptionError('No object is selected', 'Pick the object whose records should start the workflow.', 'object');
	}
	if (!isApiName(object)) {
		throw new TriggerOptionError(
			`${show(input.object)} is not an object API name`,
			'Use the API name (Account, Invoice__c), not the label; pick the object from the list to be sure.',
			'object',
		);
	}

	if (typeof input.event !== 'string' || !(input.event in EVENTS)) {
		throw new TriggerOptionError(
			`Unknown trigger event ${show(input.event)}`,
			`Choose one of: ${Object.values(EVENTS).join(', ')}.`,
			'event',
		);
	}
	const event = input.event as TriggerEvent;

	const changeField = (input.changeField ?? 'LastModifiedDate') as ChangeField;
	if (!CHANGE_FIELDS.includes(changeField)) {
		throw new TriggerOptionError(
			`Unknown choice of changes ${show(input.changeField)}`,
			'Choose LastModifiedDate (changes made by users) or SystemModstamp (also automated and system changes).',
			'changeField',
		);
	}
	const cursorField: CursorField = event === 'new' ? 'CreatedDate' : changeField;

	const start = parseStart(input.start, input.startDate, context);
	const maxPerPoll = parseInteger(input.maxPerPoll, DEFAULT_MAX_PER_POLL, 1, MAX_MAX_PER_POLL, 'maxPerPoll', 'Max Records per Poll');
	const lookbackMinutes = parseNumber(
		input.lookbackMinutes,
		DEFAULT_LOOKBACK_MINUTES,
		0,
		MAX_LOOKBACK_MINUTES,
		'lookbackMinutes',
		'Lookback (Minutes)',
	);
	const marginSeconds = context.marginSeconds ?? DEFAULT_MARGIN_SECONDS;
	if (!Number.isSafeInteger(marginSeconds) || marginSeconds < 0) throw new RangeError(`Bad margin ${marginSeconds}`);

	return {
		object,
		event,
		changeField,
		cursorField,
		start,
		maxPerPoll,
		lookbackSeconds: Math.round(lookbackMinutes * 60),
		marginSeconds,
		fields: selectList(input.fields, cursorField),
		...filterClause(input.filter),
	};
}

function filterClause(filter: unknown): { filter?: string } {
	if (filter === undefined || filter === null) return {};
	if (typeof filter !== 'string') throw new TypeError('The filter must be a WHERE clause built by the query model');
	return filter.trim() ? { filter: filter.trim() } : {};
}

function parseStart(mode: unknown, date: unknown, context: ParseContext): StartSetting {
	if (mode === undefined || mode === null || mode === '' || mode === 'now') return { mode: 'now' };
	if (mode === 'beginning') return { mode: 'beginning' };
	if (mode !== 'date') {
		throw new TriggerOptionError(
			`Unknown start ${show(mode)}`,
			'Choose Now (only changes after activation), From a Date, or From the Beginning (every existing record first).',
			'start',
		);
	}
	const at = parseStartDate(date, context.timeZone ?? 'UTC');
	if (context.now) {
		const hostNow = Math.floor(context.now.getTime() / 1000);
		if (at > hostNow + HOST_SKEW_TOLERANCE_SECONDS) throw futureStart(at);
	}
	return { mode: 'date', at };
}

/** Also used by the first poll, against the org's own clock. */
export function futureStart(at: Seconds, orgNow?: Seconds): TriggerOptionError {
	const when = DateTime.fromSeconds(at, { zone: 'utc' }).toISO({ suppressMilliseconds: true });
	const org = orgNow === undefined ? '' : ` (the org's time is ${DateTime.fromSeconds(orgNow, { zone: 'utc' }).toISO({ suppressMilliseconds: true })})`;
	return new TriggerOptionError(
		`The start date ${when} is in the future${org}`,
		'Choose a date in the past, or Start: Now to fire only for changes made after the workflow is activated.',
		'startDate',
	);
}

function parseStartDate(value: unknown, zone: string): Seconds {
	let dt: DateTime | undefined;
	if (value instanceof Date) dt = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) dt = value;
	else if (typeof value === 'string' && value.trim()) {
		const s = value.trim();
		dt = DateTime.fromISO(s, { zone, setZone: false });
		if (!dt.isValid) dt = DateTime.fromSQL(s, { zone });
	}
	if (!dt) {
		throw new TriggerOptionError(
			'Start is "From a Date" but no start date is set',
			'Pick the date and time from which changes should start the workflow.',
			'startDate',
		);
	}
	if (!dt.isValid) {
		const zoneProblem = DateTime.local({ zone }).isValid ? '' : ` The time zone "${zone}" is not valid.`;
		throw new TriggerOptionError(
			`The start date ${show(value)} is not a date and time`,
			`Pick it in the date field, or write it as 2026-05-20T14:30:00 (read in the workflow's time zone) or with a zone, 2026-05-20T14:30:00Z.${zoneProblem}`,
			'startDate',
		);
	}
	return Math.floor(dt.toMillis() / 1000);
}

function parseNumber(value: unknown, fallback: number, min: number, max: number, option: string, label: string): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
		throw new TriggerOptionError(`${label} must be a number from ${min} to ${max}, not ${show(value)}`, `Enter a number from ${min} to ${max}.`, option);
	}
	return n;
}

function parseInteger(value: unknown, fallback: number, min: number, max: number, option: string, label: string): number {
	const n = parseNumber(value, fallback, min, max, option, label);
	if (!Number.isInteger(n)) {
		throw new TriggerOptionError(`${label} must be a whole number, not ${show(value)}`, `Enter a whole number from ${min} to ${max}.`, option);
	}
	return n;
}

/** Required fields first (the core reads them), then the requested ones; duplicates by case dropped. */
function selectList(fields: unknown, cursorField: CursorField): string[] {
	const requested = fields === undefined || fields === null || fields === '' ? [] : fields;
	const list = typeof requested === 'string' ? requested.split(',') : requested;
	if (!Array.isArray(list)) {
		throw new TriggerOptionError('Fields must be a list of field names', 'List field API names, e.g. Name, Industry.', 'fields');
	}
	const out: string[] = [];
	const seen = new Set<string>();
	for (const raw of ['Id', 'CreatedDate', cursorField, ...list]) {
		const name = typeof raw === 'string' ? raw.trim() : raw;
		if (name === '') continue;
		if (typeof name !== 'string' || !isSoqlIdentifier(name)) {
			throw new TriggerOptionError(
				`${show(raw)} is not a field API name`,
				'Use field API names (Name, Custom_Field__c, Account.Name), not labels.',
				'fields',
			);
		}
		if (seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		out.push(name);
	}
	return out;
}
