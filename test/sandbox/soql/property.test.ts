import fc from 'fast-check';

import { executeSoql } from './index';
import { makeOrg } from './test-fixtures';

/** The documented SOQL string escaping, written independently of the engine. */
function escapeSoql(s: string, forLike = false): string {
	let out = '';
	for (const ch of s) {
		switch (ch) {
			case '\\':
				out += '\\\\';
				break;
			case "'":
				out += "\\'";
				break;
			case '"':
				out += '\\"';
				break;
			case '\n':
				out += '\\n';
				break;
			case '\r':
				out += '\\r';
				break;
			case '\t':
				out += '\\t';
				break;
			case '\b':
				out += '\\b';
				break;
			case '\f':
				out += '\\f';
				break;
			case '%':
			case '_':
				out += forLike ? `\\${ch}` : ch;
				break;
			default:
				out += ch;
		}
	}
	return out;
}

const nameArb = fc.string({ minLength: 1, maxLength: 40, unit: 'binary' });
const asciiNameArb = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'B', 'c', '%', '_', "'", '\\', ' ', 'é', '\n') });

describe('properties', () => {
	it("a record with Name = s is found by Name = '<escaped s>'", () => {
		fc.assert(
			fc.property(nameArb, fc.array(nameArb, { maxLength: 5 }), (s, others) => {
				const org = makeOrg();
				const target = org.add('Account', { Name: s });
				for (const o of others) org.add('Account', { Name: o });
				const res = executeSoql(`SELECT Id, Name FROM Account WHERE Name = '${escapeSoql(s)}'`, org.ctx);
				expect(res.records.map((r) => r.Id)).toContain(target.Id);
				for (const r of res.records) expect(String(r.Name).toLowerCase()).toBe(s.toLowerCase());
			}),
			{ numRuns: 200 },
		);
	});

	it('LIKE without wildcards is case-insensitive equality', () => {
		fc.assert(
			fc.property(fc.oneof(asciiNameArb, nameArb), fc.array(fc.oneof(asciiNameArb, nameArb), { maxLength: 6 }), (s, others) => {
				const org = makeOrg();
				for (const n of [...others, s.toUpperCase(), s]) org.add('Account', { Name: n });
				const like = executeSoql(`SELECT Id FROM Account WHERE Name LIKE '${escapeSoql(s, true)}'`, org.ctx).records.map((r) => r.Id);
				const eq = executeSoql(`SELECT Id FROM Account WHERE Name = '${escapeSoql(s)}'`, org.ctx).records.map((r) => r.Id);
				expect(like).toEqual(eq);
			}),
			{ numRuns: 200 },
		);
	});

	it('ORDER BY returns a sorted permutation of the filtered records', () => {
		const rowArb = fc.record({
			name: fc.option(asciiNameArb, { nil: null }),
			revenue: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
		});
		fc.assert(
			fc.property(
				fc.array(rowArb, { maxLength: 15 }),
				fc.integer({ min: -5, max: 5 }),
				fc.constantFrom('ASC', 'DESC'),
				fc.constantFrom('', ' NULLS FIRST', ' NULLS LAST'),
				(rows, min, dir, nulls) => {
					const org = makeOrg();
					const added = rows.map((r) => org.add('Account', { Name: r.name, AnnualRevenue: r.revenue }));
					const res = executeSoql(
						`SELECT Id, Name, AnnualRevenue FROM Account WHERE AnnualRevenue >= ${min} OR AnnualRevenue = null ORDER BY Name ${dir}${nulls}`,
						org.ctx,
					);
					const expectedIds = added.filter((r) => r.AnnualRevenue === null || (r.AnnualRevenue as number) >= min).map((r) => r.Id);
					expect(res.records.map((r) => r.Id).sort()).toEqual(expectedIds.sort());
					const nullsFirst = nulls ? nulls === ' NULLS FIRST' : dir === 'ASC';
					const rank = (v: unknown) => (v === null ? (nullsFirst ? -Infinity : Infinity) : 0);
					for (let i = 1; i < res.records.length; i++) {
						const a = res.records[i - 1].Name as string | null;
						const b = res.records[i].Name as string | null;
						if (a === null || b === null) {
							expect(rank(a)).toBeLessThanOrEqual(rank(b) === 0 && b !== null ? 0 : rank(b));
							if (a !== null && b === null) expect(nullsFirst).toBe(false);
							if (a === null && b !== null) expect(nullsFirst).toBe(true);
							continue;
						}
						const [x, y] = [a.toLowerCase(), b.toLowerCase()];
						if (dir === 'ASC') expect(x <= y).toBe(true);
						else expect(x >= y).toBe(true);
					}
				},
			),
			{ numRuns: 200 },
		);
	});

	it('OFFSET and LIMIT slice the ordered result', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 }), (count, limit, offset) => {
				const org = makeOrg();
				for (let i = 0; i < count; i++) org.add('Account', { Name: `n${String(i).padStart(2, '0')}`, NumberOfEmployees: i });
				const all = executeSoql('SELECT Name FROM Account ORDER BY NumberOfEmployees DESC', org.ctx).records.map((r) => r.Name);
				const page = executeSoql(`SELECT Name FROM Account ORDER BY NumberOfEmployees DESC LIMIT ${limit} OFFSET ${offset}`, org.ctx);
				expect(page.records.map((r) => r.Name)).toEqual(all.slice(offset, offset + limit));
				expect(executeSoql(`SELECT COUNT() FROM Account WHERE NumberOfEmployees < ${limit}`, org.ctx).totalSize).toBe(Math.min(count, limit));
			}),
			{ numRuns: 100 },
		);
	});
});
