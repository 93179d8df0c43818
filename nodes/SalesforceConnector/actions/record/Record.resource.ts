import type { INodeProperties } from 'n8n-workflow';

import { objectLocator } from '../../../../shared/objects/locator';

/** The dynamic resource's own parameter: the object its operations work on (SOQL Query names it in its text). */
export const resourceProperties: INodeProperties[] = [objectLocator({ displayOptions: { show: { resource: ['record'] }, hide: { operation: ['soql'] } } })];
