import type { IExecuteFunctions } from 'n8n-workflow';

import type { RecordJob } from '../../../../shared/records/batch';
import { prepareJob, type DescribeLike } from '../../../../shared/records/prepare';

/** Delete Record by ID (the ID must belong to the chosen object). */
export function prepare(this: IExecuteFunctions, itemIndex: number, describe: DescribeLike): RecordJob {
	return prepareJob({ operation: 'delete', describe, itemIndex, recordId: this.getNodeParameter('recordId', itemIndex) });
}
