import { TERRAFORM_ARGUMENTS, TERRAFORM_TYPES } from '../../aws/terraform-mapping.ts';
import { snakeCase } from '../../text/snake-case.ts';
import type { System } from '../../model/system.ts';
import { topicParameter } from './alarm-properties.ts';
import { alarmSeverities, type CfnTemplate } from './cloudformation-template.ts';

export type TerraformDocument = Record<string, Json>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The same resources as the CloudFormation template, as Terraform JSON (`*.tf.json`). */
export function terraformJson(system: System, template: CfnTemplate | undefined): TerraformDocument | undefined {
  const cw = system.cloudwatch;
  if (template === undefined || cw === undefined) return undefined;
  const resources: Record<string, Record<string, Json>> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    const type = TERRAFORM_TYPES[resource.Type]!;
    (resources[type] ??= {})[snakeCase(id)] = convert(resource.Type, resource.Properties);
  }
  const variables = Object.fromEntries(
    alarmSeverities(cw.alarms).map((severity) => [
      snakeCase(topicParameter(severity)),
      { type: 'string', description: `ARN of the SNS topic ${severity} alarms notify` },
    ]),
  );
  return {
    '//': `obsgen: CloudWatch queries, alarms and dashboards of ${system.name}. Generated; do not edit.`,
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.0' } } },
    provider: { aws: { region: cw.region } },
    ...(Object.keys(variables).length === 0 ? {} : { variable: variables }),
    resource: resources,
  };
}

function convert(block: string, properties: Record<string, unknown>): Record<string, Json> {
  const names = TERRAFORM_ARGUMENTS[block] ?? {};
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(properties)) {
    const name = names[key];
    // Unknown properties (from the escape hatch) keep their name so the schema check reports them.
    if (name === '') continue;
    const argument = name ?? key;
    if (key === 'Dimensions' && Array.isArray(value)) {
      out[argument] = Object.fromEntries((value as { Name: string; Value: string }[]).map((d) => [d.Name, d.Value]));
    } else if (key === 'Metrics' && Array.isArray(value)) {
      out[argument] = value.map((query) => convert('MetricDataQuery', query as Record<string, unknown>));
    } else if (key === 'MetricStat' && typeof value === 'object' && value !== null) {
      // MetricStat { Metric { … }, Period, Stat } is one `metric` block in Terraform.
      const { Metric: metric, ...stat } = value as Record<string, unknown>;
      out[argument] = {
        ...convert('Metric', (metric ?? {}) as Record<string, unknown>),
        ...convert('MetricStat', stat),
      };
    } else {
      out[argument] = reference(value);
    }
  }
  return out;
}

/** `{ Ref: AlarmTopicCritical }` → `${var.alarm_topic_critical}`. */
function reference(value: unknown): Json {
  if (Array.isArray(value)) return value.map(reference);
  if (typeof value === 'object' && value !== null) {
    if ('Ref' in value && typeof value.Ref === 'string') return `\${var.${snakeCase(value.Ref)}}`;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reference(v)]));
  }
  return value as Json;
}
