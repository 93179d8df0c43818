/**
 * The sandbox org's record store: every record of every object, in insertion order, with system fields
 * maintained the way Salesforce maintains them. Writes go through validation.ts; cross-record rules
 * (references, unique fields) are checked here. Transactions with an undo log give allOrNone semantics.
 */
import { SfError } from './errors';
import { isIdFormat, newId, to15, to18 } from './ids';
import { DEFAULT_USER_ID } from './org/setup';
import type { ObjectDef, StoredRecord } from './schema/types';
import type { QueryContext, QueryUser } from './soql/types';
import { checkRequired, defaultFor, fieldByName, formatDateTime, parseDateTime, validateWrite } from './validation';

/** What the store needs from the schema registry (SchemaRegistry satisfies it). */
export interface SchemaSource {
	get(name: string): ObjectDef | undefined;
	all(): ObjectDef[];
	byKeyPrefix(prefix: string): ObjectDef | undefined;
}

export interface WriteOptions {
	userId: string;
	/**
	 * "Late commit": the write is stamped now (CreatedDate / LastModifiedDate / SystemModstamp of now) but reads and
	 * queries see it only from this moment, as with a long transaction that commits after later ones. Until then an
	 * insert is invisible, and an update or delete leaves the previous version visible (and the row locked).
	 */
	visibleAfter?: Date;
}

/** A committed write that readers see only from `visibleAfter` (epoch ms) on. */
interface PendingVersion {
	record: StoredRecord;
	visibleAfter: number;
}

interface Entry {
	objectName: string;
	/** The version readers see */
	record: StoredRecord;
	/** A late insert: the whole record is invisible until then */
	visibleAfter?: number;
	/** A late update or delete: replaces `record` once visible */
	pending?: PendingVersion;
}

export interface DeletionLogEntry {
	objectName: string;
	id: string;
	/** Salesforce datetime string (the record's SystemModstamp at deletion) */
	deletedDate: string;
	/** A late delete shows in the log only from then on (epoch ms) */
	visibleAfter?: number;
}

export interface InsertHookContext {
	store: RecordStore;
	def: ObjectDef;
	record: StoredRecord;
	userId: string;
}

/** Per-object side effects (ContentVersion -> ContentDocument, ...), registered by the route modules. */
export interface ObjectHooks {
	/** Runs before the record is stored, may change it or throw an SfError. */
	beforeInsert?(ctx: InsertHookContext): void;
	/** Runs after the record is stored, inside the same transaction. */
	afterInsert?(ctx: InsertHookContext): void;
	/** Runs before a record is deleted; may throw an SfError to refuse the delete. */
	beforeDelete?(ctx: InsertHookContext): void;
	/** Runs after the record is marked deleted, inside the same transaction (cascades). */
	afterDelete?(ctx: InsertHookContext): void;
}

/**
 * A record as `exportRecords()` writes it and `load()` reads it: the store's one persistence format (the seed's
 * `{object, record}` is the same without the optional parts). The deletion log and auto-number counters are rebuilt
 * from the records.
 */
export interface ExportedRecord {
	object: string;
	record: Record<string, unknown>;
	/** base64 field name -> bytes as base64 */
	blobs?: Record<string, string>;
	/** late insert: visible from (epoch ms) */
	visibleAfter?: number;
	/** late update or delete not yet visible */
	pending?: { record: Record<string, unknown>; visibleAfter: number };
}

export interface StoreSnapshot {
	version: 2;
	records: ExportedRecord[];
}

const SYSTEM_TIMESTAMPS = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'] as const;

const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country', 'StateCode', 'CountryCode', 'Latitude', 'Longitude', 'GeocodeAccuracy'];

/** The path where a base64 field's bytes are served; the record itself only holds this URL, like Salesforce. */
export function blobUrl(objectName: string, id: string, field: string, apiVersion = '66.0'): string {
	return `/services/data/v${apiVersion}/sobjects/${objectName}/${id}/${field}`;
}

export class RecordStore {
	private byObject = new Map<string, Entry[]>();
	private byKey = new Map<string, Entry>();
	private deletions: DeletionLogEntry[] = [];
	private blobs = new Map<string, Buffer>();
	private autoNumbers = new Map<string, number>();
	private idSeq = new Map<string, number>();
	private hooks = new Map<string, ObjectHooks>();
	private listeners: Array<() => void> = [];
	private undoLog: Array<() => void> | undefined;
	private dirty = false;

	constructor(
		readonly schemas: SchemaSource,
		readonly now: () => Date,
		/** The user system writes are attributed to when none is named: the org's default user */
		private readonly defaultUserId: string = DEFAULT_USER_ID,
	) {}

	// ---- schema helpers ----

	/** The object's definition by case-insensitive name; INVALID_TYPE like Salesforce when unknown. */
	objectDef(name: string): ObjectDef {
		const def = this.schemas.get(name);
		if (!def) throw new SfError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
		return def;
	}

	setHooks(objectName: string, hooks: ObjectHooks): void {
		this.hooks.set(objectName.toLowerCase(), hooks);
	}

	onChange(listener: () => void): () => void {
		this.listeners.push(listener);
		return () => {
			this.listeners = this.listeners.filter((l) => l !== listener);
		};
	}

	// ---- transactions ----

	/**
	 * Runs `fn` atomically: if it throws, every write it made is undone. A nested call is a savepoint: its own
	 * writes are undone when it throws, and on success they join the outer transaction.
	 */
	transaction<T>(fn: () => T): T {
		const outer = this.undoLog;
		const log: Array<() => void> = [];
		this.undoLog = log;
		try {
			const result = fn();
			this.undoLog = outer;
			// A loop, not push(...log): a big load would exceed the engine's argument limit
			if (outer) for (const undo of log) outer.push(undo);
			else this.commit();
			return result;
		} catch (err) {
			for (let i = log.length - 1; i >= 0; i--) log[i]();
			this.undoLog = outer;
			throw err;
		}
	}

	/**
	 * Opens a transaction that spans asynchronous work (the /composite resource); writes made by anything until
	 * commit/rollback join it. Only one may be open; the sandbox does not isolate concurrent requests.
	 */
	begin(): { commit(): void; rollback(): void } {
		if (this.undoLog) throw new Error('A transaction is already open');
		const log: Array<() => void> = [];
		this.undoLog = log;
		let open = true;
		return {
			commit: () => {
				if (!open) return;
				open = false;
				if (this.undoLog === log) this.undoLog = undefined;
				this.commit();
			},
			rollback: () => {
				if (!open) return;
				open = false;
				for (let i = log.length - 1; i >= 0; i--) log[i]();
				if (this.undoLog === log) this.undoLog = undefined;
				this.commit();
			},
		};
	}

	get inTransaction(): boolean {
		return this.undoLog !== undefined;
	}

	private recordUndo(undo: () => void): void {
		this.dirty = true;
		if (this.undoLog) this.undoLog.push(undo);
	}

	private commit(): void {
		if (!this.dirty) return;
		this.dirty = false;
		for (const l of this.listeners) l();
	}

	// ---- reads ----

	private entry(id: string): Entry | undefined {
		if (typeof id !== 'string' || !isIdFormat(id)) return undefined;
		const e = this.byKey.get(to15(id));
		if (e) this.settle(e, this.now().getTime());
		return e;
	}

	/** A late update or delete whose moment has come replaces the visible version (the record object stays the same). */
	private settle(e: Entry, now: number): void {
		if (!e.pending || e.pending.visibleAfter > now) return;
		const next = e.pending.record;
		e.pending = undefined;
		for (const k of Object.keys(e.record)) delete e.record[k];
		Object.assign(e.record, next);
	}

	private visible(e: Entry): boolean {
		return e.visibleAfter === undefined || e.visibleAfter <= this.now().getTime();
	}

	/** Any visible record by 15/18-char id, deleted ones included (callers check IsDeleted). */
	lookup(id: string): { objectName: string; record: StoredRecord } | undefined {
		const e = this.entry(id);
		if (!e || !this.visible(e)) return undefined;
		return { objectName: e.objectName, record: e.record };
	}

	/** A visible, not deleted record. */
	get(id: string): StoredRecord | undefined {
		const found = this.lookup(id);
		return found && found.record.IsDeleted !== true ? found.record : undefined;
	}

	getById(id: string): { objectName: string; record: StoredRecord } | undefined {
		const found = this.lookup(id);
		return found && found.record.IsDeleted !== true ? found : undefined;
	}

	/** Visible records of one object in insertion order. The records are live: do not mutate them. */
	*records(objectName: string, opts: { includeDeleted: boolean } = { includeDeleted: false }): Iterable<StoredRecord> {
		const def = this.schemas.get(objectName);
		if (!def) return;
		const list = this.byObject.get(def.name) ?? [];
		const now = this.now().getTime();
		for (const e of list) {
			if (e.visibleAfter !== undefined && e.visibleAfter > now) continue;
			this.settle(e, now);
			if (!opts.includeDeleted && e.record.IsDeleted === true) continue;
			yield e.record;
		}
	}

	/**
	 * Versions whose commit is still pending (late inserts, updates and deletes not yet visible), for
	 * `latestDateCovered`: their SystemModstamp is earlier than the moment readers will see them.
	 */
	pendingRecords(objectName: string): StoredRecord[] {
		const def = this.schemas.get(objectName);
		const now = this.now().getTime();
		const out: StoredRecord[] = [];
		for (const e of def ? (this.byObject.get(def.name) ?? []) : []) {
			if (e.visibleAfter !== undefined && e.visibleAfter > now) out.push(e.record);
			this.settle(e, now);
			if (e.pending) out.push(e.pending.record);
		}
		return out;
	}

	count(objectName?: string): number {
		if (objectName) return [...this.records(objectName)].length;
		let n = 0;
		for (const list of this.byObject.values()) n += list.length;
		return n;
	}

	/** The delete log of one object as readers see it now (late deletes appear once committed), oldest first. */
	deletedLog(objectName: string): DeletionLogEntry[] {
		const def = this.schemas.get(objectName);
		const now = this.now().getTime();
		return def ? this.deletions.filter((d) => d.objectName === def.name && (d.visibleAfter === undefined || d.visibleAfter <= now)) : [];
	}

	getBlob(id: string, field: string): Buffer | undefined {
		return isIdFormat(id) ? this.blobs.get(`${to15(id)}.${field.toLowerCase()}`) : undefined;
	}

	/** What the SOQL engine reads; `user` (time zone, locale) decides date literals. */
	queryContext(apiVersion: string, user?: QueryUser): QueryContext {
		return {
			getObject: (name) => this.schemas.get(name),
			records: (name, opts) => this.records(name, opts),
			getById: (id) => this.getById(id),
			now: () => this.now(),
			apiVersion,
			user,
		};
	}

	// ---- writes ----

	private nextId(def: ObjectDef): string {
		let seq = this.idSeq.get(def.keyPrefix) ?? 0;
		let id: string;
		do {
			seq++;
			id = newId(def.keyPrefix, seq);
		} while (this.byKey.has(to15(id)));
		this.idSeq.set(def.keyPrefix, seq);
		return id;
	}

	private nextAutoNumber(def: ObjectDef, field: string, format: string | null): string {
		const key = `${def.name}.${field}`;
		const n = (this.autoNumbers.get(key) ?? 0) + 1;
		const prev = this.autoNumbers.get(key);
		this.autoNumbers.set(key, n);
		this.recordUndo(() => (prev === undefined ? this.autoNumbers.delete(key) : this.autoNumbers.set(key, prev)));
		const m = format ? /^(.*)\{(0+)\}(.*)$/.exec(format) : null;
		if (m) return `${m[1]}${String(n).padStart(m[2].length, '0')}${m[3]}`;
		return String(n).padStart(8, '0');
	}

	/** Derived fields: Contact/Lead/User Name from its parts, compound address fields. */
	private derive(def: ObjectDef, rec: StoredRecord): void {
		const name = fieldByName(def, 'Name');
		if (name && !name.createable && fieldByName(def, 'LastName')) {
			const parts = [rec.FirstName, rec.LastName].filter((p) => typeof p === 'string' && p !== '');
			rec.Name = parts.length > 0 ? parts.join(' ') : null;
		}
		for (const f of def.fields) {
			if (f.type !== 'address') continue;
			const prefix = f.name.replace(/Address$/, '');
			const value: Record<string, unknown> = {};
			let any = false;
			for (const part of ADDRESS_PARTS) {
				const comp = fieldByName(def, prefix + part);
				if (!comp) continue;
				const v = rec[comp.name] ?? null;
				if (v !== null) any = true;
				value[part.charAt(0).toLowerCase() + part.slice(1)] = v;
			}
			rec[f.name] = any ? value : null;
		}
	}

	/** Moves Buffers of base64 fields to the blob map, leaving the URL in the record. */
	private storeBlobs(def: ObjectDef, rec: StoredRecord, values: Record<string, unknown>): void {
		for (const [name, v] of Object.entries(values)) {
			if (!Buffer.isBuffer(v)) continue;
			const key = `${to15(rec.Id)}.${name.toLowerCase()}`;
			const prev = this.blobs.get(key);
			this.blobs.set(key, v);
			this.recordUndo(() => (prev ? this.blobs.set(key, prev) : this.blobs.delete(key)));
			rec[name] = blobUrl(def.name, rec.Id, name);
		}
	}

	/** References, unique fields: the checks that need other records. */
	private checkCrossRecord(def: ObjectDef, rec: StoredRecord, changed: string[]): void {
		for (const name of changed) {
			const f = fieldByName(def, name);
			const v = rec[name];
			if (!f || v === null || v === undefined) continue;
			if (f.type === 'reference' && f.name !== 'Id') {
				const s = String(v);
				if (!isIdFormat(s)) {
					throw new SfError(400, 'MALFORMED_ID', `${f.label}: id value of incorrect type: ${s}`, [f.name]);
				}
				const targets = f.referenceTo.map((t) => this.schemas.get(t)).filter((t): t is ObjectDef => t !== undefined);
				// Polymorphic targets the org does not model (Group, Queue, ...) are not checked
				if (targets.length < f.referenceTo.length && !targets.some((t) => s.startsWith(t.keyPrefix))) {
					rec[name] = to18(s);
					continue;
				}
				if (!targets.some((t) => s.startsWith(t.keyPrefix))) {
					throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${s}`, [f.name]);
				}
				if (!this.get(s)) {
					throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]);
				}
				rec[name] = to18(s);
			}
			if (f.unique) {
				const norm = (x: unknown) => (typeof x === 'string' && !f.caseSensitive ? x.toLowerCase() : x);
				const target = norm(v);
				for (const other of this.records(def.name)) {
					if (other.Id !== rec.Id && norm(other[f.name]) === target) {
						throw new SfError(400, 'DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${other.Id}`, []);
					}
				}
			}
		}
	}

	/** Creates a record through full validation. Returns the stored record. */
	insert(objectName: string, fields: Record<string, unknown>, opts: WriteOptions): StoredRecord {
		const def = this.objectDef(objectName);
		if (!def.createable) {
			throw new SfError(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be inserted: ${def.label}`);
		}
		const { values } = validateWrite(def, fields, 'create');
		return this.transaction(() => {
			const id = this.nextId(def);
			const rec = this.newRecord(def, id, values, opts.userId);
			for (const f of def.fields) {
				if (f.autoNumber) rec[f.name] = this.nextAutoNumber(def, f.name, f.defaultValueFormula);
			}
			// a custom object's text Name left empty becomes the record's Id, as Salesforce does
			if (def.custom && (rec.Name === null || rec.Name === undefined || rec.Name === '')) {
				const name = def.fields.find((f) => f.name === 'Name');
				if (name && name.type === 'string' && !name.autoNumber) rec.Name = id;
			}
			const hooks = this.hooks.get(def.name.toLowerCase());
			hooks?.beforeInsert?.({ store: this, def, record: rec, userId: opts.userId });
			this.derive(def, rec);
			checkRequired(def, rec);
			this.checkCrossRecord(def, rec, Object.keys(values).filter((k) => !Buffer.isBuffer(values[k])));
			this.storeBlobs(def, rec, values);
			this.add({ objectName: def.name, record: rec, visibleAfter: opts.visibleAfter?.getTime() });
			hooks?.afterInsert?.({ store: this, def, record: rec, userId: opts.userId });
			return rec;
		});
	}

	/** A record with every field of the object (null when unset), system fields and defaults applied. */
	private newRecord(def: ObjectDef, id: string, values: Record<string, unknown>, userId: string): StoredRecord {
		const ts = formatDateTime(this.now());
		const rec: StoredRecord = { Id: id };
		for (const f of def.fields) {
			if (f.name === 'Id') continue;
			if (Object.prototype.hasOwnProperty.call(values, f.name)) rec[f.name] = values[f.name];
			else rec[f.name] = f.createable ? defaultFor(f) : f.type === 'boolean' ? false : null;
		}
		const system: Record<string, unknown> = {
			IsDeleted: false,
			CreatedDate: ts,
			CreatedById: userId,
			LastModifiedDate: ts,
			LastModifiedById: userId,
			SystemModstamp: ts,
		};
		for (const [k, v] of Object.entries(system)) rec[k] = v;
		if (fieldByName(def, 'OwnerId') && (rec.OwnerId === null || rec.OwnerId === undefined)) rec.OwnerId = userId;
		return rec;
	}

	/** Stores a record as-is with system fields filled in, bypassing validation (side effects, seed data). */
	insertSystem(objectName: string, values: Record<string, unknown>, userId: string): StoredRecord {
		const def = this.objectDef(objectName);
		return this.transaction(() => {
			const given = typeof values.Id === 'string' && isIdFormat(values.Id) ? to18(values.Id) : undefined;
			const rec = this.newRecord(def, given ?? this.nextId(def), {}, userId);
			for (const [k, v] of Object.entries(values)) {
				const f = fieldByName(def, k);
				rec[f ? f.name : k] = k === 'Id' ? rec.Id : v;
			}
			this.derive(def, rec);
			wholeSeconds(rec);
			this.storeBlobs(def, rec, rec);
			this.add({ objectName: def.name, record: rec });
			return rec;
		});
	}

	private add(e: Entry): void {
		const key = to15(e.record.Id);
		if (this.byKey.has(key)) throw new SfError(400, 'DUPLICATE_VALUE', `duplicate value found: Id duplicates value on record with id: ${e.record.Id}`, []);
		let list = this.byObject.get(e.objectName);
		if (!list) {
			list = [];
			this.byObject.set(e.objectName, list);
		}
		list.push(e);
		this.byKey.set(key, e);
		this.recordUndo(() => {
			this.byKey.delete(key);
			const l = this.byObject.get(e.objectName);
			const i = l ? l.lastIndexOf(e) : -1;
			if (l && i >= 0) l.splice(i, 1);
		});
	}

	/** The live entry for a write: 404 NOT_FOUND when unknown or of another object, ENTITY_IS_DELETED when deleted. */
	private writable(def: ObjectDef, id: string): Entry {
		const e = this.entry(id);
		if (!e || !this.visible(e) || e.objectName !== def.name) {
			throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
		}
		if (e.record.IsDeleted === true) throw new SfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
		// A late update or delete holds the row until it commits, as a running transaction does
		if (e.pending) {
			throw new SfError(400, 'UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${e.record.Id}`);
		}
		return e;
	}

	/** Applies a change now, or, for a late write, as a pending version readers see from `visibleAfter` on. */
	private change(e: Entry, opts: WriteOptions, apply: (rec: StoredRecord) => void): StoredRecord {
		if (opts.visibleAfter === undefined) {
			this.snapshot(e);
			apply(e.record);
			return e.record;
		}
		const rec: StoredRecord = { ...e.record };
		apply(rec);
		e.pending = { record: rec, visibleAfter: opts.visibleAfter.getTime() };
		this.recordUndo(() => (e.pending = undefined));
		return rec;
	}

	private snapshot(e: Entry): void {
		const before = { ...e.record };
		this.recordUndo(() => {
			for (const k of Object.keys(e.record)) delete e.record[k];
			Object.assign(e.record, before);
		});
	}

	update(objectName: string, id: string, fields: Record<string, unknown>, opts: WriteOptions): StoredRecord {
		const def = this.objectDef(objectName);
		const e = this.writable(def, id);
		if (!def.updateable) throw new SfError(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be updated: ${def.label}`);
		const { values } = validateWrite(def, fields, 'update');
		return this.transaction(() =>
			this.change(e, opts, (rec) => {
				for (const [k, v] of Object.entries(values)) rec[k] = v;
				const ts = formatDateTime(this.now());
				rec.LastModifiedDate = ts;
				rec.LastModifiedById = opts.userId;
				rec.SystemModstamp = ts;
				this.derive(def, rec);
				checkRequired(def, rec);
				this.checkCrossRecord(def, rec, Object.keys(values).filter((k) => !Buffer.isBuffer(values[k])));
				this.storeBlobs(def, rec, values);
			}),
		);
	}

	/**
	 * A change made by an automated process (workflow, roll-up summary, a recalculated formula's index...): the
	 * given fields (validated like an update) are set and SystemModstamp moves, while LastModifiedDate and
	 * LastModifiedById, which record user changes, stay as they are.
	 */
	systemUpdate(objectName: string, id: string, fields: Record<string, unknown> = {}, opts: { visibleAfter?: Date } = {}): StoredRecord {
		const def = this.objectDef(objectName);
		const e = this.writable(def, id);
		const { values } = validateWrite(def, fields, 'update');
		return this.transaction(() =>
			this.change(e, { userId: this.defaultUserId, visibleAfter: opts.visibleAfter }, (rec) => {
				for (const [k, v] of Object.entries(values)) rec[k] = v;
				rec.SystemModstamp = formatDateTime(this.now());
				this.derive(def, rec);
				checkRequired(def, rec);
				this.checkCrossRecord(def, rec, Object.keys(values).filter((k) => !Buffer.isBuffer(values[k])));
				this.storeBlobs(def, rec, values);
			}),
		);
	}

	/** Sets fields without validation or timestamp changes (system side effects). */
	patchSystem(id: string, values: Record<string, unknown>): void {
		const e = this.entry(id);
		if (!e) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
		this.transaction(() => {
			this.snapshot(e);
			Object.assign(e.record, values);
		});
	}

	delete(objectName: string, id: string, opts: WriteOptions): StoredRecord {
		const def = this.objectDef(objectName);
		const e = this.writable(def, id);
		if (!def.deletable) throw new SfError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
		const hooks = this.hooks.get(def.name.toLowerCase());
		return this.transaction(() => {
			hooks?.beforeDelete?.({ store: this, def, record: e.record, userId: opts.userId });
			const ts = formatDateTime(this.now());
			const rec = this.change(e, opts, (r) => {
				r.IsDeleted = true;
				r.LastModifiedDate = ts;
				r.LastModifiedById = opts.userId;
				r.SystemModstamp = ts;
			});
			const log: DeletionLogEntry = { objectName: def.name, id: rec.Id, deletedDate: ts };
			if (opts.visibleAfter) log.visibleAfter = opts.visibleAfter.getTime();
			this.deletions.push(log);
			this.recordUndo(() => {
				const i = this.deletions.lastIndexOf(log);
				if (i >= 0) this.deletions.splice(i, 1);
			});
			hooks?.afterDelete?.({ store: this, def, record: rec, userId: opts.userId });
			return rec;
		});
	}

	undelete(objectName: string, id: string, opts: WriteOptions): StoredRecord {
		const def = this.objectDef(objectName);
		const e = this.entry(id);
		if (!e || e.objectName !== def.name) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
		if (e.record.IsDeleted !== true) throw new SfError(400, 'UNDELETE_FAILED', 'Entity is not in the recycle bin');
		return this.transaction(() => {
			this.snapshot(e);
			const ts = formatDateTime(this.now());
			e.record.IsDeleted = false;
			e.record.LastModifiedById = opts.userId;
			e.record.SystemModstamp = ts;
			const before = this.deletions;
			this.deletions = this.deletions.filter((d) => to15(d.id) !== to15(e.record.Id));
			this.recordUndo(() => (this.deletions = before));
			return e.record;
		});
	}

	/** Moves the moment a late write becomes visible (`undefined`: visible now). */
	setVisibleAfter(id: string, at: Date | undefined): void {
		const e = this.byKey.get(isIdFormat(id) ? to15(id) : '');
		if (!e) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
		const ms = at?.getTime();
		if (e.pending) {
			e.pending.visibleAfter = ms ?? 0;
			for (const d of this.deletions) if (d.visibleAfter !== undefined && to15(d.id) === to15(e.record.Id)) d.visibleAfter = ms;
			this.settle(e, this.now().getTime());
		} else {
			e.visibleAfter = ms;
		}
	}

	// ---- bulk state: the org's store contract (org/index.ts calls these) ----

	/**
	 * Loads records as the seed writes them (`{object, record}`, ids and timestamps kept) or as `exportRecords()`
	 * writes them (with blobs and late writes). Timestamps are kept at whole seconds, as Salesforce stores them.
	 */
	load(records: unknown[]): void {
		this.transaction(() => {
			for (const raw of records) {
				const r = raw as ExportedRecord;
				if (!r || typeof r.object !== 'string' || !r.record) continue;
				const objectName = this.objectDef(r.object).name;
				const owner = typeof r.record.CreatedById === 'string' ? r.record.CreatedById : this.defaultUserId;
				const stored = this.insertSystem(objectName, r.record, owner);
				for (const k of [...SYSTEM_TIMESTAMPS, 'IsDeleted'] as const) {
					if (r.record[k] !== undefined) stored[k] = r.record[k];
				}
				wholeSeconds(stored);
				for (const [field, b64] of Object.entries(r.blobs ?? {})) {
					this.blobs.set(`${to15(stored.Id)}.${field.toLowerCase()}`, Buffer.from(b64, 'base64'));
				}
				const e = this.byKey.get(to15(stored.Id)) as Entry;
				if (r.visibleAfter !== undefined) e.visibleAfter = r.visibleAfter;
				this.bumpAutoNumbers(objectName, stored);
				if (stored.IsDeleted === true) this.deletions.push({ objectName, id: stored.Id, deletedDate: String(stored.SystemModstamp) });
				if (r.pending && typeof r.pending.visibleAfter === 'number') {
					const next = wholeSeconds({ ...r.pending.record, Id: stored.Id } as StoredRecord);
					e.pending = { record: next, visibleAfter: r.pending.visibleAfter };
					if (next.IsDeleted === true && stored.IsDeleted !== true) {
						this.deletions.push({ objectName, id: stored.Id, deletedDate: String(next.SystemModstamp), visibleAfter: r.pending.visibleAfter });
					}
				}
			}
		});
	}

	/** Loaded records keep their auto numbers; later inserts continue after the highest one. */
	private bumpAutoNumbers(objectName: string, rec: StoredRecord): void {
		const def = this.objectDef(objectName);
		for (const f of def.fields) {
			const m = f.autoNumber && typeof rec[f.name] === 'string' ? /(\d+)\D*$/.exec(rec[f.name] as string) : null;
			if (!m) continue;
			const key = `${def.name}.${f.name}`;
			this.autoNumbers.set(key, Math.max(this.autoNumbers.get(key) ?? 0, Number(m[1])));
		}
	}

	/** Every record (deleted ones and late writes included) in the form `load()` takes back. */
	exportRecords(): ExportedRecord[] {
		const out: ExportedRecord[] = [];
		for (const list of this.byObject.values()) {
			for (const e of list) {
				const item: ExportedRecord = { object: e.objectName, record: e.record };
				const prefix = `${to15(e.record.Id)}.`;
				const def = this.schemas.get(e.objectName);
				for (const f of def?.fields ?? []) {
					const blob = this.blobs.get(prefix + f.name.toLowerCase());
					if (blob) (item.blobs ??= {})[f.name] = blob.toString('base64');
				}
				if (e.visibleAfter !== undefined) item.visibleAfter = e.visibleAfter;
				if (e.pending) item.pending = { record: e.pending.record, visibleAfter: e.pending.visibleAfter };
				out.push(item);
			}
		}
		return out;
	}

	/** Creates or replaces a record maintained by the org itself (users, permission sets). */
	putSystemRecord(objectName: string, id: string, fields: Record<string, unknown>): void {
		const existing = this.entry(id);
		if (existing) {
			const def = this.objectDef(objectName);
			this.transaction(() => {
				this.snapshot(existing);
				for (const [k, v] of Object.entries(fields)) existing.record[fieldByName(def, k)?.name ?? k] = v;
			});
			return;
		}
		this.insertSystem(objectName, { ...fields, Id: id }, this.defaultUserId);
	}

	/** Drops records maintained by the org by id (no deletion log: the org rebuilds them). */
	removeSystemRecords(ids: Iterable<string>): void {
		for (const id of ids) {
			const e = this.byKey.get(to15(id));
			if (!e) continue;
			this.byKey.delete(to15(id));
			const list = this.byObject.get(e.objectName);
			if (list) this.byObject.set(e.objectName, list.filter((x) => x !== e));
		}
		this.dirty = true;
		this.commit();
	}

	/** Drops every record of one object (no deletion log: the org rebuilds them). */
	removeAll(objectName: string): void {
		const def = this.schemas.get(objectName);
		if (!def) return;
		for (const e of this.byObject.get(def.name) ?? []) this.byKey.delete(to15(e.record.Id));
		this.byObject.delete(def.name);
		this.dirty = true;
		this.commit();
	}

	reset(): void {
		this.byObject.clear();
		this.byKey.clear();
		this.deletions = [];
		this.blobs.clear();
		this.autoNumbers.clear();
		this.idSeq.clear();
		this.dirty = true;
		this.commit();
	}

	/** The persistence format: every record as `exportRecords()` writes it. */
	toJSON(): StoreSnapshot {
		return { version: 2, records: this.exportRecords() };
	}

	/** Replaces the whole store with a snapshot from `toJSON()`. */
	fromJSON(data: StoreSnapshot): void {
		this.reset();
		this.load(data.records ?? []);
	}
}

/** Truncates a record's system timestamps to whole seconds (`.000`), as Salesforce stores them. */
function wholeSeconds(rec: StoredRecord): StoredRecord {
	for (const k of SYSTEM_TIMESTAMPS) {
		const d = typeof rec[k] === 'string' ? parseDateTime(rec[k] as string) : undefined;
		if (d) rec[k] = formatDateTime(d);
	}
	return rec;
}
