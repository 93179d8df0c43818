import type { IExecuteFunctions } from 'n8n-workflow';

import type { RecordJob } from '../../../../shared/records/batch';
import { prepareJob, type DescribeLike } from '../../../../shared/records/prepare';
import { mappedValues } from './common';

/** Upsert Record: matched on the chosen external ID field; the result says whether it was created. */
export function prepare(this: IExecuteFunctions, itemIndex: number, describe: DescribeLike): RecordJob {
	const { values, matchingColumns } = mappedValues(this, itemIndex, describe, 'upsert');
	return prepareJob({ operation: 'upsert', describe, itemIndex, values, externalIdField: matchingColumns[0] ?? '' });
}
