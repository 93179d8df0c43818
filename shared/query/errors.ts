/**
 * Bad query input, found before any call: the message names the condition row and the field (or the position in the
 * filter logic or raw SOQL), the hint says how to fix it. Nodes turn it into an n8n error with the hint as description.
 */

export interface QueryInputErrorDetails {
	/** 1-based condition row the problem is in */
	row?: number;
	/** Field or field path concerned */
	field?: string;
	/** 0-based character offset in the filter logic or raw SOQL text */
	position?: number;
	/** Which input the problem is in, for the node to point at the right parameter */
	input?: 'object' | 'fields' | 'conditions' | 'logic' | 'sort' | 'limit' | 'offset' | 'batchSize' | 'soql' | 'query';
}

export class QueryInputError extends Error {
	readonly row?: number;
	readonly field?: string;
	readonly position?: number;
	readonly input?: QueryInputErrorDetails['input'];

	constructor(
		message: string,
		readonly hint: string,
		details: QueryInputErrorDetails = {},
	) {
		super(message);
		this.name = 'QueryInputError';
		this.row = details.row;
		this.field = details.field;
		this.position = details.position;
		this.input = details.input;
	}
}

const EXCERPT_WIDTH = 60;
const SHOWN_LENGTH = 60;

/** User input inside a message: quoted, control characters escaped, cut when long. */
export function quoted(text: string): string {
	const cut = text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
	return JSON.stringify(cut);
}

/** A name for a message prefix: as it is when plainly printable and short, else quoted. */
export function printable(text: string): string {
	return /^[\x20-\x7e]*$/.test(text) && text.length <= SHOWN_LENGTH ? text : quoted(text);
}

/**
 * Two lines showing where `position` is in `text`: the text (a window of it when long, newlines shown as spaces)
 * and a caret under the offending character.
 */
export function caretExcerpt(text: string, position: number): string {
	const at = Math.max(0, Math.min(position, text.length));
	const start = Math.max(0, Math.min(at - Math.floor(EXCERPT_WIDTH / 2), text.length - EXCERPT_WIDTH));
	const end = Math.min(text.length, start + EXCERPT_WIDTH);
	const prefix = start > 0 ? '…' : '';
	const suffix = end < text.length ? '…' : '';
	const window = text.slice(start, end).replace(/[\r\n\t]/g, ' ');
	return `  ${prefix}${window}${suffix}\n  ${' '.repeat(prefix.length + at - start)}^`;
}

/** An error at a position in some text: "<what> at character N:" (1-based) followed by the caret excerpt. */
export function positionedError(
	what: string,
	text: string,
	position: number,
	hint: string,
	details: Omit<QueryInputErrorDetails, 'position'> = {},
): QueryInputError {
	return new QueryInputError(`${what} at character ${position + 1}:\n${caretExcerpt(text, position)}`, hint, { ...details, position });
}
