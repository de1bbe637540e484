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
export type { Duration } from './model/duration.ts';
export type { SourceLocation } from './model/source-location.ts';
export type { Unit, BaseUnit } from './model/unit.ts';
export { prometheusNameForOtel } from './model/otel-prometheus-name.ts';
export type { Finding, Severity } from './check/finding.ts';
export { compileProject, type Compilation } from './compile/compile-project.ts';
