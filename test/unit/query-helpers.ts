/**
 * Test helpers for the query model: read SOQL back the way Salesforce's lexer does (string literals, LIKE patterns)
 * and reduce a WHERE clause parsed by @jetstreamapp/soql-parser-js to its structure (a skeleton of AND/OR/NOT and
 * parentheses with one C per comparison, plus the comparisons in order), to compare with what was intended.
 */
import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';

import type { QueryField } from '../../shared/query/operators';

/** \n or \N etc.; \" \' \\ stand for themselves */
const LETTERS: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
const THEMSELVES = new Set(['"', "'", '\\']);

/** A LIKE wildcard, as opposed to a literal % or _ */
export const WILD = { '%': Symbol('%'), _: Symbol('_') } as const;

/** Decodes a quoted literal into characters; in LIKE mode unescaped % and _ come back as WILD markers. */
export function decodeLiteral(literal: string, like = false): Array<string | symbol> {
	if (!literal.startsWith("'") || !literal.endsWith("'") || literal.length < 2) throw new Error(`not a string literal: ${literal}`);
	const body = literal.slice(1, -1);
	const out: Array<string | symbol> = [];
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c === "'") throw new Error('unescaped quote inside literal');
		if (like && (c === '%' || c === '_')) {
			out.push(WILD[c]);
			continue;
		}
		if (c !== '\\') {
			out.push(c);
			continue;
		}
		const n = body[++i];
		if (n === undefined) throw new Error('dangling backslash');
		if (n.toLowerCase() in LETTERS) out.push(LETTERS[n.toLowerCase()]);
		else if (THEMSELVES.has(n)) out.push(n);
		else if (n === 'u') {
			const hex = body.slice(i + 1, i + 5);
			if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`bad \\u escape: ${hex}`);
			out.push(String.fromCharCode(parseInt(hex, 16)));
			i += 4;
		} else if (like && (n === '%' || n === '_')) out.push(n);
		else throw new Error(`bad escape \\${n}`);
	}
	return out;
}

/** The string a (non-LIKE) literal stands for. */
export function unquote(literal: string): string {
	return decodeLiteral(literal).join('');
}

export interface ParsedCondition {
	field: string;
	operator: string;
	value: string | string[];
	literalType?: string | string[];
}

export interface WhereShape {
	/** e.g. `C AND ((C AND C) OR C) AND (NOT C)` */
	skeleton: string;
	conditions: ParsedCondition[];
}

/** Parses `SELECT Id FROM Account WHERE <where>` and returns the WHERE clause's shape. */
export function parseWhere(where: string): WhereShape {
	const query = parseQuery(`SELECT Id FROM Account WHERE ${where}`) as Query;
	if (!query.where) throw new Error('no WHERE clause parsed');
	return shapeOf(query.where);
}

export function shapeOf(where: WhereClause): WhereShape {
	const tokens: string[] = [];
	const conditions: ParsedCondition[] = [];
	let node: WhereClause | undefined = where;
	while (node) {
		const left = node.left as Record<string, unknown> | null;
		const operator = 'operator' in node ? node.operator : undefined;
		if (operator === 'NOT') {
			tokens.push(...Array<string>(Number(left?.openParen ?? 0)).fill('('), 'NOT');
		} else {
			if (!left || !('field' in left)) throw new Error(`unexpected condition: ${JSON.stringify(left)}`);
			tokens.push(...Array<string>(Number(left.openParen ?? 0)).fill('('), 'C', ...Array<string>(Number(left.closeParen ?? 0)).fill(')'));
			conditions.push({
				field: String(left.field),
				operator: String(left.operator),
				value: left.value as string | string[],
				literalType: left.literalType as string | string[] | undefined,
			});
			if (operator) tokens.push(operator.toUpperCase());
		}
		node = 'right' in node ? node.right : undefined;
	}
	return { skeleton: tokens.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')'), conditions };
}

/** A compact describe for tests. */
export function field(name: string, type: string, extra: Partial<QueryField> = {}): QueryField {
	return { name, label: name, type, filterable: true, sortable: true, ...extra };
}

/** An Account-like object with one field of every describe type. */
export const ACCOUNT_FIELDS: QueryField[] = [
	field('Id', 'id'),
	field('Name', 'string', { nameField: true, length: 255 }),
	field('Phone', 'phone'),
	field('Website', 'url'),
	field('Email__c', 'email'),
	field('Rating__c', 'combobox'),
	field('Notes__c', 'textarea', { length: 255 }),
	field('Description', 'textarea', { length: 32000, filterable: false, sortable: false }),
	field('AnnualRevenue', 'currency'),
	field('NumberOfEmployees', 'int'),
	field('Score__c', 'double'),
	field('Share__c', 'percent'),
	field('Big__c', 'long'),
	field('Founded__c', 'date'),
	field('CreatedDate', 'datetime'),
	field('LastModifiedDate', 'datetime'),
	field('SystemModstamp', 'datetime'),
	field('Opens__c', 'time'),
	field('IsActive__c', 'boolean'),
	field('Industry', 'picklist', {
		restrictedPicklist: true,
		picklistValues: [{ value: 'Banking' }, { value: 'Media' }, { value: 'Retail', active: false }],
	}),
	field('Source__c', 'picklist', { restrictedPicklist: false, picklistValues: [{ value: 'Web' }] }),
	field('Regions__c', 'multipicklist', {
		sortable: false,
		restrictedPicklist: true,
		picklistValues: [{ value: 'EU' }, { value: 'US' }, { value: 'APAC' }],
	}),
	field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
	field('ParentId', 'reference', { referenceTo: ['Account'], relationshipName: 'Parent' }),
	field('Logo__c', 'base64', { filterable: false, sortable: false }),
	field('Secret__c', 'encryptedstring', { filterable: false }),
	field('BillingAddress', 'address', { filterable: false, sortable: false }),
	field('Geo__c', 'location', { filterable: false, sortable: false }),
];

export const byName = (name: string): QueryField => {
	const f = ACCOUNT_FIELDS.find((x) => x.name === name);
	if (!f) throw new Error(`no test field ${name}`);
	return f;
};

/** Parent fields reachable from the test Account: Owner.*, Parent.* and a deep Owner.Manager... chain. */
export function resolveParent(path: string): QueryField | undefined {
	const last = path.split('.').pop() ?? '';
	const known: Record<string, QueryField> = {
		email: field('Email', 'email'),
		name: field('Name', 'string'),
		isactive: field('IsActive', 'boolean'),
		createddate: field('CreatedDate', 'datetime'),
		annualrevenue: field('AnnualRevenue', 'currency'),
	};
	const rel = path.split('.').slice(0, -1);
	if (!rel.every((r) => ['owner', 'parent', 'manager', 'createdby'].includes(r.toLowerCase()))) return undefined;
	return known[last.toLowerCase()];
}
