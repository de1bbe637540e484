/**
 * obsgen's public API: what definitions import. Everything here is pure; loading, writing and
 * the real tools live in the CLI.
 */
export { catalog, type Catalog, type CatalogSpec, type Matchers, type Metric, type MetricOf, type Selector } from './model/catalog.ts';
export { bounded, oneOf, unbounded, type BoundedDomain, type LabelDomain, type OneOfDomain, type UnboundedDomain } from './model/label-domain.ts';
export {
  counter,
  DEFAULT_BUCKETS,
  gauge,
  histogram,
  summary,
  upDownCounter,
  type CloudWatchExport,
  type DropStage,
  type HistogramOptions,
  type MetricKind,
  type MetricOptions,
  type MetricSpec,
  type SummaryOptions,
} from './model/metric-spec.ts';
export { not, notRe, re, type LabelMatcher, type MatchOp, type MatcherInput, type MatcherValue } from './model/selector.ts';
export { project, system, type Project, type ProjectSpec, type System, type SystemSpec } from './model/system.ts';
export type { Allow } from './model/suppression.ts';
export { projectCheck, projectOutput, type CheckFinding, type ProjectCheck, type ProjectOutput } from './model/extension.ts';
export type { Duration } from './model/duration.ts';
export type { SourceLocation } from './model/source-location.ts';
export type { Unit, BaseUnit } from './model/unit.ts';
export { prometheusNameForOtel } from './model/otel-prometheus-name.ts';
export type { Finding, Severity } from './finding.ts';
export { compileProject, type Compilation } from './build/build-project.ts';
export {
  abs, absent, absentOverTime, add, and, atan2, avg, avgOverTime, bottomk, buckets, by, ceil, changes, clamp, clampMax, clampMin, count, countOverTime, countValues,
  delta, deriv, div, eq, exp, floor, ge, group, gt, histogramQuantile, idelta, increase, irate, labelJoin, labelReplace, lastOverTime, le, ln, lt, max, maxOverTime,
  min, minOverTime, mod, mul, ne, observationCount, observationSum, offset, or, pow, predictLinear, presentOverTime, promql, quantile, quantileOverTime, rate, resets,
  round, scalar, sort, sortDesc, sqrt, stddev, stddevOverTime, stdvar, stdvarOverTime, sub, subquery, sum, sumOverTime, time, timestamp, topk, unless, vector, without,
  type BinaryOptions, type By, type CounterSource, type HistogramSource, type LabelsOf, type Query, type QueryType, type VectorSource, type Without,
} from './promql/builder.ts';
export { parsePromql, PromqlSyntaxError } from './promql/parse.ts';
export { renderPromql } from './promql/render.ts';
export { alert, fires, histogramSeries, quiet, record, ruleGroup, series, type AlertRule, type AlertSeverity, type AlertSpec, type AlertTest, type ExpectedAlert, type RecordingRule, type Rule, type RuleGroup, type RunbookContent, type TargetLabels, type TestSeries } from './model/rule.ts';
export { eventsSli, latencySli, ratioSli, slo, type EventsSli, type LatencySli, type RatioSli, type Sli, type Slo, type SloAlerting, type SloSpec, type SloTier } from './model/slo.ts';
export { barChart, barGauge, cloudwatchMetric, dashboard, gaugePanel, heatmap, logs, row, stat, table, text, timeseries, type CloudWatchMetricQuery, type Dashboard, type DashboardSpec, type Panel, type PanelOptions, type PanelQuery, type PanelTarget, type PanelType, type Row, type ValueMapping, type DashboardLinkSpec, type Variable } from './model/dashboard.ts';
export { collector, type Collector, type CollectorSpec, type ComponentConfig, type PipelineSpec } from './model/collector.ts';
export { validateCollector, type CollectorIssue } from './otel/validate-collector.ts';
export { extendSchema, logGroup, logSchema, oneOfValues, CLOUDWATCH_SYSTEM_FIELDS, type LogFieldDefinition, type LogFieldPaths, type LogFieldSpec, type LogFieldType, type LogGroup, type LogSchema } from './model/log-schema.ts';
export {
  awsMetric, cloudwatch, cloudwatchAlarm, cloudwatchDashboard, emfMetric, expression, logsInsights, logsQuery, logWidget, metricWidget, textWidget,
  type AlarmSpec, type AwsMetricStat, type CloudWatch, type CloudWatchAlarm, type CloudWatchDashboard, type CloudWatchStatistic, type CloudWatchWidget, type EmfMetricStat, type LogsQueryDefinition, type LogsQueryText, type MathEntry, type MetricStat,
} from './model/cloudwatch.ts';
/** Logs Insights builder helpers (conditions, aggregations), namespaced apart from the PromQL ones. */
export * as cwl from './logsinsights/builder.ts';
export { insights, type InsightsQuery } from './logsinsights/builder.ts';
export { parseLogsInsights, type LogsParseResult, type LogsSyntaxProblem } from './logsinsights/parser.ts';
export { analyzeFields, type FieldProblem } from './logsinsights/analyze-fields.ts';
