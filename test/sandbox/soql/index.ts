/**
 * The sandbox org's SOQL engine: parses with @jetstreamapp/soql-parser-js, then validates against the schema
 * (Salesforce's error codes and messages) and evaluates against the org's records.
 */
import {
	parseQuery,
	type ConditionWithValueQuery,
	type FieldType as SelectItem,
	type OrderByClause,
	type Query,
	type QueryBase,
	type Subquery,
	type ValueCondition,
	type ValueQueryCondition,
	type WhereClause,
} from '@jetstreamapp/soql-parser-js';

import type { FieldDef, ObjectDef, StoredRecord } from '../schema/types';
import {
	canonicalFieldName,
	categoryOf,
	follow,
	id15,
	resolveParts,
	valueOf,
	type FieldCategory,
	type Located,
	type ResolvedField,
} from './fields';
import {
	dateLiteralRange,
	dateValueToMs,
	decodeStringBody,
	likeToRegExp,
	LiteralError,
	parseDate,
	parseDateTime,
	startOfDayIn,
	type DayRange,
} from './literals';
import { errorAt, findKeyword, findWord, scan, type Token } from './locate';
import { SoqlError, type QueryContext, type QueryOptions, type QueryResult } from './types';
import { buildWhere, flattenWhere, WhereSyntaxError, type WhereNode, type WhereTok } from './where';

export { SoqlError } from './types';
export type { QueryContext, QueryOptions, QueryResult } from './types';

const MAX_OFFSET = 2000;
const MAX_STRING_LITERAL = 4000;
/**
 * "In each specified relationship, no more than five levels can be specified in a child-to-parent relationship. For
 * example, Contact.Account.Owner.FirstName (three levels)" ("Understanding Relationship Query Limitations"): the
 * levels count the hops plus one, so a path may follow at most four relationships.
 */
const MAX_PARENT_HOPS = 4;
/** ContentDocumentLink "can't run a query without filters" (Object Reference: "ContentDocumentLink"): one of these, by = or IN */
const CONTENT_DOCUMENT_LINK_FILTERS = new Set(['id', 'contentdocumentid', 'linkedentityid']);
const CUSTOM_FIELD_HINT =
	"If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_REL_HINT =
	"If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

type Pred = (loc: Located) => boolean;
type Out = Record<string, unknown>;

/** Execute one SOQL query against the org; throws SoqlError for bad SOQL. */
export function executeSoql(soql: string, ctx: QueryContext, opts: QueryOptions = {}): QueryResult {
	const tokens = scan(soql);
	const query = parseSoql(soql, tokens);
	return new Run(soql, tokens, ctx, opts.includeDeleted === true).top(query);
}

function parseSoql(soql: string, tokens: Token[]): Query {
	try {
		return parseQuery(soql);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const lex = /unexpected character: ->(.)<- at offset: (\d+)/.exec(message);
		if (lex) throw errorAt('MALFORMED_QUERY', soql, Number(lex[2]), `unexpected token: '${lex[1]}'`);
		const found = /but found:? (?:--> )?'([\s\S]*?)'(?: <--)?\s*$/.exec(message);
		const image = found?.[1] ?? '';
		if (image === '') {
			throw errorAt('MALFORMED_QUERY', soql, soql.trimEnd().length, "unexpected token: '<EOF>'");
		}
		const hit = tokens.find((t) => t.text.toLowerCase() === image.toLowerCase());
		throw errorAt('MALFORMED_QUERY', soql, hit?.offset ?? 0, `unexpected token: '${image}'`);
	}
}

/** Where each WHERE token sits in the text, for error carets. */
interface WherePositions {
	tok: number[];
	field: Map<ConditionWithValueQuery, number>;
	value: Map<ConditionWithValueQuery, number>;
}

const OPERATOR_WORDS = new Set(['LIKE', 'IN', 'NOT', 'INCLUDES', 'EXCLUDES']);

/** Walk the raw tokens after WHERE alongside the flattened clause (both are in text order). */
function alignWhere(raw: Token[], whereOffset: number, wt: WhereTok[]): WherePositions {
	const pos: WherePositions = { tok: [], field: new Map(), value: new Map() };
	let k = raw.findIndex((t) => t.offset > whereOffset);
	if (k < 0) k = raw.length;
	const end = raw.length ? raw[raw.length - 1].offset : whereOffset;
	const at = (i: number): number => raw[i]?.offset ?? end;
	for (const w of wt) {
		if (w.t === '(' || w.t === ')') {
			while (k < raw.length && raw[k].text !== w.t) k++;
			pos.tok.push(at(k++));
		} else if (w.t !== 'cond') {
			while (k < raw.length && raw[k].text.toUpperCase() !== w.t) k++;
			pos.tok.push(at(k++));
		} else {
			pos.tok.push(at(k));
			pos.field.set(w.cond, at(k));
			k++;
			while (k < raw.length && (raw[k].kind === 'punct' ? /^[=!<>]/.test(raw[k].text) : OPERATOR_WORDS.has(raw[k].text.toUpperCase())))
				k++;
			pos.value.set(w.cond, at(k));
			if (raw[k]?.text === '(') {
				let depth = 0;
				for (; k < raw.length; k++) {
					if (raw[k].text === '(') depth++;
					else if (raw[k].text === ')' && --depth === 0) break;
				}
			}
			k++;
		}
	}
	return pos;
}

interface Operand {
	kind: 'null' | 'string' | 'number' | 'boolean' | 'range' | 'like';
	str?: string;
	num?: number;
	bool?: boolean;
	range?: DayRange;
	like?: RegExp;
	/** multipicklist operand: the `;`-separated values, lower-cased */
	set?: string[];
}

interface FieldPlan {
	kind: 'field';
	rf: ResolvedField;
}
interface ChildPlan {
	kind: 'child';
	relName: string;
	childObject: ObjectDef;
	childField: FieldDef;
	query: Subquery;
}
interface AggPlan {
	kind: 'agg';
	fn: string;
	rf: ResolvedField | undefined;
	key: string;
}
type Plan = FieldPlan | ChildPlan | AggPlan;

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

class Run {
	constructor(
		private readonly soql: string,
		private readonly tokens: Token[],
		private readonly ctx: QueryContext,
		private readonly includeDeleted: boolean,
	) {}

	private err(code: SoqlError['errorCode'], offset: number, message: string): SoqlError {
		return errorAt(code, this.soql, offset, message);
	}

	private malformed(offset: number, message: string): SoqlError {
		return this.err('MALFORMED_QUERY', offset, message);
	}

	top(query: Query): QueryResult {
		const fromAt = findKeyword(this.tokens, 'FROM') ?? 0;
		const objAt = findWord(this.tokens, query.sObject ?? '', fromAt);
		const obj = this.object(query.sObject ?? '', objAt);
		if (query.offset !== undefined && query.offset > MAX_OFFSET) {
			throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
		}
		this.checkContentDocumentLink(obj, query);
		const whereAt = findKeyword(this.tokens, 'WHERE');
		const positions = query.where && whereAt !== undefined ? alignWhere(this.tokens, whereAt, flattenWhere(query.where)) : undefined;
		return this.runQuery(query, obj, positions);
	}

	/**
	 * "You can't run a query without filters against ContentDocumentLink" (Object Reference: "ContentDocumentLink"):
	 * the filter must narrow it by Id, ContentDocumentId or LinkedEntityId with = or IN, in every branch of an OR.
	 * (Since API 59.0 the Query All Files permission lifts this; no sandbox user has it.)
	 */
	private checkContentDocumentLink(obj: ObjectDef, query: QueryBase): void {
		if (obj.name !== 'ContentDocumentLink') return;
		const restricts = (n: WhereNode): boolean => {
			if (n.kind === 'not') return false;
			if (n.kind !== 'cond') return n.kind === 'and' ? n.items.some(restricts) : n.items.every(restricts);
			const c = n.cond;
			if (!('field' in c)) return false;
			const name = c.field.toLowerCase().replace(/^contentdocumentlink\./, '');
			return CONTENT_DOCUMENT_LINK_FILTERS.has(name) && (c.operator === '=' || c.operator.toUpperCase() === 'IN');
		};
		let tree: WhereNode | undefined;
		try {
			tree = query.where ? buildWhere(flattenWhere(query.where)) : undefined;
		} catch (e) {
			if (!(e instanceof WhereSyntaxError)) throw e;
			return; // the WHERE clause's own syntax error is reported where it is evaluated
		}
		if (!tree || !restricts(tree)) {
			throw new SoqlError(
				'MALFORMED_QUERY',
				"Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.",
			);
		}
	}

	private object(name: string, offset: number): ObjectDef {
		const obj = this.ctx.getObject(name);
		if (!obj || !obj.queryable) {
			throw this.err(
				'INVALID_TYPE',
				offset,
				`sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
			);
		}
		return obj;
	}

	/** Resolve a field path as written (with an optional alias or object-name prefix). */
	private field(obj: ObjectDef, raw: string, alias: string | undefined, offset: number): ResolvedField {
		let parts = raw.split('.');
		if (parts.length > 1) {
			const head = parts[0].toLowerCase();
			const isRel = obj.fields.some((f) => f.relationshipName?.toLowerCase() === head);
			if (head === alias?.toLowerCase() || (!isRel && head === obj.name.toLowerCase())) parts = parts.slice(1);
		}
		if (parts.length - 1 > MAX_PARENT_HOPS) {
			throw this.malformed(offset, `A relationship path can have no more than 5 levels (${MAX_PARENT_HOPS} relationships and a field): '${raw}'`);
		}
		const r = resolveParts(this.ctx, obj, parts);
		if ('ok' in r) return r.ok;
		if (r.err.kind === 'relationship') {
			throw this.err('INVALID_FIELD', offset, `Didn't understand relationship '${r.err.name}' in field path. ${CUSTOM_REL_HINT}`);
		}
		throw this.err('INVALID_FIELD', offset, `No such column '${r.err.name}' on entity '${r.err.entity}'. ${CUSTOM_FIELD_HINT}`);
	}

	/** Filtered and sorted rows of one (sub)query, before OFFSET/LIMIT. */
	private rows(query: QueryBase, obj: ObjectDef, positions: WherePositions | undefined): Located[] {
		const alias = query.sObjectAlias;
		const pred = query.where ? this.where(obj, query.where, alias, positions) : () => true;
		const sorter = query.orderBy ? this.orderBy(obj, query.orderBy, alias) : undefined;
		const rows: Located[] = [];
		for (const record of this.ctx.records(obj.name, { includeDeleted: this.includeDeleted })) {
			const loc = { objectName: obj.name, record };
			if (pred(loc)) rows.push(loc);
		}
		return sorter ? stableSort(rows, sorter) : rows;
	}

	private runQuery(query: QueryBase, obj: ObjectDef, positions: WherePositions | undefined): QueryResult {
		const selectAt = findKeyword(this.tokens, 'SELECT') ?? 0;
		if (query.groupBy || query.having) {
			throw this.malformed(findKeyword(this.tokens, 'GROUP') ?? 0, 'GROUP BY and HAVING are not supported by the sandbox org');
		}
		const items = query.fields ?? [];
		const isCountOnly =
			items.length === 1 &&
			items[0].type === 'FieldFunctionExpression' &&
			items[0].functionName.toUpperCase() === 'COUNT' &&
			items[0].parameters.length === 0;
		const plans = isCountOnly ? [] : this.plan(items, obj, query.sObjectAlias, selectAt, query);
		const aggregated = plans.some((p) => p.kind === 'agg');
		const plain = plans.find((p): p is FieldPlan => p.kind === 'field');
		if (aggregated && plain) throw this.malformed(selectAt, `Field must be grouped or aggregated: ${plain.rf.display}`);
		const rows = slice(this.rows(query, obj, positions), query);

		if (isCountOnly) return { totalSize: rows.length, records: [] };
		if (aggregated) return { totalSize: 1, records: [this.aggregate(plans as AggPlan[], rows)] };
		const children = this.childIndexes(plans, query);
		return { totalSize: rows.length, records: rows.map((r) => this.shape(r, plans, children)) };
	}

	// ---- SELECT ----

	private plan(items: SelectItem[], obj: ObjectDef, alias: string | undefined, selectAt: number, query: QueryBase): Plan[] {
		const plans: Plan[] = [];
		const seen = new Set<string>();
		const addField = (rf: ResolvedField) => {
			const key = rf.display.toLowerCase();
			if (seen.has(key)) return;
			seen.add(key);
			plans.push({ kind: 'field', rf });
		};
		let exprN = 0;
		for (const item of items) {
			switch (item.type) {
				case 'Field':
					addField(this.field(obj, item.field, alias, findWord(this.tokens, item.field, selectAt)));
					break;
				case 'FieldRelationship': {
					const raw = item.rawValue ?? [...item.relationships, item.field].join('.');
					addField(this.field(obj, raw, alias, findWord(this.tokens, raw, selectAt)));
					break;
				}
				case 'FieldFunctionExpression': {
					const fn = item.functionName.toUpperCase();
					const at = findWord(this.tokens, item.functionName, selectAt);
					if (fn === 'FIELDS') {
						const which = String(item.parameters[0] ?? '').toUpperCase();
						if (which !== 'STANDARD' && (query.limit === undefined || query.limit > 200)) {
							throw this.malformed(at, 'The SOQL FIELDS function must have a LIMIT of at most 200');
						}
						for (const f of obj.fields) {
							if (which === 'ALL' || (which === 'CUSTOM' ? f.custom : !f.custom)) addField({ rels: [], field: f, display: f.name });
						}
					} else if (AGGREGATES.has(fn)) {
						const param = item.parameters[0];
						if (typeof param !== 'string' && fn !== 'COUNT') throw this.malformed(at, `unexpected token: '${item.rawValue ?? fn}'`);
						const rf = typeof param === 'string' ? this.field(obj, param, alias, findWord(this.tokens, param, at)) : undefined;
						if (!rf && fn === 'COUNT') throw this.malformed(at, `unexpected token: 'COUNT'`);
						const key = item.alias ?? `expr${exprN++}`;
						plans.push({ kind: 'agg', fn, rf, key });
					} else {
						throw this.malformed(at, `unexpected token: '${item.functionName}'`);
					}
					break;
				}
				case 'FieldSubquery':
					plans.push(this.childPlan(obj, item.subquery));
					break;
				default:
					throw this.malformed(selectAt, `unexpected token: 'TYPEOF'`);
			}
		}
		return plans;
	}

	private childPlan(obj: ObjectDef, sub: Subquery): ChildPlan {
		const lower = sub.relationshipName.toLowerCase();
		const rel = obj.childRelationships.find((c) => c.relationshipName?.toLowerCase() === lower);
		const childObject = rel ? this.ctx.getObject(rel.childSObject) : undefined;
		const childField = childObject && rel ? childObject.fields.find((f) => f.name === rel.field) : undefined;
		if (!rel || !rel.relationshipName || !childObject || !childField) {
			throw this.err(
				'INVALID_TYPE',
				findWord(this.tokens, sub.relationshipName),
				`Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. ${CUSTOM_REL_HINT}`,
			);
		}
		return { kind: 'child', relName: rel.relationshipName, childObject, childField, query: sub };
	}

	/** Child rows of every parent, computed once per query and grouped by parent id (15-char). */
	private childIndexes(plans: Plan[], parent: QueryBase): Map<ChildPlan, Map<string, Out[]>> {
		const out = new Map<ChildPlan, Map<string, Out[]>>();
		for (const p of plans) {
			if (p.kind !== 'child') continue;
			const sub = p.query;
			// "OFFSET is intended to be used in a top-level query, and is not allowed in most subqueries ... A subquery can
			// use OFFSET only if the parent query has a LIMIT 1 clause" (SOQL and SOSL Reference: "OFFSET")
			if (sub.offset !== undefined && parent.limit !== 1) {
				throw this.malformed(findKeyword(this.tokens, 'OFFSET') ?? 0, 'OFFSET is only allowed in a subquery when the outer query has LIMIT 1');
			}
			const childPlans = this.plan(sub.fields ?? [], p.childObject, sub.sObjectAlias, findKeyword(this.tokens, 'SELECT') ?? 0, sub);
			if (childPlans.some((c) => c.kind !== 'field')) throw this.malformed(0, `unexpected token: '('`);
			const grouped = new Map<string, Located[]>();
			for (const row of this.rows(sub, p.childObject, undefined)) {
				const parentId = row.record[p.childField.name];
				if (typeof parentId !== 'string' || parentId === '') continue;
				const list = grouped.get(id15(parentId)) ?? [];
				list.push(row);
				grouped.set(id15(parentId), list);
			}
			// LIMIT and OFFSET of a child subquery apply per parent record.
			const shaped = new Map<string, Out[]>();
			for (const [key, list] of grouped) shaped.set(key, slice(list, sub).map((r) => this.shape(r, childPlans, new Map())));
			out.set(p, shaped);
		}
		return out;
	}

	private attributes(objectName: string, record: StoredRecord): Out {
		return { type: objectName, url: `/services/data/v${this.ctx.apiVersion}/sobjects/${objectName}/${record.Id}` };
	}

	private shape(loc: Located, plans: Plan[], children: Map<ChildPlan, Map<string, Out[]>>): Out {
		const out: Out = { attributes: this.attributes(loc.objectName, loc.record) };
		for (const p of plans) {
			if (p.kind === 'field') this.put(out, loc, p.rf);
			else if (p.kind === 'child') {
				const rows = children.get(p)?.get(id15(loc.record.Id)) ?? [];
				out[p.relName] = rows.length ? { totalSize: rows.length, done: true, records: rows } : null;
			}
		}
		return out;
	}

	/** Set a (possibly relationship) field on an output record, nesting `{attributes, ...}` per hop. */
	private put(out: Out, loc: Located, rf: ResolvedField): void {
		let target = out;
		let cur = loc;
		for (const step of rf.rels) {
			const existing = target[step.relName];
			if (existing === null) return;
			const next = follow(this.ctx, cur.record, step);
			if (!next) {
				target[step.relName] = null;
				return;
			}
			if (existing === undefined) target[step.relName] = { attributes: this.attributes(next.objectName, next.record) };
			target = target[step.relName] as Out;
			cur = next;
		}
		const name = canonicalFieldName(this.ctx, cur.objectName, rf.field.name);
		const v = cur.record[name];
		target[name] = v === undefined ? null : v;
	}

	private aggregate(plans: AggPlan[], rows: Located[]): Out {
		const out: Out = { attributes: { type: 'AggregateResult' } };
		for (const p of plans) {
			const values = p.rf ? rows.map((r) => valueOf(this.ctx, r.objectName, r.record, p.rf as ResolvedField)).filter((v) => v !== null) : [];
			const cat = p.rf ? categoryOf(p.rf.field.type) : 'other';
			switch (p.fn) {
				case 'COUNT':
					out[p.key] = values.length;
					break;
				case 'COUNT_DISTINCT':
					out[p.key] = new Set(values.map((v) => (typeof v === 'string' ? (cat === 'id' ? id15(v) : v.toLowerCase()) : v))).size;
					break;
				case 'SUM':
				case 'AVG': {
					const nums = values.map(Number);
					const sum = nums.reduce((a, b) => a + b, 0);
					out[p.key] = nums.length === 0 ? null : p.fn === 'SUM' ? sum : sum / nums.length;
					break;
				}
				default: {
					const keyed = values.map((v) => ({ v, k: sortKey(cat, v) }));
					keyed.sort((a, b) => compareKeys(a.k, b.k));
					const pick = p.fn === 'MIN' ? keyed[0] : keyed[keyed.length - 1];
					out[p.key] = pick ? pick.v : null;
				}
			}
		}
		return out;
	}

	// ---- ORDER BY ----

	private orderBy(obj: ObjectDef, orderBy: OrderByClause | OrderByClause[], alias: string | undefined): (a: Located, b: Located) => number {
		const orderAt = findKeyword(this.tokens, 'ORDER') ?? 0;
		const keys = (Array.isArray(orderBy) ? orderBy : [orderBy]).map((c) => {
			if (!('field' in c)) throw this.malformed(orderAt, `unexpected token: '${c.fn.functionName ?? ''}'`);
			const at = findWord(this.tokens, c.field, orderAt);
			const rf = this.field(obj, c.field, alias, at);
			if (!rf.field.sortable) {
				throw this.err('INVALID_FIELD', at, `field '${rf.field.name}' can not be sorted in a query call`);
			}
			const desc = c.order === 'DESC';
			// "By default, null values are sorted first" ("ORDER BY"), as the lowest value: first ascending, last
			// descending (the page is silent on DESC; see the README for the sources of this choice)
			const nullsFirst = c.nulls ? c.nulls === 'FIRST' : !desc;
			// "Picklist sorting is defined by the picklist sort determined during setup" ("ORDER BY"): the order of the
			// values in the describe, not the alphabet
			const picklist = rf.field.type === 'picklist' ? picklistRank(rf.field) : undefined;
			return { rf, desc, nullsFirst, cat: categoryOf(rf.field.type), picklist };
		});
		return (a, b) => {
			for (const k of keys) {
				const va = valueOf(this.ctx, a.objectName, a.record, k.rf);
				const vb = valueOf(this.ctx, b.objectName, b.record, k.rf);
				if (va === null && vb === null) continue;
				if (va === null) return k.nullsFirst ? -1 : 1;
				if (vb === null) return k.nullsFirst ? 1 : -1;
				const c = k.picklist ? k.picklist(va, vb) : compareKeys(sortKey(k.cat, va), sortKey(k.cat, vb));
				if (c !== 0) return k.desc ? -c : c;
			}
			return 0;
		};
	}

	// ---- WHERE ----

	private where(obj: ObjectDef, where: WhereClause, alias: string | undefined, positions: WherePositions | undefined): Pred {
		const toks = flattenWhere(where);
		let tree: WhereNode;
		try {
			tree = buildWhere(toks);
		} catch (e) {
			if (!(e instanceof WhereSyntaxError)) throw e;
			const tok = toks[e.index];
			const image = !tok ? '<EOF>' : tok.t === 'cond' ? condField(tok.cond) : tok.t;
			throw this.malformed(positions?.tok[e.index] ?? 0, `unexpected token: '${image}'`);
		}
		const compile = (n: WhereNode): Pred => {
			if (n.kind === 'cond') return this.condition(obj, n.cond, alias, positions);
			if (n.kind === 'not') {
				const inner = compile(n.item);
				return (r) => !inner(r);
			}
			const parts = n.items.map(compile);
			return n.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
		};
		return compile(tree);
	}

	private condition(obj: ObjectDef, cond: ConditionWithValueQuery, alias: string | undefined, positions: WherePositions | undefined): Pred {
		const fieldAt = positions?.field.get(cond) ?? findWord(this.tokens, condField(cond));
		const valueAt = positions?.value.get(cond) ?? fieldAt;
		if (!('field' in cond)) throw this.malformed(fieldAt, `unexpected token: '${condField(cond)}'`);
		const rf = this.field(obj, cond.field, alias, fieldAt);
		const f = rf.field;
		if (!f.filterable) throw this.err('INVALID_FIELD', fieldAt, `field '${f.name}' can not be filtered in a query call`);
		const cat = categoryOf(f.type);
		const op = cond.operator.toUpperCase();
		const get = (r: Located) => valueOf(this.ctx, r.objectName, r.record, rf);

		if ('valueQuery' in cond) return this.semiJoin(cond, rf, op, get, valueAt);

		if ((op === 'INCLUDES' || op === 'EXCLUDES') && cat !== 'multi') {
			throw this.err('INVALID_QUERY_FILTER_OPERATOR', fieldAt, 'includes or excludes operator only valid on multipicklist field');
		}
		const vc = cond as ValueCondition & { dateLiteralVariable?: number | number[] };
		const raws = Array.isArray(vc.value) ? vc.value : [vc.value];
		const lt = vc.literalType;
		const types: Array<string | undefined> = Array.isArray(lt) ? lt : raws.map(() => lt);
		const dv = vc.dateLiteralVariable;
		const ns: Array<number | undefined> = Array.isArray(dv) ? dv : raws.map(() => dv);
		const operands = raws.map((raw, i) => this.operand(f, cat, op, raw, types[i] ?? 'STRING', ns[i], valueAt));

		if (op === 'LIKE' && cat !== 'string' && cat !== 'id') {
			throw this.err('INVALID_QUERY_FILTER_OPERATOR', fieldAt, `invalid operator on ${f.type} field`);
		}
		if (['<', '<=', '>', '>='].includes(op) && (cat === 'multi' || cat === 'boolean')) {
			throw this.err('INVALID_QUERY_FILTER_OPERATOR', fieldAt, `invalid operator on ${f.type} field`);
		}

		const eq = (v: unknown, o: Operand) => matches(cat, '=', v, o);
		switch (op) {
			case 'IN':
				return (r) => {
					const v = get(r);
					return operands.some((o) => eq(v, o));
				};
			case 'NOT IN':
				return (r) => {
					const v = get(r);
					return !operands.some((o) => eq(v, o));
				};
			case 'INCLUDES':
				return (r) => operands.some((o) => includes(get(r), o));
			case 'EXCLUDES':
				return (r) => !operands.some((o) => includes(get(r), o));
			default: {
				const o = operands[0];
				const norm = op === '<>' ? '!=' : op;
				return (r) => matches(cat, norm, get(r), o);
			}
		}
	}

	/** `Id IN (SELECT AccountId FROM Contact ...)`: the inner query runs once. */
	private semiJoin(cond: ValueQueryCondition, rf: ResolvedField, op: string, get: (r: Located) => unknown, at: number): Pred {
		if (op !== 'IN' && op !== 'NOT IN') throw this.malformed(at, `unexpected token: 'SELECT'`);
		const inner = cond.valueQuery;
		const innerObj = this.object(inner.sObject ?? '', findWord(this.tokens, inner.sObject ?? '', at));
		// "OFFSET cannot be used as a subquery in the WHERE clause, even if the parent query uses LIMIT 1" ("OFFSET")
		if (inner.offset !== undefined) throw this.malformed(findKeyword(this.tokens, 'OFFSET') ?? at, 'OFFSET is not allowed in a WHERE clause subquery');
		this.checkContentDocumentLink(innerObj, inner);
		const innerField = inner.fields?.[0];
		if (!innerField || inner.fields?.length !== 1 || (innerField.type !== 'Field' && innerField.type !== 'FieldRelationship')) {
			throw this.malformed(at, `unexpected token: 'SELECT'`);
		}
		const rawName = innerField.type === 'Field' ? innerField.field : (innerField.rawValue ?? innerField.field);
		const innerRf = this.field(innerObj, rawName, inner.sObjectAlias, findWord(this.tokens, rawName, at));
		const rows = slice(this.rows(inner, innerObj, undefined), inner);
		const norm = (v: unknown) => (typeof v === 'string' ? (categoryOf(rf.field.type) === 'id' ? id15(v) : v.toLowerCase()) : v);
		const set = new Set(rows.map((r) => norm(valueOf(this.ctx, r.objectName, r.record, innerRf))));
		set.delete(null);
		return op === 'IN' ? (r) => set.has(norm(get(r))) : (r) => !set.has(norm(get(r)));
	}

	/** Validate one literal against the field's type and turn it into an operand. */
	private operand(f: FieldDef, cat: FieldCategory, op: string, raw: string, type: string, n: number | undefined, at: number): Operand {
		if (type === 'NULL') return { kind: 'null' };
		const quoted = type === 'STRING';
		const mismatch = (typeName: string) =>
			this.err(
				'INVALID_FIELD',
				at,
				quoted || cat === 'date' || cat === 'datetime'
					? `value of filter criterion for field '${f.name}' must be of type ${typeName} and should not be enclosed in quotes`
					: `value of filter criterion for field '${f.name}' must be of type ${typeName} and should be enclosed in quotes`,
			);
		if (quoted) {
			const body = raw.slice(1, -1);
			if (body.length > MAX_STRING_LITERAL) {
				throw this.malformed(at, `String literal is too long: it can have at most ${MAX_STRING_LITERAL} characters`);
			}
			let chars;
			try {
				chars = decodeStringBody(body, op === 'LIKE');
			} catch (e) {
				if (!(e instanceof LiteralError)) throw e;
				throw this.malformed(at, `Invalid string literal '${body}'. Illegal character sequence '${e.message}' in string literal.`);
			}
			const str = chars.map((c) => c.ch).join('');
			switch (cat) {
				case 'string':
				case 'multi':
				case 'id':
					break;
				case 'number':
					throw mismatch(numberTypeName(f));
				case 'boolean':
					throw mismatch('boolean');
				case 'date':
					throw mismatch('date');
				case 'datetime':
					throw mismatch('dateTime');
				default:
					throw mismatch(f.type);
			}
			if (op === 'LIKE') return { kind: 'like', like: likeToRegExp(chars) };
			if (str === '') return { kind: 'null' };
			if (cat === 'id' && !/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(str)) {
				throw this.err('INVALID_QUERY_FILTER_OPERATOR', at, `invalid ID field: ${str}`);
			}
			if (cat === 'multi') {
				return { kind: 'string', str, set: splitMulti(str) };
			}
			return { kind: 'string', str: cat === 'id' ? id15(str) : str.toLowerCase() };
		}
		switch (cat) {
			case 'string':
			case 'multi':
				throw mismatch('string');
			case 'id':
				throw mismatch('id');
			case 'number': {
				const isCurrency = type === 'INTEGER_WITH_CURRENCY_PREFIX' || type === 'DECIMAL_WITH_CURRENCY_PREFIX';
				if ((type !== 'INTEGER' && type !== 'DECIMAL' && !isCurrency) || (isCurrency && f.type !== 'currency')) {
					throw mismatch(numberTypeName(f));
				}
				return { kind: 'number', num: Number(raw.replace(/^[A-Za-z]{3}/, '')) };
			}
			case 'boolean':
				if (type !== 'BOOLEAN') throw mismatch('boolean');
				return { kind: 'boolean', bool: raw.toUpperCase() === 'TRUE' };
			case 'date':
			case 'datetime': {
				if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
					const name = raw.split(':')[0];
					const user = this.ctx.user;
					const days = dateLiteralRange(name, this.ctx.now(), n, user);
					if (!days) throw this.malformed(at, `unexpected token: '${raw}'`);
					// A date field compares calendar days; a dateTime field the instants the user's days start at
					const range = cat === 'date' || !user ? days : { start: startOfDayIn(days.start, user.timeZone), end: startOfDayIn(days.end, user.timeZone) };
					return { kind: 'range', range };
				}
				if (cat === 'date') {
					if (type !== 'DATE') throw mismatch('date');
					const ms = parseDate(raw);
					if (ms === undefined) throw this.malformed(at, `unexpected token: '${raw}'`);
					return { kind: 'number', num: ms };
				}
				if (type !== 'DATETIME') throw mismatch('dateTime');
				const ms = parseDateTime(raw);
				if (ms === undefined) throw this.malformed(at, `unexpected token: '${raw}'`);
				// dateTime values have a precision of one second ("Primitive Data Types"), literals too
				return { kind: 'number', num: Math.floor(ms / 1000) * 1000 };
			}
			default:
				throw mismatch(f.type);
		}
	}
}

function slice<T>(rows: T[], query: QueryBase): T[] {
	const offset = query.offset ?? 0;
	return rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
}

function condField(cond: ConditionWithValueQuery): string {
	if ('field' in cond) return cond.field;
	if ('fn' in cond) return cond.fn.rawValue ?? cond.fn.functionName ?? '';
	return '(';
}

function numberTypeName(f: FieldDef): string {
	if (f.type === 'int') return 'integer';
	if (f.type === 'long') return 'long';
	return 'double';
}

function splitMulti(v: string): string[] {
	return v
		.split(';')
		.map((s) => s.trim().toLowerCase())
		.filter((s) => s !== '');
}

/** Comparable form of a stored value: numbers for numeric/temporal types, strings otherwise. */
function sortKey(cat: FieldCategory, v: unknown): number | string {
	switch (cat) {
		case 'number':
			return Number(v);
		case 'boolean':
			return v === true ? 1 : 0;
		case 'date':
			return dateValueToMs(v) ?? 0;
		case 'datetime':
			return typeof v === 'string' ? (parseDateTime(v) ?? 0) : 0;
		case 'id':
			return typeof v === 'string' ? id15(v) : String(v);
		default:
			return String(v).toLowerCase();
	}
}

/** Compares two picklist values by their position in the field's value list; values not in it sort after, by name. */
function picklistRank(f: FieldDef): (a: unknown, b: unknown) => number {
	const rank = new Map(f.picklistValues.map((p, i) => [p.value.toLowerCase(), i]));
	const key = (v: unknown): [number, string] => {
		const s = String(v).toLowerCase();
		return [rank.get(s) ?? rank.size, s];
	};
	return (a, b) => {
		const [ra, sa] = key(a);
		const [rb, sb] = key(b);
		return ra - rb || compareKeys(sa, sb);
	};
}

function compareKeys(a: number | string, b: number | string): number {
	if (a < b) return -1;
	if (a > b) return 1;
	return 0;
}

function stableSort<T>(rows: T[], cmp: (a: T, b: T) => number): T[] {
	return rows
		.map((row, i) => ({ row, i }))
		.sort((a, b) => cmp(a.row, b.row) || a.i - b.i)
		.map((x) => x.row);
}

/** One comparison. SOQL treats null as a value: `!=` and NOT IN match empty fields, ordering operators never do. */
function matches(cat: FieldCategory, op: string, v: unknown, o: Operand): boolean {
	const isNull = v === null || v === undefined || v === '';
	// "If you run a query on a boolean field, null matches FALSE values ... WHERE Test_c != null is equivalent to
	// WHERE Test_c = true" (SOQL and SOSL Reference: "Use null in WHERE")
	if (cat === 'boolean' && o.kind === 'null') {
		if (op === '=') return v !== true;
		if (op === '!=') return v === true;
		return false;
	}
	if (o.kind === 'null') {
		if (op === '=') return isNull;
		if (op === '!=') return !isNull;
		return false;
	}
	if (cat === 'boolean') {
		const b = v === true;
		if (op === '=') return b === o.bool;
		if (op === '!=') return b !== o.bool;
		return false;
	}
	if (isNull) return op === '!=';
	if (o.kind === 'like') return typeof v === 'string' && (o.like as RegExp).test(v.toLowerCase());
	if (cat === 'multi') {
		const a = [...new Set(splitMulti(String(v)))].sort();
		const b = [...new Set(o.set ?? [])].sort();
		const same = a.length === b.length && a.every((x, i) => x === b[i]);
		if (op === '=') return same;
		if (op === '!=') return !same;
		return false;
	}
	if (o.kind === 'range') {
		const t = cat === 'date' ? dateValueToMs(v) : typeof v === 'string' ? parseDateTime(v) : undefined;
		if (t === undefined) return false;
		const { start, end } = o.range as DayRange;
		switch (op) {
			case '=':
				return t >= start && t < end;
			case '!=':
				return t < start || t >= end;
			case '<':
				return t < start;
			case '<=':
				return t < end;
			case '>':
				return t >= end;
			case '>=':
				return t >= start;
			default:
				return false;
		}
	}
	const key = sortKey(cat, v);
	const lit: number | string = o.kind === 'number' ? (o.num as number) : (o.str as string);
	const c = compareKeys(key, lit);
	switch (op) {
		case '=':
			return c === 0;
		case '!=':
			return c !== 0;
		case '<':
			return c < 0;
		case '<=':
			return c <= 0;
		case '>':
			return c > 0;
		case '>=':
			return c >= 0;
		default:
			return false;
	}
}

/** INCLUDES operand `'A;B'`: the stored set contains every listed value. */
function includes(v: unknown, o: Operand): boolean {
	if (o.kind === 'null' || typeof v !== 'string' || v === '') return false;
	const have = new Set(splitMulti(v));
	return (o.set ?? []).every((x) => have.has(x));
}
