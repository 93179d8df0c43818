import type { ILoadOptionsFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { staticObjectByResource } from '../../../shared/catalogue';
import { objectNameOrUndefined } from '../../../shared/objects/locator';

/** The object of the node being edited: a static resource's object, or the dynamic Object locator's value. */
export function currentObjectName(ctx: ILoadOptionsFunctions): string | undefined {
	const resource = ctx.getCurrentNodeParameter('resource') as string | undefined;
	const fixed = resource ? staticObjectByResource(resource) : undefined;
	if (fixed) return fixed.apiName;
	return objectNameOrUndefined(ctx.getCurrentNodeParameter('sobject') as INodeParameterResourceLocator | string | undefined);
}

export { withNodeErrors } from '../../../shared/errors';
