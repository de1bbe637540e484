import type { DomainValue, LabelDomain } from './label-domain.ts';
import type { MetricKind, MetricSpec } from './metric-spec.ts';
import { prometheusNameForOtel } from './otel-prometheus-name.ts';
import { toLabelMatcher, type LabelMatcher, type MatcherInput } from './selector.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import { defined } from './input/definition-input.ts';
import { inputShape, mapOf, objectOf, optional, param, plain, required } from './input/shape.ts';
import { otelUnitFor } from './unit.ts';
import { parseDuration, type Duration } from './duration.ts';

/** Label matchers keyed by label name; the value type is the label's domain. */
export type Matchers<L extends string, V extends { readonly [P in L]: string }> = {
  readonly [P in L]?: MatcherInput<V[P]>;
};

/** A selection of one metric's series: the metric plus label matchers. */
export interface Selector<
  K extends MetricKind = MetricKind,
  L extends string = string,
  V extends { readonly [P in L]: string } = { readonly [P in L]: string },
> {
  readonly metric: Metric<K, L, V>;
  readonly matchers: readonly LabelMatcher[];
  /** Narrow further; matchers on the same label are all kept (Prometheus ANDs them). */
  where(matchers: Matchers<L, V>): Selector<K, L, V>;
}

/**
 * A metric resolved into its catalog: its Prometheus series name and the labels that reach
 * storage. `L` holds the stored label names, so `where`, `by` and friends are checked by tsc.
 */
export interface Metric<
  K extends MetricKind = MetricKind,
  L extends string = string,
  V extends { readonly [P in L]: string } = { readonly [P in L]: string },
> {
  readonly system: string;
  /** The key in the catalog's `metrics` record: the handle definitions use. */
  readonly key: string;
  readonly kind: K;
  /** The series name Prometheus stores (`_total` included for counters; histogram/summary family name). */
  readonly name: string;
  readonly otelName: string | undefined;
  /** Labels that reach Prometheus (declared minus dropped), in declaration order. */
  readonly labels: readonly L[];
  readonly spec: MetricSpec;
  where(matchers: Matchers<L, V>): Selector<K, L, V>;
}

type KindOf<S> = S extends { readonly kind: infer K extends MetricKind } ? K : never;
type LabelsOf<S> = S extends { readonly labels: readonly (infer L extends string)[] } ? L : never;
type DroppedOf<S> = S extends { readonly dropped: readonly (infer D extends string)[] } ? D : never;
/** Declared minus dropped; a widened (`string`) drop list says nothing, so nothing is removed. */
type StoredLabelsOf<S> = string extends DroppedOf<S> ? LabelsOf<S> : Exclude<LabelsOf<S>, DroppedOf<S>>;
type ValuesOf<LD, L extends string> = { readonly [P in L]: P extends keyof LD ? DomainValue<LD[P]> : string };

/** The resolved metric type for a spec in a catalog with label domains `LD`. */
export type MetricOf<LD, S> = Metric<KindOf<S>, StoredLabelsOf<S>, ValuesOf<LD, StoredLabelsOf<S>>>;

export interface CatalogSpec<
  LD extends Record<string, LabelDomain>,
  MS extends Record<string, MetricSpec<MetricKind, Extract<keyof LD, string>, string>>,
> {
  /** Prometheus scrape interval of these targets; rate ranges must span at least four of them. */
  readonly scrapeInterval: Duration;
  /** Scrape targets (replicas) per label combination; multiplies every metric's series. */
  readonly instances: number;
  /** Active-series budget of the whole system (e.g. a Grafana Cloud tier). */
  readonly seriesBudget?: number;
  /** Default series budget of one metric. */
  readonly metricBudget?: number;
  /**
   * Labels the scrape configuration puts on every series of these targets besides job and
   * instance (relabeling's cluster, namespace, pod, …): every metric, and `up` and `scrape_*`,
   * carry them. One value per target, so they do not multiply the series estimate.
   */
  readonly targetLabels?: readonly string[];
  readonly labels: LD;
  readonly metrics: MS;
  readonly allow?: readonly Allow[];
}

/** All metrics of one system with their label domains. */
export interface Catalog<
  LD extends Record<string, LabelDomain> = Record<string, LabelDomain>,
  MS extends Record<string, MetricSpec<MetricKind, string, string>> = Record<string, MetricSpec>,
> {
  readonly system: string;
  readonly scrapeInterval: string;
  /** Seconds, or NaN when `scrapeInterval` is not a duration (reported by `catalog/invalid`). */
  readonly scrapeIntervalSeconds: number;
  readonly instances: number;
  readonly seriesBudget: number | undefined;
  readonly metricBudget: number | undefined;
  /** Target labels beyond job and instance (see `CatalogSpec.targetLabels`). */
  readonly targetLabels: readonly string[];
  readonly labels: LD;
  readonly metrics: { readonly [K in keyof MS]: MetricOf<LD, MS[K]> };
  /** The metrics in declaration order. */
  readonly metricList: readonly Metric[];
  readonly allow: readonly Allow[];
  readonly at: SourceLocation;
}

const SHAPE = inputShape('catalog', [
  plain('system'),
  param(
    'spec',
    objectOf<CatalogSpec<Record<string, LabelDomain>, Record<string, MetricSpec<MetricKind, string, string>>>>(
      'a catalog',
      {
        scrapeInterval: required(),
        instances: required(),
        seriesBudget: optional(),
        metricBudget: optional(),
        targetLabels: optional(),
        labels: required(mapOf()),
        metrics: required(mapOf()),
        allow: ALLOW_LIST,
      },
    ),
  ),
]);

/** Declares a system's metric catalog. Every later definition refers to these metrics. */
export function catalog<
  const LD extends Record<string, LabelDomain>,
  const MS extends Record<string, MetricSpec<MetricKind, Extract<keyof LD, string>, string>>,
>(system: string, spec: CatalogSpec<LD, MS>): Catalog<LD, MS> {
  const at = captureLocation();
  const metricList: Metric[] = [];
  const metrics: Record<string, Metric> = {};
  for (const [key, metricSpec] of Object.entries(spec.metrics ?? {})) {
    const metric = resolveMetric(system, key, metricSpec);
    metricList.push(metric);
    metrics[key] = metric;
  }
  const made: Catalog<LD, MS> = {
    system,
    scrapeInterval: spec.scrapeInterval,
    scrapeIntervalSeconds: parseDuration(spec.scrapeInterval) ?? Number.NaN,
    instances: spec.instances,
    seriesBudget: spec.seriesBudget,
    metricBudget: spec.metricBudget,
    targetLabels: spec.targetLabels ?? [],
    labels: spec.labels,
    metrics: metrics as Catalog<LD, MS>['metrics'],
    metricList,
    allow: spec.allow ?? [],
    at,
  };
  return defined(made, SHAPE, [system, spec], at);
}

function resolveMetric(system: string, key: string, spec: MetricSpec): Metric {
  const dropped = new Set<string>(spec.dropped);
  const metric: Metric = {
    system,
    key,
    kind: spec.kind,
    name:
      spec.otel === undefined
        ? key
        : prometheusNameForOtel(
            spec.otel,
            spec.kind === 'updowncounter' ? 'updowncounter' : spec.kind,
            otelUnitFor(spec.unit),
          ),
    otelName: spec.otel,
    labels: spec.labels.filter((label) => !dropped.has(label)),
    spec,
    where: (matchers) => makeSelector(metric, toMatchers(matchers)),
  };
  return metric;
}

function makeSelector(metric: Metric, matchers: readonly LabelMatcher[]): Selector {
  const selector: Selector = {
    metric,
    matchers,
    where: (more) => makeSelector(metric, [...matchers, ...toMatchers(more)]),
  };
  return selector;
}

function toMatchers(input: Readonly<Record<string, MatcherInput<string> | undefined>>): LabelMatcher[] {
  return Object.entries(input).flatMap(([label, value]) => (value === undefined ? [] : [toLabelMatcher(label, value)]));
}
