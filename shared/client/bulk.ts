/**
 * Bulk API 2.0 for the client ("Bulk API 2.0 and Bulk API Developer Guide"): the CSV of an ingest job and what its
 * result files say about each uploaded row, the wait for a job to finish, and query results as typed records shaped
 * like REST's. The HTTP calls are the client's (client.ts); this module only reads, writes and waits. CSV goes through
 * csv-parse and csv-stringify (docs/decisions.md D26).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sleep } from 'n8n-workflow';

import { SalesforceError } from './error';
import type { BulkIngestOperation, BulkRecordResult, BulkWaitOptions, ObjectDescribe, RecordError, SalesforceRecord } from './types';

/** "Prepare CSV Files": a value of #N/A sets the field to null; an empty value leaves the field out. */
export const BULK_NULL = '#N/A';

/**
 * "Upload Job Data": at most 150 MB once base64-encoded, which is about 100 MB of CSV. A larger load is split into
 * several jobs below that, with a margin.
 */
export const MAX_UPLOAD_BYTES = 90_000_000;

export const DEFAULT_BULK_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_FIRST_POLL_MS = 500;
const DEFAULT_MAX_POLL_MS = 10_000;

const TERMINAL_STATES = new Set(['JobComplete', 'Failed', 'Aborted']);

/** Why a value cannot be a Bulk CSV cell with the same meaning it has in REST's JSON (undefined: it can). */
export function bulkValueProblem(value: unknown): string | undefined {
	if (value === undefined || value === null || typeof value === 'boolean') return undefined;
	if (typeof value === 'string') return value === BULK_NULL ? `the text "${BULK_NULL}" would clear the field: the Bulk API reads it as null` : undefined;
	if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'the number is not finite';
	return 'an object or a list has no CSV form';
}

/** Why a record cannot be a row of an ingest job's CSV (undefined: it can). */
export function bulkRecordProblem(record: Record<string, unknown>): string | undefined {
	const entries = Object.entries(record).filter(([, v]) => v !== undefined);
	// a row of empty cells is an empty line, which Salesforce skips: the record would silently go missing
	if (!entries.length) return 'the record has no field values';
	for (const [field, value] of entries) {
		const problem = bulkValueProblem(value);
		if (problem) return `${field}: ${problem}`;
	}
	return undefined;
}

/** A number as plain decimal text: Salesforce does not read exponents (`1e+21`). */
function plainNumber(n: number): string {
	const s = String(n);
	return /e/i.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

function cell(value: unknown): string {
	if (value === undefined) return '';
	if (value === null) return BULK_NULL;
	if (typeof value === 'number') return plainNumber(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return String(value);
}

function toCsv(header: string[], rows: string[][]): string {
	return stringify([header, ...rows], { record_delimiter: 'unix', eof: true });
}

/** One ingest job's share of the records: the CSV, its header, its rows as uploaded and their input positions. */
export interface IngestPart {
	header: string[];
	rows: string[][];
	/** the input position of each row */
	indexes: number[];
	csv: string;
}

/**
 * The records as CSV, one part per job: one job unless the CSV exceeds what one upload takes. The header is every
 * field any record has (first spelling wins, names are case-insensitive); a record without a field gets an empty
 * cell, which leaves that field out.
 */
export function ingestParts(records: Array<Record<string, unknown>>, maxBytes = MAX_UPLOAD_BYTES): IngestPart[] {
	const columns = new Map<string, string>();
	for (const record of records) {
		for (const [k, v] of Object.entries(record)) if (v !== undefined && !columns.has(k.toLowerCase())) columns.set(k.toLowerCase(), k);
	}
	const header = [...columns.values()];
	const rows = records.map((record) => {
		const byLower = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
		return header.map((h) => cell(byLower.get(h.toLowerCase())));
	});
	const indexes = records.map((_, i) => i);
	const whole = toCsv(header, rows);
	const size = Buffer.byteLength(whole);
	if (size <= maxBytes) return [{ header, rows, indexes, csv: whole }];
	for (let count = Math.ceil(size / maxBytes); count <= rows.length; count++) {
		const per = Math.ceil(rows.length / count);
		const parts: IngestPart[] = [];
		for (let start = 0; start < rows.length; start += per) {
			const slice = rows.slice(start, start + per);
			parts.push({ header, rows: slice, indexes: indexes.slice(start, start + per), csv: toCsv(header, slice) });
		}
		if (parts.every((p) => Buffer.byteLength(p.csv) <= maxBytes)) return parts;
	}
	throw new SalesforceError({
		code: 'INVALID_INPUT',
		message: `A record is larger than one Bulk API upload (${maxBytes} bytes of CSV)`,
		hint: 'Send these records with the Bulk API option set to Never.',
	});
}

/** Reads CSV text as rows of strings (a byte order mark dropped, empty lines skipped). */
export function readCsv(text: string): string[][] {
	if (text.trim() === '') return [];
	return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
}

const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_LIST = /^\s*[A-Za-z][A-Za-z0-9_.]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_.]*)*\s*$/;

/**
 * A failed record's `sf__Error`, written `CODE:message:fields --` (e.g. `REQUIRED_FIELD_MISSING:Required fields are
 * missing: [Name]:Name --`); the message may hold colons itself.
 */
export function parseBulkError(text: string): RecordError {
	const body = text.replace(/\s*--\s*$/, '').trim();
	const first = body.indexOf(':');
	const code = first > 0 ? body.slice(0, first).trim() : '';
	if (!CODE.test(code)) return { code: 'UNKNOWN_ERROR', message: body || 'Salesforce reported a failure without a message', fields: [] };
	const rest = body.slice(first + 1);
	const last = rest.lastIndexOf(':');
	const tail = last >= 0 ? rest.slice(last + 1) : '';
	if (last >= 0 && (tail.trim() === '' || FIELD_LIST.test(tail))) {
		return {
			code,
			message: rest.slice(0, last).trim() || code,
			fields: tail
				.split(',')
				.map((f) => f.trim())
				.filter(Boolean),
		};
	}
	return { code, message: rest.trim() || code, fields: [] };
}

/** The result files of one finished ingest job, as CSV text (absent: not fetched, because the job info says empty). */
export interface IngestResultFiles {
	successful?: string;
	failed?: string;
	unprocessed?: string;
}

const to15 = (id: string) => (id.length === 18 ? id.slice(0, 15) : id);

/**
 * Each uploaded row's result, by position in the part. Salesforce does not keep the upload's order in its result
 * files, but it echoes every uploaded cell: a row is found by all its cells, and, should an echo differ, by its Id
 * (update, delete) or external ID (upsert) when that is unique. Identical rows are interchangeable and take the
 * results in turn. A row found in no file stays undefined (its outcome is unknown).
 */
export function ingestResults(
	part: IngestPart,
	operation: BulkIngestOperation,
	jobId: string,
	files: IngestResultFiles,
	context: { object: string; externalIdField?: string; unprocessed: SalesforceError },
): Array<BulkRecordResult | undefined> {
	const out: Array<BulkRecordResult | undefined> = new Array<BulkRecordResult | undefined>(part.rows.length).fill(undefined);
	const byRow = new Map<string, number[]>();
	part.rows.forEach((row, i) => {
		const key = JSON.stringify(row);
		const list = byRow.get(key);
		if (list) list.push(i);
		else byRow.set(key, [i]);
	});
	const keyName = operation === 'upsert' ? context.externalIdField : operation === 'insert' ? undefined : 'Id';
	const keyIndex = keyName ? part.header.findIndex((h) => h.toLowerCase() === keyName.toLowerCase()) : -1;
	const norm = (v: string) => (keyName === 'Id' ? to15(v) : v);
	const byKey = new Map<string, number[]>();
	if (keyIndex >= 0) {
		part.rows.forEach((row, i) => {
			const k = norm(row[keyIndex]);
			const list = byKey.get(k);
			if (list) list.push(i);
			else byKey.set(k, [i]);
		});
	}

	const find = (values: string[]): number | undefined => {
		const same = byRow.get(JSON.stringify(values));
		while (same?.length) {
			const i = same.shift()!;
			if (out[i] === undefined) return i;
		}
		if (keyIndex < 0) return undefined;
		const candidates = (byKey.get(norm(values[keyIndex] ?? '')) ?? []).filter((i) => out[i] === undefined);
		return candidates.length === 1 ? candidates[0] : undefined;
	};

	const read = (text: string | undefined, each: (row: string[], col: (name: string) => string, i: number) => void) => {
		const rows = readCsv(text ?? '');
		if (!rows.length) return;
		const head = rows[0].map((h) => h.toLowerCase());
		const at = (name: string) => head.indexOf(name.toLowerCase());
		const ours = part.header.map((h) => at(h));
		for (const row of rows.slice(1)) {
			const i = find(ours.map((c) => (c >= 0 ? (row[c] ?? '') : '')));
			if (i === undefined) continue;
			each(row, (name) => row[at(name)] ?? '', i);
		}
	};

	read(files.successful, (_row, col, i) => {
		out[i] = { ok: true, id: col('sf__Id'), created: col('sf__Created').toLowerCase() === 'true', jobId };
	});
	read(files.failed, (_row, col, i) => {
		const e = parseBulkError(col('sf__Error'));
		out[i] = { ok: false, error: new SalesforceError({ code: e.code, message: e.message, fields: e.fields, object: context.object, jobId }), jobId };
	});
	read(files.unprocessed, (_row, _col, i) => {
		out[i] = { ok: false, error: context.unprocessed, jobId };
	});
	return out;
}

/**
 * Looks at a job until it is JobComplete, Failed or Aborted, or the timeout has passed: a first wait, then twice as
 * long each time up to a ceiling, and a last look at the deadline (or after `maxPolls` looks). A cancelled execution
 * stops the wait (n8n's `sleep` rejects on the abort signal).
 */
export async function waitForJob<T extends { state?: unknown }>(look: () => Promise<T>, options: BulkWaitOptions = {}): Promise<{ info: T; timedOut: boolean }> {
	const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_BULK_TIMEOUT_MS);
	const ceiling = Math.max(1, options.maxPollIntervalMs ?? DEFAULT_MAX_POLL_MS);
	let delay = Math.min(Math.max(1, options.pollIntervalMs ?? DEFAULT_FIRST_POLL_MS), ceiling);
	for (let looks = 1; ; looks++) {
		await sleep(Math.max(0, Math.min(delay, deadline - Date.now())), options.abortSignal);
		const info = await look();
		if (TERMINAL_STATES.has(String(info.state))) return { info, timedOut: false };
		if (Date.now() >= deadline || (options.maxPolls !== undefined && looks >= options.maxPolls)) return { info, timedOut: true };
		delay = Math.min(delay * 2, ceiling);
	}
}

/** The object a SOQL query reads: the name after its first FROM (Bulk queries select no subqueries before it). */
export function queriedObject(soql: string): string | undefined {
	return /\bFROM\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(soql)?.[1];
}

/** A results column: its path (`Account.Name` -> Account, Name), its field type and each parent's object when known. */
export interface QueryColumn {
	path: string[];
	type?: string;
	/** the object of each relationship on the path (undefined where it is polymorphic or unknown) */
	parents: Array<string | undefined>;
}

/**
 * The type of every results column, from the describes: plain fields of the object, and relationship paths followed
 * through each reference's object (a polymorphic one, such as Owner, through the first target that has the field).
 * A column that cannot be resolved stays text: the query already ran, typing must not fail it.
 */
export async function queryColumns(root: ObjectDescribe, header: string[], describe: (name: string) => Promise<ObjectDescribe>): Promise<QueryColumn[]> {
	const tryDescribe = async (name: string) => await describe(name).catch(() => undefined);
	const has = (d: ObjectDescribe, name: string) => d.fields.some((f) => f.name.toLowerCase() === name || f.relationshipName?.toLowerCase() === name);
	const out: QueryColumn[] = [];
	for (const column of header) {
		const path = column.split('.');
		const parents: Array<string | undefined> = [];
		let current: ObjectDescribe | undefined = root;
		for (let i = 0; i < path.length - 1 && current; i++) {
			const rel = path[i].toLowerCase();
			const ref: ObjectDescribe['fields'][number] | undefined = current.fields.find((f) => f.relationshipName?.toLowerCase() === rel);
			const targets = ref?.referenceTo ?? [];
			let next: ObjectDescribe | undefined;
			for (const target of targets) {
				const d = await tryDescribe(target);
				if (d && has(d, path[i + 1].toLowerCase())) {
					next = d;
					break;
				}
			}
			parents.push(next && targets.length === 1 ? next.name : undefined);
			current = next;
		}
		const leaf = path[path.length - 1].toLowerCase();
		const field = current?.fields.find((f) => f.name.toLowerCase() === leaf);
		while (parents.length < path.length - 1) parents.push(undefined);
		out.push({ path, type: field?.type, parents });
	}
	return out;
}

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** A results cell as REST's JSON has it: empty is null, numbers and booleans typed, datetimes as `…000+0000`. */
export function typedValue(raw: string, type: string | undefined): unknown {
	if (raw === '') return null;
	if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
	if (type && NUMBER_TYPES.has(type)) {
		const n = Number(raw);
		return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
	}
	if (type === 'datetime') {
		const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?(?:Z|\+00:?00)$/.exec(raw);
		if (m) return `${m[1]}${(m[2] ?? '.000').padEnd(4, '0')}+0000`;
	}
	return raw;
}

type Nested = Record<string, unknown>;

const isNested = (v: unknown): v is Nested => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Relationship objects whose cells are all empty become null (REST's null for "no related record"), unless their Id settled it. */
function prune(record: Nested, settled: WeakSet<Nested> = new WeakSet()): boolean {
	let any = false;
	for (const [key, value] of Object.entries(record)) {
		if (key === 'attributes') continue;
		if (isNested(value)) {
			if (prune(value, settled) || settled.has(value)) any = true;
			else record[key] = null;
		} else if (value !== null) any = true;
	}
	return any;
}

function withUrl(attributes: Nested, record: Nested, apiVersion: string): void {
	if (typeof attributes.type === 'string' && typeof record.Id === 'string') attributes.url = `/services/data/v${apiVersion}/sobjects/${attributes.type}/${record.Id}`;
}

/**
 * The `<relationship>.Id` columns to add to a Bulk query so that a related record whose selected fields are all empty
 * is told apart from no related record (REST gives `{Industry: null}` for the one, null for the other; CSV cells are
 * empty for both). One per relationship prefix of the selected paths that does not select its Id already; a prefix
 * that is the object's own name or alias (`Account.Name` FROM Account) is not a relationship.
 */
export function relationshipIdColumns(paths: readonly string[], ownPrefixes: readonly string[]): string[] {
	const own = new Set(ownPrefixes.map((p) => p.toLowerCase()));
	const selected = new Set(paths.map((p) => p.toLowerCase()));
	const out = new Map<string, string>();
	for (const path of paths) {
		let parts = path.split('.');
		if (parts.length > 1 && own.has(parts[0].toLowerCase())) parts = parts.slice(1);
		for (let i = 1; i < parts.length; i++) {
			const id = `${parts.slice(0, i).join('.')}.Id`;
			if (!selected.has(id.toLowerCase()) && !out.has(id.toLowerCase())) out.set(id.toLowerCase(), id);
		}
	}
	return [...out.values()];
}

/**
 * Rows of a query's results as records shaped like REST's: `attributes`, typed values, `Account.Name` nested. A
 * related record is null when its Id column (selected or one of `hidden`, which are dropped) is empty; without an Id
 * column, when all its cells are.
 */
export function typedRecords(columns: QueryColumn[], rows: string[][], object: string, apiVersion: string, hidden: readonly string[] = []): SalesforceRecord[] {
	const hiddenSet = new Set(hidden.map((h) => h.toLowerCase()));
	const idColumns = columns
		.map((c, i) => ({ path: c.path, i, hidden: hiddenSet.has(c.path.join('.').toLowerCase()) }))
		.filter((c) => c.path.length > 1 && c.path[c.path.length - 1].toLowerCase() === 'id')
		// deepest first: a missing grandparent is settled before its parent is looked at
		.sort((a, b) => b.path.length - a.path.length);
	return rows.map((row) => {
		const attributes: Nested = { type: object };
		const record: Nested = { attributes };
		const nestedOnes: Array<[Nested, Nested]> = [];
		columns.forEach((column, i) => {
			let target = record;
			for (let j = 0; j < column.path.length - 1; j++) {
				const key = column.path[j];
				let child = target[key];
				if (!isNested(child)) {
					const childAttributes: Nested = column.parents[j] ? { type: column.parents[j] } : {};
					child = { attributes: childAttributes };
					target[key] = child;
					nestedOnes.push([childAttributes, child as Nested]);
				}
				target = child as Nested;
			}
			target[column.path[column.path.length - 1]] = typedValue(row[i] ?? '', column.type);
		});
		withUrl(attributes, record, apiVersion);
		for (const [a, r] of nestedOnes) withUrl(a, r, apiVersion);
		const settled = new WeakSet<Nested>();
		for (const c of idColumns) {
			let holder: Nested | undefined = record;
			for (let j = 0; j < c.path.length - 2 && holder; j++) {
				const next: unknown = holder[c.path[j]];
				holder = isNested(next) ? next : undefined;
			}
			const key = c.path[c.path.length - 2];
			const related = holder?.[key];
			if (!holder || !isNested(related)) continue;
			if (related.Id === null) holder[key] = null;
			else {
				if (c.hidden) delete related.Id;
				settled.add(related);
			}
		}
		prune(record, settled);
		return record as SalesforceRecord;
	});
}
