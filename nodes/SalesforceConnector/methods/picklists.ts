/**
 * The org's picklist values for the static actions' picklist fields: active values and their labels from describe
 * (cached per editor load). When the org cannot be read (no connection yet, no access to the field), the catalogue's
 * standard values are offered instead, so the field stays usable (D19).
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { STATIC_OBJECTS, type CatalogueField } from '../../../shared/catalogue';
import { SalesforceClient } from '../../../shared/client/client';
import { fieldByName } from '../../../shared/records/fields';
import { picklistMethod } from '../actions/staticObject/description';

const standard = (field: CatalogueField): INodePropertyOptions[] => (field.picklistValues ?? []).map((p) => ({ name: p.label, value: p.value }));

function orgPicklist(object: string, field: CatalogueField) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		let values: INodePropertyOptions[] | undefined;
		try {
			const describe = await (await SalesforceClient.create(this)).describe(object);
			values = fieldByName(describe, field.name)
				?.picklistValues?.filter((p) => p.active !== false)
				.map((p) => ({ name: p.label ?? p.value, value: p.value }));
		} catch {
			values = undefined;
		}
		return values?.length ? values : standard(field);
	};
}

export const picklistMethods = Object.fromEntries(
	STATIC_OBJECTS.flatMap((def) =>
		def.fields.filter((f) => f.type === 'picklist' || f.type === 'multipicklist').map((f) => [picklistMethod(def.apiName, f.name), orgPicklist(def.apiName, f)]),
	),
);
