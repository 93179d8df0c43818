/**
 * The sandbox org's demo data: a few hundred realistic records across the schema's objects, generated from a
 * seeded PRNG so that every run (for a given `now`) yields the same records and ids. Core objects are seeded by
 * hand-written rules (consistent stages, prices, totals); every other createable object gets a couple of records
 * filled generically from its describe so that triggers and actions have data on every listed object.
 */
import { createHash } from 'node:crypto';
import { newId, sameId } from './ids';
import { DEFAULT_USER, DEFAULT_USER_ID, DEFAULT_USERS, ORG_ID } from './org/setup';
import type { SchemaRegistry } from './schema';
import type { FieldDef, ObjectDef } from './schema/types';

export interface SeedRecord {
	object: string;
	record: Record<string, unknown> & { Id: string };
}

/** The org's System Administrator profile */
export const ADMIN_PROFILE_ID = newId('00e', 1);
/** The standard price book (IsStandard = true) */
export const STANDARD_PRICEBOOK_ID = newId('01s', 1);

const DAY_MS = 86_400_000;

/** Salesforce's JSON datetime form, whole seconds as Salesforce stores them: `2024-05-20T20:49:32.000+0000` */
export function toSalesforceDateTime(d: Date): string {
	return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('Z', '+0000');
}

/** Salesforce's JSON date form: `2024-05-20` */
export function toSalesforceDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/** mulberry32: small, fast, deterministic */
class Prng {
	private state: number;
	constructor(seed: number) {
		this.state = seed >>> 0;
	}
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	/** A distinct subset of 1..max items, in the list's order */
	subset<T>(items: readonly T[], max: number): T[] {
		const n = this.int(1, Math.min(max, items.length));
		const chosen = new Set<number>();
		while (chosen.size < n) chosen.add(this.int(0, items.length - 1));
		return items.filter((_, i) => chosen.has(i));
	}
}

const COMPANIES = [
	'Acme Corporation', 'Globex Industries', 'Initech Systems', 'Umbrella Health', 'Stark Manufacturing',
	'Wayne Logistics', 'Cyberdyne Robotics', 'Soylent Foods', 'Tyrell Biotech', 'Wonka Confectionery',
	'Hooli Cloud', 'Pied Piper Data', 'Vandelay Imports', 'Massive Dynamic', 'Oscorp Chemicals',
	'Aperture Science', 'Blue Sun Energy', 'Gringotts Finance', 'Monarch Consulting', 'Nakatomi Trading',
	'Oceanic Airlines', 'Prestige Worldwide', 'Sterling Cooper Media', 'Dunder Mifflin Paper', 'Bluth Construction',
	'Gekko Capital', 'Duff Beverages', 'Krusty Hospitality', 'Ollivander Crafts', 'Virtucon Telecom',
	'Northwind Traders', 'Contoso Retail', 'Fabrikam Electronics', 'Tailspin Toys', 'Wingtip Transport',
	'Adventure Works', 'Litware Education', 'Proseware Software', 'Lucerne Publishing', 'Margie Travel',
];
const FIRST_NAMES = [
	'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
	'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen',
	'Aiko', 'Priya', 'Omar', 'Sofia', 'Liam', 'Chen', 'Fatima', 'Mateo', 'Ingrid', 'Kwame',
];
const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', "O'Brien", 'Lee', 'Perez',
	'Nakamura', 'Patel', 'Haddad', 'Rossi', 'Murphy', 'Wang', 'Khan', 'Silva', 'Larsen', 'Mensah',
];
const CITIES: Array<[string, string, string, string]> = [
	['San Francisco', 'CA', '94105', 'USA'],
	['New York', 'NY', '10001', 'USA'],
	['Austin', 'TX', '78701', 'USA'],
	['Chicago', 'IL', '60601', 'USA'],
	['Seattle', 'WA', '98101', 'USA'],
	['Boston', 'MA', '02110', 'USA'],
	['Denver', 'CO', '80202', 'USA'],
	['Atlanta', 'GA', '30303', 'USA'],
	['London', '', 'EC1A 1BB', 'United Kingdom'],
	['Paris', '', '75001', 'France'],
	['Berlin', '', '10115', 'Germany'],
	['Toronto', 'ON', 'M5H 2N2', 'Canada'],
];
const STREETS = ['Market St', 'Main St', 'Broadway', 'Oak Ave', 'Pine St', 'Elm St', 'Lake Shore Dr', 'High St', 'King St', 'Mission St'];
const TITLES = ['CEO', 'CFO', 'VP of Sales', 'Director of IT', 'Procurement Manager', 'Operations Manager', 'Buyer', 'Engineer', 'Office Manager', 'CTO'];
const PRODUCTS: Array<[string, string, number]> = [
	['GenWatt Diesel 200kW', 'GC1020', 100000],
	['GenWatt Diesel 1000kW', 'GC1040', 250000],
	['GenWatt Propane 500kW', 'GC1060', 150000],
	['Installation: Industrial - High', 'IN7080', 85000],
	['Installation: Portable', 'IN7020', 15000],
	['SLA: Gold', 'SL9040', 6000],
	['SLA: Silver', 'SL9030', 3000],
	['SLA: Bronze', 'SL9020', 1500],
	['Cloud Monitoring Seat', 'CM2010', 120],
	['Analytics Add-on', 'AN3010', 2400],
	['Field Service Visit', 'FS4010', 750],
	['Spare Parts Kit', 'SP5010', 980],
	['Training Workshop', 'TR6010', 4500],
	['Extended Warranty', 'EW7010', 1999.99],
	['Remote Support Hours (10)', 'RS8010', 1250.5],
];
const CASE_SUBJECTS = [
	'Generator will not start', 'Invoice shows wrong amount', 'Request for maintenance visit', 'Error code E-42 on display',
	'Unable to log in to portal', 'Shipment arrived damaged', 'Question about warranty terms', 'Noise from cooling fan',
	'Need replacement manual', 'Performance lower than expected',
];

interface Stamp {
	CreatedDate: string;
	LastModifiedDate: string;
	SystemModstamp: string;
}

/** Builds the seed; `now` anchors the timestamps (spread over the 90 days before it). */
export function generateSeed(registry: SchemaRegistry, opts: { now?: Date } = {}): SeedRecord[] {
	return new SeedBuilder(registry, opts.now ?? new Date()).build();
}

class SeedBuilder {
	private readonly rnd = new Prng(20240520);
	private readonly out: SeedRecord[] = [];
	private readonly seq = new Map<string, number>();
	private readonly autoNumbers = new Map<string, number>();
	readonly byObject = new Map<string, Array<Record<string, unknown> & { Id: string }>>();

	constructor(
		private readonly registry: SchemaRegistry,
		private readonly now: Date,
	) {}

	build(): SeedRecord[] {
		this.platform();
		this.sales();
		this.commerce();
		this.service();
		this.activities();
		this.custom();
		this.files();
		this.generic();
		return this.out;
	}

	// ---- helpers ----

	private obj(name: string): ObjectDef {
		const o = this.registry.get(name);
		if (!o) throw new Error(`Seed: no object ${name}`);
		return o;
	}

	/** Creation/modification timestamps: created within the 90 days before now, modified between then and now */
	private stamp(minDaysAgo = 0, maxDaysAgo = 90): Stamp {
		const nowMs = this.now.getTime();
		const created = nowMs - this.rnd.int(minDaysAgo * DAY_MS, maxDaysAgo * DAY_MS - 1000);
		const modified = this.rnd.chance(0.4) ? created : this.rnd.int(created, Math.max(created, nowMs - 60_000));
		// Whole seconds, as Salesforce stores them; the two draws keep the generator's sequence (and so the seed) stable
		this.rnd.int(0, 999);
		this.rnd.int(0, 999);
		const c = new Date(Math.floor(created / 1000) * 1000);
		const m = new Date(Math.max(c.getTime(), Math.floor(modified / 1000) * 1000));
		return {
			CreatedDate: toSalesforceDateTime(c),
			LastModifiedDate: toSalesforceDateTime(m),
			SystemModstamp: toSalesforceDateTime(m),
		};
	}

	private dateOffset(days: number): string {
		return toSalesforceDate(new Date(this.now.getTime() + days * DAY_MS));
	}

	private nextAuto(objectName: string, field: FieldDef): string {
		const key = `${objectName}.${field.name}`;
		const n = (this.autoNumbers.get(key) ?? 0) + 1;
		this.autoNumbers.set(key, n);
		// The store's default auto-number format (8 digits) continues after the highest seeded number
		return String(n).padStart(8, '0');
	}

	/**
	 * Adds a record: assigns the id, system fields, owner, booleans' and picklists' defaults, auto numbers and
	 * derived compound fields, as Salesforce would have on a stored record.
	 */
	add(objectName: string, fields: Record<string, unknown>, stamp?: Stamp, id?: string): Record<string, unknown> & { Id: string } {
		const o = this.obj(objectName);
		const n = (this.seq.get(o.name) ?? 0) + 1;
		this.seq.set(o.name, n);
		const recId = id ?? newId(o.keyPrefix, n);
		const st = stamp ?? this.stamp();
		const record: Record<string, unknown> & { Id: string } = { Id: recId };
		for (const f of o.fields) {
			switch (f.name) {
				case 'Id':
					continue;
				case 'IsDeleted':
					record.IsDeleted = false;
					continue;
				case 'CreatedDate':
				case 'LastModifiedDate':
				case 'SystemModstamp':
					record[f.name] = st[f.name];
					continue;
				case 'CreatedById':
				case 'LastModifiedById':
					record[f.name] = DEFAULT_USER_ID;
					continue;
				case 'OwnerId':
					record.OwnerId = fields.OwnerId ?? DEFAULT_USER_ID;
					continue;
			}
			if (f.name in fields) record[f.name] = fields[f.name];
			else if (f.autoNumber) record[f.name] = this.nextAuto(o.name, f);
			else if (f.type === 'boolean') record[f.name] = f.defaultValue === true;
			else {
				const def = f.picklistValues.find((v) => v.defaultValue);
				record[f.name] = def && f.createable ? def.value : null;
			}
		}
		for (const k of Object.keys(fields))
			if (!o.fields.some((f) => f.name === k)) throw new Error(`Seed: ${o.name} has no field ${k}`);
		applyDerivedFields(o, record);
		this.out.push({ object: o.name, record });
		const list = this.byObject.get(o.name) ?? [];
		list.push(record);
		this.byObject.set(o.name, list);
		return record;
	}

	private address(prefix: string): Record<string, unknown> {
		const [city, state, zip, country] = this.rnd.pick(CITIES);
		return {
			[`${prefix}Street`]: `${this.rnd.int(1, 9999)} ${this.rnd.pick(STREETS)}`,
			[`${prefix}City`]: city,
			[`${prefix}State`]: state || null,
			[`${prefix}PostalCode`]: zip,
			[`${prefix}Country`]: country,
		};
	}

	private phone(): string {
		return `(${this.rnd.int(201, 989)}) 555-${String(this.rnd.int(100, 9999)).padStart(4, '0')}`;
	}

	private emailFor(first: string, last: string, company: string): string {
		const domain = company.toLowerCase().replace(/[^a-z]+/g, '').slice(0, 16) || 'example';
		return `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${domain}.example.com`;
	}

	private users(): Array<Record<string, unknown> & { Id: string }> {
		return this.byObject.get('User') ?? [];
	}

	// ---- platform: profiles, roles, users, groups, permission sets ----

	private platform(): void {
		this.add(
			'Organization',
			{
				Name: 'Sandbox Org',
				Street: '415 Mission St',
				City: 'San Francisco',
				State: 'CA',
				PostalCode: '94105',
				Country: 'USA',
				Phone: '(415) 555-0100',
				DefaultLocaleSidKey: 'en_US',
				TimeZoneSidKey: 'America/Los_Angeles',
				LanguageLocaleKey: 'en_US',
				OrganizationType: 'Developer Edition',
				InstanceName: 'SBX1',
				IsSandbox: false,
				NamespacePrefix: null,
				TrialExpirationDate: null,
			},
			this.stamp(89, 90),
			ORG_ID,
		);
		const profiles = ['System Administrator', 'Standard User', 'Read Only'].map((name) =>
			this.add('Profile', { Name: name, UserType: 'Standard', Description: null }, this.stamp(89, 90)),
		);
		const ceo = this.add('UserRole', { Name: 'CEO', DeveloperName: 'CEO', OpportunityAccessForAccountOwner: 'Edit' }, this.stamp(89, 90));
		const roles = [ceo];
		for (const [name, dev] of [
			['VP, Sales', 'VPSales'],
			['Sales Representative', 'SalesRep'],
			['Support Manager', 'SupportManager'],
			['Support Agent', 'SupportAgent'],
		]) {
			roles.push(
				this.add(
					'UserRole',
					{ Name: name, DeveloperName: dev, ParentRoleId: dev.startsWith('Sales') ? roles[1].Id : ceo.Id, OpportunityAccessForAccountOwner: 'None' },
					this.stamp(89, 90),
				),
			);
		}
		const people: Array<[string, string, number, number, string]> = [
			['Sandbox', 'Admin', 0, 0, 'System Administrator'],
			['Standard', 'User', 1, 2, 'Sales Representative'],
			['Riley', 'Rep', 1, 2, 'Sales Representative'],
			['Morgan', 'Manager', 1, 1, 'VP, Sales'],
			['Casey', 'Support', 1, 4, 'Support Agent'],
			['Jordan', 'Lead', 1, 3, 'Support Manager'],
		];
		people.forEach(([first, last, profile, role, title], i) => {
			// The first users are the org's login users (org/setup.ts): same ids, usernames, zones and locales
			const login = DEFAULT_USERS.find((u) => sameId(u.id, newId('005', i + 1)));
			const username = login?.username ?? `${first}.${last}@sandbox.example`.toLowerCase();
			this.add(
				'User',
				{
					Username: username,
					FirstName: first,
					LastName: last,
					Email: login?.email ?? username,
					Alias: (first.slice(0, 1) + last.slice(0, 4)).toLowerCase(),
					CommunityNickname: `${first}${last}`.toLowerCase(),
					IsActive: true,
					TimeZoneSidKey: login?.timeZone ?? DEFAULT_USER.timeZone,
					LocaleSidKey: login?.locale ?? DEFAULT_USER.locale,
					EmailEncodingKey: 'UTF-8',
					LanguageLocaleKey: login?.language ?? DEFAULT_USER.language,
					ProfileId: profiles[profile].Id,
					UserRoleId: roles[role].Id,
					UserType: 'Standard',
					Title: title,
					CompanyName: 'Sandbox Org',
					Department: role >= 3 ? 'Support' : 'Sales',
					ManagerId: i === 0 ? null : DEFAULT_USER_ID,
					LastLoginDate: toSalesforceDateTime(new Date(this.now.getTime() - this.rnd.int(1, 72) * 3_600_000)),
					Phone: this.phone(),
				},
				this.stamp(88, 90),
				i === 0 ? DEFAULT_USER_ID : undefined,
			);
		});
		this.add('Group', { Name: 'Support Queue', DeveloperName: 'Support_Queue', Type: 'Queue', Email: 'support@sandbox.example' }, this.stamp(80, 90));
		this.add('Group', { Name: 'Sales Team', DeveloperName: 'Sales_Team', Type: 'Regular' }, this.stamp(80, 90));
		const sets = [
			['Salesforce_Connector_Integration', 'Salesforce Connector Integration', 'Grants API access to the connector principal'],
			['Sales_Operations', 'Sales Operations', 'Manage price books and products'],
			['Support_Agent_Access', 'Support Agent Access', 'Case and knowledge access'],
		].map(([name, label, description]) =>
			this.add(
				'PermissionSet',
				{ Name: name, Label: label, Description: description, IsCustom: true, Type: 'Regular', PermissionsApiEnabled: true },
				this.stamp(70, 90),
			),
		);
		const users = this.users();
		const assignments: Array<[number, number]> = [
			[0, 0],
			[0, 1],
			[1, 1],
			[2, 1],
			[4, 2],
			[5, 2],
		];
		for (const [u, p] of assignments)
			this.add('PermissionSetAssignment', { AssigneeId: users[u].Id, PermissionSetId: sets[p].Id, IsActive: true }, this.stamp(60, 70));
	}

	// ---- sales: accounts, contacts, leads, campaigns ----

	private sales(): void {
		const industries = this.obj('Account').fields.find((f) => f.name === 'Industry')!.picklistValues.map((v) => v.value);
		const types = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Technology Partner'];
		const accounts = COMPANIES.map((name, i) => {
			const billing = this.address('Billing');
			const shipping = this.rnd.chance(0.6)
				? Object.fromEntries(Object.entries(billing).map(([k, v]) => [k.replace('Billing', 'Shipping'), v]))
				: {};
			return this.add('Account', {
				Name: name,
				Type: this.rnd.pick(types),
				Industry: this.rnd.pick(industries),
				Rating: this.rnd.pick(['Hot', 'Warm', 'Cold', null]),
				AnnualRevenue: this.rnd.int(5, 5000) * 100_000,
				NumberOfEmployees: this.rnd.int(10, 50_000),
				Phone: this.phone(),
				Website: `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
				AccountNumber: `CD${String(100000 + i * 7919).slice(0, 6)}`,
				AccountSource: this.rnd.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
				Ownership: this.rnd.pick(['Public', 'Private', 'Subsidiary']),
				Description: this.rnd.chance(0.5) ? `${name} is a long-standing customer in our ${billing.BillingCity} territory.` : null,
				Customer_Number__c: `CUST-${String(i + 1).padStart(4, '0')}`,
				Tier__c: this.rnd.pick(['Bronze', 'Silver', 'Gold', 'Platinum']),
				OwnerId: this.rnd.chance(0.7) ? DEFAULT_USER_ID : this.rnd.pick(this.users().slice(1, 4)).Id,
				...billing,
				...shipping,
			});
		});
		// A parent/child pair for hierarchy queries
		accounts[1].ParentId = accounts[0].Id;
		accounts[7].ParentId = accounts[0].Id;

		for (const account of accounts) {
			const count = this.rnd.int(1, 4);
			let firstContact: string | undefined;
			for (let i = 0; i < count; i++) {
				const first = this.rnd.pick(FIRST_NAMES);
				const last = this.rnd.pick(LAST_NAMES);
				const c = this.add('Contact', {
					AccountId: account.Id,
					Salutation: this.rnd.pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', null]),
					FirstName: first,
					LastName: last,
					Title: this.rnd.pick(TITLES),
					Department: this.rnd.pick(['Sales', 'Finance', 'IT', 'Operations', null]),
					Email: this.emailFor(first, last, String(account.Name)),
					Phone: this.phone(),
					MobilePhone: this.rnd.chance(0.5) ? this.phone() : null,
					LeadSource: this.rnd.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other', null]),
					Birthdate: this.rnd.chance(0.3) ? `19${this.rnd.int(55, 99)}-${String(this.rnd.int(1, 12)).padStart(2, '0')}-${String(this.rnd.int(1, 28)).padStart(2, '0')}` : null,
					HasOptedOutOfEmail: this.rnd.chance(0.1),
					DoNotCall: this.rnd.chance(0.05),
					ReportsToId: firstContact ?? null,
					MailingStreet: account.BillingStreet,
					MailingCity: account.BillingCity,
					MailingState: account.BillingState,
					MailingPostalCode: account.BillingPostalCode,
					MailingCountry: account.BillingCountry,
					OwnerId: account.OwnerId,
				});
				firstContact ??= c.Id;
			}
		}

		const statuses = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'];
		for (let i = 0; i < 50; i++) {
			const first = this.rnd.pick(FIRST_NAMES);
			const last = this.rnd.pick(LAST_NAMES);
			const company = `${this.rnd.pick(['Apex', 'Summit', 'Pioneer', 'Harbor', 'Evergreen', 'Quantum', 'Silverline', 'Redwood'])} ${this.rnd.pick(['Labs', 'Holdings', 'Partners', 'Solutions', 'Group', 'Works'])}`;
			this.add('Lead', {
				FirstName: first,
				LastName: last,
				Salutation: this.rnd.pick(['Mr.', 'Ms.', 'Dr.', null]),
				Company: company,
				Title: this.rnd.pick(TITLES),
				Email: this.emailFor(first, last, company),
				Phone: this.phone(),
				Status: this.rnd.pick(statuses),
				LeadSource: this.rnd.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
				Industry: this.rnd.pick(industries),
				Rating: this.rnd.pick(['Hot', 'Warm', 'Cold', null]),
				AnnualRevenue: this.rnd.chance(0.5) ? this.rnd.int(1, 500) * 10_000 : null,
				NumberOfEmployees: this.rnd.int(1, 2000),
				HasOptedOutOfEmail: this.rnd.chance(0.1),
				OwnerId: this.rnd.chance(0.15) ? this.byObject.get('Group')![0].Id : DEFAULT_USER_ID,
				...this.address(''),
			});
		}

		const campaigns = [
			['Spring Product Webinar', 'Webinar', 'Completed'],
			['Dreamforce Booth', 'Trade Show', 'In Progress'],
			['Q3 Email Nurture', 'Email', 'In Progress'],
			['Partner Referral Program', 'Referral Program', 'Planned'],
			['Direct Mail: Generators', 'Direct Mail', 'Aborted'],
			['User Conference 2024', 'Conference', 'Planned'],
		].map(([name, type, status], i) =>
			this.add('Campaign', {
				Name: name,
				Type: type,
				Status: status,
				IsActive: status === 'In Progress' || status === 'Planned',
				StartDate: this.dateOffset(-80 + i * 15),
				EndDate: this.dateOffset(-50 + i * 20),
				BudgetedCost: this.rnd.int(5, 100) * 1000,
				ActualCost: status === 'Planned' ? null : this.rnd.int(5, 100) * 1000,
				ExpectedRevenue: this.rnd.int(50, 900) * 1000,
				ExpectedResponse: this.rnd.int(1, 30),
				NumberSent: this.rnd.int(100, 5000),
				Description: `${type} campaign`,
			}),
		);
		campaigns[2].ParentId = campaigns[0].Id;
		const contacts = this.byObject.get('Contact')!;
		const leads = this.byObject.get('Lead')!;
		const members = new Set<string>();
		for (let i = 0; i < 36; i++) {
			const campaign = this.rnd.pick(campaigns);
			const person = i % 2 === 0 ? this.rnd.pick(contacts) : this.rnd.pick(leads);
			if (members.has(campaign.Id + person.Id)) continue;
			members.add(campaign.Id + person.Id);
			const status = this.rnd.pick(['Sent', 'Responded', 'Planned', 'Received']);
			const isContact = person.Id.startsWith(this.obj('Contact').keyPrefix);
			this.add('CampaignMember', {
				CampaignId: campaign.Id,
				ContactId: isContact ? person.Id : null,
				LeadId: isContact ? null : person.Id,
				Status: status,
				HasResponded: status === 'Responded',
				FirstRespondedDate: status === 'Responded' ? this.dateOffset(-this.rnd.int(1, 30)) : null,
				FirstName: person.FirstName,
				LastName: person.LastName,
				Name: person.Name,
				Title: person.Title,
				Email: person.Email,
				Phone: person.Phone,
				CompanyOrAccount: isContact ? (this.byObject.get('Account')!.find((a) => a.Id === person.AccountId)?.Name ?? null) : person.Company,
				Type: isContact ? 'Contact' : 'Lead',
			});
		}
	}

	// ---- commerce: products, price books, opportunities, orders, contracts, payments ----

	private commerce(): void {
		const products = PRODUCTS.map(([name, code, price], i) => ({
			product: this.add('Product2', {
				Name: name,
				ProductCode: code,
				Description: `${name} (${code})`,
				IsActive: i !== PRODUCTS.length - 1,
				Family: 'None',
				QuantityUnitOfMeasure: 'Each',
				StockKeepingUnit: `SKU-${code}`,
			}, this.stamp(85, 90)),
			price,
		}));
		const standard = this.add(
			'Pricebook2',
			{ Name: 'Standard Price Book', IsActive: true, IsStandard: true, Description: 'Price book that contains all of the products your company sells.' },
			this.stamp(89, 90),
			STANDARD_PRICEBOOK_ID,
		);
		const partner = this.add('Pricebook2', { Name: 'Partner Price Book', IsActive: true, IsStandard: false, Description: 'Discounted prices for channel partners' }, this.stamp(80, 85));
		this.add('Pricebook2', { Name: 'Legacy 2022 Price Book', IsActive: false, IsStandard: false, Description: null }, this.stamp(80, 85));
		const stdEntries = products.map(({ product, price }) =>
			this.add('PricebookEntry', {
				Pricebook2Id: standard.Id,
				Product2Id: product.Id,
				UnitPrice: price,
				IsActive: product.IsActive,
				UseStandardPrice: false,
				Name: product.Name,
				ProductCode: product.ProductCode,
			}, this.stamp(80, 85)),
		);
		for (const { product, price } of products.slice(0, 10))
			this.add('PricebookEntry', {
				Pricebook2Id: partner.Id,
				Product2Id: product.Id,
				UnitPrice: Math.round(price * 0.85 * 100) / 100,
				IsActive: true,
				UseStandardPrice: false,
				Name: product.Name,
				ProductCode: product.ProductCode,
			}, this.stamp(75, 80));

		const stages: Array<[string, number, string, string]> = [
			['Prospecting', 10, 'Pipeline', 'Pipeline'],
			['Qualification', 10, 'Pipeline', 'Pipeline'],
			['Needs Analysis', 20, 'Pipeline', 'Pipeline'],
			['Value Proposition', 50, 'Pipeline', 'Pipeline'],
			['Id. Decision Makers', 60, 'Pipeline', 'Pipeline'],
			['Perception Analysis', 70, 'Pipeline', 'Pipeline'],
			['Proposal/Price Quote', 75, 'Pipeline', 'Pipeline'],
			['Negotiation/Review', 90, 'Pipeline', 'Pipeline'],
			['Closed Won', 100, 'Closed', 'Closed'],
			['Closed Lost', 0, 'Omitted', 'Omitted'],
		];
		const accounts = this.byObject.get('Account')!;
		const campaigns = this.byObject.get('Campaign')!;
		const activeEntries = stdEntries.filter((e) => e.IsActive === true);
		for (let i = 0; i < 50; i++) {
			const account = this.rnd.pick(accounts);
			const [stage, probability, forecast, forecastName] = this.rnd.pick(stages);
			const closed = stage.startsWith('Closed');
			const closeDate = this.dateOffset(closed ? -this.rnd.int(1, 60) : this.rnd.int(5, 120));
			const opp = this.add('Opportunity', {
				AccountId: account.Id,
				Name: `${account.Name} - ${this.rnd.pick(['Generators', 'Service Contract', 'Expansion', 'Renewal', 'Installation', 'Monitoring'])}`,
				StageName: stage,
				Probability: probability,
				ForecastCategory: forecast,
				ForecastCategoryName: forecastName === 'Closed' ? 'Closed' : forecastName === 'Omitted' ? 'Omitted' : 'Pipeline',
				IsClosed: closed,
				IsWon: stage === 'Closed Won',
				CloseDate: closeDate,
				Type: this.rnd.pick(['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'New Customer', null]),
				LeadSource: this.rnd.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other', null]),
				NextStep: closed ? null : this.rnd.pick(['Send proposal', 'Schedule demo', 'Negotiate terms', 'Executive meeting']),
				CampaignId: this.rnd.chance(0.3) ? this.rnd.pick(campaigns).Id : null,
				Pricebook2Id: null,
				OwnerId: account.OwnerId,
				FiscalYear: Number(closeDate.slice(0, 4)),
				FiscalQuarter: Math.floor((Number(closeDate.slice(5, 7)) - 1) / 3) + 1,
				Fiscal: `${closeDate.slice(0, 4)} ${Math.floor((Number(closeDate.slice(5, 7)) - 1) / 3) + 1}`,
			});
			let amount = this.rnd.int(5, 500) * 1000;
			let quantity: number | null = null;
			if (i % 3 !== 2) {
				amount = 0;
				quantity = 0;
				const lines = this.rnd.subset(activeEntries, 3);
				opp.Pricebook2Id = standard.Id;
				opp.HasOpportunityLineItem = true;
				lines.forEach((entry, sort) => {
					const qty = this.rnd.int(1, 10);
					const list = Number(entry.UnitPrice);
					const discount = this.rnd.chance(0.3) ? this.rnd.int(1, 15) : null;
					const total = Math.round(qty * list * (1 - (discount ?? 0) / 100) * 100) / 100;
					amount += total;
					quantity! += qty;
					this.add('OpportunityLineItem', {
						OpportunityId: opp.Id,
						PricebookEntryId: entry.Id,
						Product2Id: entry.Product2Id,
						ProductCode: entry.ProductCode,
						Name: `${opp.Name} ${entry.Name}`,
						Quantity: qty,
						UnitPrice: list,
						ListPrice: list,
						Discount: discount,
						Subtotal: Math.round(qty * list * 100) / 100,
						TotalPrice: total,
						SortOrder: sort + 1,
						ServiceDate: this.rnd.chance(0.3) ? closeDate : null,
					});
				});
			}
			opp.Amount = Math.round(amount * 100) / 100;
			opp.ExpectedRevenue = Math.round(amount * probability) / 100;
			opp.TotalOpportunityQuantity = quantity;
		}

		const contacts = this.byObject.get('Contact')!;
		const contracts = accounts.slice(0, 10).map((account, i) => {
			const status = i < 6 ? 'Activated' : 'Draft';
			const start = this.dateOffset(-this.rnd.int(10, 80));
			const term = this.rnd.pick([12, 24, 36]);
			const endDate = new Date(`${start}T00:00:00Z`);
			endDate.setUTCMonth(endDate.getUTCMonth() + term);
			endDate.setUTCDate(endDate.getUTCDate() - 1);
			return this.add('Contract', {
				AccountId: account.Id,
				Name: `${account.Name} Master Agreement`,
				Status: status,
				StatusCode: status,
				StartDate: start,
				ContractTerm: term,
				EndDate: toSalesforceDate(endDate),
				OwnerExpirationNotice: this.rnd.pick(['30', '60', '90']),
				CustomerSignedId: contacts.find((c) => c.AccountId === account.Id)?.Id ?? null,
				CustomerSignedDate: status === 'Activated' ? start : null,
				ActivatedDate: status === 'Activated' ? `${start}T17:00:00.000+0000` : null,
				ActivatedById: status === 'Activated' ? DEFAULT_USER_ID : null,
				Pricebook2Id: standard.Id,
				SpecialTerms: i % 4 === 0 ? 'Net 45 payment terms.' : null,
				BillingStreet: account.BillingStreet,
				BillingCity: account.BillingCity,
				BillingState: account.BillingState,
				BillingPostalCode: account.BillingPostalCode,
				BillingCountry: account.BillingCountry,
			});
		});

		for (let i = 0; i < 16; i++) {
			const account = i < 10 ? accounts[i] : this.rnd.pick(accounts);
			const activated = i % 3 === 0;
			const order = this.add('Order', {
				AccountId: account.Id,
				ContractId: i < 10 && contracts[i].Status === 'Activated' ? contracts[i].Id : null,
				Pricebook2Id: standard.Id,
				EffectiveDate: this.dateOffset(-this.rnd.int(1, 60)),
				Status: activated ? 'Activated' : 'Draft',
				StatusCode: activated ? 'Activated' : 'Draft',
				ActivatedDate: activated ? toSalesforceDateTime(new Date(this.now.getTime() - this.rnd.int(1, 20) * DAY_MS)) : null,
				ActivatedById: activated ? DEFAULT_USER_ID : null,
				Type: 'Standard',
				Name: i % 2 === 0 ? `${account.Name} order ${i + 1}` : null,
				PoNumber: i % 2 === 1 ? `PO-${20000 + i}` : null,
				Description: null,
				BillToContactId: contacts.find((c) => c.AccountId === account.Id)?.Id ?? null,
				BillingStreet: account.BillingStreet,
				BillingCity: account.BillingCity,
				BillingState: account.BillingState,
				BillingPostalCode: account.BillingPostalCode,
				BillingCountry: account.BillingCountry,
			});
			let total = 0;
			for (const entry of this.rnd.subset(activeEntries, 3)) {
				const qty = this.rnd.int(1, 5);
				const price = Number(entry.UnitPrice);
				total += qty * price;
				this.add('OrderItem', {
					OrderId: order.Id,
					PricebookEntryId: entry.Id,
					Product2Id: entry.Product2Id,
					Quantity: qty,
					AvailableQuantity: qty,
					UnitPrice: price,
					ListPrice: price,
					TotalPrice: Math.round(qty * price * 100) / 100,
					ServiceDate: order.EffectiveDate,
					Description: null,
				});
			}
			order.TotalAmount = Math.round(total * 100) / 100;
		}

		for (let i = 0; i < 12; i++) {
			const account = this.rnd.pick(accounts);
			const status = this.rnd.pick(['Processed', 'Processed', 'Draft', 'Pending', 'Failed']);
			const amount = this.rnd.int(100, 50_000) + this.rnd.int(0, 99) / 100;
			this.add('Payment', {
				Amount: amount,
				Status: status,
				Type: this.rnd.pick(['Capture', 'Sale']),
				ProcessingMode: 'External',
				AccountId: account.Id,
				Date: toSalesforceDateTime(new Date(this.now.getTime() - this.rnd.int(1, 80) * DAY_MS)),
				GatewayRefNumber: `ch_${(1_000_000 + i * 7_777).toString(36)}`,
				SfResultCode: status === 'Failed' ? 'Decline' : status === 'Processed' ? 'Success' : null,
				Comments: null,
				Email: this.rnd.chance(0.5) ? `billing@${String(account.Name).toLowerCase().replace(/[^a-z]+/g, '')}.example.com` : null,
				Balance: status === 'Processed' ? amount : 0,
				NetApplied: 0,
			});
		}
	}

	// ---- service: cases, comments, assets, locations, work orders ----

	private service(): void {
		const accounts = this.byObject.get('Account')!;
		const contacts = this.byObject.get('Contact')!;
		const products = this.byObject.get('Product2')!;
		const queue = this.byObject.get('Group')!.find((g) => g.Type === 'Queue')!;
		for (let i = 0; i < 24; i++) {
			const contact = this.rnd.pick(contacts);
			const product = this.rnd.pick(products.slice(0, 8));
			this.add('Asset', {
				Name: String(product.Name),
				AccountId: contact.AccountId,
				ContactId: contact.Id,
				Product2Id: product.Id,
				ProductCode: product.ProductCode,
				SerialNumber: `SN-${String(100000 + i * 37).padStart(6, '0')}`,
				Status: this.rnd.pick(['Purchased', 'Shipped', 'Installed', 'Registered']),
				InstallDate: this.dateOffset(-this.rnd.int(1, 80)),
				PurchaseDate: this.dateOffset(-this.rnd.int(81, 89)),
				Price: this.rnd.int(1, 100) * 1000,
				Quantity: 1,
			});
		}
		const assets = this.byObject.get('Asset')!;
		const entitlements = accounts.slice(0, 6).map((account) =>
			this.add('Entitlement', {
				Name: `${account.Name} Phone Support`,
				AccountId: account.Id,
				Type: 'Phone Support',
				StartDate: this.dateOffset(-60),
				EndDate: this.dateOffset(300),
				Status: 'Active',
				IsPerIncident: false,
			}),
		);
		const statuses = ['New', 'Working', 'Escalated', 'Closed'];
		for (let i = 0; i < 40; i++) {
			const contact = this.rnd.pick(contacts);
			const status = this.rnd.pick(statuses);
			const st = this.stamp();
			const closed = status === 'Closed';
			const c = this.add(
				'Case',
				{
					AccountId: contact.AccountId,
					ContactId: contact.Id,
					AssetId: this.rnd.chance(0.3) ? this.rnd.pick(assets).Id : null,
					EntitlementId: entitlements.find((e) => e.AccountId === contact.AccountId)?.Id ?? null,
					Subject: this.rnd.pick(CASE_SUBJECTS),
					Description: this.rnd.chance(0.7) ? 'Customer reported the issue by phone; details in the comments.' : null,
					Status: status,
					Priority: this.rnd.pick(['High', 'Medium', 'Low']),
					Origin: this.rnd.pick(['Phone', 'Email', 'Web']),
					Type: this.rnd.pick(['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other', null]),
					Reason: this.rnd.pick(['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Feedback', null]),
					IsClosed: closed,
					ClosedDate: closed ? st.LastModifiedDate : null,
					IsEscalated: status === 'Escalated',
					ContactEmail: contact.Email,
					ContactPhone: contact.Phone,
					ContactMobile: contact.MobilePhone,
					SuppliedEmail: this.rnd.chance(0.2) ? contact.Email : null,
					OwnerId: this.rnd.chance(0.2) ? queue.Id : DEFAULT_USER_ID,
				},
				st,
			);
			const comments = this.rnd.int(0, 3);
			for (let k = 0; k < comments; k++)
				this.add('CaseComment', {
					ParentId: c.Id,
					CommentBody: this.rnd.pick([
						'Called the customer and collected the error log.',
						'Escalated to tier 2 engineering.',
						'Replacement part shipped today.',
						'Customer confirmed the fix works.',
						'Waiting on customer response.',
					]),
					IsPublished: this.rnd.chance(0.5),
				});
		}
		for (const [name, type] of [
			['Main Warehouse', 'Warehouse'],
			['East Coast Depot', 'Warehouse'],
			['Service Van 12', 'Van'],
			['Customer Site - Acme HQ', 'Site'],
		])
			this.add('Location', { Name: name, LocationType: type, IsInventoryLocation: type !== 'Site', IsMobile: type === 'Van', TimeZone: 'America/New_York' });
		const cases = this.byObject.get('Case')!;
		for (let i = 0; i < 10; i++) {
			const c = this.rnd.pick(cases);
			const status = this.rnd.pick(['New', 'In Progress', 'Completed', 'Closed']);
			this.add('WorkOrder', {
				AccountId: c.AccountId,
				ContactId: c.ContactId,
				CaseId: c.Id,
				AssetId: c.AssetId,
				Subject: `On-site visit: ${String(c.Subject).toLowerCase()}`,
				Status: status,
				StatusCategory: status.replace(' ', ''),
				IsClosed: status === 'Closed' || status === 'Completed',
				Priority: this.rnd.pick(['Low', 'Medium', 'High', 'Critical']),
				StartDate: toSalesforceDateTime(new Date(this.now.getTime() - this.rnd.int(1, 30) * DAY_MS)),
				Duration: this.rnd.int(1, 8),
				DurationType: 'Hours',
				LocationId: this.rnd.pick(this.byObject.get('Location')!).Id,
			});
		}
		// Approvals are read-only through the API (approval processes create them): seeded on two contracts
		const contracts = this.byObject.get('Contract')!;
		this.add('Approval', { ParentId: contracts[0].Id, Status: 'Approved', RequestComment: 'Please approve the master agreement.', ApproveComment: 'Approved.' });
		this.add('Approval', { ParentId: contracts[1].Id, Status: 'Pending', RequestComment: 'Non-standard payment terms.', ApproveComment: null });
		const solutions = [
			['Resetting error code E-42', 'Hold the reset button for 10 seconds, then power-cycle the unit.'],
			['Portal login troubleshooting', 'Clear cookies, then use the Forgot Password link.'],
			['Cooling fan noise', 'Check the fan mounting screws and replace worn rubber dampers.'],
		];
		for (const [title, note] of solutions)
			this.add('Solution', { SolutionName: title, SolutionNote: note, Status: 'Reviewed', IsReviewed: true, IsPublished: true });
	}

	// ---- activities: tasks, events, notes ----

	private activities(): void {
		const contacts = this.byObject.get('Contact')!;
		const leads = this.byObject.get('Lead')!;
		const opps = this.byObject.get('Opportunity')!;
		for (let i = 0; i < 45; i++) {
			const useLead = i % 4 === 3;
			const who = useLead ? this.rnd.pick(leads) : this.rnd.pick(contacts);
			const what = useLead ? null : this.rnd.chance(0.5) ? (opps.find((o) => o.AccountId === who.AccountId) ?? null) : null;
			const status = this.rnd.pick(['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']);
			const priority = this.rnd.pick(['High', 'Normal', 'Normal', 'Low']);
			const st = this.stamp();
			this.add(
				'Task',
				{
					WhoId: who.Id,
					WhatId: what ? what.Id : useLead ? null : (who.AccountId ?? null),
					AccountId: useLead ? null : (who.AccountId ?? null),
					Subject: this.rnd.pick(['Call', 'Send Letter', 'Send Quote', 'Other', `Follow up with ${who.FirstName ?? who.LastName}`]),
					ActivityDate: this.dateOffset(this.rnd.int(-30, 30)),
					Status: status,
					Priority: priority,
					IsHighPriority: priority === 'High',
					IsClosed: status === 'Completed',
					CompletedDateTime: status === 'Completed' ? st.LastModifiedDate : null,
					Type: this.rnd.pick(['Call', 'Email', 'Meeting', 'Other', null]),
					TaskSubtype: 'Task',
					Description: this.rnd.chance(0.4) ? 'Discussed next steps and pricing.' : null,
				},
				st,
			);
		}
		for (let i = 0; i < 24; i++) {
			const who = this.rnd.pick(contacts);
			const start = new Date(this.now.getTime() + this.rnd.int(-40, 20) * DAY_MS);
			start.setUTCHours(this.rnd.int(14, 22), this.rnd.pick([0, 30]), 0, 0);
			const duration = this.rnd.pick([30, 60, 90]);
			const allDay = i % 8 === 7;
			const end = new Date(start.getTime() + duration * 60_000);
			this.add('Event', {
				WhoId: who.Id,
				WhatId: who.AccountId,
				AccountId: who.AccountId,
				Subject: this.rnd.pick(['Call', 'Email', 'Meeting', 'Send Letter/Quote', 'Other', 'Quarterly business review']),
				Location: this.rnd.pick(['Zoom', 'Customer office', 'HQ Room 4B', null]),
				IsAllDayEvent: allDay,
				ActivityDateTime: allDay ? null : toSalesforceDateTime(start),
				ActivityDate: toSalesforceDate(start),
				StartDateTime: toSalesforceDateTime(start),
				EndDateTime: toSalesforceDateTime(end),
				EndDate: toSalesforceDate(end),
				DurationInMinutes: allDay ? 1440 : duration,
				ShowAs: 'Busy',
				Type: this.rnd.pick(['Meeting', 'Call', null]),
				EventSubtype: 'Event',
			});
		}
		const accounts = this.byObject.get('Account')!;
		for (let i = 0; i < 10; i++) {
			const parent = i % 2 === 0 ? this.rnd.pick(accounts) : this.rnd.pick(opps);
			this.add('Note', {
				ParentId: parent.Id,
				Title: this.rnd.pick(['Meeting notes', 'Pricing discussion', 'Renewal risk', 'Org chart', 'Technical requirements']),
				Body: 'Key points: budget approved for Q3; decision maker is the CFO; follow up in two weeks.',
				IsPrivate: false,
			});
		}
	}

	// ---- the custom object ----

	private custom(): void {
		const accounts = this.byObject.get('Account')!;
		const contacts = this.byObject.get('Contact')!;
		const tags = ['Urgent', 'Partner', 'Renewal', 'Enterprise'];
		for (let i = 0; i < 30; i++) {
			const account = this.rnd.pick(accounts);
			const status = this.rnd.pick(['Draft', 'Sent', 'Paid', 'Overdue', 'Void']);
			const issued = new Date(this.now.getTime() - this.rnd.int(1, 85) * DAY_MS);
			this.add('Invoice__c', {
				Name: `Invoice ${account.Name} #${i + 1}`,
				Account__c: account.Id,
				Amount__c: this.rnd.int(100, 99_999) + this.rnd.int(0, 99) / 100,
				Status__c: status,
				Tags__c: this.rnd.chance(0.75) ? this.rnd.subset(tags, 3).join(';') : null,
				External_Id__c: `EXT-INV-${String(i + 1).padStart(4, '0')}`,
				Due_Date__c: toSalesforceDate(new Date(issued.getTime() + 30 * DAY_MS)),
				Paid__c: status === 'Paid',
				Notes__c: i % 5 === 0 ? 'Long note: ' + 'payment terms net 30. '.repeat(20).trim() : null,
				Discount__c: this.rnd.chance(0.3) ? this.rnd.int(1, 20) : null,
				Quantity__c: this.rnd.int(1, 50),
				Contact_Email__c: contacts.find((c) => c.AccountId === account.Id)?.Email ?? null,
				Issued_At__c: toSalesforceDateTime(issued),
			});
		}
	}

	// ---- files: small text documents linked to records ----

	private files(): void {
		const accounts = this.byObject.get('Account')!;
		const docs: Array<[string, string, string]> = [
			['Acme Master Agreement', 'acme-master-agreement.txt', 'Master agreement between Acme Corporation and the Sandbox Org.\n'],
			['Generator spec sheet', 'genwatt-spec.csv', 'model,kw,fuel\nGC1020,200,diesel\nGC1040,1000,diesel\n'],
			['Meeting notes', 'notes.txt', 'Quarterly business review notes.\n'],
		];
		docs.forEach(([title, path, text], i) => {
			const bytes = Buffer.from(text, 'utf8');
			const st = this.stamp(10, 60);
			const docId = newId(this.obj('ContentDocument').keyPrefix, i + 1);
			const ext = path.slice(path.lastIndexOf('.') + 1);
			const fileType = ext === 'csv' ? 'CSV' : 'TEXT';
			const version = this.add(
				'ContentVersion',
				{
					ContentDocumentId: docId,
					Title: title,
					PathOnClient: path,
					// A Buffer: the store keeps the bytes aside and serves them at the VersionData URL, as Salesforce does
					VersionData: bytes,
					ContentSize: bytes.length,
					Checksum: createHash('md5').update(bytes).digest('hex'),
					FileExtension: ext,
					FileType: fileType,
					VersionNumber: '1',
					IsLatest: true,
					FirstPublishLocationId: accounts[i].Id,
					Origin: 'C',
					ContentLocation: 'S',
					PublishStatus: 'R',
					SharingOption: 'A',
					SharingPrivacy: 'N',
					ContentModifiedDate: st.CreatedDate,
					ContentModifiedById: DEFAULT_USER_ID,
					IsMajorVersion: true,
				},
				st,
			);
			this.add(
				'ContentDocument',
				{
					Title: title,
					LatestPublishedVersionId: version.Id,
					ContentSize: bytes.length,
					FileType: fileType,
					FileExtension: ext,
					PublishStatus: 'R',
					SharingOption: 'A',
					SharingPrivacy: 'N',
					ContentModifiedDate: st.CreatedDate,
				},
				st,
				docId,
			);
			// Salesforce links a new file to its owner and to FirstPublishLocationId
			this.add('ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: DEFAULT_USER_ID, ShareType: 'I', Visibility: 'AllUsers' }, st);
			this.add('ContentDocumentLink', { ContentDocumentId: docId, LinkedEntityId: accounts[i].Id, ShareType: 'V', Visibility: 'AllUsers' }, st);
		});
	}

	// ---- every other createable object: two records filled from the describe ----

	private generic(): void {
		const skip = new Set(['ContentVersion', 'ContentDocument', 'ContentDocumentLink']);
		let pending = this.registry
			.all()
			.filter((o) => o.createable && !skip.has(o.name) && !this.byObject.has(o.name))
			.sort((a, b) => a.name.localeCompare(b.name));
		// Objects whose required references point at objects seeded in a later pass wait for it
		for (let pass = 0; pass < 5 && pending.length > 0; pass++) {
			const waiting: ObjectDef[] = [];
			for (const o of pending) {
				const blocked = o.fields.some(
					(f) => f.type === 'reference' && !f.nillable && f.createable && !f.referenceTo.some((t) => this.byObject.has(t)),
				);
				if (blocked) waiting.push(o);
				else for (let i = 1; i <= 2; i++) this.add(o.name, this.fill(o, i));
			}
			pending = waiting;
		}
	}

	private fill(o: ObjectDef, n: number): Record<string, unknown> {
		const values: Record<string, unknown> = {};
		for (const f of o.fields) {
			if (!f.createable || f.type === 'id' || f.name === 'OwnerId' || f.autoNumber || f.compoundFieldName === 'Name') continue;
			const required = !f.nillable && !f.defaultedOnCreate;
			if (!required && !this.rnd.chance(0.6)) continue;
			const v = this.valueFor(o, f, n);
			if (v !== undefined) values[f.name] = v;
		}
		if (o.fields.some((f) => f.name === 'LastName' && f.createable)) {
			values.FirstName = this.rnd.pick(FIRST_NAMES);
			values.LastName = this.rnd.pick(LAST_NAMES);
		}
		return values;
	}

	private valueFor(o: ObjectDef, f: FieldDef, n: number): unknown {
		const clip = (s: string): string => s.slice(0, f.length || s.length);
		switch (f.type) {
			case 'string':
				if (f.nameField || f.name === 'Name') return clip(`${o.label} ${n}`);
				if (f.externalId || f.unique) return clip(`${o.name.slice(0, 6).toUpperCase()}-${String(n).padStart(4, '0')}`);
				return clip(`${f.label} ${n}`);
			case 'textarea':
				return clip(`${f.label} for ${o.label.toLowerCase()} ${n}.`);
			case 'email':
				return `${o.name.toLowerCase()}${n}@example.com`;
			case 'phone':
				return this.phone();
			case 'url':
				return `https://www.example.com/${o.name.toLowerCase()}/${n}`;
			case 'boolean':
				return this.rnd.chance(0.5);
			case 'int':
				return this.rnd.int(1, Math.min(999, 10 ** Math.max(1, f.digits) - 1));
			case 'double':
			case 'currency':
			case 'percent': {
				const intDigits = Math.max(1, f.precision - f.scale);
				const max = Math.min(10 ** intDigits - 1, f.type === 'percent' ? 100 : 100_000);
				return Math.round(this.rnd.next() * max * 100) / 100;
			}
			case 'date':
				return this.dateOffset(this.rnd.int(-60, 60));
			case 'datetime':
				return toSalesforceDateTime(new Date(this.now.getTime() + this.rnd.int(-60, 60) * DAY_MS));
			case 'picklist':
			case 'combobox':
				return f.picklistValues.length ? this.rnd.pick(f.picklistValues).value : undefined;
			case 'multipicklist':
				return this.rnd.subset(f.picklistValues.map((v) => v.value), 2).join(';');
			case 'reference': {
				const targets = f.referenceTo.filter((t) => this.byObject.has(t));
				if (targets.length === 0) return undefined;
				return this.rnd.pick(this.byObject.get(this.rnd.pick(targets))!).Id;
			}
			default:
				return undefined;
		}
	}
}

/**
 * Fills the fields Salesforce derives on save: the compound person Name (FirstName LastName) and compound
 * addresses (an object of the subfields, or null when all are empty). The store can call it after each write.
 */
export function applyDerivedFields(o: ObjectDef, record: Record<string, unknown>): void {
	for (const f of o.fields) {
		if (f.type === 'address') {
			const sub = (suffix: string): unknown => record[f.name.replace(/Address$/, '') + suffix] ?? null;
			const value = {
				city: sub('City'),
				country: sub('Country'),
				geocodeAccuracy: sub('GeocodeAccuracy'),
				latitude: sub('Latitude'),
				longitude: sub('Longitude'),
				postalCode: sub('PostalCode'),
				state: sub('State'),
				street: sub('Street'),
			};
			record[f.name] = Object.values(value).every((v) => v === null) ? null : value;
		} else if (f.nameField && o.fields.some((c) => c.compoundFieldName === f.name)) {
			const parts = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p !== '');
			record[f.name] = parts.length ? parts.join(' ') : null;
		}
	}
}
