/**
 * Custom filter logic over condition numbers, e.g. `1 AND (2 OR 3) AND NOT 4`, as Salesforce's list views and Flow
 * write it. Keywords ignore case; NOT applies to the one operand after it; AND and OR may not be mixed at one level
 * without parentheses (SOQL's own rule, "Logical Operators"); every condition must be used. Errors carry the
 * character offset and a caret excerpt.
 */
import { positionedError, QueryInputError } from './errors';

export type LogicNode =
	| { kind: 'row'; row: number; position: number }
	| { kind: 'not'; operand: LogicNode; position: number }
	| { kind: 'and' | 'or'; operands: LogicNode[]; position: number };

type Token =
	| { t: 'num'; value: number; text: string; pos: number }
	| { t: 'and' | 'or' | 'not' | '(' | ')'; text: string; pos: number }
	| { t: 'end'; text: string; pos: number };

/** Deeper nesting than this is not something a person writes; refusing it keeps the parser's recursion bounded */
const MAX_NESTING = 50;
const SYNTAX_HINT = 'Write condition numbers joined by AND / OR, with NOT and parentheses, e.g. 1 AND (2 OR 3) AND NOT 4.';

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	const re = /\s+|(\d+)|([A-Za-z_]\w*)|([()])|(.)/gsy;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		const pos = m.index;
		if (m[1] !== undefined) tokens.push({ t: 'num', value: Number(m[1]), text: m[1], pos });
		else if (m[2] !== undefined) {
			const word = m[2].toLowerCase();
			if (word !== 'and' && word !== 'or' && word !== 'not') {
				throw logicError(`Filter logic: unknown word "${m[2]}"`, text, pos, SYNTAX_HINT);
			}
			tokens.push({ t: word, text: m[2], pos });
		} else if (m[3] !== undefined) tokens.push({ t: m[3] as '(' | ')', text: m[3], pos });
		else if (m[4] !== undefined) {
			const hint = /[&|!]/.test(m[4]) ? 'Use the words AND, OR and NOT instead of symbols.' : SYNTAX_HINT;
			throw logicError(`Filter logic: unexpected character "${m[4]}"`, text, pos, hint);
		}
	}
	tokens.push({ t: 'end', text: '', pos: text.length });
	return tokens;
}

function logicError(what: string, text: string, pos: number, hint: string): QueryInputError {
	return positionedError(what, text, pos, hint, { input: 'logic' });
}

/**
 * Parses custom logic for `rowCount` conditions (numbered from 1). Throws QueryInputError for: unknown rows, unused
 * rows, unbalanced parentheses, a missing operator or operand, AND mixed with OR at one level, unknown words.
 */
export function parseFilterLogic(text: string, rowCount: number): LogicNode {
	const tokens = tokenize(text);
	let i = 0;
	const used = new Set<number>();
	const peek = () => tokens[i];
	const describe = (tok: Token) => (tok.t === 'end' ? 'the end' : `"${tok.text}"`);

	const operand = (depth: number): LogicNode => {
		const tok = tokens[i];
		if (depth > MAX_NESTING) throw logicError('Filter logic: nested too deeply', text, tok.pos, 'Use fewer parentheses.');
		switch (tok.t) {
			case 'num': {
				i++;
				if (tok.value < 1 || tok.value > rowCount) {
					const range = rowCount === 0 ? 'there are no conditions' : rowCount === 1 ? 'there is only condition 1' : `conditions are numbered 1 to ${rowCount}`;
					throw logicError(`Filter logic: there is no condition ${tok.text} (${range})`, text, tok.pos, 'Use the numbers of the condition rows, or add the missing condition.');
				}
				used.add(tok.value);
				return { kind: 'row', row: tok.value, position: tok.pos };
			}
			case 'not':
				i++;
				return { kind: 'not', operand: operand(depth + 1), position: tok.pos };
			case '(': {
				i++;
				const inner = expression(depth + 1);
				const close = tokens[i];
				if (close.t !== ')') {
					if (close.t === 'end') {
						throw logicError('Filter logic: "(" is never closed', text, tok.pos, 'Add the missing ")".');
					}
					throw logicError(`Filter logic: expected AND, OR or ")" but found ${describe(close)}`, text, close.pos, SYNTAX_HINT);
				}
				i++;
				return inner;
			}
			default: {
				const after = i > 0 ? ` after ${describe(tokens[i - 1])}` : '';
				const what = tok.t === 'end' ? `the logic ends${after} without a condition number` : `expected a condition number${after} but found ${describe(tok)}`;
				throw logicError(`Filter logic: ${what}`, text, tok.pos, SYNTAX_HINT);
			}
		}
	};

	const expression = (depth: number): LogicNode => {
		const first = operand(depth);
		let kind: 'and' | 'or' | undefined;
		let opPos = first.position;
		const operands = [first];
		for (let tok = peek(); tok.t === 'and' || tok.t === 'or'; tok = peek()) {
			if (kind && tok.t !== kind) {
				const example = kind === 'and' ? '(1 AND 2) OR 3' : '(1 OR 2) AND 3';
				throw logicError(
					`Filter logic: ${kind.toUpperCase()} and ${tok.t.toUpperCase()} are mixed without parentheses`,
					text,
					tok.pos,
					`Salesforce needs parentheses to say which goes first, e.g. ${example}.`,
				);
			}
			kind = tok.t;
			if (operands.length === 1) opPos = tok.pos;
			i++;
			operands.push(operand(depth));
		}
		return kind ? { kind, operands, position: opPos } : first;
	};

	if (tokens.length === 1) throw logicError('Filter logic is empty', text, 0, `Enter the logic, e.g. ${defaultLogicExample(rowCount)}.`);
	const tree = expression(0);
	const rest = peek();
	if (rest.t === ')') throw logicError('Filter logic: ")" without a matching "("', text, rest.pos, 'Remove it or add the missing "(".');
	if (rest.t !== 'end') {
		throw logicError(`Filter logic: expected AND or OR before ${describe(rest)}`, text, rest.pos, SYNTAX_HINT);
	}
	const unused = Array.from({ length: rowCount }, (_, k) => k + 1).filter((r) => !used.has(r));
	if (unused.length) {
		const list = unused.join(', ');
		throw logicError(
			`Filter logic: condition${unused.length > 1 ? 's' : ''} ${list} ${unused.length > 1 ? 'are' : 'is'} not used`,
			text,
			text.length,
			`Every condition must appear in the logic: add ${list}, or remove ${unused.length > 1 ? 'those conditions' : 'that condition'}.`,
		);
	}
	return tree;
}

function defaultLogicExample(rowCount: number): string {
	if (rowCount <= 1) return '1';
	return Array.from({ length: rowCount }, (_, k) => k + 1).join(' AND ');
}

/** The logic tree as SOQL, each row replaced by its fragment (fragments are single comparisons or parenthesised). */
export function renderLogic(node: LogicNode, fragments: readonly string[]): string {
	switch (node.kind) {
		case 'row':
			return fragments[node.row - 1];
		case 'not':
			// SOQL wants parentheses whenever NOT meets AND/OR; always adding them is always valid
			return `(NOT ${wrap(node.operand, fragments)})`;
		default:
			return node.operands.map((o) => wrap(o, fragments)).join(node.kind === 'and' ? ' AND ' : ' OR ');
	}
}

function wrap(node: LogicNode, fragments: readonly string[]): string {
	const text = renderLogic(node, fragments);
	return node.kind === 'and' || node.kind === 'or' ? `(${text})` : text;
}

/** All (AND) or any (OR) of `rowCount` conditions, as a tree. */
export function allOrAny(kind: 'and' | 'or', rowCount: number): LogicNode {
	const rows: LogicNode[] = Array.from({ length: rowCount }, (_, k) => ({ kind: 'row', row: k + 1, position: 0 }));
	return rows.length === 1 ? rows[0] : { kind, operands: rows, position: 0 };
}
