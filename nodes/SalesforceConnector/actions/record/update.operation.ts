import type { IExecuteFunctions } from 'n8n-workflow';

import type { RecordJob } from '../../../../shared/records/batch';
import { prepareJob, type DescribeLike } from '../../../../shared/records/prepare';
import { mappedValues } from './common';

/** Update Record: matched on Id (the resource mapper's matching column), the other mapped fields are changed. */
export function prepare(this: IExecuteFunctions, itemIndex: number, describe: DescribeLike): RecordJob {
	const { values } = mappedValues(this, itemIndex, describe, 'update');
	return prepareJob({ operation: 'update', describe, itemIndex, values, recordId: values.Id ?? values.id });
}
