import type { ILoadOptionsFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { staticObjectByResource } from '../../../shared/catalogue';
import { toNodeError } from '../../../shared/errors';
import { objectNameOrUndefined } from '../../../shared/objects/locator';

/** The object of the node being edited: a static resource's object, or the dynamic Object locator's value. */
export function currentObjectName(ctx: ILoadOptionsFunctions): string | undefined {
	const resource = ctx.getCurrentNodeParameter('resource') as string | undefined;
	const fixed = resource ? staticObjectByResource(resource) : undefined;
	if (fixed) return fixed.apiName;
	return objectNameOrUndefined(ctx.getCurrentNodeParameter('sobject') as INodeParameterResourceLocator | string | undefined);
}

/** Editor methods show n8n errors with our message and fix, never a raw SalesforceError. */
export function withNodeErrors<A extends unknown[], R>(fn: (this: ILoadOptionsFunctions, ...args: A) => Promise<R>) {
	return async function (this: ILoadOptionsFunctions, ...args: A): Promise<R> {
		try {
			return await fn.apply(this, args);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	};
}
