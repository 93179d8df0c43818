/**
 * Field paths through parent relationships (`Account.Name`, `Owner.Manager.Email`): the one walk over describes that
 * Get by ID's relationship fields, Get Records' fields, conditions and sorting, and the editor's lists share.
 */
import type { FieldDescribe, ObjectDescribe } from '../client/types';
import { fieldPathProblem } from '../query/escape';
import { fieldByName, nameList } from './fields';
import { InputError } from './inputError';

/** Describes an object (the client's cached describe). */
export type DescribeObject = (name: string) => Promise<ObjectDescribe>;

/** The lookup field whose relationship name is `name` (Account for AccountId; Account__r for Account__c), any case. */
export function relationshipByName(describe: ObjectDescribe, name: string): FieldDescribe | undefined {
	const key = name.toLowerCase();
	return describe.fields.find((f) => isLookup(f) && f.relationshipName?.toLowerCase() === key);
}

/** A lookup that can be followed in SOQL: a reference with a relationship name and a target object. */
export function isLookup(f: FieldDescribe): f is FieldDescribe & { relationshipName: string; referenceTo: string[] } {
	return f.type === 'reference' && !!f.relationshipName && !!f.referenceTo?.length;
}

/**
 * The object a lookup leads to. A polymorphic lookup (Owner: Group or User) is read as its first target, as the
 * editor lists it.
 */
export function lookupTarget(f: FieldDescribe & { referenceTo: string[] }): string {
	return f.referenceTo[0];
}

export interface ResolvedPath {
	/** The describe of the field at the end of the path */
	field: FieldDescribe;
	/** The path as Salesforce spells it (`Account__r.Owner.Email`) */
	path: string;
}

/**
 * Follows `raw` (a field name, or relationship names joined by dots ending in a field) through the describes.
 * Throws InputError when the path is malformed or names a relationship or field that does not exist.
 */
export async function followFieldPath(describe: ObjectDescribe, raw: string, describeObject: DescribeObject): Promise<ResolvedPath> {
	const problem = fieldPathProblem(raw);
	if (problem) {
		throw new InputError(`"${raw}" is not a field name: ${problem}`, 'Use field API names, and dot paths for related records, e.g. Account.Name or Owner.Email.', raw);
	}
	const parts = raw.split('.');
	let current = describe;
	const spelled: string[] = [];
	for (const part of parts.slice(0, -1)) {
		const rel = relationshipByName(current, part);
		if (!rel || !isLookup(rel)) {
			const rels = current.fields.filter(isLookup).map((f) => f.relationshipName);
			throw new InputError(
				`${current.name} has no relationship "${part}" (in "${raw}")`,
				rels.length ? `Relationships of ${current.name}: ${nameList(rels)}. Use the relationship name (Account), not the field (AccountId).` : `${current.name} has no lookup fields.`,
				raw,
			);
		}
		spelled.push(rel.relationshipName);
		current = await describeObject(lookupTarget(rel));
	}
	const last = parts[parts.length - 1];
	const field = fieldByName(current, last);
	if (!field) {
		throw new InputError(
			`${current.name} has no field "${last}"${parts.length > 1 ? ` (in "${raw}")` : ''}`,
			`Fields on ${current.name}: ${nameList(current.fields.map((f) => f.name))}.`,
			raw,
		);
	}
	spelled.push(field.name);
	return { field, path: spelled.join('.') };
}

/**
 * A synchronous lookup of the dot paths among `paths`, resolved ahead of time (SOQL is composed synchronously).
 * A path that does not resolve (malformed, unknown relationship or field, a parent the user cannot describe) is left
 * unknown, for the query model to report with its condition row or sort rule.
 */
export async function parentFieldLookup(
	describe: ObjectDescribe,
	paths: Iterable<string>,
	describeObject: DescribeObject,
): Promise<(path: string) => FieldDescribe | undefined> {
	const known = new Map<string, FieldDescribe>();
	const dotted = [...new Set([...paths].map((p) => p.trim()).filter((p) => p.includes('.') && !fieldPathProblem(p)))];
	await Promise.all(
		dotted.map(async (path) => {
			try {
				known.set(path.toLowerCase(), (await followFieldPath(describe, path, describeObject)).field);
			} catch {
				// unknown on purpose: the query model names the row or rule that uses it
			}
		}),
	);
	return (path) => known.get(path.trim().toLowerCase());
}
