import fc from 'fast-check';
import { isIdFormat, newId, sameId, to15, to18 } from './ids';

const id15 = fc.stringMatching(/^[a-zA-Z0-9]{15}$/);
const prefix = fc.stringMatching(/^[a-zA-Z0-9]{3}$/);
const seq = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('record ids', () => {
	it('computes the documented case-checksum suffix for known ids', () => {
		// chunk "Gv7qJ": G (bit 0) + J (bit 4) = 17 -> 'R'; the other chunks have no uppercase -> 'A'
		expect(to18('0015000000Gv7qJ')).toBe('0015000000Gv7qJAAR');
		// "001A0": A at index 3 -> 8 -> 'I'; "6Vm9r": V at index 1 -> 2 -> 'C'
		expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
		// all-uppercase chunks -> 31 -> '5'; "500AB" -> 8 + 16 = 24 -> 'Y'
		expect(to18('500ABCDEFGHIJKL')).toBe('500ABCDEFGHIJKLY55');
		expect(to18('000000000000000')).toBe('000000000000000AAA');
	});

	it('round-trips 15 -> 18 -> 15 and recognises both forms as the same record', () => {
		fc.assert(
			fc.property(id15, (x) => {
				const long = to18(x);
				expect(long).toHaveLength(18);
				expect(long.slice(0, 15)).toBe(x);
				expect(to15(long)).toBe(x);
				expect(to18(long)).toBe(long);
				expect(isIdFormat(x)).toBe(true);
				expect(isIdFormat(long)).toBe(true);
				expect(sameId(x, long)).toBe(true);
				expect(sameId(long, x)).toBe(true);
			}),
		);
	});

	it('rejects an 18-char id whose suffix does not match the case of its first 15', () => {
		fc.assert(
			fc.property(id15, fc.integer({ min: 0, max: 14 }), (x, i) => {
				const c = x[i];
				fc.pre(/[a-zA-Z]/.test(c));
				const flipped = x.slice(0, i) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + x.slice(i + 1);
				const forged = flipped + to18(x).slice(15);
				expect(isIdFormat(forged)).toBe(false);
				// 15-char ids are case-sensitive: a case change names another record
				expect(sameId(x, flipped)).toBe(false);
			}),
		);
	});

	it('accepts the suffix in lower case (18-char ids are case-insensitive in their suffix)', () => {
		expect(isIdFormat('0015000000Gv7qJaar')).toBe(true);
	});

	it('rejects malformed ids', () => {
		for (const bad of ['', '001', '0015000000Gv7q', '0015000000Gv7qJA', '0015000000Gv7qJAA', '0015000000Gv7q-AAR', '0015000000Gv7qJAARX'])
			expect(isIdFormat(bad)).toBe(false);
		expect(isIdFormat(42 as unknown as string)).toBe(false);
		expect(sameId('bad', 'bad')).toBe(false);
		expect(() => to18('short')).toThrow();
		expect(() => to15('0015000000Gv7qJ!!!')).toThrow();
	});

	it('newId builds valid 18-char ids with the key prefix, distinct per sequence', () => {
		fc.assert(
			fc.property(prefix, seq, seq, (p, a, b) => {
				const ia = newId(p, a);
				expect(ia).toHaveLength(18);
				expect(ia.startsWith(p)).toBe(true);
				expect(isIdFormat(ia)).toBe(true);
				expect(to18(to15(ia))).toBe(ia);
				expect(sameId(ia, newId(p, b))).toBe(a === b);
			}),
		);
		expect(newId('001', 1)).toBe('0018d0000000001AAA');
		expect(newId('001', 62)).toBe('0018d0000000010AAA');
		expect(() => newId('01', 1)).toThrow();
		expect(() => newId('001', -1)).toThrow();
		expect(() => newId('001', 62 ** 9)).toThrow();
	});
});
