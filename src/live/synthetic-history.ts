import type { Catalog, Metric } from '../model/catalog.ts';
import { DEFAULT_BUCKETS } from '../model/metric-spec.ts';
import { renderLabels, syntheticLabelSets } from './synthetic-series.ts';

/** An incident planted in synthetic history: errors, latency and gauges jump for its duration. */
export interface PlantedIncident {
  readonly start: number;
  readonly end: number;
}

/** What a synthetic history covers and how densely. */
export interface SyntheticRange {
  /** Unix seconds of the first and last sample. */
  readonly start: number;
  readonly end: number;
  readonly stepSeconds: number;
}

/** Label values that read as failures: their counters carry a small share, and most of an incident. */
const FAILURE =
  /^(5\d\d|5xx|4\d\d|4xx|errors?|fail(ed|ure)?|timeout|timed_out|denied|rejected|unavailable|cancel(l)?ed)$/i;

/**
 * Two incidents at fixed points of the range (40 % in, 20 minutes; 75 % in, 5 minutes): long
 * enough for `for` to pass and a burn-rate page to fire, short enough to show flapping.
 */
export function plantedIncidents(range: SyntheticRange): PlantedIncident[] {
  const at = (share: number) =>
    Math.floor((range.start + share * (range.end - range.start)) / range.stepSeconds) * range.stepSeconds;
  return [
    { start: at(0.4), end: at(0.4) + 1200 },
    { start: at(0.75), end: at(0.75) + 300 },
  ];
}

/**
 * A catalog's metrics over the range as OpenMetrics (what `promtool tsdb create-blocks-from
 * openmetrics` backfills): every series of `syntheticLabelSets` with `job` (the system) and
 * `instance` labels, plus `up`. Shapes follow the kind — counters grow at a per-series rate that
 * follows a daily pattern, with failure-valued series (code 5xx, outcome failed, …) at 1 % that
 * jump ×30 during a planted incident; gauges wander around a per-series level and jump ×4;
 * histograms fill their buckets and shift towards the slow ones during an incident; `up` drops to
 * 0 on one instance during the second. Deterministic: the same catalog and range give the same text.
 */
export function syntheticHistory(
  catalogs: readonly Catalog[],
  range: SyntheticRange,
  selected: ReadonlyMap<string, ReadonlySet<string>>,
  /** Per gauge: the highest threshold an alert compares it with; an incident takes it over (×1.5). */
  thresholds: ReadonlyMap<string, number> = new Map(),
  incidents: readonly PlantedIncident[] = plantedIncidents(range),
): string {
  // OpenMetrics allows a family once: systems sharing a metric name share its block.
  const families = new Map<string, { type: string; lines: string[] }>();
  for (const catalog of catalogs) syntheticFamilies(catalog, range, selected, thresholds, incidents, families);
  const out: string[] = [];
  // Joined per family: a spread of a family's lines would overflow the stack on a week of samples.
  for (const [name, family] of families) out.push(`# TYPE ${name} ${family.type}`, family.lines.join('\n'));
  return `${out.join('\n')}\n# EOF\n`;
}

function syntheticFamilies(
  catalog: Catalog,
  range: SyntheticRange,
  selected: ReadonlyMap<string, ReadonlySet<string>>,
  thresholds: ReadonlyMap<string, number>,
  incidents: readonly PlantedIncident[],
  families: Map<string, { type: string; lines: string[] }>,
): void {
  const times: number[] = [];
  for (let t = range.start; t <= range.end; t += range.stepSeconds) times.push(t);
  const during = times.map((t) => incidents.findIndex((i) => t >= i.start && t < i.end));
  const daily = times.map((t) => 1 + 0.6 * Math.sin((2 * Math.PI * (t % 86_400)) / 86_400 - Math.PI / 2));
  const instances = Array.from(
    { length: Math.max(1, Math.min(catalog.instances, 2)) },
    (_, i) => `${catalog.system}-${i + 1}:9100`,
  );
  const target = (row: number) => ({ job: catalog.system, instance: instances[row % instances.length]! });
  const suffixes = times.map((t) => ` ${t}`);
  let out: string[] = [];
  const family = (name: string, type: string) => {
    const existing = families.get(name) ?? { type, lines: [] };
    families.set(name, existing);
    out = existing.lines;
  };
  const emit = (name: string, labels: Readonly<Record<string, string>>, values: readonly number[]) => {
    const prefix = `${name}${renderLabels(labels)} `;
    for (let i = 0; i < times.length; i++) out.push(prefix + round(values[i]!) + suffixes[i]!);
  };
  family('up', 'gauge');
  instances.forEach((instance, index) =>
    emit(
      'up',
      { job: catalog.system, instance },
      during.map((incident) => (index === 0 && incident === 1 ? 0 : 1)),
    ),
  );
  for (const metric of catalog.metricList) {
    if (metric.name === 'up') continue;
    const rows = syntheticLabelSets(catalog, metric, selected);
    family(metric.name, metric.kind === 'updowncounter' ? 'gauge' : metric.kind);
    rows.forEach((row, index) => {
      const labels = { ...row, ...target(index) };
      const random = seeded(`${metric.name}${renderLabels(labels)}`);
      const base = 1 + 9 * random();
      const failing = Object.values(row).some((value) => FAILURE.test(value));
      const perSecond = times.map(
        (_, i) => base * daily[i]! * (failing ? (during[i]! >= 0 ? 1 : 0.01) : 1) * (0.9 + 0.2 * random()),
      );
      switch (metric.kind) {
        case 'counter':
          emit(metric.name, labels, cumulative(perSecond, range.stepSeconds));
          break;
        case 'gauge':
        case 'updowncounter':
          emit(metric.name, labels, gaugeValues(metric, base, daily, during, random, thresholds.get(metric.name)));
          break;
        case 'histogram':
          histogram(metric, labels, perSecond, during, range.stepSeconds, emit);
          break;
        case 'summary': {
          const quantiles = metric.spec.quantiles ?? [0.5, 0.9, 0.99];
          for (const q of quantiles)
            emit(
              metric.name,
              { ...labels, quantile: String(q) },
              during.map((incident) => q * (incident >= 0 ? 5 : 1)),
            );
          const count = cumulative(perSecond, range.stepSeconds);
          emit(
            `${metric.name}_sum`,
            labels,
            count.map((c) => c * 0.2),
          );
          emit(`${metric.name}_count`, labels, count);
          break;
        }
      }
    });
  }
}

function gaugeValues(
  metric: Metric,
  base: number,
  daily: readonly number[],
  during: readonly number[],
  random: () => number,
  threshold: number | undefined,
): number[] {
  // A ratio stays within [0, 1]; other gauges around their level, below what alerts compare them with.
  const ratio = metric.spec.unit === 'ratio' || metric.spec.unit === 'percent' || /_ratio$/.test(metric.name);
  const level = threshold === undefined ? base : Math.min(base, threshold / 4);
  return daily.map((d, i) => {
    const incident = during[i]! >= 0;
    if (ratio) return Math.min(1, (incident ? 0.95 : 0.3 + 0.2 * d) + 0.02 * random());
    const high = Math.max(level * 4, (threshold ?? 0) * 1.5);
    return (incident ? high : level * d) * (0.95 + 0.1 * random());
  });
}

function histogram(
  metric: Metric,
  labels: Readonly<Record<string, string>>,
  perSecond: readonly number[],
  during: readonly number[],
  step: number,
  emit: (name: string, labels: Readonly<Record<string, string>>, values: readonly number[]) => void,
): void {
  const bounds = metric.spec.buckets ?? DEFAULT_BUCKETS;
  // Observations per step split over the buckets: evenly, or skewed to the slow end in an incident.
  const share = (i: number, incident: boolean) => ((i + 1) / (bounds.length + 1)) ** (incident ? 3 : 1);
  const totals = new Array<number>(bounds.length + 1).fill(0);
  const bucketValues: number[][] = totals.map(() => []);
  const sums: number[] = [];
  let sum = 0;
  perSecond.forEach((rate, t) => {
    const observed = t === 0 ? 0 : rate * step;
    const incident = during[t]! >= 0;
    bounds.forEach((bound, i) => {
      totals[i]! += observed * share(i, incident);
      bucketValues[i]!.push(totals[i]!);
    });
    totals[bounds.length]! += observed;
    bucketValues[bounds.length]!.push(totals[bounds.length]!);
    sum += observed * (bounds[Math.floor(bounds.length / 2)] ?? 1) * (incident ? 3 : 1);
    sums.push(sum);
  });
  bounds.forEach((bound, i) => emit(`${metric.name}_bucket`, { ...labels, le: String(bound) }, bucketValues[i]!));
  emit(`${metric.name}_bucket`, { ...labels, le: '+Inf' }, bucketValues[bounds.length]!);
  emit(`${metric.name}_sum`, labels, sums);
  emit(`${metric.name}_count`, labels, bucketValues[bounds.length]!);
}

function cumulative(perSecond: readonly number[], step: number): number[] {
  let total = 0;
  return perSecond.map((rate, i) => (i === 0 ? 0 : (total += rate * step)));
}

const round = (value: number): string => String(Math.round(value * 1000) / 1000);

/** A small deterministic generator per series (mulberry32 on a string hash): the same text every run. */
function seeded(key: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < key.length; i++) state = Math.imul(state ^ key.charCodeAt(i), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let r = Math.imul(state ^ (state >>> 15), 1 | state);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
