import type { IExecuteFunctions } from 'n8n-workflow';

import type { RecordJob } from '../../../../shared/records/batch';
import { prepareJob, type DescribeLike } from '../../../../shared/records/prepare';

/** Get Record By Id: chosen fields (default all) plus optional relationship fields such as Account.Name. */
export function prepare(this: IExecuteFunctions, itemIndex: number, describe: DescribeLike): RecordJob {
	const fields = (this.getNodeParameter('fields', itemIndex, []) as string[]) ?? [];
	const relationship = String(this.getNodeParameter('options.relationshipFields', itemIndex, '') ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	const all = relationship.length && !fields.length ? ['Id', ...relationship] : [...fields, ...relationship];
	const job = prepareJob({ operation: 'get', describe, itemIndex, recordId: this.getNodeParameter('recordId', itemIndex), fields: all });
	if (relationship.length && !fields.length) job.allFields = true;
	return job;
}
