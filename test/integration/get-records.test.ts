/**
 * Get Records and SOQL Query through n8n's engine against the sandbox org, whose SOQL engine evaluates the queries:
 * every operator of every field type returns exactly the records a reference filter computed here (in JavaScript, over
 * the records read without any WHERE) selects; custom logic with nesting and NOT; parent-field conditions; sorting on
 * two fields with nulls first and last; limit, offset and Return All over 10,000 records with the query calls counted;
 * hostile values and names; errors that point at the row and field or at the position; the editor's lists.
 */
import { DateTime } from 'luxon';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import * as admin from '../sandbox/admin-client';
import { callNodeMethodAt } from '../harness/engine';
import { HOSTILE_IDENTIFIERS, HOSTILE_VALUES } from '../harness/hostile';
import { dataCalls, startOrg, type TestOrg } from '../harness/org';
import { actionNode, objectParam, runAction } from '../harness/workflows';

let org: TestOrg;

/** The org's clock during this file: a Wednesday noon in Los Angeles (the admin's time zone), 19:00 UTC the same day */
const T0 = '2026-03-18T19:00:00.000Z';
const ZONE = 'America/Los_Angeles';

type Rec = Record<string, unknown> & { Id: string };
let invoices: Rec[];
let accounts: Rec[];
const accountIds: string[] = [];

const INVOICE_FIELDS = [
	'Id',
	'Name',
	'External_Id__c',
	'Amount__c',
	'Discount__c',
	'Quantity__c',
	'Due_Date__c',
	'Issued_At__c',
	'Paid__c',
	'Status__c',
	'Tags__c',
	'Account__c',
	'Contact_Email__c',
	'Account__r.Name',
	'Account__r.AnnualRevenue',
	'Account__r.Industry',
	'Account__r.Owner.Email',
	'Owner.Name',
];

/** Reads every record of an object with jsforce, without a WHERE clause: the reference filters work on these. */
async function readAll(object: string, fields: string[]): Promise<Rec[]> {
	const out: Rec[] = [];
	let page = await org.jsforce.query<Rec>(`SELECT ${fields.join(', ')} FROM ${object}`);
	out.push(...page.records);
	while (!page.done && page.nextRecordsUrl) {
		page = await org.jsforce.queryMore<Rec>(page.nextRecordsUrl);
		out.push(...page.records);
	}
	return out;
}

/** LA noon `days` after T0, in UTC, as Salesforce writes datetimes */
const laNoon = (days: number) => DateTime.fromISO(T0).setZone(ZONE).plus({ days }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO() ?? '';
const laDate = (days: number) => DateTime.fromISO(T0).setZone(ZONE).plus({ days }).toISODate() ?? '';
const RELATIVE_OFFSETS = [-120, -91, -90, -89, -31, -30, -29, -17, -8, -7, -6, -3, -1, 0, 1, 3, 6, 7, 8, 13, 14, 29, 30, 31, 89, 90, 91];

beforeAll(async () => {
	org = await startOrg();
	await admin.setClock(org.url, { set: T0 });
	const acc = await org.jsforce.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Name LIMIT 3');
	accountIds.push(...acc.records.map((a) => a.Id));
	const [a1, a2, a3] = accountIds;
	// values at the edges of each type, with every field empty somewhere, and text that looks like SOQL
	const mine: Array<Record<string, unknown>> = [
		{ Name: "O'Brien & Co", External_Id__c: 'GR-01', Amount__c: 100, Discount__c: 50, Quantity__c: 7, Due_Date__c: laDate(0), Issued_At__c: '2026-03-01T19:00:00Z', Paid__c: true, Status__c: 'Paid', Tags__c: 'Urgent;Partner', Account__c: a1, Contact_Email__c: 'OBrien@Example.com' },
		{ Name: 'Inv 100% _done', External_Id__c: 'GR-02', Amount__c: 0, Discount__c: 12.5, Quantity__c: 1, Due_Date__c: '1999-12-31', Issued_At__c: '2026-03-01T19:00:01Z', Paid__c: false, Status__c: 'Draft', Tags__c: 'Partner;Renewal;Enterprise', Account__c: a2, Contact_Email__c: 'x_y%z@example.com' },
		{ Name: 'back\\slash', External_Id__c: 'GR-03', Amount__c: -20, Discount__c: 0, Quantity__c: 42, Due_Date__c: '2026-01-01', Issued_At__c: '2025-12-31T23:59:59Z', Status__c: 'Void', Tags__c: 'Urgent' },
		{ Name: 'GR nulls', External_Id__c: 'GR-04' },
		{ Name: 'gr upper', External_Id__c: 'GR-05', Amount__c: 100.5, Quantity__c: 1000000, Due_Date__c: '4000-12-31', Issued_At__c: '2026-03-18T19:00:00Z', Status__c: 'Overdue', Account__c: a1, Contact_Email__c: 'UPPER@EXAMPLE.COM' },
		{ Name: 'Sent one', External_Id__c: 'GR-06', Amount__c: 1000, Discount__c: 20, Status__c: 'Sent', Tags__c: 'Enterprise', Account__c: a3, Due_Date__c: laDate(1), Issued_At__c: '2026-03-18T06:30:00Z' },
		// days around T0, dates and LA noons (the same day in UTC): relative dates select on these
		...RELATIVE_OFFSETS.map((d) => ({ Name: `Rel ${d}`, External_Id__c: `GR-REL-${d}`, Due_Date__c: laDate(d), Issued_At__c: laNoon(d), Amount__c: 5000 + d })),
		{ Name: 'Rel none', External_Id__c: 'GR-REL-none' },
	];
	await admin.load(org.url, 'Invoice__c', mine);
	invoices = await readAll('Invoice__c', INVOICE_FIELDS);
	accounts = await readAll('Account', ['Id', 'Name']);
}, 60_000);

afterAll(async () => {
	await org?.close();
});

// ---- the reference filter: SOQL's rules, written out for the records read above ----

type Category = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'picklist' | 'multipicklist' | 'id';

const CATEGORY: Record<string, Category> = {
	Name: 'text',
	External_Id__c: 'text',
	Contact_Email__c: 'text',
	Amount__c: 'number',
	Discount__c: 'number',
	Quantity__c: 'number',
	Due_Date__c: 'date',
	Issued_At__c: 'datetime',
	Paid__c: 'boolean',
	Status__c: 'picklist',
	Tags__c: 'multipicklist',
	Id: 'id',
	Account__c: 'id',
	'Account__r.Name': 'text',
	'Account__r.AnnualRevenue': 'number',
	'Account__r.Industry': 'picklist',
	'Account__r.Owner.Email': 'text',
	'Owner.Name': 'text',
};

/** A field's value; a missing parent makes its fields empty, and Salesforce stores empty text as null */
function valueAt(record: Rec, path: string): unknown {
	let v: unknown = record;
	for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : null;
	return v === undefined || v === '' ? null : v;
}

const ms = (v: unknown) => Date.parse(String(v).replace(/\+0000$/, 'Z'));
const lower = (v: unknown) => String(v).toLowerCase();

function equal(cat: Category, v: unknown, x: unknown): boolean {
	if (v === null) return false;
	switch (cat) {
		case 'number':
			return Number(v) === Number(x);
		case 'date':
			// a datetime gives its date as written
			return v === String(x).slice(0, 10);
		case 'datetime':
			return ms(v) === Math.floor(ms(x) / 1000) * 1000;
		case 'id':
			return String(v).slice(0, 15) === String(x).slice(0, 15);
		default:
			return lower(v) === lower(x);
	}
}

function order(cat: Category, v: unknown, x: unknown): number {
	if (cat === 'number') return Number(v) - Number(x);
	if (cat === 'datetime') return ms(v) - ms(x);
	return String(v) < String(x) ? -1 : String(v) > String(x) ? 1 : 0;
}

/** [start, end) of a relative date in the admin's time zone, weeks from Sunday (en_US), as LA day starts */
function range(literal: string, n: number | undefined, now: DateTime): [DateTime, DateTime] {
	const today = now.setZone(ZONE).startOf('day');
	const k = n ?? 0;
	const weekStart = today.minus({ days: today.weekday % 7 });
	switch (literal) {
		case 'TODAY':
			return [today, today.plus({ days: 1 })];
		case 'YESTERDAY':
			return [today.minus({ days: 1 }), today];
		case 'TOMORROW':
			return [today.plus({ days: 1 }), today.plus({ days: 2 })];
		case 'THIS_WEEK':
			return [weekStart, weekStart.plus({ days: 7 })];
		case 'LAST_WEEK':
			return [weekStart.minus({ days: 7 }), weekStart];
		case 'THIS_MONTH':
			return [today.startOf('month'), today.startOf('month').plus({ months: 1 })];
		case 'LAST_90_DAYS':
			return [today.minus({ days: 90 }), today.plus({ days: 1 })];
		case 'NEXT_90_DAYS':
			return [today.plus({ days: 1 }), today.plus({ days: 91 })];
		case 'LAST_N_DAYS':
			return [today.minus({ days: k }), today.plus({ days: 1 })];
		case 'NEXT_N_DAYS':
			return [today.plus({ days: 1 }), today.plus({ days: 1 + k })];
		case 'N_DAYS_AGO':
			return [today.minus({ days: k }), today.minus({ days: k - 1 })];
		default:
			throw new Error(`no reference for ${literal}`);
	}
}

interface Case {
	field: string;
	op: string;
	value?: unknown;
	valueTo?: unknown;
	values?: unknown[];
	literal?: string;
	n?: number;
}

const label = (c: Case) =>
	`${c.field} ${c.op} ${JSON.stringify(c.values ?? c.literal ?? c.value ?? '')}${c.valueTo !== undefined ? `..${JSON.stringify(c.valueTo)}` : ''}${c.n !== undefined ? `:${c.n}` : ''}`;

function matches(record: Rec, c: Case, now: DateTime): boolean {
	const cat = CATEGORY[c.field];
	const v = valueAt(record, c.field);
	const list = (c.values ?? []).map(String);
	const set = new Set(v === null ? [] : String(v).split(';').map(lower));
	const relative = (): [number, number] | undefined => {
		if (v === null) return undefined;
		const [start, end] = range(c.literal ?? '', c.n, now);
		if (cat === 'date') return [order('date', v, start.toISODate()), order('date', v, end.toISODate())];
		return [ms(v) - start.toMillis(), ms(v) - end.toMillis()];
	};
	switch (c.op) {
		case 'equals':
			return equal(cat, v, c.value);
		case 'notEquals':
			return !equal(cat, v, c.value);
		case 'lt':
			return v !== null && order(cat, v, c.value) < 0;
		case 'lte':
			return v !== null && order(cat, v, c.value) <= 0;
		case 'gt':
			return v !== null && order(cat, v, c.value) > 0;
		case 'gte':
			return v !== null && order(cat, v, c.value) >= 0;
		case 'between':
			return v !== null && order(cat, v, c.value) >= 0 && order(cat, v, c.valueTo) <= 0;
		case 'contains':
			return v !== null && lower(v).includes(lower(c.value));
		case 'notContains':
			return !(v !== null && lower(v).includes(lower(c.value)));
		case 'startsWith':
			return v !== null && lower(v).startsWith(lower(c.value));
		case 'endsWith':
			return v !== null && lower(v).endsWith(lower(c.value));
		case 'in':
			return list.some((x) => equal(cat, v, x));
		case 'notIn':
			return !list.some((x) => equal(cat, v, x));
		case 'isEmpty':
			return v === null;
		case 'isNotEmpty':
			return v !== null;
		case 'isTrue':
			return v === true;
		case 'isFalse':
			return v !== true;
		case 'includesAll':
			return list.every((x) => set.has(lower(x)));
		case 'includesAny':
			return list.some((x) => set.has(lower(x)));
		case 'excludesAll':
			return !list.some((x) => set.has(lower(x)));
		case 'excludesAny':
			return !list.every((x) => set.has(lower(x)));
		case 'inRelative': {
			const r = relative();
			return !!r && r[0] >= 0 && r[1] < 0;
		}
		case 'notInRelative': {
			const r = relative();
			return !r || r[0] < 0 || r[1] >= 0;
		}
		case 'beforeRelative':
			return (relative()?.[0] ?? 0) < 0;
		case 'inOrBeforeRelative':
			return (relative()?.[1] ?? 0) < 0;
		case 'afterRelative':
			return (relative()?.[1] ?? -1) >= 0;
		case 'inOrAfterRelative':
			return (relative()?.[0] ?? -1) >= 0;
		default:
			throw new Error(`no reference for ${c.op}`);
	}
}

const idsOf = (records: Rec[]) => records.map((r) => r.Id).sort();
const orgNow = async () => DateTime.fromISO((await admin.getClock(org.url)).now);

/** One row whose every input comes from the item: one query per item, each with its own condition. */
const caseRow = {
	field: '={{ $json.field }}',
	operator: '={{ $json.op }}',
	value: '={{ $json.value }}',
	valueTo: '={{ $json.valueTo }}',
	values: ['={{ $json.values }}'],
	dateLiteral: '={{ $json.literal }}',
	n: '={{ $json.n }}',
};

const getMany = (extra: Record<string, unknown>) => ({ resource: 'record', operation: 'getMany', sobject: objectParam('Invoice__c'), returnAll: true, ...extra });

/** Runs the cases as the items of one execution (one item, one output item with its records) and checks each. */
async function expectCases(cases: Case[], before: IDataObject[] = [], scope: (r: Rec) => boolean = () => true): Promise<void> {
	const result = await runAction(org, cases, getMany({ conditions: { condition: [...before, caseRow] }, options: { output: 'single' } }));
	const out = result.output('Salesforce');
	expect(out.map((o) => o.pairedItem)).toEqual(cases.map((_c, item) => ({ item })));
	const now = await orgNow();
	const actual = Object.fromEntries(out.map((o, k) => [label(cases[k]), idsOf(o.json.records as Rec[])]));
	const expected = Object.fromEntries(cases.map((c) => [label(c), idsOf(invoices.filter((r) => scope(r) && matches(r, c, now)))]));
	expect(actual).toEqual(expected);
	// the cases are not trivial: together they select some records and leave others out
	const sizes = Object.values(expected).map((ids) => ids.length);
	expect(sizes.some((n) => n > 0)).toBe(true);
}

describe('each operator of each field type returns exactly what the reference filter selects', () => {
	it('text and email', async () => {
		const cases: Case[] = [
			{ field: 'Name', op: 'equals', value: "o'brien & CO" },
			{ field: 'Name', op: 'notEquals', value: "O'Brien & Co" },
			{ field: 'Name', op: 'contains', value: '100%' },
			{ field: 'Name', op: 'contains', value: '_' },
			{ field: 'Name', op: 'notContains', value: 'invoice' },
			{ field: 'Name', op: 'startsWith', value: 'inv' },
			{ field: 'Name', op: 'endsWith', value: '\\slash' },
			{ field: 'Name', op: 'in', values: ['GR NULLS', "O'Brien & Co", 'nothing'] },
			{ field: 'Name', op: 'notIn', values: ['GR nulls', 'Sent one'] },
			{ field: 'Contact_Email__c', op: 'equals', value: 'upper@example.com' },
			{ field: 'Contact_Email__c', op: 'contains', value: '_y%' },
			{ field: 'Contact_Email__c', op: 'endsWith', value: '.COM' },
			{ field: 'Contact_Email__c', op: 'isEmpty' },
			{ field: 'Contact_Email__c', op: 'isNotEmpty' },
			{ field: 'Contact_Email__c', op: 'notEquals', value: 'UPPER@example.com' },
		];
		await expectCases(cases);
	});

	it('number, currency and percent', async () => {
		const cases: Case[] = [
			{ field: 'Amount__c', op: 'equals', value: '100' },
			{ field: 'Amount__c', op: 'equals', value: 100.5 },
			{ field: 'Amount__c', op: 'notEquals', value: '100' },
			{ field: 'Amount__c', op: 'lt', value: '0' },
			{ field: 'Amount__c', op: 'lte', value: '100' },
			{ field: 'Amount__c', op: 'gt', value: '50000' },
			{ field: 'Amount__c', op: 'gte', value: '-20' },
			{ field: 'Amount__c', op: 'between', value: '0', valueTo: '1e3' },
			{ field: 'Amount__c', op: 'isEmpty' },
			{ field: 'Amount__c', op: 'isNotEmpty' },
			{ field: 'Discount__c', op: 'gt', value: '12.5' },
			{ field: 'Discount__c', op: 'between', value: '12.5', valueTo: '50' },
			{ field: 'Discount__c', op: 'isEmpty' },
			{ field: 'Discount__c', op: 'notEquals', value: '0' },
			{ field: 'Quantity__c', op: 'gte', value: '42' },
			{ field: 'Quantity__c', op: 'equals', value: '1000000' },
		];
		await expectCases(cases);
	});

	it('date: comparisons', async () => {
		const cases: Case[] = [
			{ field: 'Due_Date__c', op: 'equals', value: laDate(0) },
			{ field: 'Due_Date__c', op: 'notEquals', value: laDate(0) },
			{ field: 'Due_Date__c', op: 'lt', value: '2000-01-01' },
			{ field: 'Due_Date__c', op: 'lte', value: '2026-01-01' },
			{ field: 'Due_Date__c', op: 'gt', value: laDate(30) },
			{ field: 'Due_Date__c', op: 'gte', value: '4000-12-31' },
			{ field: 'Due_Date__c', op: 'between', value: laDate(-7), valueTo: laDate(7) },
			{ field: 'Due_Date__c', op: 'isEmpty' },
			{ field: 'Due_Date__c', op: 'isNotEmpty' },
			// a datetime gives its date as written
			{ field: 'Due_Date__c', op: 'equals', value: `${laDate(1)}T23:00:00-08:00` },
		];
		await expectCases(cases);
	});

	it('date/time: comparisons, offsets and fractions of a second', async () => {
		const cases: Case[] = [
			{ field: 'Issued_At__c', op: 'equals', value: '2026-03-01T19:00:00Z' },
			{ field: 'Issued_At__c', op: 'equals', value: '2026-03-01T20:00:01+01:00' },
			{ field: 'Issued_At__c', op: 'notEquals', value: '2026-03-01T19:00:00Z' },
			{ field: 'Issued_At__c', op: 'lt', value: '2026-01-01T00:00:00Z' },
			{ field: 'Issued_At__c', op: 'gt', value: '2026-03-01T19:00:00.500Z' },
			{ field: 'Issued_At__c', op: 'gte', value: '2026-03-01T19:00:00.500Z' },
			{ field: 'Issued_At__c', op: 'lte', value: '2026-03-01T11:00:00-08:00' },
			{ field: 'Issued_At__c', op: 'between', value: '2026-03-01T19:00:00Z', valueTo: laNoon(0) },
			{ field: 'Issued_At__c', op: 'isEmpty' },
			{ field: 'Issued_At__c', op: 'isNotEmpty' },
		];
		await expectCases(cases);
	});

	it('date and date/time: relative dates (LA noons and dates around the org clock)', async () => {
		const cases: Case[] = [
			{ field: 'Due_Date__c', op: 'inRelative', literal: 'LAST_N_DAYS', n: 30 },
			{ field: 'Due_Date__c', op: 'inRelative', literal: 'THIS_MONTH' },
			{ field: 'Due_Date__c', op: 'inRelative', literal: 'TODAY' },
			{ field: 'Due_Date__c', op: 'notInRelative', literal: 'THIS_WEEK' },
			{ field: 'Due_Date__c', op: 'beforeRelative', literal: 'LAST_N_DAYS', n: 7 },
			{ field: 'Due_Date__c', op: 'inOrBeforeRelative', literal: 'YESTERDAY' },
			{ field: 'Due_Date__c', op: 'afterRelative', literal: 'NEXT_N_DAYS', n: 30 },
			{ field: 'Due_Date__c', op: 'inOrAfterRelative', literal: 'TOMORROW' },
			{ field: 'Due_Date__c', op: 'inRelative', literal: 'N_DAYS_AGO', n: 7 },
			{ field: 'Due_Date__c', op: 'inRelative', literal: 'LAST_90_DAYS' },
			{ field: 'Issued_At__c', op: 'inRelative', literal: 'TODAY' },
			{ field: 'Issued_At__c', op: 'inRelative', literal: 'LAST_N_DAYS', n: 7 },
			{ field: 'Issued_At__c', op: 'notInRelative', literal: 'LAST_N_DAYS', n: 30 },
			{ field: 'Issued_At__c', op: 'beforeRelative', literal: 'THIS_MONTH' },
			{ field: 'Issued_At__c', op: 'afterRelative', literal: 'TODAY' },
			{ field: 'Issued_At__c', op: 'inOrAfterRelative', literal: 'LAST_WEEK' },
			{ field: 'Issued_At__c', op: 'inRelative', literal: 'NEXT_90_DAYS' },
			{ field: 'Issued_At__c', op: 'inOrBeforeRelative', literal: 'N_DAYS_AGO', n: 1 },
		];
		const marker = { field: 'External_Id__c', operator: 'startsWith', value: 'GR-REL-' };
		await expectCases(cases, [marker], (r) => String(r.External_Id__c).startsWith('GR-REL-'));
	});

	it('a relative date can be written with its N (LAST_N_DAYS:7), in any letter case', async () => {
		const written = await runAction(org, [{}], getMany({
			conditions: { condition: [{ field: 'External_Id__c', operator: 'startsWith', value: 'GR-REL-' }, { field: 'Due_Date__c', operator: 'inRelative', dateLiteral: 'last_n_days:7' }] },
		}));
		const now = await orgNow();
		const expected = invoices.filter((r) => String(r.External_Id__c).startsWith('GR-REL-') && matches(r, { field: 'Due_Date__c', op: 'inRelative', literal: 'LAST_N_DAYS', n: 7 }, now));
		expect(idsOf(written.output('Salesforce').map((o) => o.json as Rec))).toEqual(idsOf(expected));
	});

	it('checkbox', async () => {
		await expectCases([
			{ field: 'Paid__c', op: 'isTrue' },
			{ field: 'Paid__c', op: 'isFalse' },
		]);
	});

	it('picklist: values in any letter case, sent as Salesforce spells them', async () => {
		await expectCases([
			{ field: 'Status__c', op: 'equals', value: 'paid' },
			{ field: 'Status__c', op: 'notEquals', value: 'Draft' },
			{ field: 'Status__c', op: 'in', values: ['VOID', 'Overdue'] },
			{ field: 'Status__c', op: 'notIn', values: ['Paid', 'Draft', 'Sent'] },
			{ field: 'Status__c', op: 'isEmpty' },
			{ field: 'Status__c', op: 'isNotEmpty' },
		]);
	});

	it('multi-select picklist', async () => {
		await expectCases([
			{ field: 'Tags__c', op: 'includesAll', values: ['Urgent', 'Partner'] },
			{ field: 'Tags__c', op: 'includesAll', values: ['Enterprise'] },
			{ field: 'Tags__c', op: 'includesAny', values: ['Urgent', 'Renewal'] },
			{ field: 'Tags__c', op: 'excludesAll', values: ['Urgent', 'Partner'] },
			{ field: 'Tags__c', op: 'excludesAny', values: ['Urgent', 'Partner'] },
			{ field: 'Tags__c', op: 'isEmpty' },
			{ field: 'Tags__c', op: 'isNotEmpty' },
		]);
	});

	it('lookup and record ID, 15- and 18-character IDs alike', async () => {
		const [a1, a2] = accountIds;
		const some = invoices.slice(0, 3).map((r) => r.Id);
		await expectCases([
			{ field: 'Account__c', op: 'equals', value: a1 },
			{ field: 'Account__c', op: 'equals', value: a2.slice(0, 15) },
			{ field: 'Account__c', op: 'notEquals', value: a1 },
			{ field: 'Account__c', op: 'in', values: [a1, a2.slice(0, 15)] },
			{ field: 'Account__c', op: 'notIn', values: [a1] },
			{ field: 'Account__c', op: 'isEmpty' },
			{ field: 'Account__c', op: 'isNotEmpty' },
			{ field: 'Id', op: 'equals', value: some[0].slice(0, 15) },
			{ field: 'Id', op: 'notEquals', value: some[0] },
			{ field: 'Id', op: 'in', values: [some[1], some[2].slice(0, 15)] },
			{ field: 'Id', op: 'notIn', values: some },
		]);
	});

	it('parent fields, one and two levels up; an empty parent field also matches records without the parent', async () => {
		await expectCases([
			{ field: 'Account__r.Name', op: 'contains', value: 'a' },
			{ field: 'Account__r.Name', op: 'isEmpty' },
			{ field: 'Account__r.AnnualRevenue', op: 'gt', value: '1000000' },
			{ field: 'Account__r.Industry', op: 'in', values: ['technology', 'Banking', 'Manufacturing'] },
			{ field: 'Owner.Name', op: 'equals', value: 'Sandbox Admin' },
			{ field: 'Account__r.Owner.Email', op: 'isNotEmpty' },
		]);
	});
});

describe('filter logic', () => {
	const rows = [
		{ field: 'Amount__c', operator: 'gt', value: '50000' },
		{ field: 'Status__c', operator: 'equals', value: 'Paid' },
		{ field: 'Tags__c', operator: 'includesAny', values: ['Urgent'] },
		{ field: 'Discount__c', operator: 'isEmpty' },
	];
	const test = (r: Rec) => {
		const now = DateTime.fromISO(T0);
		return rows.map((row) => matches(r, { field: row.field, op: row.operator, value: row.value, values: row.values }, now));
	};
	const logics: Array<[string, (c: boolean[]) => boolean]> = [
		['(1 OR 2) AND NOT (3 AND NOT 4)', ([a, b, c, d]) => (a || b) && !(c && !d)],
		['not 1 and (2 or (3 and 4))', ([a, b, c, d]) => !a && (b || (c && d))],
		['NOT (1 OR 2 OR 3) OR 4', ([a, b, c, d]) => !(a || b || c) || d],
		['1 AND 2 AND 3 AND 4 AND 1', ([a, b, c, d]) => a && b && c && d],
	];

	it.each(logics)('custom %s', async (logic, reference) => {
		const result = await runAction(org, [{}], getMany({ conditions: { condition: rows }, filterLogic: 'custom', customLogic: logic }));
		expect(idsOf(result.output('Salesforce').map((o) => o.json as Rec))).toEqual(idsOf(invoices.filter((r) => reference(test(r)))));
	});

	it.each([
		['all', (c: boolean[]) => c.every(Boolean)],
		['any', (c: boolean[]) => c.some(Boolean)],
	] as const)('%s', async (logic, reference) => {
		const result = await runAction(org, [{}], getMany({ conditions: { condition: rows }, filterLogic: logic }));
		expect(idsOf(result.output('Salesforce').map((o) => o.json as Rec))).toEqual(idsOf(invoices.filter((r) => reference(test(r)))));
	});
});

// ---- sorting, limit, offset ----

type Rule = { field: string; direction: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST' };

/** Salesforce's order for one rule: nulls first ascending and last descending unless told */
function compareBy(rules: Rule[]) {
	return (a: Rec, b: Rec): number => {
		for (const rule of rules) {
			const [x, y] = [valueAt(a, rule.field), valueAt(b, rule.field)];
			if (x === null && y === null) continue;
			const nullsFirst = rule.nulls ? rule.nulls === 'FIRST' : rule.direction === 'ASC';
			if (x === null) return nullsFirst ? -1 : 1;
			if (y === null) return nullsFirst ? 1 : -1;
			const c = order(CATEGORY[rule.field], x, y) * (rule.direction === 'DESC' ? -1 : 1);
			if (c !== 0) return c;
		}
		return 0;
	};
}

const fieldsSelected = (fields: string[]) => ({ fieldsToReturn: 'selected', selectedFields: fields });

describe('sorting', () => {
	const sorts: Rule[][] = [
		[
			{ field: 'Discount__c', direction: 'ASC', nulls: 'LAST' },
			{ field: 'Amount__c', direction: 'DESC' },
		],
		[
			{ field: 'Discount__c', direction: 'DESC', nulls: 'FIRST' },
			{ field: 'Amount__c', direction: 'ASC', nulls: 'FIRST' },
		],
		[
			{ field: 'Account__r.AnnualRevenue', direction: 'DESC', nulls: 'LAST' },
			{ field: 'Due_Date__c', direction: 'ASC' },
		],
	];

	it.each(sorts.map((s) => [s.map((r) => `${r.field} ${r.direction}${r.nulls ? ` NULLS ${r.nulls}` : ''}`).join(', '), s] as const))('%s', async (_name, rules) => {
		const result = await runAction(org, [{}], getMany({ ...fieldsSelected(rules.map((r) => r.field)), sort: { rule: rules.map((r) => ({ ...r, nulls: r.nulls ?? 'default' })) } }));
		const got = result.output('Salesforce').map((o) => o.json as Rec);
		expect(idsOf(got)).toEqual(idsOf(invoices));
		const cmp = compareBy(rules);
		const unordered = got.slice(1).map((r, k) => [got[k], r]).filter(([a, b]) => cmp(a, b) > 0);
		expect(unordered).toEqual([]);
		// both rules matter in this data: the second one orders records the first one ties
		expect(got.some((r, k) => k > 0 && compareBy([rules[0]])(got[k - 1], r) === 0 && valueAt(got[k - 1], rules[1].field) !== valueAt(r, rules[1].field))).toBe(true);
	});

	it('a picklist sorts in the order its values are defined, not alphabetically', async () => {
		const result = await runAction(org, [{}], getMany({ ...fieldsSelected(['Status__c']), sort: { rule: [{ field: 'Status__c', direction: 'ASC', nulls: 'default' }] } }));
		const defined = ['Draft', 'Sent', 'Paid', 'Overdue', 'Void'];
		const got = result.output('Salesforce').map((o) => defined.indexOf(String(o.json.Status__c)));
		expect(got).toEqual([...got].sort((a, b) => a - b));
	});
});

describe('limit and offset', () => {
	const sortRule = { rule: [{ field: 'External_Id__c', direction: 'ASC', nulls: 'default' }] };
	const sorted = () => [...invoices].sort(compareBy([{ field: 'External_Id__c', direction: 'ASC' }]));

	it('a limit returns exactly that many, in order (LIMIT in the SOQL)', async () => {
		const result = await runAction(org, [{}], getMany({ returnAll: false, limit: 7, sort: sortRule, options: { addSoql: true } }));
		const got = result.output('Salesforce');
		expect(got.map((o) => o.json.Id)).toEqual(sorted().slice(0, 7).map((r) => r.Id));
		expect(String(got[0].json._soql)).toMatch(/ ORDER BY External_Id__c ASC LIMIT 7$/);
	});

	it('an offset skips that many; 2,000 is accepted, more is refused before any call', async () => {
		const result = await runAction(org, [{}], getMany({ returnAll: false, limit: 5, sort: sortRule, options: { offset: 10 } }));
		expect(result.output('Salesforce').map((o) => o.json.Id)).toEqual(sorted().slice(10, 15).map((r) => r.Id));
		const most = await runAction(org, [{}], getMany({ options: { offset: 2000 } }));
		expect(most.output('Salesforce')).toEqual([]);
		await org.clearCalls();
		const over = await runAction(org, [{}], getMany({ options: { offset: 2001 } }));
		const err = over.error('Salesforce') as Error & { description?: string };
		expect(err.message).toBe("Offset 2,001 is over Salesforce's maximum of 2,000");
		expect(err.description).toMatch(/skips at most 2,000 records with OFFSET\. To go further, filter past the last record/);
		expect(dataCalls(await org.calls()).filter((c) => c.path.includes('/query'))).toEqual([]);
	});

	it('a limit below 1 and a batch size outside 200-2,000 are refused clearly', async () => {
		const zero = await runAction(org, [{}], getMany({ returnAll: false, limit: 0 }));
		expect(zero.error('Salesforce')?.message).toBe('Limit must be a whole number of 1 or more, got 0');
		const small = await runAction(org, [{}], getMany({ options: { batchSize: 100 } }));
		expect(small.error('Salesforce')?.message).toBe('Batch Size must be a whole number of 200 or more, got 100');
		const big = await runAction(org, [{}], { resource: 'record', operation: 'soql', soql: 'SELECT Id FROM Account', returnAll: true, options: { batchSize: 5000 } });
		expect(big.error('Salesforce')?.message).toBe("Batch Size 5,000 is over Salesforce's maximum of 2,000");
	});
});

describe('Return All over 10,000 records', () => {
	const TOTAL = 10_000;
	beforeAll(async () => {
		await admin.load(org.url, 'Contact', Array.from({ length: TOTAL }, (_v, i) => ({ LastName: 'Return All', FirstName: `No ${i}` })));
	}, 120_000);

	const queryCalls = async () => dataCalls(await org.calls()).filter((c) => /\/query(All)?(\/|$)/.test(c.path));
	const condition = { condition: [{ field: 'LastName', operator: 'equals', value: 'Return All' }] };

	it.each([2000, 750, undefined])('Get Records, batch size %s: every record, ceil(10,000 / batch size) query calls', async (batchSize) => {
		await org.clearCalls();
		const result = await runAction(org, [{}], {
			resource: 'record',
			operation: 'getMany',
			sobject: objectParam('Contact'),
			returnAll: true,
			conditions: condition,
			options: batchSize ? { batchSize } : {},
		});
		const out = result.output('Salesforce');
		expect(out).toHaveLength(TOTAL);
		expect(new Set(out.map((o) => o.json.Id)).size).toBe(TOTAL);
		expect(out.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
		const calls = await queryCalls();
		expect(calls).toHaveLength(Math.ceil(TOTAL / (batchSize ?? 2000)));
		expect(calls.every((c) => c.status === 200)).toBe(true);
	}, 60_000);

	it('a limit over several pages returns exactly that many, and stops paging there', async () => {
		await org.clearCalls();
		const result = await runAction(org, [{}], {
			resource: 'record',
			operation: 'getMany',
			sobject: objectParam('Contact'),
			limit: 2500,
			conditions: condition,
			options: { batchSize: 1000 },
		});
		expect(result.output('Salesforce')).toHaveLength(2500);
		expect(await queryCalls()).toHaveLength(3);
	}, 60_000);

	it('SOQL Query pages the same way; its Limit stops reading after that many', async () => {
		await org.clearCalls();
		const all = await runAction(org, [{}], { resource: 'record', operation: 'soql', soql: "SELECT Id FROM Contact WHERE LastName = 'Return All'", returnAll: true, options: { batchSize: 2000 } });
		expect(all.output('Salesforce')).toHaveLength(TOTAL);
		expect(await queryCalls()).toHaveLength(5);
		await org.clearCalls();
		const some = await runAction(org, [{}], { resource: 'record', operation: 'soql', soql: "SELECT Id FROM Contact WHERE LastName = 'Return All'", limit: 2001, options: { batchSize: 1000 } });
		expect(some.output('Salesforce')).toHaveLength(2001);
		expect(await queryCalls()).toHaveLength(3);
	}, 60_000);

	it('one item with all records holds them all, with Salesforce’s total', async () => {
		const result = await runAction(org, [{}], { resource: 'record', operation: 'soql', soql: "SELECT Id FROM Contact WHERE LastName = 'Return All'", limit: 10, options: { output: 'single', addSoql: true } });
		const [item] = result.output('Salesforce');
		expect(item.json).toEqual({
			records: expect.any(Array),
			totalSize: TOTAL,
			_soql: "SELECT Id FROM Contact WHERE LastName = 'Return All'",
		});
		expect(item.json.records).toHaveLength(10);
	});
});

// ---- items, output, errors ----

/** Every key of a value, nested objects and arrays included */
function keysDeep(v: unknown): string[] {
	if (Array.isArray(v)) return v.flatMap(keysDeep);
	if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...keysDeep(x)]);
	return [];
}

describe('items and output', () => {
	it('one query per item with its own values; pairedItem on every output item; attributes stripped, parents too', async () => {
		const items = [{ status: 'Paid' }, { status: 'Void' }];
		await org.clearCalls();
		const result = await runAction(org, items, getMany({
			...fieldsSelected(['Name', 'Status__c', 'Account__r.Name', 'Account__r.Owner.Email', 'Owner.Name']),
			conditions: { condition: [{ field: 'Status__c', operator: 'equals', value: '={{ $json.status }}' }, { field: 'Account__r.Name', operator: 'isNotEmpty' }] },
		}));
		const out = result.output('Salesforce');
		for (const [item, { status }] of items.entries()) {
			const mine = out.filter((o) => (o.pairedItem as { item: number }).item === item);
			const expected = invoices.filter((r) => r.Status__c === status && valueAt(r, 'Account__r.Name') !== null);
			expect(idsOf(mine.map((o) => o.json as Rec))).toEqual(idsOf(expected));
			expect(mine.length).toBeGreaterThan(0);
		}
		expect(out).toHaveLength(out.filter((o) => o.pairedItem !== undefined).length);
		expect(keysDeep(out.map((o) => o.json))).not.toContain('attributes');
		expect(out[0].json.Account__r).toEqual({ Name: expect.any(String), Owner: { Email: expect.any(String) } });
		const calls = dataCalls(await org.calls());
		// one describe per object for the whole execution, one query per item
		const describes = calls.filter((c) => c.path.endsWith('/describe')).map((c) => c.path);
		expect(describes).toEqual([...new Set(describes)]);
		expect(calls.filter((c) => c.path.includes('/query'))).toHaveLength(items.length);
	});

	it('default fields: Id, the name field, CreatedDate, LastModifiedDate, SystemModstamp; all fields: every field', async () => {
		const byDefault = await runAction(org, [{}], getMany({ returnAll: false, limit: 1 }));
		expect(Object.keys(byDefault.output('Salesforce')[0].json)).toEqual(['Id', 'Name', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp']);
		const all = await runAction(org, [{}], getMany({ returnAll: false, limit: 1, fieldsToReturn: 'all' }));
		const describe = await org.jsforce.describe('Invoice__c');
		expect(Object.keys(all.output('Salesforce')[0].json).sort()).toEqual(describe.fields.map((f) => f.name).sort());
	});

	it('an item whose query returns nothing has no output item; with one item per query it has one', async () => {
		const none = { condition: [{ field: 'Name', operator: 'equals', value: 'no such invoice' }] };
		expect((await runAction(org, [{}], getMany({ conditions: none }))).output('Salesforce')).toEqual([]);
		const single = await runAction(org, [{}], getMany({ conditions: none, options: { output: 'single' } }));
		expect(single.output('Salesforce')).toEqual([{ json: { records: [], totalSize: 0 }, pairedItem: { item: 0 } }]);
	});

	it('include deleted and archived records (queryAll)', async () => {
		const created = (await org.jsforce.sobject('Invoice__c').create({ Name: 'Deleted one', External_Id__c: 'GR-DEL' })) as { id: string };
		const victim = { Id: created.id };
		await org.jsforce.sobject('Invoice__c').destroy(victim.Id);
		const row = { condition: [{ field: 'External_Id__c', operator: 'equals', value: 'GR-DEL' }] };
		expect((await runAction(org, [{}], getMany({ conditions: row }))).output('Salesforce')).toEqual([]);
		await org.clearCalls();
		const withDeleted = await runAction(org, [{}], getMany({ conditions: row, ...fieldsSelected(['IsDeleted']), options: { includeDeleted: true } }));
		expect(withDeleted.output('Salesforce').map((o) => o.json)).toEqual([{ Id: victim.Id, IsDeleted: true }]);
		expect(dataCalls(await org.calls()).some((c) => c.path.endsWith('/queryAll'))).toBe(true);
		const soql = await runAction(org, [{}], { resource: 'record', operation: 'soql', soql: `SELECT Id FROM Invoice__c WHERE Id = '${victim.Id}'`, returnAll: true, options: { includeDeleted: true } });
		expect(soql.output('Salesforce').map((o) => o.json.Id)).toEqual([victim.Id]);
	});

	it('Continue On Fail: each bad item gets its error (pairedItem kept), the others their records', async () => {
		const items = [{ v: '100' }, { v: '1,5' }, { v: '0' }];
		const params = getMany({ conditions: { condition: [{ field: 'Amount__c', operator: 'equals', value: '={{ $json.v }}' }] } });
		const result = await runAction(org, items, params, { continueOnFail: true });
		const out = result.output('Salesforce');
		const failed = out.filter((o) => o.json.error);
		expect(failed).toEqual([
			{
				json: expect.objectContaining({
					error: 'Condition 1 (Amount__c): "1,5" is not a number',
					errorCode: 'INVALID_INPUT',
					fields: ['Amount__c'],
					description: 'Write numbers with a dot for decimals and no thousands separators, e.g. 1234.56 (1,5 and 1.234,56 are ambiguous).',
				}),
				pairedItem: { item: 1 },
			},
		]);
		const ok = out.filter((o) => !o.json.error);
		expect(ok.map((o) => (o.pairedItem as { item: number }).item).sort()).toEqual(
			[...invoices.filter((r) => r.Amount__c === 100).map(() => 0), ...invoices.filter((r) => r.Amount__c === 0).map(() => 2)].sort(),
		);
		const stopped = await runAction(org, items, params);
		expect(stopped.error('Salesforce')).toMatchObject({ message: 'Condition 1 (Amount__c): "1,5" is not a number', context: expect.objectContaining({ itemIndex: 1, row: 1 }) });
	});
});

describe('the daily API limit', () => {
	it('after REQUEST_LIMIT_EXCEEDED the other items get the same answer without spending calls', async () => {
		const usage = await admin.call<{ used: number; max: number }>(org.url, 'GET', 'limits');
		await admin.setLimits(org.url, { used: usage.max });
		await org.clearCalls();
		try {
			const result = await runAction(org, [{}, {}, {}], getMany({}), { continueOnFail: true });
			const out = result.output('Salesforce');
			expect(out.map((o) => [o.json.errorCode, o.pairedItem])).toEqual([0, 1, 2].map((item) => ['REQUEST_LIMIT_EXCEEDED', { item }]));
			expect(dataCalls(await org.calls())).toHaveLength(1);
		} finally {
			await admin.setLimits(org.url, { used: 0 });
		}
	});
});

describe('errors point at the problem, before any call', () => {
	beforeEach(async () => {
		await org.clearCalls();
	});
	afterEach(async () => {
		expect(dataCalls(await org.calls()).filter((c) => c.path.includes('/query'))).toEqual([]);
	});

	const three = [
		{ field: 'Amount__c', operator: 'gt', value: '1' },
		{ field: 'Paid__c', operator: 'isTrue' },
		{ field: 'Name', operator: 'contains', value: 'a' },
	];

	it.each([
		['1 AND (2 OR 5)', 'Filter logic: there is no condition 5 (conditions are numbered 1 to 3) at character 13:\n  1 AND (2 OR 5)\n              ^', 12],
		['1 AND 2 OR 3', 'Filter logic: AND and OR are mixed without parentheses at character 9:\n  1 AND 2 OR 3\n          ^', 8],
		['1 AND (2 OR 3', 'Filter logic: "(" is never closed at character 7:\n  1 AND (2 OR 3\n        ^', 6],
		['1 && 2 && 3', 'Filter logic: unexpected character "&" at character 3:\n  1 && 2 && 3\n    ^', 2],
		['1 AND 2', 'Filter logic: condition 3 is not used at character 8:\n  1 AND 2\n         ^', 7],
	])('custom logic %j', async (logic, message, position) => {
		const result = await runAction(org, [{}], getMany({ conditions: { condition: three }, filterLogic: 'custom', customLogic: logic }));
		expect(result.error('Salesforce')).toMatchObject({ message, context: expect.objectContaining({ position, input: 'logic' }) });
	});

	it.each([
		[{ field: 'Paid__c', operator: 'contains', value: 'x' }, 'Condition 2 (Paid__c): "contains" is not an operator for a boolean field', /^Operators for Paid__c: is true \(isTrue\), is false \(isFalse\)\.$/],
		[{ field: 'Tags__c', operator: 'equals', value: 'Urgent' }, 'Condition 2 (Tags__c): "equals" is not an operator for a multipicklist field', /includes all of \(includesAll\)/],
		[{ field: 'Due_Date__c', operator: 'contains', value: '2026' }, 'Condition 2 (Due_Date__c): "contains" is not an operator for a date field', /is before \(lt\)/],
		[{ field: 'Account__r.AnnualRevenue', operator: 'startsWith', value: '1' }, 'Condition 2 (Account__r.AnnualRevenue): "startsWith" is not an operator for a currency field', /is between \(between\)/],
		[{ field: 'Notes__c', operator: 'contains', value: 'x' }, 'Condition 2 (Notes__c): Notes__c cannot be used in a filter', /cannot filter long text areas/],
		[{ field: 'Amount__c', operator: 'gt', value: '€5' }, 'Condition 2 (Amount__c): "€5" is not a number', /no currency symbols/],
		[{ field: 'Due_Date__c', operator: 'equals', value: '05/20/2024' }, 'Condition 2 (Due_Date__c): "05/20/2024" is not a date', /YYYY-MM-DD/],
		[{ field: 'Issued_At__c', operator: 'gt', value: '2024-05-20T10:00:00' }, 'Condition 2 (Issued_At__c): "2024-05-20T10:00:00" has no time zone', /Add Z \(UTC\)/],
		[{ field: 'Status__c', operator: 'equals', value: 'Pending' }, 'Condition 2 (Status__c): "Pending" is not a value of this picklist', /Use one of: Draft, Sent, Paid, Overdue, Void\./],
		[{ field: 'Account__c', operator: 'equals', value: '001 OR 1=1' }, 'Condition 2 (Account__c): "001 OR 1=1" is not a record ID', /15 or 18 letters and digits/],
		[{ field: 'Amount__c', operator: 'between', value: '10', valueTo: '5' }, 'Condition 2 (Amount__c): the range 10 to 5 is empty', /smaller value first/],
		[{ field: 'Account__r.Nmae', operator: 'equals', value: 'x' }, 'Condition 2 (Account__r.Nmae): there is no field Account__r.Nmae', /relationship names/],
	])('a wrong operator or value names the row and the field: %j', async (row, message, hint) => {
		const result = await runAction(org, [{}], getMany({ conditions: { condition: [three[0], row] } }));
		const err = result.error('Salesforce') as Error & { description?: string; context: IDataObject };
		expect(err.message).toBe(message);
		expect(err.description).toMatch(hint);
		expect(err.context).toMatchObject({ row: 2, fields: [row.field] });
	});

	it('sort and field problems name the rule or the field', async () => {
		const sort = await runAction(org, [{}], getMany({ sort: { rule: [{ field: 'Tags__c', direction: 'ASC', nulls: 'default' }] } }));
		expect(sort.error('Salesforce')?.message).toBe('Sort 1 (Tags__c): Tags__c cannot be sorted');
		const field = await runAction(org, [{}], getMany(fieldsSelected(['Name', 'Acount__r.Name'])));
		expect(field.error('Salesforce')?.message).toBe('Invoice__c has no field Acount__r.Name');
	});
});

// ---- hostile values and names ----

describe('hostile values and identifiers through the node', () => {
	const stored = HOSTILE_VALUES.filter((v) => v.trim() !== '' && v.length <= 255);
	let hostileAccounts: Rec[];

	beforeAll(async () => {
		await admin.load(org.url, 'Account', stored.map((Name) => ({ Name })));
		hostileAccounts = await readAll('Account', ['Id', 'Name']);
		expect(hostileAccounts.length).toBe(accounts.length + stored.length);
	}, 60_000);

	const accountQuery = (operator: string, extra: Record<string, unknown> = {}) => ({
		resource: 'record',
		operation: 'getMany',
		sobject: objectParam('Account'),
		returnAll: true,
		conditions: { condition: [{ field: 'Name', operator, value: '={{ $json.v }}', values: ['={{ [$json.v, "no such account"] }}'] }] },
		options: { output: 'single' },
		...extra,
	});

	it(`has at least 30 hostile values (${HOSTILE_VALUES.length}) and 30 hostile identifiers (${HOSTILE_IDENTIFIERS.length})`, () => {
		expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(30);
		expect(HOSTILE_IDENTIFIERS.length).toBeGreaterThanOrEqual(30);
	});

	const refs: Record<string, (name: string, v: string) => boolean> = {
		equals: (n, v) => n.toLowerCase() === v.toLowerCase(),
		notEquals: (n, v) => n.toLowerCase() !== v.toLowerCase(),
		contains: (n, v) => n.toLowerCase().includes(v.toLowerCase()),
		startsWith: (n, v) => n.toLowerCase().startsWith(v.toLowerCase()),
		endsWith: (n, v) => n.toLowerCase().endsWith(v.toLowerCase()),
		in: (n, v) => n.toLowerCase() === v.toLowerCase(),
	};

	it.each(Object.keys(refs))('%s: every value is matched literally (or refused by our checks with a message), none changes the result set', async (operator) => {
		const values = [...HOSTILE_VALUES, '', 'x'.repeat(4001)];
		const result = await runAction(org, values.map((v) => ({ v })), accountQuery(operator), { continueOnFail: true });
		const out = result.output('Salesforce');
		expect(out).toHaveLength(values.length);
		const refused: string[] = [];
		out.forEach((o, k) => {
			expect(o.pairedItem).toEqual({ item: k });
			const v = values[k];
			if (o.json.error) {
				// only our own checks refuse, each with its reason: empty, too long as written
				expect(o.json.errorCode).toBe('INVALID_INPUT');
				expect(String(o.json.error)).toMatch(/^Condition 1 \(Name\): (.+ is empty|.+ has 4001 characters|.+ is too long once written in SOQL: [\d,]+ characters, at most 4,000)$/);
				refused.push(v.length > 20 ? `${v.slice(0, 20)}… (${v.length})` : v);
				return;
			}
			const expected = hostileAccounts.filter((a) => refs[operator](String(a.Name), v));
			expect({ value: v, ids: idsOf(o.json.records as Rec[]) }).toEqual({ value: v, ids: idsOf(expected) });
		});
		// an empty list entry is dropped, so "is one of" has the other value left
		expect(refused).toEqual(expect.arrayContaining([...(operator === 'in' ? [] : ['']), `${'x'.repeat(20)}… (4001)`]));
		expect(refused.length).toBeLessThanOrEqual(3);
	}, 60_000);

	it('hostile names are refused as fields, sort fields, fields to return and objects, with no query sent', async () => {
		await org.clearCalls();
		const items = HOSTILE_IDENTIFIERS.map((v) => ({ v }));
		const attempts: Array<[string, Record<string, unknown>, RegExp]> = [
			['condition field', getMany({ conditions: { condition: [{ field: '={{ $json.v }}', operator: 'equals', value: 'x' }] } }), /^Condition 1( \(.*\))?: (no field is chosen|.* is not a field name: |there is no field )/],
			['sort field', getMany({ sort: { rule: [{ field: '={{ $json.v }}', direction: 'ASC', nulls: 'default' }] } }), /^Sort 1( \(.*\))?: (no field is chosen|.* is not a field name: |there is no field )/],
			['field to return', getMany({ fieldsToReturn: 'selected', selectedFields: '={{ [$json.v] }}', returnAll: false, limit: 1 }), /is not a field name: |^Invoice__c has no field /],
			['object', { ...getMany({}), sobject: { __rl: true, mode: 'name', value: '={{ $json.v }}' } }, /is not an object API name|^No object selected$/],
		];
		for (const [what, params, message] of attempts) {
			const out = (await runAction(org, items, params, { continueOnFail: true })).output('Salesforce');
			const wrong = out.filter((o, k) => {
				// a blank field to return is no field: the query returns the Id alone
				if (what === 'field to return' && HOSTILE_IDENTIFIERS[k].trim() === '') return Object.keys(o.json).join() !== 'Id';
				return !(o.json.error && message.test(String(o.json.error)));
			});
			expect({ what, wrong: wrong.map((o) => [HOSTILE_IDENTIFIERS[(o.pairedItem as { item: number }).item], o.json.error]) }).toEqual({ what, wrong: [] });
		}
		// only blank fields to return ran (and returned the Id)
		const queries = dataCalls(await org.calls()).filter((c) => c.path.includes('/query'));
		expect(queries).toHaveLength(HOSTILE_IDENTIFIERS.filter((v) => v.trim() === '').length);
	}, 60_000);

	it('raw SOQL: chained statements, comments, binds, other statements and broken strings are refused with the position', async () => {
		await org.clearCalls();
		const statements: Array<[string, RegExp]> = [
			["SELECT Id FROM Account; DELETE FROM Account", /^SOQL: only one statement can be sent at character 23:/],
			['SELECT Id FROM Account -- all of them', /^SOQL: comments are not part of SOQL at character 24:/],
			['SELECT Id FROM Account /* x */', /^SOQL: comments are not part of SOQL at character 24:/],
			['SELECT Id FROM Account WHERE Name = :name', /^SOQL: bind variables \(:name\) only work in Apex at character 37:/],
			['DELETE FROM Account', /^SOQL: a query starts with SELECT, not "DELETE" at character 1:/],
			['FIND {Acme} IN ALL FIELDS', /^SOQL: a query starts with SELECT, not "FIND" at character 1:/],
			["SELECT Id FROM Account WHERE Name = 'unclosed", /^SOQL: the string that starts here is never closed at character 37:/],
			["SELECT Id FROM Account WHERE Name = 'a\\q'", /^SOQL: "\\q" is not a valid escape in a string at character 39:/],
			['SELECT Id FROM Account WHERE (Name = null', /^SOQL: "\(" is never closed at character 30:/],
			['SELECT Id, Name', /^SOQL: the query has no FROM with an object/],
			['', /^The SOQL query is empty$/],
		];
		const out = (
			await runAction(
				org,
				statements.map(([soql]) => ({ soql })),
				{ resource: 'record', operation: 'soql', soql: '={{ $json.soql }}', returnAll: true },
				{ continueOnFail: true },
			)
		).output('Salesforce');
		expect(out.map((o) => String(o.json.error))).toEqual(statements.map(([, m]) => expect.stringMatching(m)));
		expect(dataCalls(await org.calls()).filter((c) => c.path.includes('/query'))).toEqual([]);
	});

	it("the README's escaping expression keeps hostile values inside the string in raw SOQL", async () => {
		// the README recipe escapes what can end the string early. Left out: lone surrogates, which cannot travel in a
		// URL at all, and line separators, which the sandbox's SOQL parser reads as the end of a line (Get Records
		// writes both as \uXXXX escapes)
		const values = HOSTILE_VALUES.filter((v) => !/[\ud800-\udfff\u2028\u2029]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
		const soql = "=SELECT Id FROM Account WHERE Name = '{{ $json.v.replace(/[\\\\']/g, '\\\\$&').replace(/\\n/g, '\\\\n').replace(/\\r/g, '\\\\r') }}'";
		const out = (await runAction(org, values.map((v) => ({ v })), { resource: 'record', operation: 'soql', soql, returnAll: true, options: { output: 'single' } }, { continueOnFail: true })).output(
			'Salesforce',
		);
		const got = out.map((o, k) => ({ value: values[k], ids: o.json.error ? String(o.json.error) : idsOf(o.json.records as Rec[]) }));
		expect(got).toEqual(values.map((v) => ({ value: v, ids: idsOf(hostileAccounts.filter((a) => String(a.Name).toLowerCase() === v.toLowerCase())) })));
	}, 60_000);
});

// ---- time zones ----

it('TODAY is the running user’s day: 23:30 in Los Angeles yesterday is not today, though it is today in UTC', async () => {
	await admin.load(org.url, 'Invoice__c', [{ Name: 'Late yesterday in LA', External_Id__c: 'GR-TZ', Issued_At__c: '2026-03-18T06:30:00Z' }]);
	const ask = async (literal: string) =>
		(
			await runAction(org, [{}], getMany({ conditions: { condition: [{ field: 'External_Id__c', operator: 'equals', value: 'GR-TZ' }, { field: 'Issued_At__c', operator: 'inRelative', dateLiteral: literal }] } }))
		).output('Salesforce').length;
	expect([await ask('TODAY'), await ask('YESTERDAY')]).toEqual([0, 1]);
});

// ---- the editor's lists ----

describe('editor lists', () => {
	const editing = (parameters: Record<string, unknown>) => actionNode({ resource: 'record', operation: 'getMany', sobject: objectParam('Invoice__c'), ...parameters });
	const values = (options: INodePropertyOptions[]) => options.map((o) => String(o.value));

	it('fields: own fields, then one level of parent fields; filterable or sortable ones only where that matters', async () => {
		const describe = await org.jsforce.describe('Invoice__c');
		await org.clearCalls();
		const select = await callNodeMethodAt<INodePropertyOptions[]>(org.harness, editing({}), 'parameters.selectedFields', 'loadOptions', 'getQueryFields');
		expect(values(select).filter((v) => !v.includes('.')).sort()).toEqual(describe.fields.map((f) => f.name).sort());
		expect(values(select)).toEqual(expect.arrayContaining(['Account__r.Name', 'Account__r.Industry', 'Owner.Name', 'CreatedBy.Email']));
		expect(select.find((o) => o.value === 'Account__r.Name')?.name).toBe('Account: Account Name (Account__r.Name)');
		// own fields first
		expect(values(select).findIndex((v) => v.includes('.'))).toBe(describe.fields.length);
		// one describe per object: Invoice__c and each parent object once
		const calls = dataCalls(await org.calls()).filter((c) => c.path.endsWith('/describe'));
		expect(calls.map((c) => c.path)).toEqual([...new Set(calls.map((c) => c.path))]);
		expect(calls.length).toBeGreaterThan(1);

		const filter = values(await callNodeMethodAt(org.harness, editing({}), 'parameters.conditions.condition[0].field', 'loadOptions', 'getFilterFields'));
		expect(filter).not.toContain('Notes__c');
		expect(filter).toEqual(expect.arrayContaining(['Tags__c', 'Paid__c', 'Account__r.AnnualRevenue']));
		const sort = values(await callNodeMethodAt(org.harness, editing({}), 'parameters.sort.rule[0].field', 'loadOptions', 'getSortFields'));
		expect(sort).not.toContain('Tags__c');
		expect(sort).not.toContain('Notes__c');
		expect(sort).toEqual(expect.arrayContaining(['Amount__c', 'Account__r.Name']));
	});

	it("operators follow the row's own field (&field), parent fields included", async () => {
		const node = editing({
			conditions: { condition: [{ field: 'Paid__c' }, { field: 'Account__r.AnnualRevenue' }, { field: 'Tags__c' }, { field: '' }] },
		});
		const at = async (row: number) => values(await callNodeMethodAt(org.harness, node, `parameters.conditions.condition[${row}].operator`, 'loadOptions', 'getConditionOperators'));
		expect(await at(0)).toEqual(['isTrue', 'isFalse']);
		expect(await at(1)).toEqual(['equals', 'notEquals', 'lt', 'lte', 'gt', 'gte', 'between', 'isEmpty', 'isNotEmpty']);
		expect(await at(2)).toEqual(['includesAll', 'includesAny', 'excludesAll', 'excludesAny', 'isEmpty', 'isNotEmpty']);
		// no field yet: every operator, checked against the field's type when the node runs
		expect((await at(3)).length).toBeGreaterThan(20);
	});
});
