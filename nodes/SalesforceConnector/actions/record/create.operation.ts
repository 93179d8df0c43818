import type { IExecuteFunctions } from 'n8n-workflow';

import type { RecordJob } from '../../../../shared/records/batch';
import { prepareJob, type DescribeLike } from '../../../../shared/records/prepare';
import { mappedValues } from './common';

/** Create Record: the mapped fields become one record of the batch. */
export function prepare(this: IExecuteFunctions, itemIndex: number, describe: DescribeLike): RecordJob {
	return prepareJob({ operation: 'create', describe, itemIndex, values: mappedValues(this, itemIndex, describe).values });
}
