/**
 * What a Bulk API 2.0 query job can run ("Bulk API 2.0 and Bulk API Developer Guide": Create a Query Job): a lexical
 * look at a checked SELECT (composed by the query model or raw SOQL that passed checkRawSoql) for the clauses Bulk
 * refuses, and its field list as paths, which the client needs to type the CSV columns the way REST types JSON.
 * Salesforce stays the judge: what this scan lets through and Salesforce refuses, Auto reads through REST instead.
 */

import { soqlWords } from './raw';

/** A clause or item of the query that Bulk API 2.0 does not run, with where it starts. */
export interface BulkQueryProblem {
	/** what it is, for a message: "a subquery (parent-to-child relationship)" */
	what: string;
	/** 0-based offset in the SOQL */
	position: number;
	/** the field concerned, when there is one (a compound field) */
	field?: string;
}

/** The SELECT list of a query: plain field paths (`Name`, `Account.Owner.Email`) and whether anything else is in it. */
export interface SelectList {
	paths: string[];
	/** the queried object's own name or alias, as it may prefix paths (`Account.Name` FROM Account) */
	prefixes: string[];
}

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const KEYWORDS = new Set(['WHERE', 'WITH', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'FOR', 'USING', 'HAVING', 'UPDATE']);

/**
 * The first thing in the query that Bulk API 2.0 refuses or that its CSV cannot give back as REST's JSON does:
 * GROUP BY, HAVING, OFFSET, TYPEOF, FOR VIEW / REFERENCE / UPDATE, subqueries (parent-to-child), aggregate functions,
 * FIELDS(), and any other function in the field list (toLabel, FORMAT, convertCurrency: their columns could not be
 * typed). Compound fields need the describe: see compoundFieldProblem.
 */
export function bulkQueryProblem(soql: string): BulkQueryProblem | undefined {
	const all = soqlWords(soql);
	const top = all.filter((w) => w.depth === 0);
	const from = top.find((w) => w.word.toUpperCase() === 'FROM');
	const fromPos = from?.pos ?? soql.length;
	for (const w of all) {
		const upper = w.word.toUpperCase();
		const inSelect = w.pos < fromPos;
		if (w.depth === 0) {
			if (upper === 'GROUP') return { what: 'GROUP BY', position: w.pos };
			if (upper === 'HAVING') return { what: 'HAVING', position: w.pos };
			if (upper === 'OFFSET') return { what: 'OFFSET', position: w.pos };
			if (upper === 'TYPEOF') return { what: 'TYPEOF', position: w.pos };
			if (upper === 'FOR' && !inSelect) return { what: `FOR ${(top[top.indexOf(w) + 1]?.word ?? '').toUpperCase()}`.trim(), position: w.pos };
		}
		if (!inSelect) continue;
		if (upper === 'SELECT' && w.depth > 0) return { what: 'a subquery (a parent-to-child relationship)', position: w.pos };
		if (w.call) {
			if (AGGREGATES.has(upper)) return { what: `the aggregate function ${upper}()`, position: w.pos };
			if (upper === 'FIELDS') return { what: 'FIELDS()', position: w.pos };
			return { what: `the function ${w.word}() in the field list`, position: w.pos };
		}
	}
	return undefined;
}

/** The plain field paths of the SELECT list (nothing else is in it once bulkQueryProblem found nothing). */
export function selectList(soql: string): SelectList {
	const all = soqlWords(soql);
	const from = all.find((w) => w.depth === 0 && w.word.toUpperCase() === 'FROM');
	const paths = all.filter((w) => w.depth === 0 && (!from || w.pos < from.pos) && w.word.toUpperCase() !== 'SELECT').map((w) => w.word);
	const after = from ? all.filter((w) => w.depth === 0 && w.pos > from.pos) : [];
	const prefixes = [after[0]?.word, after[1] && !KEYWORDS.has(after[1].word.toUpperCase()) ? after[1].word : undefined].filter((p): p is string => !!p);
	return { paths, prefixes };
}

/** A compound field (address, geolocation) among the object's own selected fields: Bulk API 2.0 refuses them. */
export function compoundFieldProblem(soql: string, fields: ReadonlyArray<{ name: string; type: string }>): BulkQueryProblem | undefined {
	const compound = new Map(fields.filter((f) => f.type === 'address' || f.type === 'location').map((f) => [f.name.toLowerCase(), f.name]));
	if (!compound.size) return undefined;
	const { prefixes } = selectList(soql);
	const own = new Set(prefixes.map((p) => p.toLowerCase()));
	for (const w of soqlWords(soql)) {
		if (w.depth !== 0) continue;
		if (w.word.toUpperCase() === 'FROM') break;
		const parts = w.word.split('.');
		const name = parts.length === 2 && own.has(parts[0].toLowerCase()) ? parts[1] : parts.length === 1 ? parts[0] : undefined;
		const field = name ? compound.get(name.toLowerCase()) : undefined;
		if (field) return { what: `the compound field ${field}`, position: w.pos, field };
	}
	return undefined;
}
