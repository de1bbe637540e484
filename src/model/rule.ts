import type { Metric, Selector } from './catalog.ts';
import type { Duration } from './duration.ts';
import type { Query, RawPromql } from '../promql/ast.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import type { Dashboard } from './dashboard.ts';
import { defined } from './input/definition-input.ts';
import {
  inputShape,
  listOf,
  mapOf,
  objectOf,
  optional,
  param,
  plain,
  positional,
  required,
  type InputShape,
} from './input/shape.ts';

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
  /** Values expressions must have at `at` (promtool's promql_expr_test), for cases obsgen generates. */
  readonly expressions?: readonly ExpressionCheck[];
  readonly location: SourceLocation;
}

/** An expression and every sample it must return, labels and value (promtool compares them exactly). */
interface ExpressionCheck {
  readonly expr: string;
  readonly samples: readonly { readonly series: string; readonly value: number }[];
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
  /** How long it keeps firing after its condition stops holding (Prometheus 2.42+ `keep_firing_for`). */
  readonly keepFiringFor?: Duration;
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
  readonly at: SourceLocation;
}

const expectedAlert = objectOf<ExpectedAlert>('an expected alert', { labels: required(mapOf()), value: optional() });
const observation = objectOf<{ value: number; count: number }>('an observation', {
  value: required(),
  count: required(),
});

const SHAPES = {
  alert: inputShape('alert', [
    plain('name'),
    param(
      'spec',
      objectOf<AlertSpec>('an alert', {
        expr: required(),
        for: optional(),
        keepFiringFor: optional(),
        severity: required(),
        summary: required(),
        description: required(),
        labels: optional(mapOf()),
        annotations: optional(mapOf()),
        runbook: optional(
          objectOf<RunbookContent>('a runbook', { impact: optional(), diagnosis: optional(), mitigation: optional() }),
        ),
        dashboard: optional(objectOf<DashboardLink>('a dashboard link', { dashboard: required(), panel: optional() })),
        tests: optional(),
        allow: ALLOW_LIST,
      }),
    ),
  ]),
  record: inputShape('record', [
    plain('name'),
    plain('expr'),
    param('options', objectOf<RecordOptions>('a recording rule', { labels: optional(mapOf()), allow: ALLOW_LIST })),
  ]),
  ruleGroup: inputShape('ruleGroup', [
    plain('name'),
    param('spec', objectOf<RuleGroupSpec>('a rule group', { interval: optional(), rules: required() })),
  ]),
  fires: inputShape('fires', [
    plain('name'),
    param(
      'spec',
      objectOf<FiresSpec>('a test case', {
        at: required(),
        interval: optional(),
        series: required(),
        alerts: required(listOf(expectedAlert)),
      }),
    ),
  ]),
  quiet: inputShape('quiet', [
    plain('name'),
    param('spec', objectOf<QuietSpec>('a test case', { at: required(), interval: optional(), series: required() })),
  ]),
  series: positional('series', 'source', 'values', 'target'),
  histogramSeries: inputShape('histogramSeries', [
    plain('source'),
    param('observations', listOf(observation)),
    plain('steps'),
    plain('target'),
  ]),
} as const;

/** An alerting rule. Its name is CamelCase; tests prove it fires and stays quiet. */
export function alert(name: string, spec: AlertSpec): AlertRule {
  const at = captureLocation();
  return defined({ ...spec, kind: 'alert', name, at }, SHAPES.alert, [name, spec], at);
}

interface RecordOptions {
  readonly labels?: Readonly<Record<string, string>>;
  readonly allow?: readonly Allow[];
}

/** A recording rule, named `level:metric:operations`; it becomes a series queries can use. */
export function record(name: string, expr: Query & Partial<RawPromql>, options: RecordOptions = {}): RecordingRule {
  const at = captureLocation();
  return defined({ kind: 'record', name, expr, ...options, at }, SHAPES.record, [name, expr, options], at);
}

interface RuleGroupSpec {
  readonly interval?: Duration;
  readonly rules: readonly Rule[];
}

/** A rule group: evaluated together, written as one rule file. */
export function ruleGroup(name: string, spec: RuleGroupSpec): RuleGroup {
  const at = captureLocation();
  return defined({ name, interval: spec.interval, rules: spec.rules, at }, SHAPES.ruleGroup, [name, spec], at);
}

/** Input series from a catalog selection: `where()` equality matchers become its labels. */
export function series(source: Metric | Selector | Query, values: string, target: TargetLabels = {}): TestSeries {
  return defined(
    { series: seriesText(source, target), values },
    SHAPES.series,
    [source, values, target],
    captureLocation(),
  );
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
  const at = captureLocation();
  const out = histogramTestSeries(source, observations, steps, target);
  return defined(out, SHAPES.histogramSeries, [source, observations, steps, target], at);
}

/** `histogramSeries` for obsgen's own tests (an SLO's): no definition a user wrote, so no location to find. */
export function histogramTestSeries(
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

interface QuietSpec {
  readonly at: Duration;
  readonly interval?: Duration;
  readonly series: readonly (TestSeries | readonly TestSeries[])[];
}

interface FiresSpec extends QuietSpec {
  readonly alerts: readonly ExpectedAlert[];
}

/** A case in which the alert must be firing at `at` with these alerts. */
export function fires(name: string, spec: FiresSpec): AlertTest {
  if (Array.isArray(spec.alerts) && spec.alerts.length === 0)
    throw new Error(`fires("${name}") needs at least one expected alert; use quiet() for none`);
  return testCase(name, spec, spec.alerts, SHAPES.fires);
}

/** A case in which the alert must not be firing at `at`. */
export function quiet(name: string, spec: QuietSpec): AlertTest {
  return testCase(name, spec, [], SHAPES.quiet);
}

function testCase(name: string, spec: QuietSpec, alerts: readonly ExpectedAlert[], shape: InputShape): AlertTest {
  const location = captureLocation();
  const series = Array.isArray(spec.series) ? spec.series.flat() : [];
  return defined(
    { name, at: spec.at, interval: spec.interval, series, alerts, location },
    shape,
    [name, spec],
    location,
  );
}
