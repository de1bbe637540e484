import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const undeclaredLabelRule: CheckRule = {
  id: 'catalog/undeclared-label',
  description: "A metric uses a label that is not in its catalog's labels, so its domain (and cardinality) is unknown.",
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      for (const label of metric.spec.labels) {
        if (Object.hasOwn(system.catalog.labels, label)) continue;
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `${metric.name} uses label ${label}, which ${system.name}'s catalog does not declare.`,
          hint: `Declare ${label} under labels with oneOf(...), bounded(n, why) or unbounded(why).`,
          subject: subjectOf.metricLabel(metric, label),
          at: metric.spec.at,
          allowedBy: [],
        });
      }
    }
    return findings;
  },
};
