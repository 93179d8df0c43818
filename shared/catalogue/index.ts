/** The object catalogue shared by the action and trigger nodes: spec object list, static objects, field types. */
export {
	ALL_SOQL_OPERATORS,
	operatorsForType,
	resourceMapperType,
	supportsLike,
	type OperatorOptions,
	type ResourceMapperTypeOptions,
	type ResourceMapperValueType,
	type SoqlOperator,
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
