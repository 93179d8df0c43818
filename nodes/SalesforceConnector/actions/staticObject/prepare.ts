import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import type { RecordJob, RecordOperation } from '../../../../shared/records/batch';
import { prepareJob, type DescribeLike } from '../../../../shared/records/prepare';
import type { PrepareFn } from '../recordBatch';
import { recordIdParamName, requiredParamName } from './description';

/** Resource-locator values (`{__rl, mode, value}`) inside collections become plain ids. */
function plain(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return (value as IDataObject).value;
	return value;
}

function collectionValues(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const raw = (ctx.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
	return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)])) as IDataObject;
}

function customFieldValues(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const rows = (ctx.getNodeParameter('customFieldsUi.customFields', itemIndex, []) as Array<{ fieldId: string; value: unknown }>) ?? [];
	return Object.fromEntries(rows.filter((r) => r.fieldId).map((r) => [r.fieldId, r.value])) as IDataObject;
}

function recordId(ctx: IExecuteFunctions, def: StaticObjectDef, itemIndex: number): unknown {
	return ctx.getNodeParameter(recordIdParamName(def), itemIndex, '', { extractValue: true });
}

/** The prepare step of one static action: its labelled parameters -> a record job for the batch. */
export function staticPrepare(def: StaticObjectDef, operation: RecordOperation): PrepareFn {
	return function (this: IExecuteFunctions, itemIndex: number, describe: DescribeLike): RecordJob {
		switch (operation) {
			case 'create': {
				const values: IDataObject = {};
				for (const f of def.fields.filter((x) => x.requiredOnCreate && x.createable)) {
					values[f.name] = plain(this.getNodeParameter(requiredParamName(def, f.name), itemIndex, '')) as IDataObject[string];
				}
				Object.assign(values, collectionValues(this, 'additionalFields', itemIndex), customFieldValues(this, itemIndex));
				return prepareJob({ operation, describe, itemIndex, values });
			}
			case 'update':
				return prepareJob({
					operation,
					describe,
					itemIndex,
					recordId: recordId(this, def, itemIndex),
					values: { ...collectionValues(this, 'updateFields', itemIndex), ...customFieldValues(this, itemIndex) },
				});
			case 'upsert':
				return prepareJob({
					operation,
					describe,
					itemIndex,
					externalIdField: this.getNodeParameter('externalIdField', itemIndex) as string,
					externalIdValue: this.getNodeParameter('externalIdValue', itemIndex),
					values: { ...collectionValues(this, 'upsertFields', itemIndex), ...customFieldValues(this, itemIndex) },
				});
			case 'get':
				return prepareJob({
					operation,
					describe,
					itemIndex,
					recordId: recordId(this, def, itemIndex),
					fields: (this.getNodeParameter('fieldsToReturn', itemIndex, []) as string[]) ?? [],
				});
			case 'delete':
				return prepareJob({ operation, describe, itemIndex, recordId: recordId(this, def, itemIndex) });
		}
	};
}
