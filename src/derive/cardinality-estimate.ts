import { domainSize, type LabelDomain } from '../model/label-domain.ts';
import type { Metric } from '../model/catalog.ts';
import type { SourceLocation } from '../model/source-location.ts';
import type { Project, System } from '../model/system.ts';

interface LabelCount {
  readonly label: string;
  readonly domain: LabelDomain['kind'] | 'undeclared';
  /** Distinct values; Infinity for unbounded. */
  readonly values: number;
  readonly dropped: boolean;
}

export interface MetricEstimate {
  readonly metric: Metric;
  readonly labels: readonly LabelCount[];
  /** Label-value combinations per target (declared `combinations` when smaller than the product). */
  readonly combinations: number;
  readonly combinationsDeclared: boolean;
  /** Series per label combination: 1, or buckets + `+Inf` + `_sum` + `_count`, or quantiles + 2. */
  readonly typeFactor: number;
  readonly instances: number;
  /** combinations × typeFactor × instances; Infinity when an unbounded label reaches storage. */
  readonly series: number;
  readonly budget: number | undefined;
}

/**
 * Series that something other than a catalog metric adds to a system — recording rules, SLO
 * windows. Compilers of later targets contribute these; the estimate only sums them.
 */
export interface SeriesContribution {
  readonly system: string;
  readonly subject: string;
  /** The series name (e.g. the recording rule's `record`). */
  readonly name: string;
  readonly source: string;
  readonly series: number;
  readonly at: SourceLocation;
}

export interface SystemEstimate {
  readonly system: System;
  readonly metrics: readonly MetricEstimate[];
  readonly contributions: readonly SeriesContribution[];
  /** Finite total; metrics with unbounded labels are excluded and listed in `unboundedMetrics`. */
  readonly series: number;
  readonly unboundedMetrics: readonly string[];
  readonly budget: number | undefined;
}

export interface CardinalityEstimate {
  readonly systems: readonly SystemEstimate[];
  readonly series: number;
}

export function estimateCardinality(
  project: Project,
  contributions: readonly SeriesContribution[] = [],
): CardinalityEstimate {
  const bySystem = new Map<string, SeriesContribution[]>();
  for (const contribution of contributions) {
    const list = bySystem.get(contribution.system);
    if (list === undefined) bySystem.set(contribution.system, [contribution]);
    else list.push(contribution);
  }
  const systems = project.systems.map((system) => estimateSystem(system, bySystem.get(system.name) ?? []));
  return { systems, series: systems.reduce((sum, s) => sum + s.series, 0) };
}

function estimateSystem(system: System, contributions: readonly SeriesContribution[]): SystemEstimate {
  const metrics = system.catalog.metricList.map((metric) => estimateMetric(system, metric));
  const finite = metrics.filter((m) => Number.isFinite(m.series));
  const series = finite.reduce((sum, m) => sum + m.series, 0) + contributions.reduce((sum, c) => sum + c.series, 0);
  return {
    system,
    metrics,
    contributions,
    series,
    unboundedMetrics: metrics.filter((m) => !Number.isFinite(m.series)).map((m) => m.metric.name),
    budget: system.catalog.seriesBudget,
  };
}

export function estimateMetric(system: System, metric: Metric): MetricEstimate {
  const domains: Readonly<Record<string, LabelDomain>> = system.catalog.labels;
  const dropped = new Set<string>(metric.spec.dropped);
  const labels: LabelCount[] = metric.spec.labels.map((label) => {
    const domain = Object.hasOwn(domains, label) ? domains[label] : undefined;
    return {
      label,
      domain: domain?.kind ?? 'undeclared',
      // An undeclared label is reported by catalog/undeclared-label; count it as one value here.
      values: domain === undefined ? 1 : domainSize(domain),
      dropped: dropped.has(label),
    };
  });
  const product = labels.filter((l) => !l.dropped).reduce((acc, l) => acc * l.values, 1);
  const declared = metric.spec.combinations?.max;
  const combinationsDeclared = declared !== undefined && declared < product;
  const combinations = combinationsDeclared ? declared : product;
  const typeFactor = typeFactorOf(metric);
  const instances = metric.spec.instances ?? system.catalog.instances;
  return {
    metric,
    labels,
    combinations,
    combinationsDeclared,
    typeFactor,
    instances,
    series: combinations * typeFactor * instances,
    budget: metric.spec.budget ?? system.catalog.metricBudget,
  };
}

function typeFactorOf(metric: Metric): number {
  switch (metric.kind) {
    case 'histogram': {
      const finiteBuckets = (metric.spec.buckets ?? []).filter((b) => Number.isFinite(b)).length;
      return finiteBuckets + 1 + 2;
    }
    case 'summary':
      return (metric.spec.quantiles ?? []).length + 2;
    default:
      return 1;
  }
}
