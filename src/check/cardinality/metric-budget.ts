import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';
import type { MetricEstimate } from '../../derive/cardinality-estimate.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** Prometheus instrumentation guidance: keep a metric under ~100 label combinations per target. */
const COMBINATIONS_PER_TARGET_GUIDANCE = 100;

export const metricBudgetRule: CheckRule = {
  id: 'cardinality/metric-budget',
  description: `A metric exceeds its series budget (error), or has more than ${COMBINATIONS_PER_TARGET_GUIDANCE} label combinations per target (warning).`,
  check({ cardinality }) {
    const findings: RuleFinding[] = [];
    for (const system of cardinality.systems) {
      for (const estimate of system.metrics) {
        if (!Number.isFinite(estimate.series)) continue; // cardinality/unbounded-label reports it
        const allowedBy = [subjectOf.metric(estimate.metric), subjectOf.catalog(system.system.name)];
        const base = {
          rule: this.id,
          subject: subjectOf.metric(estimate.metric),
          at: estimate.metric.spec.at,
          allowedBy,
        };
        if (estimate.budget !== undefined && estimate.series > estimate.budget) {
          findings.push({
            ...base,
            severity: 'error',
            message: `${estimate.metric.name} is estimated at ${groupedNumber(estimate.series)} series, over its budget of ${groupedNumber(estimate.budget)} (${breakdown(estimate)}).`,
            hint: `Shrink the largest label (${largestLabel(estimate)}), drop a label at the collector, or raise budget with a reason.`,
          });
        } else if (estimate.combinations > COMBINATIONS_PER_TARGET_GUIDANCE) {
          findings.push({
            ...base,
            severity: 'warning',
            message: `${estimate.metric.name} has ${groupedNumber(estimate.combinations)} label combinations per target, above the ${COMBINATIONS_PER_TARGET_GUIDANCE} the Prometheus instrumentation guidance suggests (${breakdown(estimate)}).`,
            hint: `Remove or coarsen ${largestLabel(estimate)}, declare the real number with combinations: { max, why } when labels are correlated, or allow it with a reason.`,
          });
        }
      }
    }
    return findings;
  },
};

function breakdown(estimate: MetricEstimate): string {
  const labels = estimate.labels.filter((l) => !l.dropped).map((l) => `${l.label}=${l.values}`);
  const combos = estimate.combinationsDeclared
    ? `${estimate.combinations} declared combinations`
    : labels.length > 0
      ? labels.join(' × ')
      : '1 combination';
  return `${combos} × ${estimate.typeFactor} series per combination × ${estimate.instances} instances`;
}

function largestLabel(estimate: MetricEstimate): string {
  const stored = estimate.labels.filter((l) => !l.dropped).sort((a, b) => b.values - a.values);
  return stored[0]?.label ?? 'a label';
}
