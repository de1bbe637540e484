import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const unboundedLabelRule: CheckRule = {
  id: 'cardinality/unbounded-label',
  description: 'A label with an unbounded domain reaches Prometheus: every new value is a new series.',
  check({ cardinality }) {
    const findings: RuleFinding[] = [];
    for (const system of cardinality.systems) {
      for (const estimate of system.metrics) {
        for (const label of estimate.labels) {
          if (label.domain !== 'unbounded' || label.dropped) continue;
          const domain = system.system.catalog.labels[label.label];
          findings.push({
            rule: this.id,
            severity: 'error',
            message: `Label ${label.label} is unbounded (${domain?.kind === 'unbounded' ? domain.why : 'no bound'}) and reaches Prometheus on ${estimate.metric.name}.`,
            subject: subjectOf.metricLabel(estimate.metric, label.label),
            at: domain?.at ?? estimate.metric.spec.at,
            hint: `Drop it before storage (drop: { ${label.label}: 'collector' } on ${estimate.metric.key}) and keep it on traces and logs, or give it a bounded domain.`,
            allowedBy: [subjectOf.metric(estimate.metric), subjectOf.catalog(system.system.name)],
          });
        }
      }
    }
    return findings;
  },
};
