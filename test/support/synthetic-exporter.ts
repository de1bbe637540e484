import { renderLabels as render, syntheticLabelSets } from '../../src/live/synthetic-series.ts';
import type { Catalog } from '../../src/model/catalog.ts';
import { DEFAULT_BUCKETS } from '../../src/model/metric-spec.ts';

/**
 * Prometheus text exposition of every metric of a catalog, with values that move over time
 * (counters grow, histograms fill their buckets), so rate(), increase() and
 * histogram_quantile() over the scraped series return data. Label values come from the
 * label domains: every value of a oneOf label appears in at least one series; bounded and
 * unbounded labels get the values the queries select (src/live/selected-label-values.ts) and three
 * made-up ones.
 */
export function exposition(
  catalog: Catalog,
  elapsedSeconds: number,
  selected: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): string {
  const lines: string[] = [];
  for (const metric of catalog.metricList) {
    const rows = syntheticLabelSets(catalog, metric, selected);
    const type = metric.kind === 'updowncounter' ? 'gauge' : metric.kind;
    lines.push(`# TYPE ${metric.name} ${type}`);
    rows.forEach((labels, row) => {
      const rate = 1 + row;
      switch (metric.kind) {
        case 'counter':
          lines.push(`${metric.name}${render(labels)} ${(rate * elapsedSeconds).toFixed(3)}`);
          break;
        case 'gauge':
        case 'updowncounter':
          lines.push(
            `${metric.name}${render(labels)} ${(0.5 + row + Math.sin(elapsedSeconds / 10) * 0.25).toFixed(3)}`,
          );
          break;
        case 'histogram': {
          const buckets = metric.spec.buckets ?? DEFAULT_BUCKETS;
          const count = rate * elapsedSeconds;
          // Observations spread evenly over the buckets, so every quantile lands inside.
          buckets.forEach((bound, i) =>
            lines.push(
              `${metric.name}_bucket${render({ ...labels, le: String(bound) })} ${((count * (i + 1)) / (buckets.length + 1)).toFixed(3)}`,
            ),
          );
          lines.push(`${metric.name}_bucket${render({ ...labels, le: '+Inf' })} ${count.toFixed(3)}`);
          lines.push(
            `${metric.name}_sum${render(labels)} ${(count * (buckets[Math.floor(buckets.length / 2)] ?? 1)).toFixed(3)}`,
          );
          lines.push(`${metric.name}_count${render(labels)} ${count.toFixed(3)}`);
          break;
        }
        case 'summary': {
          for (const q of metric.spec.quantiles ?? [0.5, 0.9, 0.99])
            lines.push(`${metric.name}${render({ ...labels, quantile: String(q) })} ${(q * 2).toFixed(3)}`);
          lines.push(`${metric.name}_sum${render(labels)} ${(rate * elapsedSeconds).toFixed(3)}`);
          lines.push(`${metric.name}_count${render(labels)} ${(rate * elapsedSeconds * 2).toFixed(3)}`);
          break;
        }
      }
    });
  }
  return `${lines.join('\n')}\n`;
}
