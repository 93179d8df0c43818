/**
 * A check of user-written SOQL (the "SOQL Query" operation) before it is sent: one SELECT statement, nothing chained.
 * Salesforce stays the judge of the grammar; this is a lexical scan (string literals, parentheses, statement
 * separators) that catches what would otherwise fail late or be mistaken for something else, with positions.
 * Why not a full parser: see docs/query-model.md ("Raw SOQL").
 */
import { positionedError, QueryInputError, quoted } from './errors';
import { checkQueryLength, type UrlOptions } from './select';

export interface RawSoqlCheck {
	/** The statement to send: trimmed, without a trailing semicolon */
	soql: string;
	/** The object after the top-level FROM */
	object: string;
}

/** Escapes Salesforce accepts after a backslash inside quotes ("Quoted String Escape Sequences") */
const VALID_ESCAPES = new Set(['n', 'N', 'r', 'R', 't', 'T', 'b', 'B', 'f', 'F', '"', "'", '\\', '_', '%']);

function rawError(what: string, text: string, position: number, hint: string): QueryInputError {
	return positionedError(`SOQL: ${what}`, text, position, hint, { input: 'soql' });
}

/** A word outside string literals, as written (a dotted path whole), with its offset and parenthesis depth. */
export interface SoqlWord {
	word: string;
	pos: number;
	depth: number;
	/** the next character that is not a space is "(": a function call or a subquery's parenthesis follows */
	call: boolean;
}

interface Scan {
	words: SoqlWord[];
	/** Offset of a top-level semicolon followed by more text, if any */
	chained?: number;
	/** Where the statement ends (a trailing semicolon and spaces cut off) */
	end: number;
}

const CALL = /\s*\(/y;

function scan(text: string): Scan {
	const words: SoqlWord[] = [];
	const open: number[] = [];
	let end = text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === "'") {
			const start = i;
			for (i++; i < text.length && text[i] !== "'"; i++) {
				if (text[i] !== '\\') continue;
				const next = text[i + 1];
				if (next === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
						throw rawError('\\u must be followed by 4 hexadecimal digits', text, i, 'Write a Unicode escape as \\u00e9, or the character itself.');
					}
					i += 5;
				} else if (next === undefined || !VALID_ESCAPES.has(next)) {
					throw rawError(
						`"\\${next ?? ''}" is not a valid escape in a string`,
						text,
						i,
						"Inside quotes a backslash may only start \\' \\\" \\\\ \\n \\r \\t \\b \\f \\uXXXX (and \\% \\_ in LIKE). Write a backslash as \\\\.",
					);
				} else i++;
			}
			if (i >= text.length) throw rawError('the string that starts here is never closed', text, start, "Close it with ', and write a quote inside a string as \\'.");
			continue;
		}
		if (c === '(') open.push(i);
		else if (c === ')') {
			if (open.pop() === undefined) throw rawError('")" without a matching "("', text, i, 'Remove it or add the missing "(".');
		} else if (c === ';') {
			if (text.slice(i + 1).trim() !== '') {
				throw rawError('only one statement can be sent', text, i, 'Remove the ";" and what follows: Salesforce runs one SELECT per query (SOQL has no statement separator).');
			}
			end = i;
			break;
		} else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*')) {
			throw rawError('comments are not part of SOQL', text, i, 'Remove the comment.');
		} else if (c === ':' && /[A-Za-z_]/.test(text[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
			throw rawError('bind variables (:name) only work in Apex', text, i, 'Put the value into the query itself, quoted and escaped for text (see docs/query-model.md).');
		} else if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_.]/.test(text[i - 1] ?? '')) {
			const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
			const word = m ? m[0] : c;
			CALL.lastIndex = i + word.length;
			words.push({ word, pos: i, depth: open.length, call: CALL.test(text) });
			i += word.length - 1;
		}
	}
	if (open.length) throw rawError('"(" is never closed', text, open[open.length - 1], 'Add the missing ")".');
	return { words, end };
}

/**
 * The words of a SOQL statement that checkRawSoql accepts or the query model composed (anything else throws its
 * QueryInputError): what the Bulk API check reads the query's clauses and field list from.
 */
export function soqlWords(text: string): SoqlWord[] {
	return scan(text).words;
}

/**
 * Checks raw SOQL: a single SELECT ... FROM statement with closed strings, valid escapes and balanced parentheses, no
 * `;`-chained statements, no comments, no Apex bind variables, and short enough for the request URL. A trailing `;`
 * is dropped. Returns the SOQL to send and its object; throws QueryInputError with the position otherwise.
 */
export function checkRawSoql(text: unknown, options: UrlOptions = {}): RawSoqlCheck {
	if (typeof text !== 'string' || text.trim() === '') {
		throw new QueryInputError('The SOQL query is empty', 'Enter a query such as SELECT Id, Name FROM Account WHERE Name LIKE \'A%\'.', { input: 'soql' });
	}
	const start = text.length - text.trimStart().length;
	const scanned = scan(text);
	const end = scanned.end;
	// the statement's own keywords: top-level words, a dotted path by its first name
	const words = scanned.words.filter((w) => w.depth === 0).map((w) => ({ word: w.word.split('.')[0].toUpperCase(), pos: w.pos }));
	const soql = text.slice(start, end).trim();
	const first = words[0];
	if (!first || first.word !== 'SELECT' || first.pos !== start) {
		const word = first?.pos === start ? first.word : text.trimStart()[0];
		const hint =
			word === 'FIND'
				? 'That is SOSL (search), which this operation does not run. Write a SOQL SELECT.'
				: 'Only SELECT queries can be run: SOQL reads records; to change them use the Create, Update or Delete operations.';
		throw rawError(`a query starts with SELECT, not ${quoted(word)}`, text, start, hint);
	}
	const from = words.find((w) => w.word === 'FROM');
	const objectMatch = from ? /^FROM\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(text.slice(from.pos)) : null;
	if (!from || !objectMatch) {
		throw rawError('the query has no FROM with an object', text, from?.pos ?? end, 'Add FROM and the object to read, e.g. SELECT Id FROM Account.');
	}
	checkQueryLength(soql, options);
	return { soql, object: objectMatch[1] };
}
