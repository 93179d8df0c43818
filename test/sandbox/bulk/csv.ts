/**
 * CSV as Bulk API 2.0 reads and writes it ("Bulk API 2.0 and Bulk API Developer Guide": Prepare CSV Files,
 * Valid CSV Record Rows): a header row, one record per row, the job's column delimiter and line ending, double
 * quotes around values that hold the delimiter, a line break or a quote (doubled inside), values not trimmed, and a
 * space before or after a quote an error for that row only.
 *
 * Hand-written rather than csv-parse because Salesforce reports malformed rows one by one (the other rows are
 * processed) and resynchronises at the next line ending; a general parser stops or drifts at the first bad quote.
 */

export const COLUMN_DELIMITERS = { BACKQUOTE: '`', CARET: '^', COMMA: ',', PIPE: '|', SEMICOLON: ';', TAB: '\t' } as const;
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = keyof typeof LINE_ENDINGS;

export interface CsvRow {
	/** 1-based line of the row's start in the file */
	line: number;
	values: string[];
	/** Set when the row could not be read; `values` then holds what could be read of it */
	error?: string;
}

export interface ParsedCsv {
	header: string[];
	/** Header problems are the whole file's (the job fails); undefined when the header is readable */
	headerError?: string;
	rows: CsvRow[];
}

/**
 * Splits CSV text into rows. Empty lines are skipped; a UTF-8 byte order mark is dropped. A line ending other than
 * the job's stays in the last value, as it does in Salesforce when the job's `lineEnding` does not match the file.
 */
export function parseCsv(text: string, delimiter: string, lineEnding: string): ParsedCsv {
	const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const rows: CsvRow[] = [];
	let pos = 0;
	let line = 1;
	const n = src.length;
	const atEol = (i: number) => src.startsWith(lineEnding, i);

	while (pos < n) {
		const startLine = line;
		// empty line
		if (atEol(pos)) {
			pos += lineEnding.length;
			line++;
			continue;
		}
		const values: string[] = [];
		let error: string | undefined;
		for (;;) {
			let value = '';
			if (src[pos] === '"') {
				// quoted value: up to the closing quote; "" is a quote
				pos++;
				let closed = false;
				while (pos < n) {
					const c = src[pos];
					if (c === '"') {
						if (src[pos + 1] === '"') {
							value += '"';
							pos += 2;
							continue;
						}
						pos++;
						closed = true;
						break;
					}
					if (c === '\n') line++;
					value += c;
					pos++;
				}
				if (!closed) {
					error = 'a quoted value is not closed';
					pos = n;
				} else if (pos < n && !atEol(pos) && !src.startsWith(delimiter, pos)) {
					error = `unexpected character after a closing quote: ${JSON.stringify(src[pos])}`;
				}
			} else {
				while (pos < n && !atEol(pos) && !src.startsWith(delimiter, pos)) {
					const c = src[pos];
					if (c === '"') error ??= 'a quote inside an unquoted value (a space before or after a quote is not allowed)';
					if (c === '\n') line++;
					value += c;
					pos++;
				}
			}
			values.push(value);
			if (error) {
				// resynchronise at the next line ending
				while (pos < n && !atEol(pos)) {
					if (src[pos] === '\n') line++;
					pos++;
				}
			}
			if (pos >= n) break;
			if (atEol(pos)) {
				pos += lineEnding.length;
				line++;
				break;
			}
			// a delimiter
			pos += delimiter.length;
			if (pos >= n) {
				values.push('');
				break;
			}
		}
		rows.push(error ? { line: startLine, values, error } : { line: startLine, values });
	}

	const head = rows.shift();
	if (!head) return { header: [], headerError: 'the file has no header row', rows: [] };
	return { header: head.values, headerError: head.error, rows };
}

/** A value as Salesforce writes it: always between double quotes, quotes doubled. */
export function quote(value: string): string {
	return `"${value.replace(/"/g, '""')}"`;
}

/** Header names are written bare unless they need quoting (the `sf__` columns are quoted, as in Salesforce's files). */
function headerCell(name: string, delimiter: string, forceQuote: boolean): string {
	if (forceQuote || name.includes(delimiter) || /["\r\n]/.test(name)) return quote(name);
	return name;
}

export interface CsvWriteOptions {
	delimiter: string;
	lineEnding: string;
	/** Header cells to quote (others are written bare when possible); default: all */
	quoteHeader?: (name: string, index: number) => boolean;
}

/** One CSV file: a header line and one line per row, every value quoted, each line ended by the line ending. */
export function writeCsv(header: string[], rows: string[][], opts: CsvWriteOptions): string {
	const { delimiter, lineEnding } = opts;
	const q = opts.quoteHeader ?? (() => true);
	const out: string[] = [header.map((h, i) => headerCell(h, delimiter, q(h, i))).join(delimiter)];
	for (const r of rows) out.push(r.map(quote).join(delimiter));
	return out.join(lineEnding) + lineEnding;
}
