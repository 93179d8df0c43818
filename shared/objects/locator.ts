/**
 * The Object parameter both nodes show (a searchable list of the org's objects, an API name, or an expression) and
 * the one reading of its value.
 */
import type { ILoadOptionsFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { staticObjectByResource } from '../catalogue';
import { quoted } from '../query/errors';
import { API_NAME_PATTERN, objectNameProblem } from '../query/escape';
import { InputError } from '../records/inputError';

export function objectLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Object',
		name: 'sobject',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'Any standard or custom object of the org. The spec objects come first in the list.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchObjects', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Account or Invoice__c',
				validation: [{ type: 'regex', properties: { regex: API_NAME_PATTERN, errorMessage: 'Not an object API name (letters, digits and _)' } }],
			},
		],
		...overrides,
	};
}

/** The object API name in a locator value (or a plain string), validated; an InputError says how to fix it. */
export function objectNameFrom(value: INodeParameterResourceLocator | string | undefined | null): string {
	const name = String(typeof value === 'string' ? value : (value?.value ?? '')).trim();
	const hint = 'Pick the object from the list or enter its API name, e.g. Account or Invoice__c.';
	if (!name) throw new InputError('No object selected', hint);
	const problem = objectNameProblem(name);
	if (problem) throw new InputError(`${quoted(name)} is not an object API name: ${problem}`, hint);
	return name;
}

/** Like objectNameFrom, but undefined instead of an error (editor methods before an object is picked). */
export function objectNameOrUndefined(value: INodeParameterResourceLocator | string | undefined | null): string | undefined {
	try {
		return objectNameFrom(value);
	} catch {
		return undefined;
	}
}

/** The object of the node being edited: a static resource's object, or the Object locator's value. */
export function currentObjectName(ctx: ILoadOptionsFunctions): string | undefined {
	const resource = ctx.getCurrentNodeParameter('resource') as string | undefined;
	const fixed = resource ? staticObjectByResource(resource) : undefined;
	if (fixed) return fixed.apiName;
	return objectNameOrUndefined(ctx.getCurrentNodeParameter('sobject') as INodeParameterResourceLocator | string | undefined);
}
