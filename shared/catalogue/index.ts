/** The object catalogue both nodes share: spec object list, static objects, field types (operators: shared/query). */
export {
	resourceMapperType,
	type ResourceMapperTypeOptions,
	type ResourceMapperValueType,
} from './fieldTypes';
export {
	NON_STANDARD_SPEC_OBJECTS,
	SPEC_OBJECTS,
	isNonStandardSpecObject,
	isSpecObject,
	specObjectRank,
} from './specObjects';
export {
	STATIC_OBJECTS,
	fieldsRequiredFirst,
	staticObjectByApiName,
	staticObjectByResource,
} from './staticObjects';
export type { CatalogueField, PicklistOption, SalesforceFieldType, StaticObjectDef } from './types';
