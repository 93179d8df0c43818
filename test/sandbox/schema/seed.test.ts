import { createHash } from 'node:crypto';
import { isIdFormat } from '../ids';
import { DEFAULT_USER_ID, DEFAULT_USERNAME } from '../org/setup';
import { ADMIN_PROFILE_ID, STANDARD_PRICEBOOK_ID, applyDerivedFields, generateSeed, type SeedRecord } from '../seed';
import { SchemaRegistry } from './index';
import type { FieldDef } from './types';

const registry = SchemaRegistry.load();
const NOW = new Date('2024-06-01T12:00:00.000Z');
const seed = generateSeed(registry, { now: NOW });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

/** Problems with one field value against its describe, or null when it is valid */
function fieldProblem(f: FieldDef, v: unknown, ids: Map<string, string>): string | null {
	if (v === null) return !f.nillable && !(f.type === 'address' || f.compoundFieldName) ? 'null in a non-nillable field' : null;
	switch (f.type) {
		case 'id':
			return typeof v === 'string' && isIdFormat(v) ? null : 'bad id';
		case 'reference': {
			if (typeof v !== 'string' || !isIdFormat(v) || v.length !== 18) return 'bad reference id';
			const target = ids.get(v);
			if (!target) return `dangling reference ${v}`;
			return f.referenceTo.includes(target) ? null : `reference to ${target}, expected ${f.referenceTo.join('|')}`;
		}
		case 'boolean':
			return typeof v === 'boolean' ? null : 'not a boolean';
		case 'int':
			return Number.isInteger(v) ? null : 'not an integer';
		case 'double':
		case 'currency':
		case 'percent': {
			if (typeof v !== 'number' || !Number.isFinite(v)) return 'not a number';
			if (Math.abs(v) >= 10 ** (f.precision - f.scale)) return `too many digits for (${f.precision},${f.scale})`;
			return Math.abs(Math.round(v * 10 ** f.scale) - v * 10 ** f.scale) < 1e-6 ? null : `more than ${f.scale} decimals`;
		}
		case 'date':
			return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'bad date';
		case 'datetime':
			return typeof v === 'string' && DATETIME.test(v) && !Number.isNaN(Date.parse(v.replace('+0000', 'Z'))) ? null : 'bad datetime';
		case 'picklist':
			return f.picklistValues.some((p) => p.value === v) ? null : `'${String(v)}' not in picklist`;
		case 'multipicklist':
			return typeof v === 'string' && v.split(';').every((x) => f.picklistValues.some((p) => p.value === x)) ? null : `'${String(v)}' not in picklist`;
		case 'address':
			return typeof v === 'object' ? null : 'bad address';
		case 'base64':
			return Buffer.isBuffer(v) || (typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v)) ? null : 'bad base64';
		default:
			if (typeof v !== 'string') return 'not a string';
			if (f.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) return 'bad email';
			return v.length <= f.length ? null : `longer than ${f.length}`;
	}
}

function problems(records: SeedRecord[]): string[] {
	const out: string[] = [];
	const ids = new Map<string, string>();
	for (const { object, record } of records) {
		if (ids.has(record.Id)) out.push(`duplicate id ${record.Id}`);
		ids.set(record.Id, object);
	}
	const uniques = new Map<string, Set<string>>();
	for (const { object, record } of records) {
		const o = registry.get(object);
		if (!o) {
			out.push(`unknown object ${object}`);
			continue;
		}
		const where = `${object} ${record.Id}`;
		if (!record.Id.startsWith(o.keyPrefix) || record.Id.length !== 18 || !isIdFormat(record.Id)) out.push(`${where}: id does not match prefix ${o.keyPrefix}`);
		for (const k of Object.keys(record)) if (!registry.field(object, k)) out.push(`${where}: unknown field ${k}`);
		for (const f of o.fields) {
			const v = record[f.name];
			if (v === undefined) {
				out.push(`${where}.${f.name}: missing`);
				continue;
			}
			const p = fieldProblem(f, v, ids);
			if (p) out.push(`${where}.${f.name}: ${p}`);
			if (f.createable && !f.nillable && !f.defaultedOnCreate && (v === null || v === '')) out.push(`${where}.${f.name}: required`);
			if ((f.unique || f.externalId) && typeof v === 'string') {
				const key = `${object}.${f.name}`;
				const seen = uniques.get(key) ?? new Set<string>();
				if (seen.has(v.toLowerCase())) out.push(`${where}.${f.name}: duplicate unique value ${v}`);
				seen.add(v.toLowerCase());
				uniques.set(key, seen);
			}
		}
	}
	return out;
}

describe('generateSeed', () => {
	it('produces a few hundred records on the core objects and some on every createable spec object', () => {
		expect(seed.length).toBeGreaterThan(300);
		const count = (o: string) => seed.filter((s) => s.object === o).length;
		for (const o of ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityLineItem', 'Case', 'CaseComment', 'Product2', 'PricebookEntry', 'Order', 'OrderItem', 'Task', 'Event', 'Campaign', 'Invoice__c'])
			expect([o, count(o) >= 5]).toEqual([o, true]);
		for (const o of registry.all().filter((x) => x.createable)) expect([o.name, count(o.name) > 0]).toEqual([o.name, true]);
	});

	it('validates against the schema: types, picklists, required fields, references, ids, uniqueness', () => {
		expect(problems(seed)).toEqual([]);
	});

	it('the validator used above does catch bad records', () => {
		const account = seed.find((s) => s.object === 'Account')!;
		const bad: SeedRecord[] = [
			...seed,
			{ object: 'Account', record: { ...account.record, Id: '001000000000001AAA', Industry: 'Spaceflight', Name: null } },
			{ object: 'Contact', record: { ...seed.find((s) => s.object === 'Contact')!.record, Id: '0038d00000000ZZAAA', AccountId: '0018d0000000zzzAAA' } },
		];
		const found = problems(bad).join('\n');
		expect(found).toMatch(/Industry: 'Spaceflight' not in picklist/);
		expect(found).toMatch(/Name: null in a non-nillable field/);
		expect(found).toMatch(/duplicate unique value/);
		expect(found).toMatch(/dangling reference/);
	});

	it('is deterministic for a given now', () => {
		expect(generateSeed(registry, { now: NOW })).toEqual(seed);
		const other = generateSeed(registry, { now: new Date('2025-01-01T00:00:00.000Z') });
		expect(other.map((s) => s.record.Id)).toEqual(seed.map((s) => s.record.Id));
		expect(other[0].record.CreatedDate).not.toEqual(seed[0].record.CreatedDate);
	});

	it('stamps system fields in Salesforce format within the 90 days before now', () => {
		const earliest = NOW.getTime() - 90 * 86_400_000;
		for (const { object, record } of seed) {
			expect(record.IsDeleted ?? false).toBe(false);
			const o = registry.get(object)!;
			for (const name of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'])
				if (o.fields.some((f) => f.name === name)) {
					const t = Date.parse(String(record[name]).replace('+0000', 'Z'));
					expect(String(record[name])).toMatch(DATETIME);
					expect(t).toBeGreaterThanOrEqual(earliest);
					expect(t).toBeLessThanOrEqual(NOW.getTime());
				}
			if (record.CreatedDate) expect(String(record.CreatedDate) <= String(record.LastModifiedDate)).toBe(true);
			if (record.LastModifiedDate && record.SystemModstamp) expect(record.SystemModstamp).toBe(record.LastModifiedDate);
			for (const name of ['CreatedById', 'LastModifiedById']) if (o.fields.some((f) => f.name === name)) expect(record[name]).toBe(DEFAULT_USER_ID);
		}
	});

	it('has the default admin user, the standard price book and consistent core data', () => {
		const admin = seed.find((s) => s.record.Id === DEFAULT_USER_ID)!;
		expect(admin.object).toBe('User');
		expect(admin.record).toMatchObject({ Username: DEFAULT_USERNAME, IsActive: true, ProfileId: ADMIN_PROFILE_ID, Name: 'Sandbox Admin' });
		const std = seed.find((s) => s.record.Id === STANDARD_PRICEBOOK_ID)!;
		expect(std).toMatchObject({ object: 'Pricebook2', record: { Name: 'Standard Price Book', IsStandard: true, IsActive: true } });
		expect(seed.filter((s) => s.object === 'Pricebook2' && s.record.IsStandard === true)).toHaveLength(1);
		// every product has a standard price
		for (const p of seed.filter((s) => s.object === 'Product2'))
			expect(seed.some((s) => s.object === 'PricebookEntry' && s.record.Product2Id === p.record.Id && s.record.Pricebook2Id === STANDARD_PRICEBOOK_ID)).toBe(true);
		// opportunity amounts add up their line items
		for (const opp of seed.filter((s) => s.object === 'Opportunity' && s.record.HasOpportunityLineItem === true)) {
			const total = seed
				.filter((s) => s.object === 'OpportunityLineItem' && s.record.OpportunityId === opp.record.Id)
				.reduce((sum, s) => sum + Number(s.record.TotalPrice), 0);
			expect(Number(opp.record.Amount)).toBeCloseTo(total, 2);
		}
		for (const opp of seed.filter((s) => s.object === 'Opportunity')) expect(opp.record.IsWon).toBe(opp.record.StageName === 'Closed Won');
		// owners are users or queues
		for (const { record } of seed) if (record.OwnerId) expect(seed.find((s) => s.record.Id === record.OwnerId)?.object).toMatch(/^(User|Group)$/);
		// files: version, document and links agree
		for (const v of seed.filter((s) => s.object === 'ContentVersion')) {
			const doc = seed.find((s) => s.record.Id === v.record.ContentDocumentId)!;
			expect(doc.record.LatestPublishedVersionId).toBe(v.record.Id);
			const bytes = v.record.VersionData as Buffer;
			expect(Buffer.isBuffer(bytes)).toBe(true);
			expect(bytes.length).toBe(v.record.ContentSize);
			expect(v.record.Checksum).toBe(createHash('md5').update(bytes).digest('hex'));
			expect(seed.some((s) => s.object === 'ContentDocumentLink' && s.record.ContentDocumentId === doc.record.Id && s.record.LinkedEntityId === v.record.FirstPublishLocationId)).toBe(true);
		}
		// the custom object uses its multi-select picklist and external ids
		const invoices = seed.filter((s) => s.object === 'Invoice__c');
		expect(invoices.some((s) => String(s.record.Tags__c).includes(';'))).toBe(true);
		expect(invoices.every((s) => typeof s.record.External_Id__c === 'string')).toBe(true);
	});

	it('applyDerivedFields rebuilds compound names and addresses', () => {
		const contact = registry.get('Contact')!;
		const r: Record<string, unknown> = { FirstName: 'Ada', LastName: 'Lovelace', MailingCity: 'London', MailingCountry: 'UK' };
		applyDerivedFields(contact, r);
		expect(r.Name).toBe('Ada Lovelace');
		expect(r.MailingAddress).toEqual({ city: 'London', country: 'UK', geocodeAccuracy: null, latitude: null, longitude: null, postalCode: null, state: null, street: null });
		expect(r.OtherAddress).toBeNull();
		r.FirstName = null;
		applyDerivedFields(contact, r);
		expect(r.Name).toBe('Lovelace');
	});
});
