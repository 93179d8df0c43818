/**
 * The catalogue (what the static actions offer) against the sandbox org's describes (what the org has): two
 * independent writings of Salesforce's documentation that must agree on names, types and writability.
 */
import { STATIC_OBJECTS } from '../../shared/catalogue';
import { NON_STANDARD_SPEC_OBJECTS, SPEC_OBJECTS } from '../../shared/catalogue/specObjects';
import { NON_STANDARD_SPEC_OBJECTS as SANDBOX_NON_STANDARD, SchemaRegistry } from '../sandbox/schema';

const registry = SchemaRegistry.load();

describe('the spec object list', () => {
	it('has every object in the sandbox org under its exact name', () => {
		expect(SPEC_OBJECTS.filter((name) => registry.get(name)?.name !== name)).toEqual([]);
	});

	it('agrees on which of them are not Salesforce objects (the sandbox invents their schemas)', () => {
		expect([...SANDBOX_NON_STANDARD].sort()).toEqual([...NON_STANDARD_SPEC_OBJECTS].sort());
	});
});

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
