/**
 * SOQL literal escaping, per Salesforce's reserved characters: inside quotes a backslash starts an escape
 * (\n \r \t \b \f \" \' \\), and in LIKE patterns \% and \_ match the characters themselves.
 * jsforce's own builder escapes only the quote, which is not enough (a trailing backslash breaks out of the quotes).
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

/** A string value as a quoted SOQL literal. */
export function soqlString(value: string): string {
	return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c])}'`;
}

/** A string to match literally inside a LIKE pattern (wildcards escaped); wrap with % yourself. */
export function soqlLikeContent(value: string): string {
	return value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c]).replace(/[%_]/g, (c) => `\\${c}`);
}

/** `'%value%'`: contains, case-insensitive as SOQL LIKE is. */
export function soqlContains(value: string): string {
	return `'%${soqlLikeContent(value)}%'`;
}

/** An object or field API name (Account, Invoice__c), as a regex source for the editor's validation too. */
export const API_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';
const API_NAME = new RegExp(API_NAME_PATTERN);
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

export function isApiName(name: string): boolean {
	return API_NAME.test(name);
}

/** Object and field API names cannot be quoted in SOQL, so they are checked instead (dot paths allowed). */
export function isSoqlIdentifier(name: string): boolean {
	return FIELD_PATH.test(name);
}
