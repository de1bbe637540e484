import { captureLocation, type SourceLocation } from './source-location.ts';
import { defined } from './input/definition-input.ts';
import { inputShape, objectOf, optional, param, plain, positional, required } from './input/shape.ts';

export type LogFieldType = 'string' | 'number' | 'boolean' | 'timestamp';

/** One field of a structured log: its type, and for strings optionally the values it takes. */
export interface LogFieldSpec {
  readonly type: LogFieldType;
  readonly values?: readonly string[];
  readonly description?: string;
}

/** A field as written: a type name, a full spec, or a nested group of fields (JSON object). */
export type LogFieldDefinition = LogFieldType | LogFieldSpec | LogFieldGroup;
export interface LogFieldGroup {
  readonly [name: string]: LogFieldDefinition;
}

/** Dot-paths of a nested definition: `{ request: { method: 'string' } }` → `'request.method'`. */
export type LogFieldPaths<T> = {
  [K in keyof T & string]: T[K] extends LogFieldType
    ? K
    : T[K] extends LogFieldSpec
      ? Exclude<keyof T[K], keyof LogFieldSpec> extends never
        ? K
        : `${K}.${LogFieldPaths<T[K]>}`
      : `${K}.${LogFieldPaths<T[K]>}`;
}[keyof T & string];

export interface LogSchema<P extends string = string> {
  readonly name: string;
  /** Every leaf field by its dot-path, as Logs Insights names discovered JSON fields. */
  readonly fields: ReadonlyMap<P, LogFieldSpec>;
  readonly at: SourceLocation;
}

/** A string field with a closed set of values. */
export function oneOfValues<const V extends readonly string[]>(...values: V): LogFieldSpec {
  return defined({ type: 'string', values }, positional('oneOfValues'), values, captureLocation());
}

/**
 * A structured-log schema. Nested objects become dot-paths (`request.duration`), which is how
 * Logs Insights discovers fields in JSON log events.
 */
export function logSchema<const T extends LogFieldGroup>(name: string, fields: T): LogSchema<LogFieldPaths<T>> {
  const flat = new Map<string, LogFieldSpec>();
  flatten(fields, '', flat);
  const at = captureLocation();
  const made = { name, fields: flat as ReadonlyMap<LogFieldPaths<T>, LogFieldSpec>, at };
  return defined(made, positional('logSchema', 'name', 'fields'), [name, fields], at);
}

/** A schema that extends another with more fields (an error entry adds error.* to the base entry). */
export function extendSchema<P extends string, const T extends LogFieldGroup>(
  base: LogSchema<P>,
  name: string,
  fields: T,
): LogSchema<P | LogFieldPaths<T>> {
  const flat = new Map<string, LogFieldSpec>(base.fields);
  flatten(fields, '', flat);
  const at = captureLocation();
  const made = { name, fields: flat as ReadonlyMap<P | LogFieldPaths<T>, LogFieldSpec>, at };
  return defined(made, positional('extendSchema', 'base', 'name', 'fields'), [base, name, fields], at);
}

function flatten(group: LogFieldGroup, prefix: string, into: Map<string, LogFieldSpec>): void {
  for (const [key, definition] of Object.entries(group)) {
    const path = `${prefix}${key}`;
    if (typeof definition === 'string') into.set(path, { type: definition });
    else if (isFieldSpec(definition)) into.set(path, definition);
    else flatten(definition, `${path}.`, into);
  }
}

/** A spec has only spec keys; `{ type: 'string', message: 'string' }` is a group with a `type` field. */
function isFieldSpec(definition: LogFieldSpec | LogFieldGroup): definition is LogFieldSpec {
  return (
    typeof definition.type === 'string' &&
    ['string', 'number', 'boolean', 'timestamp'].includes(definition.type) &&
    Object.keys(definition).every((key) => SPEC_KEYS.has(key))
  );
}

const SPEC_KEYS = new Set(['type', 'values', 'description']);

/** Fields CloudWatch Logs adds to every event of a standard log group. */
export const CLOUDWATCH_SYSTEM_FIELDS: ReadonlyMap<string, LogFieldSpec> = new Map<string, LogFieldSpec>([
  ['@timestamp', { type: 'timestamp' }],
  ['@message', { type: 'string' }],
  ['@ingestionTime', { type: 'timestamp' }],
  ['@logStream', { type: 'string' }],
  ['@log', { type: 'string' }],
]);

/** A CloudWatch log group and the schema of the events its streams carry. */
export interface LogGroup<P extends string = string> {
  readonly name: string;
  readonly schema: LogSchema<P>;
  /** awslogs-stream-prefix values of the services writing to the group. */
  readonly streamPrefixes: readonly string[];
  readonly retentionDays: number | undefined;
  readonly at: SourceLocation;
}

export interface LogGroupSpec<P extends string> {
  readonly schema: LogSchema<P>;
  readonly streamPrefixes?: readonly string[];
  readonly retentionDays?: number;
}

export function logGroup<P extends string>(name: string, spec: LogGroupSpec<P>): LogGroup<P> {
  const at = captureLocation();
  return defined(
    { name, schema: spec.schema, streamPrefixes: spec.streamPrefixes ?? [], retentionDays: spec.retentionDays, at },
    LOG_GROUP,
    [name, spec],
    at,
  );
}

const LOG_GROUP = inputShape('logGroup', [
  plain('name'),
  param(
    'spec',
    objectOf<LogGroupSpec<string>>('a log group', {
      schema: required(),
      streamPrefixes: optional(),
      retentionDays: optional(),
    }),
  ),
]);
