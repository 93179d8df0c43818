/**
 * Which event a record version is. A version is `(Id, ts)` with ts the cursor field; the decision reads only that
 * version (CreatedDate and the change timestamp), so it is the same on every poll that reads it.
 */
import type { CursorField, TriggerEvent } from './options';
import { RECORD_ID } from './state';
import { isoSeconds, parseSalesforceDateTime, type Seconds } from './time';

export type ChangeEvent = 'created' | 'updated';

export interface ChangeItem {
	event: ChangeEvent;
	id: string;
	/** The cursor field's value (CreatedDate for On New Record), `2026-05-20T14:30:00Z`. */
	changedAt: string;
	createdDate: string;
	/** The record as Salesforce returned it, with its timestamp fields. */
	record: Record<string, unknown>;
}

export interface RecordVersion {
	id: string;
	ts: Seconds;
	created: Seconds;
}

/** A record the trigger cannot place (no id, a missing or malformed timestamp): it would block the cursor. */
export class TriggerDataError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TriggerDataError';
	}
}

export function readVersion(record: Record<string, unknown>, cursorField: CursorField): RecordVersion {
	const id = record.Id;
	if (typeof id !== 'string' || !RECORD_ID.test(id)) {
		throw new TriggerDataError(`A record came back without a valid Id (${JSON.stringify(id)})`);
	}
	const created = parseSalesforceDateTime(record.CreatedDate);
	const ts = cursorField === 'CreatedDate' ? created : parseSalesforceDateTime(record[cursorField]);
	if (created === undefined || ts === undefined) {
		const field = created === undefined ? 'CreatedDate' : cursorField;
		throw new TriggerDataError(`Record ${id} has no readable ${field} (${JSON.stringify(record[field])})`);
	}
	return { id, ts, created };
}

/**
 * The event this version fires, or null. "Updated" means changed after creation, which includes a record created
 * and then edited between two polls; an edit in the creation's own second cannot be told from the creation.
 */
export function eventFor(version: RecordVersion, event: TriggerEvent): ChangeEvent | null {
	const edited = version.ts > version.created;
	switch (event) {
		case 'new':
			return 'created';
		case 'updated':
			return edited ? 'updated' : null;
		case 'newOrUpdated':
			return edited ? 'updated' : 'created';
	}
}

export function toItem(record: Record<string, unknown>, version: RecordVersion, event: ChangeEvent): ChangeItem {
	return { event, id: version.id, changedAt: isoSeconds(version.ts), createdDate: isoSeconds(version.created), record };
}
