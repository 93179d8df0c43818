import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeParameterResourceLocator } from 'n8n-workflow';

/** The object API name of the Object locator for an item, validated. */
export function objectNameOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const locator = ctx.getNodeParameter('sobject', itemIndex) as INodeParameterResourceLocator | string;
	const value = String(typeof locator === 'string' ? locator : (locator?.value ?? '')).trim();
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) {
		throw new NodeOperationError(ctx.getNode(), value ? `"${value}" is not an object API name` : 'No object selected', {
			itemIndex,
			description: 'Pick the object from the list or enter its API name, e.g. Account or Invoice__c.',
		});
	}
	return value;
}

/** Values of the resource mapper ("Fields") for an item; keys are field API names. */
export function mappedValues(ctx: IExecuteFunctions, itemIndex: number): { values: IDataObject; matchingColumns: string[] } {
	const values = (ctx.getNodeParameter('columns.value', itemIndex, {}) as IDataObject | null) ?? {};
	const matchingColumns = (ctx.getNodeParameter('columns.matchingColumns', itemIndex, []) as string[]) ?? [];
	return { values, matchingColumns };
}
