import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

/** The CloudFormation resource types obsgen writes. */
export const CFN_RESOURCE_TYPES = [
  'AWS::Logs::QueryDefinition',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::Dashboard',
] as const;

type JsonSchema = { [key: string]: unknown };
interface SpecType {
  readonly type: string;
  readonly element?: SpecType;
  readonly inner?: readonly SpecType[];
  readonly reference?: { readonly $ref: string };
}
interface SpecProperty {
  readonly type: SpecType;
  readonly required?: boolean;
  readonly previousTypes?: readonly SpecType[];
}
interface SpecEntity {
  readonly $id: string;
  readonly name: string;
  readonly properties: Readonly<Record<string, SpecProperty>>;
}

let names = new Map<string, string>();

/**
 * JSON Schemas (draft 2020-12 subset that ajv's default draft-07 mode reads) for each resource's
 * `Properties`: property names, JSON types, required properties, nested property types, and no
 * unknown properties. Keys are sorted so the output is stable.
 */
export async function cfnResourceSchemas(): Promise<Record<string, JsonSchema>> {
  const db = await loadAwsServiceSpec();
  const result: Record<string, JsonSchema> = {};
  for (const cfnType of CFN_RESOURCE_TYPES) {
    const resource = db.lookup('resource', 'cloudFormationType', 'equals', cfnType).only() as unknown as SpecEntity;
    const typeDefs = db
      .follow('usesType', resource as never)
      .map((rel: { entity: unknown }) => rel.entity as SpecEntity);
    // Definitions are named by the property type's name, not the database's internal ids.
    names = new Map(typeDefs.map((typeDef) => [typeDef.$id, typeDef.name]));
    const definitions: Record<string, JsonSchema> = {};
    for (const typeDef of typeDefs) definitions[typeDef.name] = objectSchema(typeDef.properties);
    result[cfnType] = { ...objectSchema(resource.properties), definitions: sortKeys(definitions) };
  }
  return result;
}

function objectSchema(properties: Readonly<Record<string, SpecProperty>>): JsonSchema {
  const names = Object.keys(properties).sort();
  const required = names.filter((name) => properties[name]!.required === true);
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(names.map((name) => [name, typeSchema(properties[name]!.type)])),
  };
}

function typeSchema(type: SpecType): JsonSchema {
  switch (type.type) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'integer':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'json':
      return { type: ['object', 'array', 'string', 'number', 'boolean'] };
    case 'date-time':
      return { type: 'string' };
    case 'array':
      return { type: 'array', items: typeSchema(type.element!) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(type.element!) };
    case 'ref':
      return { $ref: `#/definitions/${names.get(type.reference!.$ref) ?? type.reference!.$ref}` };
    case 'union':
      return { anyOf: (type.inner ?? []).map(typeSchema) };
    default:
      return {};
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
