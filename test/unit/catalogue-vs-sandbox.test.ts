/**
 * The catalogue (what the static actions offer) against the sandbox org's describes (what the org has): two
 * independent writings of Salesforce's documentation that must agree on names, types and writability.
 */
import { STATIC_OBJECTS } from '../../shared/catalogue';
import { SchemaRegistry } from '../sandbox/schema';

const registry = SchemaRegistry.load();

describe.each(STATIC_OBJECTS.map((o) => [o.apiName, o] as const))('%s', (apiName, def) => {
	const described = registry.get(apiName);

	it('exists with the same key prefix', () => {
		expect(described?.keyPrefix).toBe(def.keyPrefix);
	});

	it.each(def.fields.map((f) => [f.name, f] as const))('%s: same type and writability', (name, field) => {
		const d = described?.fields.find((x) => x.name === name);
		expect(d).toBeDefined();
		expect({ type: d!.type, createable: d!.createable, updateable: d!.updateable }).toEqual({
			type: field.type,
			createable: field.createable,
			updateable: field.updateable,
		});
		if (field.type === 'reference') expect(d!.referenceTo).toEqual(expect.arrayContaining(field.referenceTo ?? []));
		// the standard values the static action offers are values the org accepts
		if (field.picklistValues?.length) {
			expect(d!.picklistValues.map((p) => p.value)).toEqual(expect.arrayContaining(field.picklistValues.map((p) => p.value)));
		}
	});
});
