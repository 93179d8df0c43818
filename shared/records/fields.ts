/**
 * One source for the rules about an object's fields that several places apply: which fields an operation may write,
 * which are required on create, which can match an upsert, how to look a field up by name, how forms order them.
 */
import type { FieldDescribe, ObjectDescribe } from '../client/types';

export type WriteOperation = 'create' | 'update' | 'upsert';

/** Whether the operation may send the field (Update also carries the Id it matches on). */
export function isWritable(field: Pick<FieldDescribe, 'name' | 'createable' | 'updateable'>, operation: WriteOperation): boolean {
	if (operation === 'create') return field.createable;
	if (operation === 'update') return field.updateable || field.name === 'Id';
	return field.createable || field.updateable;
}

/** Salesforce requires a value on create: createable, not nillable, no default (booleans always have one). */
export function isRequiredOnCreate(f: Pick<FieldDescribe, 'createable' | 'nillable' | 'defaultedOnCreate' | 'type'>): boolean {
	return f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean';
}

/** Fields an upsert can match records on. */
export function isExternalIdField(f: Pick<FieldDescribe, 'name' | 'externalId' | 'idLookup' | 'createable' | 'updateable'>): boolean {
	return !!(f.externalId || f.idLookup) && f.name !== 'Id' && (f.createable || f.updateable);
}

/** Field API names are case-insensitive in Salesforce. */
export function fieldByName(describe: ObjectDescribe, name: string): FieldDescribe | undefined {
	const key = name.toLowerCase();
	return describe.fields.find((f) => f.name.toLowerCase() === key);
}

/** "Label (ApiName)", or the API name alone when the label says the same. */
export function fieldDisplayName(f: Pick<FieldDescribe, 'name' | 'label'>): string {
	return f.label && f.label !== f.name ? `${f.label} (${f.name})` : f.name;
}

/** Required fields first (on create), then by label, as a form shows them. */
export function requiredFirst<T extends Pick<FieldDescribe, 'label'>>(fields: T[], isRequired: (f: T) => boolean): T[] {
	return [...fields].sort((a, b) => Number(isRequired(b)) - Number(isRequired(a)) || a.label.localeCompare(b.label));
}

/** A long list of names for a message, cut after 30. */
export function nameList(names: string[]): string {
	return names.length > 30 ? `${names.slice(0, 30).join(', ')}, … (${names.length} in all)` : names.join(', ');
}
