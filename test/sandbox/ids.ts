/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix, 2-char pod, 1 reserved char, 9-char
 * base-62 number) plus, in the 18-char form, a 3-char suffix that encodes the case of the first 15 so that the
 * id survives case-insensitive systems.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Pod and reserved characters of the sandbox org's ids (a real org has its instance's pod here) */
const POD = '8d0';

const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-char checksum suffix of a 15-char id: per 5-char chunk, bit i set when char i is an uppercase letter */
function checksum(id15: string): string {
	let suffix = '';
	for (let chunk = 0; chunk < 3; chunk++) {
		let bits = 0;
		for (let i = 0; i < 5; i++) {
			const c = id15.charCodeAt(chunk * 5 + i);
			if (c >= 65 && c <= 90) bits |= 1 << i;
		}
		suffix += SUFFIX_CHARS[bits];
	}
	return suffix;
}

/** The 18-char id of record number `seq` of the object with this key prefix */
export function newId(keyPrefix: string, seq: number): string {
	if (!/^[a-zA-Z0-9]{3}$/.test(keyPrefix)) throw new Error(`Invalid key prefix '${keyPrefix}'`);
	if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`Invalid id sequence ${seq}`);
	let n = seq;
	let digits = '';
	do {
		digits = BASE62[n % 62] + digits;
		n = Math.floor(n / 62);
	} while (n > 0);
	if (digits.length > 9) throw new Error(`Id sequence ${seq} does not fit in 9 base-62 digits`);
	return to18(keyPrefix + POD + digits.padStart(9, '0'));
}

/** 15-char id -> 18-char id; an 18-char id is returned with its suffix recomputed */
export function to18(id15: string): string {
	const base = id15.length === 18 ? id15.slice(0, 15) : id15;
	if (!ID_15.test(base)) throw new Error(`Invalid id '${id15}'`);
	return base + checksum(base);
}

/** 18-char (or 15-char) id -> its case-sensitive 15-char form */
export function to15(id: string): string {
	if (!ID_15.test(id) && !ID_18.test(id)) throw new Error(`Invalid id '${id}'`);
	return id.slice(0, 15);
}

/** 15 alphanumerics, or 18 whose suffix matches the case of the first 15 (the suffix compares case-insensitively, as Salesforce does) */
export function isIdFormat(id: string): boolean {
	if (typeof id !== 'string') return false;
	if (ID_15.test(id)) return true;
	if (!ID_18.test(id)) return false;
	return checksum(id.slice(0, 15)) === id.slice(15).toUpperCase();
}

/** Whether two ids (15 or 18 chars) name the same record: the first 15 characters compared case-sensitively */
export function sameId(a: string, b: string): boolean {
	if (!isIdFormat(a) || !isIdFormat(b)) return false;
	return a.slice(0, 15) === b.slice(0, 15);
}
