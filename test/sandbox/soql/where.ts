/**
 * WHERE clauses. The parser returns a right-leaning chain with parenthesis counts on the conditions, so the
 * clause is flattened back into tokens and re-parsed here with SOQL's rules: NOT binds to the next operand,
 * and AND and OR may not be mixed at one level without parentheses.
 */
import type { ConditionWithValueQuery, NegationCondition, WhereClause } from '@jetstreamapp/soql-parser-js';

export type WhereTok =
	| { t: '(' }
	| { t: ')' }
	| { t: 'NOT' }
	| { t: 'AND' }
	| { t: 'OR' }
	| { t: 'cond'; cond: ConditionWithValueQuery };

export type WhereNode =
	| { kind: 'and' | 'or'; items: WhereNode[] }
	| { kind: 'not'; item: WhereNode }
	| { kind: 'cond'; cond: ConditionWithValueQuery };

export function flattenWhere(w: WhereClause, out: WhereTok[] = []): WhereTok[] {
	if ('operator' in w && w.operator === 'NOT') {
		const left = w.left as NegationCondition | null;
		for (let i = 0; i < (left?.openParen ?? 0); i++) out.push({ t: '(' });
		out.push({ t: 'NOT' });
		flattenWhere(w.right, out);
		return out;
	}
	const cond = w.left as ConditionWithValueQuery;
	const parens = cond as { openParen?: number; closeParen?: number };
	for (let i = 0; i < (parens.openParen ?? 0); i++) out.push({ t: '(' });
	out.push({ t: 'cond', cond });
	for (let i = 0; i < (parens.closeParen ?? 0); i++) out.push({ t: ')' });
	if ('operator' in w && w.operator && 'right' in w && w.right) {
		out.push({ t: w.operator as 'AND' | 'OR' });
		flattenWhere(w.right, out);
	}
	return out;
}

/** Thrown with the index of the offending token; the caller turns it into MALFORMED_QUERY. */
export class WhereSyntaxError extends Error {
	constructor(readonly index: number) {
		super('unexpected token');
	}
}

export function buildWhere(tokens: WhereTok[]): WhereNode {
	let i = 0;
	const expr = (): WhereNode => {
		const items = [unary()];
		let op: 'AND' | 'OR' | undefined;
		while (i < tokens.length && (tokens[i].t === 'AND' || tokens[i].t === 'OR')) {
			const t = tokens[i].t as 'AND' | 'OR';
			if (op && op !== t) throw new WhereSyntaxError(i);
			op = t;
			i++;
			items.push(unary());
		}
		if (!op) return items[0];
		return { kind: op === 'AND' ? 'and' : 'or', items };
	};
	const unary = (): WhereNode => {
		const tok = tokens[i];
		if (!tok) throw new WhereSyntaxError(i);
		if (tok.t === 'NOT') {
			i++;
			return { kind: 'not', item: unary() };
		}
		if (tok.t === '(') {
			i++;
			const inner = expr();
			if (tokens[i]?.t !== ')') throw new WhereSyntaxError(i);
			i++;
			return inner;
		}
		if (tok.t === 'cond') {
			i++;
			return { kind: 'cond', cond: tok.cond };
		}
		throw new WhereSyntaxError(i);
	};
	const node = expr();
	if (i < tokens.length) throw new WhereSyntaxError(i);
	return node;
}
