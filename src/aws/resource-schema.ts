import { describeSchemaError } from '../text/schema-error.ts';
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

type Validators = {
  readonly cfn: ReadonlyMap<string, ValidateFunction>;
  readonly tf: ReadonlyMap<string, ValidateFunction>;
};

let validators: Validators | undefined;

/** Each validator's schema: per CloudFormation type, and per Terraform type (the provider's argument names). */
export function validatorSchemas(): {
  readonly cfn: ReadonlyMap<string, JsonSchema>;
  readonly tf: ReadonlyMap<string, JsonSchema>;
} {
  const cfn = new Map<string, JsonSchema>();
  const tf = new Map<string, JsonSchema>();
  for (const [type, schema] of Object.entries(CFN_SCHEMAS)) {
    cfn.set(type, schema);
    tf.set(TERRAFORM_TYPES[type]!, terraformSchema(type, schema));
  }
  return { cfn, tf };
}

/** The options the validators are compiled with, here and in the package's precompiled ones. */
export const VALIDATOR_OPTIONS = { allErrors: true, strict: false } as const;

/**
 * The validators: precompiled next to the bundle when there (scripts/build-package.mjs writes
 * them with ajv's standalone code, sparing each run ~40 ms of compiling), else compiled here.
 */
function compiled(): Validators {
  if (validators === undefined) validators = precompiled() ?? compileAll();
  return validators;
}

function precompiled(): Validators | undefined {
  let module: { cfn: Record<string, ValidateFunction>; tf: Record<string, ValidateFunction> };
  try {
    module = createRequire(import.meta.url)('./cfn-validators.cjs') as typeof module;
  } catch {
    return undefined; // running from the sources
  }
  return { cfn: new Map(Object.entries(module.cfn)), tf: new Map(Object.entries(module.tf)) };
}

function compileAll(): Validators {
  const ajv = new Ajv(VALIDATOR_OPTIONS);
  const { cfn, tf } = validatorSchemas();
  const compile = (schemas: ReadonlyMap<string, JsonSchema>) =>
    new Map([...schemas].map(([type, schema]) => [type, ajv.compile(schema)] as const));
  return { cfn: compile(cfn), tf: compile(tf) };
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
        problems.push({ resource: id, format: 'cloudformation', message: describeSchemaError(error, 'Properties') });
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
          problems.push({
            resource: `${type}.${name}`,
            format: 'terraform',
            message: describeSchemaError(error, 'Properties'),
          });
    }
  }
  return problems;
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
