/**
 * From the node's parameters to the core's TriggerOptions: the object's describe checks the timestamps, and the query
 * model (as for Get Records) gives the field list and the WHERE clause of the conditions, with parent paths resolved
 * through their objects' describes, values typed and escaped, names checked. The describe costs a call, so
 * its result is kept in the static data beside the state and reused while the parameters stay the same (an idle
 * poll stays one call); it is read again when they change, once a day (new fields for All Fields), and when
 * Salesforce refuses a query built from it (a field or the object went away meanwhile).
 */
import type { SalesforceClient } from '../../shared/client/client';
import type { FieldDescribe, ObjectDescribe } from '../../shared/client/types';
import { composeQuery, type ConditionRow, type FieldSelection, type FilterLogicType } from '../../shared/query';
import { parentFieldLookup } from '../../shared/records/paths';
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
	fields: FieldSelection;
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
 * for bad fields or conditions, SalesforceError for a describe that failed (an unknown object among them).
 */
export async function triggerOptions(
	client: SalesforceClient,
	params: TriggerParameters,
	settings: OptionsSettings,
): Promise<{ options: TriggerOptions; kept: boolean }> {
	const base = parseTriggerOptions(params.input, settings.parse);
	const from = JSON.stringify([base.object, base.cursorField, params.fields, params.conditions, params.filterLogic, params.customLogic, params.context]);
	const now = settings.hostNow();
	const kept = settings.holder && !settings.refresh ? readCompiled(settings.holder[COMPILED_PROPERTY], from, now) : undefined;
	const compiled = kept ?? { from, at: now, ...(await compile(client, base, params)) };
	const options = parseTriggerOptions({ ...params.input, fields: compiled.fields, filter: compiled.filter }, settings.parse);
	if (!kept) {
		const length = client.queryUrlLength(longestScanSoql(options));
		if (length > client.maxUrlLength) {
			throw new TriggerOptionError(
				`The trigger's query would be too long for Salesforce: ${length.toLocaleString('en-US')} bytes in the request URL (${options.fields.length} fields), the limit is ${client.maxUrlLength.toLocaleString('en-US')}`,
				'Set Fields to Return to Default Fields, or to Selected Fields with the fields you need, or shorten the conditions.',
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

async function compile(client: SalesforceClient, base: TriggerOptions, params: TriggerParameters): Promise<{ fields: string[]; filter?: string }> {
	const describe = await client.describe(base.object);
	checkTimestamps(describe, base);
	// parent paths (Owner.Email) need their objects' describes, fetched (cached) before the synchronous composition
	const paths = [...(Array.isArray(params.fields) ? params.fields : []), ...params.conditions.map((c) => c.field)];
	const resolveParentField = await parentFieldLookup(describe, paths, async (name) => await client.describe(name));
	// a bad field or condition is a QueryInputError naming it (and the row) with the fix
	const { fields, where } = composeQuery({
		object: describe.name,
		objectFields: describe.fields,
		fields: params.fields,
		conditions: params.conditions,
		logic: params.filterLogic,
		customLogic: params.customLogic,
		resolveParentField,
		apiVersion: client.apiVersion,
	});
	return where === undefined ? { fields } : { fields, filter: where };
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
