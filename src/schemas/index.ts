/**
 * Table schemas: the single source of truth for field semantics. Everything derived
 * from a dataset version — the PostgreSQL table, upload validation, REST filters,
 * GraphQL types, CSV headers and the published Frictionless document — reads it here.
 */
export type {
  CastResult,
  CastRule,
  CellValue,
  ChangeLevel,
  Disclosure,
  FieldConstraints,
  FieldDef,
  FieldRole,
  FieldType,
  LocalizedText,
  PeriodKind,
  SchemaChange,
  SchemaChangeItem,
  SchemaIssue,
  TableSchema,
} from './types';
export { FIELD_TYPES } from './types';
export { checkSchemaDocument } from './check-schema';
export { MAX_FIELDS } from './limits';
export { codePointLength, longerThan } from './text-length';
export { classifyChange } from './classify';
export { castMissing, castRecord, castValue, DEFAULT_MISSING_VALUES } from './cast';
export type { CastRecordResult, RecordError } from './cast';
export { pgColumnType } from './pg';
export { fieldByNameOrTitle, fieldRole, periodField, publicFields } from './access';
export { assertFieldName, FIELD_NAME_RE, GRAPHQL_NAME_RE, isFieldName } from './names';
export { tableSchemaDocument } from './document';
export {
  AGGREGATE_FUNCTIONS,
  FIELD_TYPE_RULES,
  FILTER_OPERATORS,
  READ_PARAMETERS,
  RESERVED_PARAMETER_NAMES,
  allowsAggregate,
  allowsOperator,
  isNumericType,
  isOrderedType,
  isTextualType,
} from './field-type-rules';
export type { AggregateFunction, FieldTypeRule, FilterOperator } from './field-type-rules';
export { fromPublishedDocument } from './published-input';
export { CODELIST_KEY, codeLabel, codeListOf } from './codelist-field';
export {
  isLabelColumn,
  labelColumnName,
  labelRow,
  withLabelColumns,
  type LabelColumn,
} from './label-columns';
