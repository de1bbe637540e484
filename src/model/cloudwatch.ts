import type { Metric } from './catalog.ts';
import type { MetricKind } from './metric-spec.ts';
import type { LogGroup } from './log-schema.ts';
import type { AlertRule, AlertSeverity } from './rule.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import type { Allow } from './suppression.ts';
import { parseDuration, type Duration } from './duration.ts';

export type CloudWatchStatistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount' | `p${number}`;

/** A Logs Insights query as text, with where it was written (findings point at its lines). */
export interface LogsQueryText {
  readonly text: string;
  readonly at: SourceLocation;
}

/**
 * Logs Insights text, checked at build time like any other query: `logsInsights\`fields … \``.
 * Interpolated values are inserted as written (numbers, field names), so quote strings yourself.
 */
export function logsInsights(strings: TemplateStringsArray, ...values: readonly (string | number)[]): LogsQueryText {
  return {
    text: strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), ''),
    at: captureLocation(),
  };
}

/** A saved Logs Insights query (AWS::Logs::QueryDefinition), scoped to log groups. */
export interface LogsQueryDefinition {
  readonly name: string;
  /** Console folder, e.g. `ai-teams/incident`. */
  readonly folder: string | undefined;
  readonly description: string | undefined;
  readonly logGroups: readonly LogGroup[];
  readonly query: LogsQueryText;
  readonly allow: readonly Allow[];
  readonly at: SourceLocation;
}

export function logsQuery(
  name: string,
  spec: {
    readonly logGroups: readonly LogGroup[];
    readonly query: LogsQueryText | string;
    readonly folder?: string;
    readonly description?: string;
    readonly allow?: readonly Allow[];
  },
): LogsQueryDefinition {
  const at = captureLocation();
  const query = typeof spec.query === 'string' ? { text: spec.query, at } : spec.query;
  return {
    name,
    folder: spec.folder,
    description: spec.description,
    logGroups: spec.logGroups,
    query,
    allow: spec.allow ?? [],
    at,
  };
}

/** A CloudWatch metric by namespace and name (AWS/ECS, AWS/Logs, …). */
export interface AwsMetricStat {
  readonly kind: 'aws';
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: CloudWatchStatistic;
  /** Seconds. */
  readonly period: number;
  readonly label?: string;
}

/** A catalog metric as the collector's awsemf exporter publishes it; dimensions must be a declared set. */
export interface EmfMetricStat {
  readonly kind: 'emf';
  readonly metric: Metric;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: CloudWatchStatistic;
  readonly period: number;
  readonly label?: string;
}

export type MetricStat = AwsMetricStat | EmfMetricStat;

export function awsMetric(spec: {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic: CloudWatchStatistic;
  readonly period: Duration | number;
  readonly label?: string;
}): AwsMetricStat {
  return {
    kind: 'aws',
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions ?? {},
    statistic: spec.statistic,
    period: seconds(spec.period),
    ...(spec.label === undefined ? {} : { label: spec.label }),
  };
}

/** A catalog metric in CloudWatch; the dimension names are the metric's labels. */
export function emfMetric<K extends MetricKind, L extends string>(
  metric: Metric<K, L>,
  spec: {
    readonly dimensions: Partial<Readonly<Record<L, string>>>;
    readonly statistic: CloudWatchStatistic;
    readonly period: Duration | number;
    readonly label?: string;
  },
): EmfMetricStat {
  return {
    kind: 'emf',
    metric: metric as unknown as Metric,
    dimensions: spec.dimensions as Readonly<Record<string, string>>,
    statistic: spec.statistic,
    period: seconds(spec.period),
    ...(spec.label === undefined ? {} : { label: spec.label }),
  };
}

export type ComparisonOperator = '>' | '>=' | '<' | '<=';

/** One entry of a metric-math alarm: a metric, or an expression over the other ids. */
export type MathEntry =
  | MetricStat
  | {
      readonly kind: 'expression';
      readonly expression: string;
      readonly label?: string;
      readonly returnData?: boolean;
    };

export function expression(text: string, label?: string): MathEntry {
  return { kind: 'expression', expression: text, ...(label === undefined ? {} : { label }) };
}

export interface CloudWatchAlarm {
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly description: string;
  /** One metric (a plain metric alarm) or metric math: ids → metrics and expressions. */
  readonly metric: MetricStat | undefined;
  readonly math: Readonly<Record<string, MathEntry>> | undefined;
  /** The math id whose value the alarm compares (ReturnData); default: the only expression. */
  readonly returns: readonly string[] | undefined;
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
  /** The Prometheus alert this alarm mirrors, when there is one. */
  readonly alert: AlertRule | undefined;
  /** Raw AWS::CloudWatch::Alarm properties merged last: the escape hatch (checked like the rest). */
  readonly properties: Readonly<Record<string, unknown>> | undefined;
  readonly allow: readonly Allow[];
  readonly at: SourceLocation;
}

export interface AlarmSpec {
  readonly severity?: AlertSeverity;
  readonly description?: string;
  readonly metric?: MetricStat;
  readonly math?: Readonly<Record<string, MathEntry>>;
  readonly returns?: readonly string[];
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  /** How long the condition must hold; evaluation periods = for / period (default one period). */
  readonly for?: Duration;
  readonly treatMissingData?: CloudWatchAlarm['treatMissingData'];
  /** Mirror a Prometheus alert: its name, severity and summary unless given here. */
  readonly alert?: AlertRule;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly allow?: readonly Allow[];
}

export function cloudwatchAlarm(name: string | undefined, spec: AlarmSpec): CloudWatchAlarm {
  const alarmName = name ?? spec.alert?.name;
  if (alarmName === undefined) throw new Error('cloudwatchAlarm needs a name or an alert to mirror');
  const severity = spec.severity ?? spec.alert?.severity;
  if (severity === undefined) throw new Error(`cloudwatchAlarm ${alarmName} needs a severity`);
  const period =
    spec.metric?.period ??
    Math.max(...Object.values(spec.math ?? {}).map((e) => (e.kind === 'expression' ? 60 : e.period)), 60);
  const forSeconds = spec.for === undefined ? period : durationSeconds(spec.for);
  const evaluationPeriods = Math.max(1, Math.ceil(forSeconds / period));
  return {
    name: alarmName,
    severity,
    description: spec.description ?? spec.alert?.summary ?? alarmName,
    metric: spec.metric,
    math: spec.math,
    returns: spec.returns,
    comparison: spec.comparison,
    threshold: spec.threshold,
    evaluationPeriods,
    datapointsToAlarm: evaluationPeriods,
    treatMissingData: spec.treatMissingData ?? 'missing',
    alert: spec.alert,
    properties: spec.properties,
    allow: spec.allow ?? [],
    at: captureLocation(),
  };
}

/** A CloudWatch dashboard widget: metrics over time, or a Logs Insights query. */
export type CloudWatchWidget =
  | {
      readonly type: 'metric';
      readonly title: string;
      readonly metrics: readonly MetricStat[];
      readonly view: 'timeSeries' | 'singleValue' | 'bar' | 'pie';
      readonly stacked: boolean;
      readonly width: number;
      readonly height: number;
    }
  | {
      readonly type: 'log';
      readonly title: string;
      readonly query: LogsQueryDefinition;
      readonly view: 'table' | 'timeSeries' | 'bar' | 'pie';
      readonly width: number;
      readonly height: number;
    }
  | { readonly type: 'text'; readonly markdown: string; readonly width: number; readonly height: number };

export function metricWidget(
  title: string,
  metrics: readonly MetricStat[],
  options: {
    readonly view?: 'timeSeries' | 'singleValue' | 'bar' | 'pie';
    readonly stacked?: boolean;
    readonly width?: number;
    readonly height?: number;
  } = {},
): CloudWatchWidget {
  return {
    type: 'metric',
    title,
    metrics,
    view: options.view ?? 'timeSeries',
    stacked: options.stacked ?? false,
    width: options.width ?? 12,
    height: options.height ?? 6,
  };
}

export function logWidget(
  title: string,
  query: LogsQueryDefinition,
  options: {
    readonly view?: 'table' | 'timeSeries' | 'bar' | 'pie';
    readonly width?: number;
    readonly height?: number;
  } = {},
): CloudWatchWidget {
  return {
    type: 'log',
    title,
    query,
    view: options.view ?? 'table',
    width: options.width ?? 24,
    height: options.height ?? 6,
  };
}

export function textWidget(
  markdown: string,
  options: { readonly width?: number; readonly height?: number } = {},
): CloudWatchWidget {
  return { type: 'text', markdown, width: options.width ?? 24, height: options.height ?? 2 };
}

export interface CloudWatchDashboard {
  readonly name: string;
  readonly widgets: readonly CloudWatchWidget[];
  readonly at: SourceLocation;
}

export function cloudwatchDashboard(name: string, widgets: readonly CloudWatchWidget[]): CloudWatchDashboard {
  return { name, widgets, at: captureLocation() };
}

/** A system's CloudWatch side: where it runs, its log groups, saved queries, alarms, dashboards. */
export interface CloudWatch {
  readonly region: string;
  readonly logGroups: readonly LogGroup[];
  readonly queries: readonly LogsQueryDefinition[];
  readonly alarms: readonly CloudWatchAlarm[];
  readonly dashboards: readonly CloudWatchDashboard[];
  readonly at: SourceLocation;
}

export function cloudwatch(spec: {
  readonly region: string;
  readonly logGroups?: readonly LogGroup[];
  readonly queries?: readonly LogsQueryDefinition[];
  readonly alarms?: readonly CloudWatchAlarm[];
  readonly dashboards?: readonly CloudWatchDashboard[];
}): CloudWatch {
  return {
    region: spec.region,
    logGroups: spec.logGroups ?? [],
    queries: spec.queries ?? [],
    alarms: spec.alarms ?? [],
    dashboards: spec.dashboards ?? [],
    at: captureLocation(),
  };
}

function seconds(period: Duration | number): number {
  return typeof period === 'number' ? period : durationSeconds(period);
}

function durationSeconds(duration: Duration): number {
  const value = parseDuration(duration);
  if (value === undefined) throw new Error(`invalid duration ${duration}`);
  return value;
}
