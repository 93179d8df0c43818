/**
 * Positions in the query text, for Salesforce's error format: the offending row echoed, a caret under the
 * column, then `ERROR at Row:r:Column:c` and the message. The parser gives no positions, so a small scanner
 * finds tokens again in the raw text.
 */
import { SoqlError, type SoqlErrorCode } from './types';

export type TokenKind = 'word' | 'string' | 'punct';

export interface Token {
	kind: TokenKind;
	text: string;
	offset: number;
}

/** Words (identifiers, dotted paths, numbers, date/datetime literals), quoted strings, punctuation. */
export function scan(soql: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < soql.length) {
		const c = soql[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === "'") {
			let j = i + 1;
			while (j < soql.length && soql[j] !== "'") j += soql[j] === '\\' ? 2 : 1;
			tokens.push({ kind: 'string', text: soql.slice(i, j + 1), offset: i });
			i = j + 1;
		} else if (/[\w.$:+-]/.test(c)) {
			let j = i;
			// Datetimes carry ':' and '+'/'-'; identifiers and dotted paths do not start with them.
			while (j < soql.length && /[\w.:+-]/.test(soql[j])) j++;
			if (j === i) j = i + 1;
			tokens.push({ kind: 'word', text: soql.slice(i, j), offset: i });
			i = j;
		} else {
			const two = soql.slice(i, i + 2);
			const len = ['!=', '<>', '<=', '>='].includes(two) ? 2 : 1;
			tokens.push({ kind: 'punct', text: soql.slice(i, i + len), offset: i });
			i += len;
		}
	}
	return tokens;
}

/** Salesforce's positioned message: the row, a caret, `ERROR at Row:r:Column:c`, then the text. */
export function positioned(soql: string, offset: number, message: string): string {
	const clamped = Math.max(0, Math.min(offset, soql.length));
	const before = soql.slice(0, clamped);
	const row = before.split('\n').length;
	const lineStart = before.lastIndexOf('\n') + 1;
	const lineEnd = soql.indexOf('\n', clamped);
	const line = soql.slice(lineStart, lineEnd === -1 ? soql.length : lineEnd);
	const col = clamped - lineStart + 1;
	return `\n${line}\n${' '.repeat(col - 1)}^\nERROR at Row:${row}:Column:${col}\n${message}`;
}

export function errorAt(code: SoqlErrorCode, soql: string, offset: number, message: string): SoqlError {
	return new SoqlError(code, positioned(soql, offset, message));
}

/** Offset of the first word token equal (case-insensitively) to `text` at or after `from`; `from` if none. */
export function findWord(tokens: Token[], text: string, from = 0): number {
	const wanted = text.toLowerCase();
	const hit = tokens.find((t) => t.offset >= from && t.kind === 'word' && t.text.toLowerCase() === wanted);
	return hit ? hit.offset : from;
}

/** Offset of a clause keyword (`FROM`, `WHERE`, ...) at the top level, i.e. outside parentheses. */
export function findKeyword(tokens: Token[], keyword: string): number | undefined {
	let depth = 0;
	for (const t of tokens) {
		if (t.kind === 'punct' && t.text === '(') depth++;
		else if (t.kind === 'punct' && t.text === ')') depth--;
		else if (depth === 0 && t.kind === 'word' && t.text.toUpperCase() === keyword) return t.offset;
	}
	return undefined;
}
