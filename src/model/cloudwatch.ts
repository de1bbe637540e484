import type { Metric } from './catalog.ts';
import type { MetricKind } from './metric-spec.ts';
import type { LogGroup } from './log-schema.ts';
import type { AlertRule, AlertSeverity } from './rule.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import { defined } from './input/definition-input.ts';
import {
  ANY,
  choice,
  inputShape,
  mapOf,
  objectOf,
  optional,
  param,
  plain,
  positional,
  required,
  type Shape,
} from './input/shape.ts';
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
  const at = captureLocation();
  const text = strings.reduce((all, part, i) => all + part + (i < values.length ? String(values[i]) : ''), '');
  return defined({ text, at }, positional('logsInsights', 'strings'), [strings, ...values], at);
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

interface LogsQuerySpec {
  readonly logGroups: readonly LogGroup[];
  readonly query: LogsQueryText | string;
  readonly folder?: string;
  readonly description?: string;
  readonly allow?: readonly Allow[];
}

export function logsQuery(name: string, spec: LogsQuerySpec): LogsQueryDefinition {
  const at = captureLocation();
  const query = typeof spec.query === 'string' ? { text: spec.query, at } : spec.query;
  return defined(
    {
      name,
      folder: spec.folder,
      description: spec.description,
      logGroups: spec.logGroups,
      query,
      allow: spec.allow ?? [],
      at,
    },
    SHAPES.logsQuery,
    [name, spec],
    at,
  );
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

interface AwsMetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic: CloudWatchStatistic;
  readonly period: Duration | number;
  readonly label?: string;
}

export function awsMetric(spec: AwsMetricSpec): AwsMetricStat {
  return defined(
    {
      kind: 'aws',
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: spec.dimensions ?? {},
      statistic: spec.statistic,
      period: seconds(spec.period),
      ...(spec.label === undefined ? {} : { label: spec.label }),
    },
    SHAPES.awsMetric,
    [spec],
    captureLocation(),
  );
}

interface EmfMetricSpec<L extends string> {
  readonly dimensions: Partial<Readonly<Record<L, string>>>;
  readonly statistic: CloudWatchStatistic;
  readonly period: Duration | number;
  readonly label?: string;
}

/** A catalog metric in CloudWatch; the dimension names are the metric's labels. */
export function emfMetric<K extends MetricKind, L extends string>(
  metric: Metric<K, L>,
  spec: EmfMetricSpec<L>,
): EmfMetricStat {
  const made: EmfMetricStat = {
    kind: 'emf',
    metric: metric as unknown as Metric,
    dimensions: spec.dimensions as Readonly<Record<string, string>>,
    statistic: spec.statistic,
    period: seconds(spec.period),
    ...(spec.label === undefined ? {} : { label: spec.label }),
  };
  return defined(made, SHAPES.emfMetric, [metric, spec], captureLocation());
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
  return defined(
    { kind: 'expression', expression: text, ...(label === undefined ? {} : { label }) },
    positional('expression', 'text', 'label'),
    [text, label],
    captureLocation(),
  );
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
  const at = captureLocation();
  const alarmName = name ?? spec.alert?.name;
  if (alarmName === undefined) throw new Error('cloudwatchAlarm needs a name or an alert to mirror');
  const severity = spec.severity ?? spec.alert?.severity;
  if (severity === undefined) throw new Error(`cloudwatchAlarm ${alarmName} needs a severity`);
  const period =
    spec.metric?.period ??
    Math.max(...Object.values(spec.math ?? {}).map((e) => (e.kind === 'expression' ? 60 : e.period)), 60);
  const forSeconds = spec.for === undefined ? period : durationSeconds(spec.for);
  const evaluationPeriods = Math.max(1, Math.ceil(forSeconds / period));
  const made: CloudWatchAlarm = {
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
    at,
  };
  return defined(made, SHAPES.cloudwatchAlarm, [name, spec], at);
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

interface MetricWidgetOptions {
  readonly view?: 'timeSeries' | 'singleValue' | 'bar' | 'pie';
  readonly stacked?: boolean;
  readonly width?: number;
  readonly height?: number;
}

export function metricWidget(
  title: string,
  metrics: readonly MetricStat[],
  options: MetricWidgetOptions = {},
): CloudWatchWidget {
  return defined(
    {
      type: 'metric',
      title,
      metrics,
      view: options.view ?? 'timeSeries',
      stacked: options.stacked ?? false,
      width: options.width ?? 12,
      height: options.height ?? 6,
    },
    SHAPES.metricWidget,
    [title, metrics, options],
    captureLocation(),
  );
}

interface LogWidgetOptions {
  readonly view?: 'table' | 'timeSeries' | 'bar' | 'pie';
  readonly width?: number;
  readonly height?: number;
}

export function logWidget(title: string, query: LogsQueryDefinition, options: LogWidgetOptions = {}): CloudWatchWidget {
  return defined(
    {
      type: 'log',
      title,
      query,
      view: options.view ?? 'table',
      width: options.width ?? 24,
      height: options.height ?? 6,
    },
    SHAPES.logWidget,
    [title, query, options],
    captureLocation(),
  );
}

interface WidgetSize {
  readonly width?: number;
  readonly height?: number;
}

export function textWidget(markdown: string, options: WidgetSize = {}): CloudWatchWidget {
  return defined(
    { type: 'text', markdown, width: options.width ?? 24, height: options.height ?? 2 },
    SHAPES.textWidget,
    [markdown, options],
    captureLocation(),
  );
}

export interface CloudWatchDashboard {
  readonly name: string;
  readonly widgets: readonly CloudWatchWidget[];
  readonly at: SourceLocation;
}

export function cloudwatchDashboard(name: string, widgets: readonly CloudWatchWidget[]): CloudWatchDashboard {
  const at = captureLocation();
  return defined({ name, widgets, at }, positional('cloudwatchDashboard', 'name', 'widgets'), [name, widgets], at);
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

interface CloudWatchSpec {
  readonly region: string;
  readonly logGroups?: readonly LogGroup[];
  readonly queries?: readonly LogsQueryDefinition[];
  readonly alarms?: readonly CloudWatchAlarm[];
  readonly dashboards?: readonly CloudWatchDashboard[];
}

export function cloudwatch(spec: CloudWatchSpec): CloudWatch {
  const at = captureLocation();
  return defined(
    {
      region: spec.region,
      logGroups: spec.logGroups ?? [],
      queries: spec.queries ?? [],
      alarms: spec.alarms ?? [],
      dashboards: spec.dashboards ?? [],
      at,
    },
    SHAPES.cloudwatch,
    [spec],
    at,
  );
}

const statFields = { statistic: required(), period: required(), label: optional() } as const;
const sizeFields = { width: optional(), height: optional() } as const;
const SHAPES = {
  logsQuery: inputShape('logsQuery', [
    plain('name'),
    param(
      'spec',
      objectOf<LogsQuerySpec>('a Logs Insights query', {
        logGroups: required(),
        query: required(),
        folder: optional(),
        description: optional(),
        allow: ALLOW_LIST,
      }),
    ),
  ]),
  awsMetric: inputShape('awsMetric', [
    param(
      'spec',
      objectOf<AwsMetricSpec>('a CloudWatch metric', {
        namespace: required(),
        metricName: required(),
        dimensions: optional(mapOf()),
        ...statFields,
      }),
    ),
  ]),
  emfMetric: inputShape('emfMetric', [
    plain('metric'),
    param('spec', objectOf<EmfMetricSpec<string>>('an EMF metric', { dimensions: required(mapOf()), ...statFields })),
  ]),
  cloudwatchAlarm: inputShape('cloudwatchAlarm', [
    plain('name'),
    param(
      'spec',
      objectOf<AlarmSpec>('an alarm', {
        severity: optional(),
        description: optional(),
        metric: optional(),
        math: optional(mapOf(mathEntry())),
        returns: optional(),
        comparison: required(),
        threshold: required(),
        for: optional(),
        treatMissingData: optional(),
        alert: optional(),
        properties: optional(mapOf()),
        allow: ALLOW_LIST,
      }),
    ),
  ]),
  metricWidget: inputShape('metricWidget', [
    plain('title'),
    plain('metrics'),
    param(
      'options',
      objectOf<MetricWidgetOptions>('widget options', { view: optional(), stacked: optional(), ...sizeFields }),
    ),
  ]),
  logWidget: inputShape('logWidget', [
    plain('title'),
    plain('query'),
    param('options', objectOf<LogWidgetOptions>('widget options', { view: optional(), ...sizeFields })),
  ]),
  textWidget: inputShape('textWidget', [
    plain('markdown'),
    param('options', objectOf<WidgetSize>('widget options', sizeFields)),
  ]),
  cloudwatch: inputShape('cloudwatch', [
    param(
      'spec',
      objectOf<CloudWatchSpec>('a CloudWatch definition', {
        region: required(),
        logGroups: optional(),
        queries: optional(),
        alarms: optional(),
        dashboards: optional(),
      }),
    ),
  ]),
} as const;

/** A math entry: a metric (awsMetric, emfMetric: checked there) or an expression, perhaps written as a literal. */
function mathEntry(): Shape {
  return choice((value) =>
    value['kind'] === 'expression'
      ? objectOf<Extract<MathEntry, { kind: 'expression' }>>('a math expression', {
          kind: required(),
          expression: required(),
          label: optional(),
          returnData: optional(),
        })
      : ANY,
  );
}

function seconds(period: Duration | number): number {
  // A missing period is reported by the validation stage (definition/missing-value).
  if (period === undefined) return Number.NaN;
  return typeof period === 'number' ? period : durationSeconds(period);
}

function durationSeconds(duration: Duration): number {
  const value = parseDuration(duration);
  if (value === undefined) throw new Error(`invalid duration ${duration}`);
  return value;
}
