import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

/** The OpenTelemetry SDK's default explicit bucket bounds, designed for milliseconds. */
const OTEL_DEFAULT_BOUNDS = new Set([0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]);

/** Millisecond-scaled: mostly the SDK defaults, or 5 s and up to beyond 1000 s with nothing finer. */
function looksLikeMilliseconds(bounds: readonly number[]): boolean {
  const positive = bounds.filter((bound) => bound > 0);
  if (positive.length === 0) return false;
  const defaults = bounds.filter((bound) => OTEL_DEFAULT_BOUNDS.has(bound)).length;
  return defaults >= 5 || (Math.min(...positive) >= 5 && Math.max(...positive) >= 1000);
}

export const bucketScaleRule: CheckRule = {
  id: 'catalog/bucket-scale',
  description:
    "A histogram's buckets do not fit its unit (millisecond-scaled bounds on a seconds histogram, such as the OTel SDK defaults).",
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      if (metric.kind !== 'histogram' || metric.spec.unit !== 'seconds') continue;
      const buckets = metric.spec.buckets ?? [];
      if (!looksLikeMilliseconds(buckets)) continue;
      const smallest = Math.min(...buckets.filter((bound) => bound > 0));
      findings.push({
        rule: this.id,
        severity: 'error',
        message: `${metric.name} measures seconds but its smallest bucket is ${smallest}; every faster observation lands in the first bucket and quantiles below ${smallest} s cannot be told apart.`,
        hint: 'The OTel SDK default bounds (0, 5, 10, 25 … 10000) are for milliseconds: set explicit buckets in seconds with a view, e.g. [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10].',
        subject: subjectOf.metric(metric),
        at: metric.spec.at,
        allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
      });
    }
    return findings;
  },
};
