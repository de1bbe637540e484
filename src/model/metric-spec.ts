import { defined } from './input/definition-input.ts';
import { inputShape, mapOf, objectOf, optional, param, required, type FieldsOf } from './input/shape.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import type { Unit } from './unit.ts';

export type MetricKind = 'counter' | 'gauge' | 'histogram' | 'summary' | 'updowncounter';

/** Where a label is removed before storage; the drop must exist in that stage's generated config. */
export type DropStage = 'collector';

/** CloudWatch EMF export of a metric: namespace and the dimension sets it is published with. */
export interface CloudWatchExport<L extends string = string> {
  readonly namespace: string;
  readonly dimensions: readonly (readonly L[])[];
}

/** Options every metric kind accepts. `L` are the declared label names, `D` the dropped ones. */
export interface MetricOptions<L extends string, D extends L> {
  /** HELP text, one sentence. */
  readonly help?: string;
  readonly labels?: readonly L[];
  /** Unit as a Prometheus name suffix spells it (`seconds`, `bytes`, `ratio`, …). */
  readonly unit?: Unit;
  /**
   * The OpenTelemetry instrument name. When set, the Prometheus name is derived the way the
   * OTel Prometheus exporters derive it (unit suffix, `_total`); when absent, the catalog key
   * is the exposition name as a Prometheus client library exposes it.
   */
  readonly otel?: string;
  /** Labels removed before storage, e.g. `{ tracking_id: 'collector' }`. */
  readonly drop?: { readonly [P in D]: DropStage };
  /** Largest number of series this metric may have (`cardinality/metric-budget`). */
  readonly budget?: number;
  /**
   * For correlated labels (an endpoint belongs to one service), the real number of label-value
   * combinations, with the argument; the estimate uses it instead of the plain product.
   */
  readonly combinations?: { readonly max: number; readonly why: string };
  /** Scrape targets that expose this metric, when fewer than the catalog's `instances`. */
  readonly instances?: number;
  readonly cloudwatch?: CloudWatchExport<Exclude<L, D>>;
  readonly allow?: readonly Allow[];
}

export interface HistogramOptions<L extends string, D extends L> extends MetricOptions<L, D> {
  /** Upper bounds, strictly increasing; `+Inf` is implicit. */
  readonly buckets: readonly number[];
}

export interface SummaryOptions<L extends string, D extends L> extends MetricOptions<L, D> {
  /** Quantile objectives in [0, 1] (Go exposes 0 and 1 as min and max). */
  readonly quantiles: readonly number[];
}

/** A metric as declared, before it is resolved into a catalog. */
export interface MetricSpec<K extends MetricKind = MetricKind, L extends string = string, D extends string = string> {
  readonly kind: K;
  readonly labels: readonly L[];
  readonly drop: { readonly [P in D]?: DropStage };
  /** The keys of `drop`; kept as an array so the dropped label names infer exactly. */
  readonly dropped: readonly D[];
  readonly help?: string;
  readonly unit?: Unit;
  readonly otel?: string;
  readonly budget?: number;
  readonly combinations?: { readonly max: number; readonly why: string };
  readonly instances?: number;
  readonly cloudwatch?: CloudWatchExport;
  readonly buckets?: readonly number[];
  readonly quantiles?: readonly number[];
  readonly allow: readonly Allow[];
  readonly at: SourceLocation;
}

const metricFields: FieldsOf<MetricOptions<string, string>> = {
  help: optional(),
  labels: optional(),
  unit: optional(),
  otel: optional(),
  drop: optional(mapOf()),
  budget: optional(),
  combinations: optional(
    objectOf<{ max: number; why: string }>('a combinations cap', { max: required(), why: required() }),
  ),
  instances: optional(),
  cloudwatch: optional(
    objectOf<CloudWatchExport>('a CloudWatch export', { namespace: required(), dimensions: required() }),
  ),
  allow: ALLOW_LIST,
};
const metricShape = (constructor: string) =>
  inputShape(constructor, [param('options', objectOf<MetricOptions<string, string>>('a metric', metricFields))]);
const SHAPES = {
  counter: metricShape('counter'),
  gauge: metricShape('gauge'),
  updowncounter: metricShape('upDownCounter'),
  histogram: inputShape('histogram', [
    param(
      'options',
      objectOf<HistogramOptions<string, string>>('a histogram', { ...metricFields, buckets: required() }),
    ),
  ]),
  summary: inputShape('summary', [
    param('options', objectOf<SummaryOptions<string, string>>('a summary', { ...metricFields, quantiles: required() })),
  ]),
} as const;

function spec<K extends MetricKind, L extends string, D extends L>(
  kind: K,
  options: MetricOptions<L, D> & { readonly buckets?: readonly number[]; readonly quantiles?: readonly number[] },
): MetricSpec<K, L, D> {
  const at = captureLocation();
  const made: MetricSpec<K, L, D> = {
    ...options,
    kind,
    labels: options.labels ?? [],
    drop: options.drop ?? ({} as { readonly [P in D]?: DropStage }),
    dropped: Object.keys(options.drop ?? {}) as D[],
    allow: options.allow ?? [],
    at,
  };
  return defined(made, SHAPES[kind], [options], at);
}

/** A monotonic counter. Prometheus clients expose it with `_total`. */
export function counter<const L extends string = never, const D extends L = never>(
  options: MetricOptions<L, D> = {},
): MetricSpec<'counter', NoInfer<L>, NoInfer<D>> {
  return spec('counter', options);
}

/** A value that goes up and down. */
export function gauge<const L extends string = never, const D extends L = never>(
  options: MetricOptions<L, D> = {},
): MetricSpec<'gauge', NoInfer<L>, NoInfer<D>> {
  return spec('gauge', options);
}

/** An OpenTelemetry UpDownCounter; Prometheus stores it as a gauge. */
export function upDownCounter<const L extends string = never, const D extends L = never>(
  options: MetricOptions<L, D> = {},
): MetricSpec<'updowncounter', NoInfer<L>, NoInfer<D>> {
  return spec('updowncounter', options);
}

/** A classic histogram: `_bucket{le}`, `_sum`, `_count`. */
export function histogram<const L extends string = never, const D extends L = never>(
  options: HistogramOptions<L, D>,
): MetricSpec<'histogram', NoInfer<L>, NoInfer<D>> {
  return spec('histogram', options);
}

/** A summary: `{quantile}`, `_sum`, `_count`. Quantiles cannot be aggregated across series. */
export function summary<const L extends string = never, const D extends L = never>(
  options: SummaryOptions<L, D>,
): MetricSpec<'summary', NoInfer<L>, NoInfer<D>> {
  return spec('summary', options);
}

/** Prometheus client libraries' default buckets (seconds). */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
