/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with a suffix that encodes the case of the first 15
 * (so an 18-character id whose suffix does not match has a typo in its letter case).
 */
import { InputError } from './inputError';

export const ID_HINT =
	'A Salesforce record ID has 15 or 18 letters and digits and starts with the 3-character prefix of its object (e.g. 001 for Account, 003 for Contact).';

/** The 15/18 letters-and-digits shape, as a regex source for the editor's validation too. */
export const ID_PATTERN = '^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$';
const ID = new RegExp(ID_PATTERN);

export function isIdFormat(value: string): boolean {
	return ID.test(value);
}

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix that makes a 15-character id case-insensitive. */
export function idChecksum(id15: string): string {
	let suffix = '';
	for (let block = 0; block < 3; block++) {
		let bits = 0;
		for (let i = 0; i < 5; i++) {
			const c = id15.charCodeAt(block * 5 + i);
			if (c >= 65 && c <= 90) bits |= 1 << i;
		}
		suffix += SUFFIX_CHARS[bits];
	}
	return suffix;
}

/** An 18-character id whose suffix fits its first 15 characters (compared case-insensitively, as Salesforce does). */
export function hasValidChecksum(id: string): boolean {
	return id.length !== 18 || idChecksum(id.slice(0, 15)) === id.slice(15).toUpperCase();
}

/** A record id for `object` (key prefix checked when known), or an InputError naming the problem. */
export function validateRecordId(raw: unknown, object: { name: string; keyPrefix?: string | null }, what = 'Record ID'): string {
	if (raw !== null && typeof raw === 'object') {
		throw new InputError(`${what} is an object or a list, not an ID`, `Map a single ID, e.g. {{ $json.Id }}.`);
	}
	const id = String(raw ?? '').trim();
	if (id === '') throw new InputError(`${what} is empty`, `Map the ID of the ${object.name} record, e.g. {{ $json.Id }}.`);
	if (!isIdFormat(id)) {
		throw new InputError(
			`${what} "${id}" is not a Salesforce ID`,
			`A Salesforce ID has 15 or 18 letters and digits${object.keyPrefix ? ` and ${object.name} IDs start with ${object.keyPrefix}` : ''}.`,
		);
	}
	if (!hasValidChecksum(id)) {
		throw new InputError(
			`${what} "${id}" has a wrong checksum (its last 3 characters do not match the first 15)`,
			`The letter case of the ID was probably changed. Copy the ID again from Salesforce; the 15-character form is "${id.slice(0, 15)}" only if its case is right.`,
		);
	}
	if (object.keyPrefix && !id.startsWith(object.keyPrefix)) {
		throw new InputError(
			`${what} "${id}" is not an ID of ${object.name}`,
			`${object.name} IDs start with "${object.keyPrefix}"; this one starts with "${id.slice(0, 3)}", so it belongs to another object.`,
		);
	}
	return id;
}
