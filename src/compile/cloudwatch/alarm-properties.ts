import type { CloudWatchAlarm, ComparisonOperator, MetricStat } from '../../model/cloudwatch.ts';
import type { AlertSeverity } from '../../model/rule.ts';
import type { System } from '../../model/system.ts';

/** A CloudFormation `{ "Ref": … }` to a template parameter; Terraform gets `${var.…}`. */
interface ParameterRef {
  readonly Ref: string;
}

const OPERATORS: Readonly<Record<ComparisonOperator, string>> = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
};

/** The SNS topic parameter an alarm of this severity notifies (one per severity, set at deploy). */
export function topicParameter(severity: AlertSeverity): string {
  return `AlarmTopic${severity[0]!.toUpperCase()}${severity.slice(1)}`;
}

/** Where a metric lives in CloudWatch: the catalog's EMF namespace for catalog metrics. */
export function metricIdentity(stat: MetricStat): { namespace: string; metricName: string } {
  if (stat.kind === 'aws') return { namespace: stat.namespace, metricName: stat.metricName };
  return {
    namespace: stat.metric.spec.cloudwatch?.namespace ?? '',
    metricName: stat.metric.otelName ?? stat.metric.name,
  };
}

function dimensionList(dimensions: Readonly<Record<string, string>>): { Name: string; Value: string }[] {
  return Object.keys(dimensions)
    .sort()
    .map((name) => ({ Name: name, Value: dimensions[name]! }));
}

/**
 * AWS::CloudWatch::Alarm properties: the one representation both CloudFormation and Terraform
 * are written from, and what cloudwatch/alarm-shape and the schema check inspect.
 */
export function alarmProperties(system: System, alarm: CloudWatchAlarm): Record<string, unknown> {
  const topic: ParameterRef = { Ref: topicParameter(alarm.severity) };
  const base: Record<string, unknown> = {
    AlarmName: `${system.name}-${alarm.name}`,
    AlarmDescription: `[${alarm.severity}] ${alarm.description}`,
    ActionsEnabled: true,
    AlarmActions: [topic],
    OKActions: [topic],
    ComparisonOperator: OPERATORS[alarm.comparison],
    Threshold: alarm.threshold,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    TreatMissingData: alarm.treatMissingData,
  };
  if (alarm.metric !== undefined) {
    const { namespace, metricName } = metricIdentity(alarm.metric);
    Object.assign(base, {
      Namespace: namespace,
      MetricName: metricName,
      Dimensions: dimensionList(alarm.metric.dimensions),
      ...statistic(alarm.metric.statistic),
      Period: alarm.metric.period,
    });
  }
  if (alarm.math !== undefined) {
    const entries = Object.entries(alarm.math);
    const expressions = entries.filter(([, entry]) => entry.kind === 'expression').map(([id]) => id);
    const returns = new Set(alarm.returns ?? (expressions.length === 1 ? expressions : []));
    base.Metrics = entries.map(([id, entry]) => {
      const returnData =
        entry.kind === 'expression' && entry.returnData !== undefined ? entry.returnData : returns.has(id);
      if (entry.kind === 'expression')
        return {
          Id: id,
          Expression: entry.expression,
          ...(entry.label === undefined ? {} : { Label: entry.label }),
          ReturnData: returnData,
        };
      const { namespace, metricName } = metricIdentity(entry);
      return {
        Id: id,
        ...(entry.label === undefined ? {} : { Label: entry.label }),
        MetricStat: {
          Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensionList(entry.dimensions) },
          Period: entry.period,
          Stat: entry.statistic,
        },
        ReturnData: returnData,
      };
    });
  }
  return { ...base, ...alarm.properties };
}

function statistic(stat: string): Record<string, string> {
  return /^p\d/.test(stat) ? { ExtendedStatistic: stat } : { Statistic: stat };
}
