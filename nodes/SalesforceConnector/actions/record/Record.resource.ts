import type { INodeProperties } from 'n8n-workflow';

import { objectLocator } from '../../../../shared/objects/locator';

/** The dynamic resource's own parameter: the object its operations work on. */
export const resourceProperties: INodeProperties[] = [objectLocator({ displayOptions: { show: { resource: ['record'] } } })];
