import type { Metric, Selector } from './catalog.ts';
import type { Duration } from './duration.ts';
import type { Query, RawPromql } from '../promql/builder.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import type { Allow } from './suppression.ts';
import type { Dashboard } from './dashboard.ts';

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** One input series of a promtool test: a selection with equality matchers only, and values. */
export interface TestSeries {
  /** The series as promtool writes it: `name{label="value", …}`. */
  readonly series: string;
  /** promtool's expanding notation, e.g. `0+10x40` or `1 1 _ 0`. */
  readonly values: string;
}

/** An alert expected to fire at the test's time: the expression's labels and its value. */
export interface ExpectedAlert {
  /** The labels of the expression's result for this alert (rule labels are added). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The value at the test time; annotations are rendered with it (4 significant digits through
   * the humanize functions). Needed only when a label or annotation reads $value.
   */
  readonly value?: number;
}

export interface AlertTest {
  readonly name: string;
  /** Time between input samples; defaults to the catalog's scrape interval. */
  readonly interval?: Duration;
  readonly series: readonly TestSeries[];
  /** When to evaluate, from the start of the series. */
  readonly at: Duration;
  /** Alerts that must be firing at `at`; empty means the alert must stay quiet. */
  readonly alerts: readonly ExpectedAlert[];
  /**
   * Rule evaluation interval for this case (default: the group's, else 1m). Cases with another
   * interval go to their own test file: multi-day cases run at a coarser step.
   */
  readonly evaluationInterval?: Duration;
  readonly location: SourceLocation;
}

/** Content of the generated runbook page. */
export interface RunbookContent {
  /** What breaks for users when this fires. */
  readonly impact?: string;
  readonly diagnosis?: readonly string[];
  readonly mitigation?: readonly string[];
}

export interface AlertSpec {
  readonly expr: Query & Partial<RawPromql>;
  readonly for?: Duration;
  readonly severity: AlertSeverity;
  /** One static sentence: what is wrong. */
  readonly summary: string;
  /** Templated details: which series, how bad (`{{ $labels.x }}`, `{{ $value | humanize }}`). */
  readonly description: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly runbook?: RunbookContent;
  /** The dashboard (and panel, by title) to open from the alert: becomes its dashboard_url. */
  readonly dashboard?: DashboardLink;
  readonly tests?: readonly AlertTest[];
  readonly allow?: readonly Allow[];
}

/** A dashboard of the same system, by definition or by name (SLO dashboards: `slo-<name>`). */
export interface DashboardLink {
  readonly dashboard: Dashboard | string;
  readonly panel?: string;
}

export interface AlertRule extends AlertSpec {
  readonly kind: 'alert';
  readonly name: string;
  /** The runbook page, when several alerts share one (an SLO's); default: the alert's own. */
  readonly runbookPage?: string;
  readonly at: SourceLocation;
}

export interface RecordingRule {
  readonly kind: 'record';
  readonly name: string;
  /** Set on rules obsgen generates (SLOs); their names follow Sloth, not the naming rule. */
  readonly origin?: 'slo';
  readonly expr: Query & Partial<RawPromql>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly allow?: readonly Allow[];
  readonly at: SourceLocation;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  readonly interval: Duration | undefined;
  readonly rules: readonly Rule[];
  /**
   * The groups its tests load. Default: every group of the system that sets none. Generated
   * SLO groups load only their own SLO's groups, so their multi-day tests stay fast.
   */
  readonly testWith?: readonly string[];
  /** Fields of the spec that a group does not have (rule/invalid reports them). */
  readonly unknownFields?: readonly string[];
  readonly at: SourceLocation;
}

/** An alerting rule. Its name is CamelCase; tests prove it fires and stays quiet. */
export function alert(name: string, spec: AlertSpec): AlertRule {
  return { ...spec, kind: 'alert', name, at: captureLocation() };
}

/** A recording rule, named `level:metric:operations`; it becomes a series queries can use. */
export function record(
  name: string,
  expr: Query & Partial<RawPromql>,
  options: { readonly labels?: Readonly<Record<string, string>>; readonly allow?: readonly Allow[] } = {},
): RecordingRule {
  return { kind: 'record', name, expr, ...options, at: captureLocation() };
}

/** A rule group: evaluated together, written as one rule file. */
export function ruleGroup(
  name: string,
  spec: { readonly interval?: Duration; readonly rules: readonly Rule[] },
): RuleGroup {
  // Fields it does not know (a typo in plain JavaScript) are kept for rule/invalid to report.
  const unknown = Object.keys(spec).filter((key) => key !== 'interval' && key !== 'rules');
  return {
    name,
    interval: spec.interval,
    rules: spec.rules,
    ...(unknown.length === 0 ? {} : { unknownFields: unknown }),
    at: captureLocation(),
  };
}

/** Input series from a catalog selection: `where()` equality matchers become its labels. */
export function series(source: Metric | Selector | Query, values: string, target: TargetLabels = {}): TestSeries {
  return { series: seriesText(source, target), values };
}

/**
 * The labels Prometheus adds on scrape (job, instance, and the catalog's `targetLabels`), which
 * a metric's own labels do not include: give them when an alert keeps them in its output.
 */
export type TargetLabels = Readonly<Record<string, string>>;

function seriesText(source: Metric | Selector | Query, target: TargetLabels): string {
  const withTarget = (matchers: readonly { readonly label: string; readonly op: string; readonly value: string }[]) => [
    ...matchers,
    ...Object.entries(target).map(([label, value]) => ({ label, op: '=', value })),
  ];
  if ('ast' in source) {
    const ast = source.ast;
    if (ast.type !== 'vector' || ast.name === undefined) throw new Error('a test series must be a selector');
    return formatSeries(ast.name, withTarget(ast.matchers));
  }
  if ('matchers' in source) return formatSeries(source.metric.name, withTarget(source.matchers));
  return formatSeries(source.name, withTarget([]));
}

function formatSeries(
  name: string,
  matchers: readonly { readonly label: string; readonly op: string; readonly value: string }[],
): string {
  const bad = matchers.find((m) => m.op !== '=');
  if (bad !== undefined)
    throw new Error(`test series ${name} needs exact labels; ${bad.label}${bad.op}"${bad.value}" is a pattern`);
  const labels = [...matchers]
    .sort((a, b) => (a.label < b.label ? -1 : 1))
    .map((m) => `${m.label}=${JSON.stringify(m.value)}`);
  return labels.length === 0 ? name : `${name}{${labels.join(', ')}}`;
}

/**
 * The series of a classic histogram receiving, every interval, `count` observations of each
 * `value`: cumulative `_bucket{le}` for every bucket and `+Inf`, `_sum` and `_count`.
 */
export function histogramSeries(
  source: Metric | Selector,
  observations: readonly { readonly value: number; readonly count: number }[],
  steps: number,
  target: TargetLabels = {},
): TestSeries[] {
  const metric = 'metric' in source ? source.metric : source;
  const matchers = [
    ...('matchers' in source ? source.matchers : []),
    ...Object.entries(target).map(([label, value]) => ({ label, op: '=', value })),
  ];
  const bounds = [...(metric.spec.buckets ?? []), Number.POSITIVE_INFINITY];
  const perStep = (predicate: (value: number) => boolean): number =>
    observations.filter((o) => predicate(o.value)).reduce((sum, o) => sum + o.count, 0);
  const grow = (increment: number): string => (increment === 0 ? `0x${steps}` : `0+${increment}x${steps}`);
  const out = bounds.map((bound) => ({
    series: formatSeries(`${metric.name}_bucket`, [
      ...matchers,
      { label: 'le', op: '=', value: bound === Number.POSITIVE_INFINITY ? '+Inf' : String(bound) },
    ]),
    values: grow(perStep((value) => value <= bound)),
  }));
  out.push({
    series: formatSeries(`${metric.name}_sum`, matchers),
    values: grow(observations.reduce((sum, o) => sum + o.value * o.count, 0)),
  });
  out.push({ series: formatSeries(`${metric.name}_count`, matchers), values: grow(perStep(() => true)) });
  return out;
}

/** A case in which the alert must be firing at `at` with these alerts. */
export function fires(
  name: string,
  spec: {
    readonly at: Duration;
    readonly interval?: Duration;
    readonly series: readonly (TestSeries | readonly TestSeries[])[];
    readonly alerts: readonly ExpectedAlert[];
  },
): AlertTest {
  if (spec.alerts.length === 0)
    throw new Error(`fires("${name}") needs at least one expected alert; use quiet() for none`);
  return {
    name,
    at: spec.at,
    interval: spec.interval,
    series: spec.series.flat(),
    alerts: spec.alerts,
    location: captureLocation(),
  };
}

/** A case in which the alert must not be firing at `at`. */
export function quiet(
  name: string,
  spec: {
    readonly at: Duration;
    readonly interval?: Duration;
    readonly series: readonly (TestSeries | readonly TestSeries[])[];
  },
): AlertTest {
  return {
    name,
    at: spec.at,
    interval: spec.interval,
    series: spec.series.flat(),
    alerts: [],
    location: captureLocation(),
  };
}
