/**
 * Bulk API 2.0 ingest jobs ("Bulk API 2.0 and Bulk API Developer Guide": Prepare CSV Files, Relationship Fields in a
 * Header Row, Valid Date Format in Records, Get Job Successful / Failed / Unprocessed Record Results): the uploaded
 * CSV is written record by record through the same store calls as the REST API (insert, update, upsert, delete),
 * so validation and error codes are the REST path's; each record succeeds or fails on its own.
 */
import { SfError } from '../errors';
import { isIdFormat } from '../ids';
import type { Org } from '../org';
import type { FieldDef, ObjectDef } from '../schema/types';
import { findByField, upsertField, upsertOne } from '../routes/sobjects';
import { fieldByName, normalizeValue } from '../validation';
import { COLUMN_DELIMITERS, LINE_ENDINGS, parseCsv, type CsvRow } from './csv';
import { RECORDS_PER_BATCH, bulkState, type IngestJob, type IngestResults } from './jobs';

/** "Prepare CSV Files": a field value of #N/A sets the field to null (an empty value is ignored). */
export const NULL_VALUE = '#N/A';

/** The permission a user needs for hardDelete jobs ("Bulk API Hard Delete"). */
export const HARD_DELETE_PERMISSION = 'BulkApiHardDelete';

type ColumnPlan =
	| { kind: 'field'; name: string; field: FieldDef }
	| { kind: 'relationship'; name: string; refField: FieldDef; target: ObjectDef; keyField: FieldDef };

/** A failed record's sf__Error: `CODE:message:fields --`, as Salesforce writes it. */
export function formatRecordError(e: SfError): string {
	const fields = e.fields?.length ? e.fields.join(',') : '';
	return `${e.errorCode}:${e.message}:${fields}${fields ? ' ' : ''}--`;
}

/** Errors of the REST paths that read differently for a record in a batch (as in sObject Collections). */
function asRecordError(e: unknown): SfError {
	if (e instanceof SfError) {
		if (e.errorCode === 'NOT_FOUND') return new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
		return e;
	}
	const err = e as { errorCode?: unknown; message?: string };
	if (typeof err.errorCode === 'string') return new SfError(400, err.errorCode, err.message ?? '');
	return new SfError(500, 'UNKNOWN_EXCEPTION', e instanceof Error ? e.message : String(e));
}

/**
 * A header cell: a field (`Name`), or a parent by one of its unique fields: `Account.External_Id__c`, or for a
 * polymorphic field `Owner:User.Username` (ObjectType:RelationshipName.IndexedFieldName). Undefined: not a field.
 */
function planColumn(org: Org, def: ObjectDef, name: string): ColumnPlan | undefined {
	const dot = name.indexOf('.');
	if (dot < 0) {
		const field = fieldByName(def, name);
		return field ? { kind: 'field', name, field } : undefined;
	}
	let relPart = name.slice(0, dot);
	const keyName = name.slice(dot + 1);
	let typeName: string | undefined;
	const colon = relPart.indexOf(':');
	if (colon >= 0) {
		typeName = relPart.slice(0, colon);
		relPart = relPart.slice(colon + 1);
	}
	const rel = relPart.toLowerCase();
	const refField = def.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === rel);
	if (!refField) return undefined;
	const candidates = refField.referenceTo.map((t) => org.schemas.get(t)).filter((t): t is ObjectDef => t !== undefined);
	const target = typeName ? candidates.find((t) => t.name.toLowerCase() === typeName.toLowerCase()) : candidates.length === 1 ? candidates[0] : undefined;
	if (!target) return undefined;
	const keyField = fieldByName(target, keyName);
	if (!keyField || !(keyField.name === 'Id' || keyField.externalId || keyField.idLookup || keyField.unique)) return undefined;
	return { kind: 'relationship', name, refField, target, keyField };
}

/** A CSV value for a field, before the REST validation: booleans and `yyyy-MM-ddZ` dates as the Bulk API reads them. */
function csvToValue(f: FieldDef, raw: string): unknown {
	if (raw === NULL_VALUE) return null;
	if (f.type === 'boolean') {
		const l = raw.toLowerCase();
		if (l === 'true' || l === '1') return true;
		if (l === 'false' || l === '0') return false;
	}
	// "Sample CSV File" writes a date as 1940-06-07Z
	if (f.type === 'date' && /^\d{4}-\d{2}-\d{2}Z$/.test(raw)) return raw.slice(0, 10);
	return raw;
}

/** The record fields of one row; empty values are left out (ignored on update, unset on insert). */
function rowFields(org: Org, plans: ColumnPlan[], values: string[]): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	plans.forEach((p, i) => {
		const raw = values[i] ?? '';
		if (raw === '') return;
		if (p.kind === 'field') {
			fields[p.field.name] = csvToValue(p.field, raw);
			return;
		}
		if (raw === NULL_VALUE) {
			fields[p.refField.name] = null;
			return;
		}
		const key = p.keyField.name === 'Id' ? raw : normalizeValue({ [p.keyField.name]: raw }, p.keyField, raw);
		const matches = findByField(org, p.target, p.keyField, key);
		if (matches.length !== 1) {
			const what = matches.length === 0 ? 'not found' : 'matched more than one record';
			throw new SfError(400, 'INVALID_FIELD', `Foreign key external ID: ${raw} ${what} for field ${p.keyField.name} in entity ${p.target.name}`, [p.refField.name]);
		}
		fields[p.refField.name] = matches[0].Id;
	});
	return fields;
}

function takeField(fields: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase());
	if (key === undefined) return undefined;
	const v = fields[key];
	delete fields[key];
	return v;
}

interface RowOutcome {
	id: string;
	created: boolean;
}

function writeRow(org: Org, job: IngestJob, def: ObjectDef, plans: ColumnPlan[], values: string[], userId: string): RowOutcome {
	const fields = rowFields(org, plans, values);
	switch (job.operation) {
		case 'insert': {
			const rec = org.store.insert(def.name, fields, { userId });
			return { id: rec.Id, created: true };
		}
		case 'update': {
			const id = takeField(fields, 'Id');
			if (typeof id !== 'string' || id === '') throw new SfError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', []);
			if (!isIdFormat(id)) throw new SfError(400, 'MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id}`, ['Id']);
			const rec = org.store.update(def.name, id, fields, { userId });
			return { id: rec.Id, created: false };
		}
		case 'upsert': {
			const f = upsertField(def, job.externalIdFieldName ?? '');
			const value = takeField(fields, f.name);
			if (value === undefined || value === null || value === '') throw new SfError(400, 'MISSING_ARGUMENT', `${f.name} not specified`, []);
			if (f.name !== 'Id') {
				const matches = findByField(org, def, f, normalizeValue({ [f.name]: value }, f, value));
				if (matches.length > 1) {
					throw new SfError(400, 'DUPLICATE_EXTERNAL_ID', `${f.name}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [f.name]);
				}
			}
			const outcome = upsertOne(org, def, f, value, fields, userId);
			return { id: outcome.id ?? '', created: outcome.status === 201 };
		}
		case 'delete':
		case 'hardDelete': {
			const id = takeField(fields, 'Id');
			if (typeof id !== 'string' || id === '') throw new SfError(400, 'MISSING_ARGUMENT', 'Id not specified in a delete call', []);
			if (!isIdFormat(id)) throw new SfError(400, 'MALFORMED_ID', `bad id ${id}`, []);
			const found = org.store.lookup(id);
			if (!found || found.objectName !== def.name) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
			const rec = org.store.delete(def.name, id, { userId });
			return { id: rec.Id, created: false };
		}
	}
}

function readRows(job: IngestJob): { header: string[]; headerError?: string; rows: CsvRow[] } {
	const text = job.data ? job.data.toString('utf8') : '';
	return parseCsv(text, COLUMN_DELIMITERS[job.columnDelimiter], LINE_ENDINGS[job.lineEnding]);
}

/** Stops a job without processing its records: they all become unprocessed records. */
export function stopIngestJob(job: IngestJob, state: 'Aborted' | 'Failed', errorMessage?: string): void {
	const { header, rows } = job.data ? readRows(job) : { header: [], rows: [] };
	job.results = { header, successful: [], failed: [], unprocessed: rows.map((r) => header.map((_, i) => r.values[i] ?? '')) };
	job.data = undefined;
	job.state = state;
	if (errorMessage !== undefined) job.errorMessage = errorMessage;
}

/** Processes a job's upload, one record at a time; the job fails as a whole only when the file cannot be read. */
export function runIngestJob(org: Org, job: IngestJob): void {
	const def = org.schemas.get(job.object);
	const { header, headerError, rows } = readRows(job);
	const fail = (message: string) => stopIngestJob(job, 'Failed', message);
	if (!def) return fail(`InvalidBatch : Entity '${job.object}' is not supported by the Bulk API`);
	if (job.data === undefined || header.length === 0) return fail('InvalidBatch : No data was uploaded for the job');
	if (headerError) return fail(`InvalidBatch : The header row could not be read: ${headerError}`);
	const plans: ColumnPlan[] = [];
	const seen = new Set<string>();
	for (const name of header) {
		const plan = planColumn(org, def, name);
		if (!plan) return fail(`InvalidBatch : Field name not found : ${name}`);
		const key = plan.kind === 'field' ? plan.field.name.toLowerCase() : plan.name.toLowerCase();
		if (seen.has(key)) return fail(`InvalidBatch : Duplicate field name : ${name}`);
		seen.add(key);
		plans.push(plan);
	}

	// "Understanding Bulk API 2.0 Ingest": one batch per 10,000 records, against DailyBulkApiBatches
	const batches = { ...bulkState(org).allocations.batches };
	const needed = Math.max(1, Math.ceil(rows.length / RECORDS_PER_BATCH));
	if (batches.used + needed > batches.max) {
		return fail('ExceededQuota : The daily allocation of Bulk API batches (DailyBulkApiBatches) is used up');
	}
	bulkState(org).allocations.batches.used += needed;

	const results: IngestResults = { header, successful: [], failed: [], unprocessed: [] };
	// a malformed row is reported with what could be read of it, one value per header column
	const fit = (values: string[]) => header.map((_, i) => values[i] ?? '');
	const hardDeleted: string[] = [];
	for (const row of rows) {
		if (row.error) {
			results.failed.push({ id: '', error: `ClientInputError:Line ${row.line}: ${row.error}:--`, values: fit(row.values) });
			continue;
		}
		if (row.values.length !== header.length) {
			const msg = `Line ${row.line}: the row has ${row.values.length} values, the header ${header.length} columns`;
			results.failed.push({ id: '', error: `ClientInputError:${msg}:--`, values: fit(row.values) });
			continue;
		}
		const idIndex = header.findIndex((h) => h.toLowerCase() === 'id');
		const givenId = idIndex >= 0 ? (row.values[idIndex] ?? '') : '';
		try {
			const outcome = org.store.transaction(() => writeRow(org, job, def, plans, row.values, job.createdById));
			results.successful.push({ id: outcome.id, created: outcome.created, values: row.values });
			if (job.operation === 'hardDelete') hardDeleted.push(outcome.id);
		} catch (e) {
			results.failed.push({ id: job.operation === 'insert' ? '' : givenId, error: formatRecordError(asRecordError(e)), values: row.values });
		}
	}
	// hardDelete: the records skip the Recycle Bin, so queryAll no longer finds them
	if (hardDeleted.length > 0) org.store.removeSystemRecords(hardDeleted);
	job.results = results;
	job.data = undefined;
	job.numberRecordsProcessed = results.successful.length + results.failed.length;
	job.numberRecordsFailed = results.failed.length;
}
