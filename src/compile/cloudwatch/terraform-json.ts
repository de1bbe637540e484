import { snakeCase } from '../../text/snake-case.ts';
import type { System } from '../../model/system.ts';
import { topicParameter } from './alarm-properties.ts';
import { alarmSeverities, cloudformationTemplate } from './cloudformation-template.ts';

/** Terraform resource types for the CloudFormation types obsgen writes. */
export const TERRAFORM_TYPES: Readonly<Record<string, string>> = {
  'AWS::Logs::QueryDefinition': 'aws_cloudwatch_query_definition',
  'AWS::CloudWatch::Alarm': 'aws_cloudwatch_metric_alarm',
  'AWS::CloudWatch::Dashboard': 'aws_cloudwatch_dashboard',
};

/**
 * CloudFormation property → Terraform argument, per resource and nested block. The AWS provider
 * names arguments in snake_case, turns Dimensions lists into maps, MetricStat.Metric into one
 * `metric` block, and Metrics into repeated `metric_query` blocks.
 */
export const TERRAFORM_ARGUMENTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // '' marks a property the provider has no argument for: it is left out of the Terraform resource.
  'AWS::Logs::QueryDefinition': { Name: 'name', QueryString: 'query_string', LogGroupNames: 'log_group_names', QueryLanguage: '', Parameters: '' },
  'AWS::CloudWatch::Dashboard': { DashboardName: 'dashboard_name', DashboardBody: 'dashboard_body' },
  'AWS::CloudWatch::Alarm': {
    AlarmName: 'alarm_name',
    AlarmDescription: 'alarm_description',
    ActionsEnabled: 'actions_enabled',
    AlarmActions: 'alarm_actions',
    OKActions: 'ok_actions',
    InsufficientDataActions: 'insufficient_data_actions',
    ComparisonOperator: 'comparison_operator',
    Threshold: 'threshold',
    ThresholdMetricId: 'threshold_metric_id',
    EvaluationPeriods: 'evaluation_periods',
    DatapointsToAlarm: 'datapoints_to_alarm',
    TreatMissingData: 'treat_missing_data',
    EvaluateLowSampleCountPercentile: 'evaluate_low_sample_count_percentiles',
    Namespace: 'namespace',
    MetricName: 'metric_name',
    Dimensions: 'dimensions',
    Statistic: 'statistic',
    ExtendedStatistic: 'extended_statistic',
    Period: 'period',
    Unit: 'unit',
    Metrics: 'metric_query',
  },
  MetricDataQuery: { Id: 'id', Expression: 'expression', Label: 'label', ReturnData: 'return_data', Period: 'period', AccountId: 'account_id', MetricStat: 'metric' },
  MetricStat: { Period: 'period', Stat: 'stat', Unit: 'unit', Metric: '' },
  Metric: { Namespace: 'namespace', MetricName: 'metric_name', Dimensions: 'dimensions' },
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const documents = new WeakMap<System, Record<string, Json> | undefined>();

/** The same resources as the CloudFormation template, as Terraform JSON (`*.tf.json`); built once per system. */
export function terraformJson(system: System): Record<string, Json> | undefined {
  if (!documents.has(system)) documents.set(system, buildTerraform(system));
  return documents.get(system);
}

function buildTerraform(system: System): Record<string, Json> | undefined {
  const template = cloudformationTemplate(system);
  const cw = system.cloudwatch;
  if (template === undefined || cw === undefined) return undefined;
  const resources: Record<string, Record<string, Json>> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    const type = TERRAFORM_TYPES[resource.Type]!;
    (resources[type] ??= {})[snakeCase(id)] = convert(resource.Type, resource.Properties);
  }
  const variables = Object.fromEntries(alarmSeverities(cw.alarms).map((severity) => [snakeCase(topicParameter(severity)), { type: 'string', description: `ARN of the SNS topic ${severity} alarms notify` }]));
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
      out[argument] = { ...convert('Metric', (metric ?? {}) as Record<string, unknown>), ...convert('MetricStat', stat) };
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

