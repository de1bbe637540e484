import type { Metric } from '../../model/catalog.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { sloFinding } from './slo-entries.ts';

export const sloThresholdNotABucketRule: CheckRule = {
  id: 'slo/threshold-not-a-bucket',
  description: "A latency SLI's threshold is not a bucket bound of its histogram, so good events cannot be counted.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      const sli = plan.slo.sli;
      if (sli.kind !== 'latency') continue;
      const source = sli.histogram as unknown as Metric | { readonly metric: Metric };
      const metric = 'metric' in source ? source.metric : source;
      const buckets = metric.spec.buckets ?? [];
      if (buckets.includes(sli.threshold)) continue;
      const nearest = [...buckets].sort((a, b) => Math.abs(a - sli.threshold) - Math.abs(b - sli.threshold))[0];
      findings.push(
        sloFinding(
          this.id,
          plan,
          'error',
          `${plan.slo.name}: the threshold ${sli.threshold} s is not a bucket of ${metric.name} (buckets: ${buckets.join(', ')}); le="${sli.threshold}" matches no series.`,
          `Add ${sli.threshold} to the histogram's buckets, or use the nearest bound${nearest === undefined ? '' : ` (${nearest})`}.`,
        ),
      );
    }
    return findings;
  },
};
