import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { Ajv } from '../commonjs-packages.ts';
import { TERRAFORM_ARGUMENTS, TERRAFORM_TYPES } from './terraform-mapping.ts';

type JsonSchema = { [key: string]: unknown };

// Extracted from @aws-cdk/aws-service-spec by scripts/cfn-resource-schemas.ts (a test keeps it current).
const CFN_SCHEMAS = createRequire(import.meta.url)('./cfn-resource-schemas.json') as Record<string, JsonSchema>;

export interface SchemaProblem {
  /** The resource's logical id (CloudFormation) or `type.name` (Terraform). */
  readonly resource: string;
  readonly format: 'cloudformation' | 'terraform';
  readonly message: string;
}

let validators: { cfn: Map<string, ValidateFunction>; tf: Map<string, ValidateFunction> } | undefined;

function compiled(): NonNullable<typeof validators> {
  if (validators === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const cfn = new Map<string, ValidateFunction>();
    const tf = new Map<string, ValidateFunction>();
    for (const [type, schema] of Object.entries(CFN_SCHEMAS)) {
      cfn.set(type, ajv.compile(schema));
      tf.set(TERRAFORM_TYPES[type]!, ajv.compile(terraformSchema(type, schema)));
    }
    validators = { cfn, tf };
  }
  return validators;
}

/** Every resource of a template against AWS' property definitions; intrinsic functions count as strings. */
/** A CloudFormation template, as far as the resource check reads it. */
export interface CfnDocument {
  readonly Resources: Readonly<Record<string, { readonly Type: string; readonly Properties: Record<string, unknown> }>>;
}

export function checkCloudFormation(template: CfnDocument): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const validate = compiled().cfn.get(resource.Type);
    if (validate === undefined) {
      problems.push({
        resource: id,
        format: 'cloudformation',
        message: `no schema for resource type ${resource.Type}`,
      });
    } else if (!validate(resolveIntrinsics(resource.Properties))) {
      for (const error of validate.errors ?? [])
        problems.push({ resource: id, format: 'cloudformation', message: describe(error) });
    }
  }
  return problems;
}

/** Terraform JSON resources against the same definitions, with the provider's argument names. */
export function checkTerraform(document: { resource?: Record<string, Record<string, unknown>> }): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const [type, byName] of Object.entries(document.resource ?? {})) {
    const validate = compiled().tf.get(type);
    for (const [name, body] of Object.entries(byName)) {
      if (validate === undefined)
        problems.push({
          resource: `${type}.${name}`,
          format: 'terraform',
          message: `no schema for resource type ${type}`,
        });
      else if (!validate(body))
        for (const error of validate.errors ?? [])
          problems.push({ resource: `${type}.${name}`, format: 'terraform', message: describe(error) });
    }
  }
  return problems;
}

function describe(error: { instancePath: string; message?: string; params: Record<string, unknown> }): string {
  const where = error.instancePath === '' ? 'Properties' : error.instancePath.slice(1).replace(/\//g, '.');
  const extra = typeof error.params.additionalProperty === 'string' ? ` (${error.params.additionalProperty})` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

function resolveIntrinsics(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveIntrinsics);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return '{intrinsic}';
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIntrinsics(v)]));
  }
  return value;
}

/**
 * The Terraform view of a CloudFormation schema: arguments renamed as the AWS provider names them
 * (TERRAFORM_ARGUMENTS), Dimensions as a string map, MetricStat and its Metric folded into one
 * `metric` block. Properties without a Terraform argument are left out, so using one fails.
 */
function terraformSchema(cfnType: string, schema: JsonSchema): JsonSchema {
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const convert = (block: string, objectSchema: JsonSchema): JsonSchema => {
    const names = TERRAFORM_ARGUMENTS[block] ?? {};
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [key, property] of Object.entries((objectSchema.properties ?? {}) as Record<string, JsonSchema>)) {
      const name = names[key];
      if (name === undefined || name === '') continue;
      if (key === 'Dimensions') properties[name] = { type: 'object', additionalProperties: { type: 'string' } };
      else if (key === 'Metrics')
        properties[name] = { type: 'array', items: convert('MetricDataQuery', definitions.MetricDataQuery!) };
      else if (key === 'MetricStat') {
        const metric = convert('Metric', definitions.Metric!);
        const stat = convert('MetricStat', definitions.MetricStat!);
        properties[name] = {
          type: 'object',
          additionalProperties: false,
          properties: { ...(metric.properties as object), ...(stat.properties as object) },
        };
      } else properties[name] = property;
      if (((objectSchema.required ?? []) as string[]).includes(key)) required.push(name);
    }
    return { type: 'object', additionalProperties: false, ...(required.length > 0 ? { required } : {}), properties };
  };
  return convert(cfnType, schema);
}
