/** Reading a static action's labelled parameters into field values (keys are field API names). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StaticObjectDef } from '../../../../shared/catalogue';
import { recordIdParamName, requiredParamName } from './description';

/** Resource-locator values (`{__rl, mode, value}`) inside collections become plain ids. */
function plain(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) return (value as IDataObject).value;
	return value;
}

/** A collection of labelled fields (Additional Fields, Update Fields, ...) plus the Custom Fields rows. */
export function staticValues(ctx: IExecuteFunctions, collection: string, itemIndex: number): IDataObject {
	const raw = (ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject) ?? {};
	const rows = (ctx.getNodeParameter('customFieldsUi.customFields', itemIndex, []) as Array<{ fieldId: string; value: unknown }>) ?? [];
	return {
		...(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)])) as IDataObject),
		...(Object.fromEntries(rows.filter((r) => r.fieldId).map((r) => [r.fieldId, r.value])) as IDataObject),
	};
}

/** The fields required on create, each its own parameter. */
export function requiredValues(ctx: IExecuteFunctions, def: StaticObjectDef, itemIndex: number): IDataObject {
	const out: IDataObject = {};
	for (const f of def.fields.filter((x) => x.requiredOnCreate && x.createable)) {
		out[f.name] = plain(ctx.getNodeParameter(requiredParamName(def, f.name), itemIndex, '')) as IDataObject[string];
	}
	return out;
}

export function staticRecordId(ctx: IExecuteFunctions, def: StaticObjectDef, itemIndex: number): unknown {
	return ctx.getNodeParameter(recordIdParamName(def), itemIndex, '', { extractValue: true });
}
