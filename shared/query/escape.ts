/**
 * The one place where values and names become SOQL text. Per Salesforce's "Quoted String Escape Sequences": inside
 * quotes a backslash starts an escape (\n \r \t \b \f \" \' \\ \uXXXX), and in LIKE patterns \% and \_ match the
 * characters themselves; any other backslash is an error. jsforce's own builder escapes only the quote, which is not
 * enough (a trailing backslash breaks out of the quotes). Names cannot be quoted in SOQL, so they are checked instead.
 * Renderers of unquoted literals (numbers, dates) re-check their input, so nothing unvalidated is ever emitted.
 */

const ESCAPES: Record<string, string> = {
	'\\': '\\\\',
	"'": "\\'",
	'"': '\\"',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\b': '\\b',
	'\f': '\\f',
};

function unicodeEscape(code: number): string {
	return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The body of a SOQL string literal, without the quotes: what to put between `'…'` in a hand-written query.
 * Named escapes first; other control characters, line separators and lone surrogates as \uXXXX, so every JavaScript
 * string has a literal that no lexer splits (and that encodeURIComponent, which throws on lone surrogates, accepts).
 * Exported for users' documentation (raw SOQL); the node itself always goes through soqlString.
 */
export function escapeSoqlString(value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const c = value[i];
		const code = value.charCodeAt(i);
		const named = ESCAPES[c];
		if (named) out += named;
		else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) out += unicodeEscape(code);
		else if (code >= 0xd800 && code <= 0xdbff) {
			const next = value.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				out += c + value[i + 1];
				i++;
			} else out += unicodeEscape(code);
		} else if (code >= 0xdc00 && code <= 0xdfff) out += unicodeEscape(code);
		else out += c;
	}
	return out;
}

/** A string value as a quoted SOQL literal. */
export function soqlString(value: string): string {
	return `'${escapeSoqlString(value)}'`;
}

/** A string to match literally inside a LIKE pattern (wildcards escaped); wrap with % yourself. */
export function soqlLikeContent(value: string): string {
	return escapeSoqlString(value).replace(/[%_]/g, (c) => `\\${c}`);
}

/** `'%value%'`: contains, case-insensitive as SOQL LIKE is. */
export function soqlContains(value: string): string {
	return `'%${soqlLikeContent(value)}%'`;
}

export function soqlStartsWith(value: string): string {
	return `'${soqlLikeContent(value)}%'`;
}

export function soqlEndsWith(value: string): string {
	return `'%${soqlLikeContent(value)}'`;
}

/** Thrown when code (not a user) hands a renderer something that was not validated first. */
function unsafe(kind: string, value: string): never {
	throw new Error(`Refusing to write an unvalidated ${kind} into SOQL: ${JSON.stringify(value).slice(0, 80)}`);
}

const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const TIME_LITERAL = /^\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const RELATIVE_DATE = /^[A-Z][A-Z0-9_]*$/;

/** A number in plain decimal notation (no exponent, no grouping): `-12.5`. */
export function soqlNumber(text: string): string {
	return NUMBER_LITERAL.test(text) ? text : unsafe('number', text);
}

/** `YYYY-MM-DD`, unquoted as SOQL wants dates. */
export function soqlDate(text: string): string {
	return DATE_LITERAL.test(text) ? text : unsafe('date', text);
}

/** `YYYY-MM-DDThh:mm:ssZ` (UTC), unquoted. */
export function soqlDateTime(text: string): string {
	return DATETIME_LITERAL.test(text) ? text : unsafe('datetime', text);
}

/** `hh:mm:ss.SSSZ`, unquoted. */
export function soqlTime(text: string): string {
	return TIME_LITERAL.test(text) ? text : unsafe('time', text);
}

export function soqlBoolean(value: boolean): string {
	return value ? 'TRUE' : 'FALSE';
}

/** A relative date literal (`TODAY`, `LAST_N_DAYS:30`); the caller checks the name against the known list. */
export function soqlRelativeDate(name: string, n?: number): string {
	if (!RELATIVE_DATE.test(name)) unsafe('date literal', name);
	if (n === undefined) return name;
	return Number.isSafeInteger(n) && n >= 0 ? `${name}:${n}` : unsafe('date literal number', String(n));
}

/** A parenthesised list of already rendered literals: `('a', 'b')`. */
export function soqlList(literals: readonly string[]): string {
	return `(${literals.join(', ')})`;
}

/** An object or field API name (Account, Invoice__c), as a regex source for the editor's validation too. */
export const API_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';
const API_NAME = new RegExp(API_NAME_PATTERN);

/** Salesforce allows five levels of child-to-parent relationship in a path (Contact.Account.Owner.Manager...). */
export const MAX_RELATIONSHIP_DEPTH = 5;
/** API names are at most 40 characters plus a namespace prefix and suffix; anything much longer is not a name. */
export const MAX_NAME_LENGTH = 100;

/**
 * Words SOQL reserves (documented under "Alias Notation") plus those its grammar reads as values or clauses. A
 * field named like one would change how the query reads, so such names are refused. GROUP is reserved, yet Group is
 * an object (and GroupMember.Group a relationship): it is allowed there, where it is followed by FROM's end or a dot.
 */
export const SOQL_RESERVED_WORDS: ReadonlySet<string> = new Set([
	'AND',
	'ASC',
	'DESC',
	'EXCLUDES',
	'FIRST',
	'FROM',
	'GROUP',
	'HAVING',
	'IN',
	'INCLUDES',
	'LAST',
	'LIKE',
	'LIMIT',
	'NOT',
	'NULL',
	'NULLS',
	'OR',
	'SELECT',
	'USING',
	'WHERE',
	'WITH',
	'TRUE',
	'FALSE',
	'FOR',
	'UPDATE',
	'ELSE',
	'ROLLUP',
	'CUBE',
]);

export function isApiName(name: string): boolean {
	return API_NAME.test(name);
}

/** Why `name` cannot be the object of a query, or undefined when it can. */
export function objectNameProblem(name: string): string | undefined {
	if (!API_NAME.test(name)) return 'an object API name has only letters, digits and _ and starts with a letter';
	if (name.length > MAX_NAME_LENGTH) return `an object API name has at most ${MAX_NAME_LENGTH} characters`;
	if (SOQL_RESERVED_WORDS.has(name.toUpperCase()) && name.toUpperCase() !== 'GROUP') return `${name} is a SOQL keyword`;
	return undefined;
}

/** Why `path` cannot be a field (or relationship path such as Account.Owner.Email), or undefined when it can. */
export function fieldPathProblem(path: string): string | undefined {
	const parts = path.split('.');
	if (parts.length - 1 > MAX_RELATIONSHIP_DEPTH) {
		return `a field path goes through at most ${MAX_RELATIONSHIP_DEPTH} relationships (this one has ${parts.length - 1})`;
	}
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (!API_NAME.test(part)) {
			return 'field API names have only letters, digits and _, start with a letter, and are joined by dots for related records';
		}
		if (part.length > MAX_NAME_LENGTH) return `a field API name has at most ${MAX_NAME_LENGTH} characters`;
		const upper = part.toUpperCase();
		const isRelationship = i < parts.length - 1;
		if (SOQL_RESERVED_WORDS.has(upper) && !(upper === 'GROUP' && isRelationship)) return `${part} is a SOQL keyword`;
	}
	return undefined;
}

/** Object and field API names cannot be quoted in SOQL, so they are checked instead (dot paths allowed). */
export function isSoqlIdentifier(name: string): boolean {
	return fieldPathProblem(name) === undefined;
}
