import type { MetricKind } from '../model/metric-spec.ts';

/*
 * What a live Prometheus holds for some metrics, measured (not pulled whole): per metric family
 * its type and help from the metadata API, its series count, and per label the number of values
 * (with the values themselves when there are few). Pure data, so writing a catalog from it and
 * comparing a catalog with it are pure functions.
 */

/** One label of a family: how many values its series carry, and which when they are few. */
export interface LiveLabel {
  readonly distinct: number;
  /** Sorted; undefined when there were more than the measurement fetches (see `valuesCap`). */
  readonly values: readonly string[] | undefined;
}

/** A family as Prometheus stores it: a counter, a gauge, or the _bucket/_sum/_count series of a histogram. */
export interface LiveMetric {
  /** The family's name as a catalog names it: the counter's series with _total, the histogram's stem. */
  readonly name: string;
  /** From the metadata API; undefined when no scrape reported it (a recording, a federated series). */
  readonly kind: MetricKind | 'unknown' | undefined;
  readonly help: string | undefined;
  readonly unit: string | undefined;
  /** Series of the whole family in the window (every bucket of a histogram counted). */
  readonly series: number;
  /** Distinct combinations of its own labels (not the target's, le or quantile): what a combinations cap bounds. */
  readonly combinations: number;
  /** Its labels, le and quantile included, __name__ not. */
  readonly labels: ReadonlyMap<string, LiveLabel>;
}

export interface LiveSnapshot {
  /** The server, for the notes a written catalog carries (never its credentials). */
  readonly source: string;
  /** Unix seconds at the end of the window. */
  readonly time: number;
  readonly windowSeconds: number;
  /** Label values fetched only up to this many per label. */
  readonly valuesCap: number;
  readonly metrics: readonly LiveMetric[];
  /** The targets' scrape interval when the targets API says it (the most common one), in seconds. */
  readonly scrapeIntervalSeconds: number | undefined;
}

/**
 * Series Prometheus makes itself — for every target, and for every alert its rules raise (with
 * the alert expression's labels, so a system's job among them); no service emits them and no
 * catalog declares them.
 */
export const PROMETHEUS_OWN_SERIES: ReadonlySet<string> = new Set([
  'ALERTS',
  'ALERTS_FOR_STATE',
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'scrape_timeout_seconds',
  'scrape_sample_limit',
  'scrape_body_size_bytes',
]);

/** The series names a metric family stores in Prometheus, the one carrying every label first. */
export function familySeriesNames(name: string, kind: MetricKind | 'unknown' | undefined): string[] {
  if (kind === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (kind === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

/** Labels Prometheus attaches from the target, not the service: the catalog counts them as instances. */
const TARGET_LABELS: readonly string[] = ['job', 'instance'];

/**
 * A family's own labels, sorted: not the target's (job, instance and a catalog's `targetLabels`),
 * nor the le and quantile of its histogram or summary series.
 */
export function ownLabels(labels: Iterable<string>, targetLabels: readonly string[] = []): string[] {
  const notOwn = new Set([...TARGET_LABELS, ...targetLabels, 'le', 'quantile']);
  return [...labels].filter((label) => !notOwn.has(label)).sort();
}
