/**
 * From the node's parameters to the core's TriggerOptions: the object's describe checks the timestamps, gives the
 * field list and types the conditions (query model: values escaped, names checked). The describe costs a call, so
 * its result is kept in the static data beside the state and reused while the parameters stay the same (an idle
 * poll stays one call); it is read again when they change, once a day (new fields for All Fields), and when
 * Salesforce refuses a query built from it (a field or the object went away meanwhile).
 */
import type { SalesforceClient } from '../../shared/client/client';
import type { FieldDescribe, ObjectDescribe } from '../../shared/client/types';
import { buildWhere, fieldResolver, type ConditionRow, type FilterLogicType } from '../../shared/query';
import {
	longestScanSoql,
	parseTriggerOptions,
	TriggerOptionError,
	type ParseContext,
	type StateHolder,
	type TriggerOptions,
	type TriggerOptionsInput,
} from '../../shared/trigger';

export interface TriggerParameters {
	/** Everything the core parses itself (fields and filter come from here). */
	input: Omit<TriggerOptionsInput, 'fields' | 'filter'>;
	fieldsToReturn: 'all' | 'selected';
	selectedFields: unknown;
	conditions: ConditionRow[];
	filterLogic: FilterLogicType;
	customLogic: string;
	/** Anything else that changes what the describe says (API version, credential). */
	context: unknown;
}

/** What the describe gave, as kept in the static data. */
interface Compiled {
	/** The parameters it was compiled from (JSON), compared exactly. */
	from: string;
	/** The host's clock when it was compiled (ms): only its age is used. */
	at: number;
	fields: string[];
	filter?: string;
}

export const COMPILED_PROPERTY = 'salesforceTriggerQuery';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface OptionsSettings {
	parse: ParseContext;
	/** Where the compiled query is kept between polls; none (Fetch Test Event): always describe, keep nothing. */
	holder?: StateHolder;
	/** Describe again even when a compiled query is kept. */
	refresh?: boolean;
	hostNow: () => number;
}

/**
 * The checked options. Throws TriggerOptionError for bad parameters (before any call when it can), QueryInputError
 * for bad conditions, SalesforceError for a describe that failed (an unknown object among them).
 */
export async function triggerOptions(
	client: SalesforceClient,
	params: TriggerParameters,
	settings: OptionsSettings,
): Promise<{ options: TriggerOptions; kept: boolean }> {
	const base = parseTriggerOptions(params.input, settings.parse);
	const from = JSON.stringify([base.object, base.cursorField, params.fieldsToReturn, params.selectedFields, params.conditions, params.filterLogic, params.customLogic, params.context]);
	const now = settings.hostNow();
	const kept = settings.holder && !settings.refresh ? readCompiled(settings.holder[COMPILED_PROPERTY], from, now) : undefined;
	const compiled = kept ?? { from, at: now, ...compile(await client.describe(base.object), base, params) };
	const options = parseTriggerOptions({ ...params.input, fields: compiled.fields, filter: compiled.filter }, settings.parse);
	if (!kept) {
		const length = client.queryUrlLength(longestScanSoql(options));
		if (length > client.maxUrlLength) {
			throw new TriggerOptionError(
				`The trigger's query would be too long for Salesforce: ${length.toLocaleString('en-US')} bytes in the request URL (${options.fields.length} fields), the limit is ${client.maxUrlLength.toLocaleString('en-US')}`,
				'Set Fields to Return to Selected Fields and choose the fields you need, or shorten the conditions.',
				'fieldsToReturn',
			);
		}
		if (settings.holder) settings.holder[COMPILED_PROPERTY] = { ...compiled };
	}
	return { options, kept: kept !== undefined };
}

function readCompiled(raw: unknown, from: string, now: number): Compiled | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const c = raw as Partial<Compiled>;
	if (c.from !== from || typeof c.at !== 'number' || now < c.at || now - c.at > MAX_AGE_MS) return undefined;
	if (!Array.isArray(c.fields) || !c.fields.every((f) => typeof f === 'string')) return undefined;
	if (c.filter !== undefined && typeof c.filter !== 'string') return undefined;
	return { from, at: c.at, fields: c.fields, ...(c.filter === undefined ? {} : { filter: c.filter }) };
}

function compile(describe: ObjectDescribe, base: TriggerOptions, params: TriggerParameters): { fields: string[]; filter?: string } {
	checkTimestamps(describe, base);
	const fields = params.fieldsToReturn === 'selected' ? selectedFields(describe, params.selectedFields) : describe.fields.map((f) => f.name);
	// a bad condition is a QueryInputError naming the row and the fix
	const { clause } = buildWhere({
		conditions: params.conditions,
		logic: params.filterLogic,
		customLogic: params.customLogic,
		resolveField: fieldResolver(describe.fields),
	});
	return clause === undefined ? { fields } : { fields, filter: clause };
}

/** The keyset orders and filters by CreatedDate and the change field: the object must have both, usable so. */
function checkTimestamps(describe: ObjectDescribe, options: TriggerOptions): void {
	const object = describe.name;
	for (const name of new Set(['CreatedDate', options.cursorField])) {
		const field = describe.fields.find((f) => f.name === name);
		if (!field) {
			const systemModstamp = name === 'LastModifiedDate' && describe.fields.some((f) => f.name === 'SystemModstamp');
			throw new TriggerOptionError(
				`${object} has no ${name} field, so the trigger cannot tell ${name === 'CreatedDate' ? 'when its records were created' : 'when its records changed'}`,
				systemModstamp
					? 'Set Which Changes Count to Also Automated Changes (SystemModstamp), or pick another object.'
					: `Pick another object: the trigger needs CreatedDate and LastModifiedDate or SystemModstamp, which ${object} lacks.`,
				'sobject',
			);
		}
		if (!usableTimestamp(field)) {
			throw new TriggerOptionError(
				`${object}.${name} cannot be filtered and sorted by in SOQL, which the trigger needs`,
				'Pick another object (or, for LastModifiedDate, set Which Changes Count to SystemModstamp).',
				'sobject',
			);
		}
	}
}

function usableTimestamp(f: FieldDescribe): boolean {
	return f.type === 'datetime' && f.filterable !== false && f.sortable !== false;
}

/** The chosen fields in the describe's spelling; own fields only (parent paths would need more describes). */
function selectedFields(describe: ObjectDescribe, selection: unknown): string[] {
	const list = typeof selection === 'string' ? selection.split(',') : Array.isArray(selection) ? selection : [];
	const byName = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f.name]));
	return list
		.map((raw) => (typeof raw === 'string' ? raw.trim() : String(raw)))
		.filter((name) => name !== '')
		.map((name) => {
			const found = byName.get(name.toLowerCase());
			if (found) return found;
			throw new TriggerOptionError(
				`${describe.name} has no field ${JSON.stringify(name)}`,
				name.includes('.')
					? 'The trigger returns fields of the object itself; add a Get by ID or Get Records node after it for related records.'
					: 'Pick fields from the list; custom fields end in __c.',
				'selectedFields',
			);
		});
}
