/**
 * Field paths (`Name`, `Account.Name`, `Owner.Name`, `Contact.Account.Name`): resolution against the schema
 * and value extraction from stored records, following reference fields through ctx.getById.
 */
import type { FieldDef, FieldType, ObjectDef, StoredRecord } from '../schema/types';
import type { QueryContext } from './types';

/** One reference hop: the reference field and the objects it can point to. */
export interface RelStep {
	refField: FieldDef;
	relName: string;
	targets: ObjectDef[];
}

export interface ResolvedField {
	rels: RelStep[];
	/** The final field as found on the first object that has it (polymorphic paths may differ per record). */
	field: FieldDef;
	/** Canonical dotted path, e.g. `Account.Name`. */
	display: string;
}

export type FieldCategory = 'string' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'multi' | 'other';

export function categoryOf(type: FieldType): FieldCategory {
	switch (type) {
		case 'id':
		case 'reference':
			return 'id';
		case 'string':
		case 'textarea':
		case 'phone':
		case 'url':
		case 'email':
		case 'picklist':
		case 'combobox':
		case 'encryptedstring':
		case 'anyType':
			return 'string';
		case 'int':
		case 'double':
		case 'long':
		case 'currency':
		case 'percent':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'date':
			return 'date';
		case 'datetime':
			return 'datetime';
		case 'time':
			return 'time';
		case 'multipicklist':
			return 'multi';
		default:
			return 'other';
	}
}

export function findField(obj: ObjectDef, name: string): FieldDef | undefined {
	const lower = name.toLowerCase();
	return obj.fields.find((f) => f.name.toLowerCase() === lower);
}

export type ResolveFailure =
	| { kind: 'relationship'; name: string }
	| { kind: 'column'; name: string; entity: string };

/** Resolve `parts` (already stripped of any alias) from `base`; a failure says what Salesforce would name. */
export function resolveParts(
	ctx: QueryContext,
	base: ObjectDef,
	parts: string[],
): { ok: ResolvedField } | { err: ResolveFailure } {
	let current: ObjectDef[] = [base];
	const rels: RelStep[] = [];
	for (const part of parts.slice(0, -1)) {
		const lower = part.toLowerCase();
		let ref: FieldDef | undefined;
		for (const obj of current) {
			ref = obj.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower);
			if (ref) break;
		}
		if (!ref || !ref.relationshipName) return { err: { kind: 'relationship', name: part } };
		const targets = ref.referenceTo.map((n) => ctx.getObject(n)).filter((o): o is ObjectDef => o !== undefined);
		if (targets.length === 0) return { err: { kind: 'relationship', name: part } };
		rels.push({ refField: ref, relName: ref.relationshipName, targets });
		current = targets;
	}
	const last = parts[parts.length - 1];
	for (const obj of current) {
		const field = findField(obj, last);
		if (field) return { ok: { rels, field, display: [...rels.map((r) => r.relName), field.name].join('.') } };
	}
	return { err: { kind: 'column', name: last, entity: current[0].name } };
}

export interface Located {
	objectName: string;
	record: StoredRecord;
}

/** Follow one reference field; undefined when it is empty or points nowhere. */
export function follow(ctx: QueryContext, rec: StoredRecord, step: RelStep): Located | undefined {
	const id = rec[step.refField.name];
	if (typeof id !== 'string' || id === '') return undefined;
	return ctx.getById(id);
}

/** The value a field path has on a record (null when any hop is empty or the field is unset). */
export function valueOf(ctx: QueryContext, objectName: string, rec: StoredRecord, rf: ResolvedField): unknown {
	let cur: Located = { objectName, record: rec };
	for (const step of rf.rels) {
		const next = follow(ctx, cur.record, step);
		if (!next) return null;
		cur = next;
	}
	return fieldValue(ctx, cur, rf.field.name);
}

/** Read a field by name from a located record, using that object's canonical casing. */
export function fieldValue(ctx: QueryContext, loc: Located, name: string): unknown {
	const obj = ctx.getObject(loc.objectName);
	const canonical = obj ? findField(obj, name)?.name : name;
	if (canonical === undefined) return null;
	const v = loc.record[canonical];
	return v === undefined ? null : v;
}

export function canonicalFieldName(ctx: QueryContext, objectName: string, name: string): string {
	const obj = ctx.getObject(objectName);
	return (obj && findField(obj, name)?.name) ?? name;
}

/** 15-char case-sensitive form of an id, so 15- and 18-char ids compare equal. */
export function id15(v: string): string {
	return v.length === 18 ? v.slice(0, 15) : v;
}
