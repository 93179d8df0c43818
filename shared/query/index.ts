/**
 * The query model shared by Get Records and the polling trigger: operators per field type (as data), condition rows
 * to a WHERE clause, filter logic, sorting, SELECT composition within Salesforce's limits, and a check of raw SOQL.
 * Pure functions, no HTTP. Bad input throws QueryInputError (message, hint, row/field/position).
 */
export { QueryInputError, caretExcerpt, type QueryInputErrorDetails } from './errors';
export {
	API_NAME_PATTERN,
	MAX_NAME_LENGTH,
	MAX_RELATIONSHIP_DEPTH,
	SOQL_RESERVED_WORDS,
	escapeSoqlString,
	fieldPathProblem,
	isApiName,
	isSoqlIdentifier,
	objectNameProblem,
	soqlContains,
	soqlLikeContent,
	soqlString,
} from './escape';
export {
	ALL_OPERATORS,
	DATE_LITERALS,
	OPERATORS_BY_CATEGORY,
	filterCategory,
	findDateLiteral,
	findOperator,
	operatorIdsWith,
	operatorShape,
	operatorsForField,
	type DateLiteralDef,
	type FilterCategory,
	type OperatorDef,
	type OperatorId,
	type QueryField,
	type ValueShape,
} from './operators';
export { MAX_STRING_LITERAL } from './values';
export {
	buildWhere,
	conditionToSoql,
	fieldResolver,
	type BuiltWhere,
	type ConditionRow,
	type FieldResolver,
	type FilterLogicType,
	type ListCondition,
	type WhereSpec,
} from './conditions';
export { parseFilterLogic, renderLogic, type LogicNode } from './logic';
export {
	MAX_BATCH_SIZE,
	MAX_OFFSET,
	MAX_URI_BYTES,
	MIN_BATCH_SIZE,
	checkQueryLength,
	checkedBatchSize,
	checkedLimit,
	checkedOffset,
	chunkToFit,
	composeQuery,
	defaultFields,
	queryUrlLength,
	type ComposedQuery,
	type FieldSelection,
	type QuerySpec,
	type SortSpec,
	type UrlOptions,
} from './select';
export { checkRawSoql, type RawSoqlCheck } from './raw';
export { bulkQueryProblem, compoundFieldProblem, selectList, type BulkQueryProblem, type SelectList } from './bulkRead';
