import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeParameterResourceLocator } from 'n8n-workflow';

import { isApiName } from '../../../../shared/query/escape';
import type { DescribeLike } from '../../../../shared/records/prepare';

/** The object API name of the Object locator for an item, validated. */
export function objectNameOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const locator = ctx.getNodeParameter('sobject', itemIndex) as INodeParameterResourceLocator | string;
	const value = String(typeof locator === 'string' ? locator : (locator?.value ?? '')).trim();
	if (!isApiName(value)) {
		throw new NodeOperationError(ctx.getNode(), value ? `"${value}" is not an object API name` : 'No object selected', {
			itemIndex,
			description: 'Pick the object from the list or enter its API name, e.g. Account or Invoice__c.',
		});
	}
	return value;
}

/**
 * Values of the resource mapper ("Fields") for an item; keys are field API names. With "Map Automatically" the
 * input item's own fields are used: those named like a field the operation can write (any case) are taken, plus
 * the Id for Update; the others (e.g. `attributes`, system fields of a record read earlier, data from other nodes)
 * stay out, so the output of a Get can be fed straight into an Update.
 */
export function mappedValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	describe?: DescribeLike,
	operation: 'create' | 'update' | 'upsert' = 'create',
): { values: IDataObject; matchingColumns: string[] } {
	const matchingColumns = (ctx.getNodeParameter('columns.matchingColumns', itemIndex, []) as string[]) ?? [];
	const mode = ctx.getNodeParameter('columns.mappingMode', itemIndex, 'defineBelow') as string;
	if (mode === 'autoMapInputData') {
		const writable = (describe?.fields ?? []).filter((f) =>
			operation === 'create' ? f.createable : operation === 'update' ? f.updateable || f.name === 'Id' : f.createable || f.updateable,
		);
		const known = new Set(writable.map((f) => f.name.toLowerCase()));
		const json = ctx.getInputData()[itemIndex]?.json ?? {};
		const values = Object.fromEntries(Object.entries(json).filter(([k]) => known.has(k.toLowerCase()))) as IDataObject;
		return { values, matchingColumns };
	}
	const values = (ctx.getNodeParameter('columns.value', itemIndex, {}) as IDataObject | null) ?? {};
	return { values, matchingColumns };
}
