import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const unusedLabelRule: CheckRule = {
  id: 'catalog/unused-label',
  description: 'A declared label that no metric uses is dead weight in the catalog.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const system of project.systems) {
      const used = new Set(system.catalog.metricList.flatMap((metric) => metric.spec.labels));
      for (const [label, domain] of Object.entries(system.catalog.labels)) {
        if (used.has(label)) continue;
        findings.push({
          rule: this.id,
          severity: 'warning',
          message: `Label ${label} is declared but no metric of ${system.name} uses it.`,
          hint: 'Remove it, or add it to the metrics that carry it.',
          subject: subjectOf.label(system.name, label),
          at: domain.at,
          allowedBy: [subjectOf.catalog(system.name)],
        });
      }
    }
    return findings;
  },
};
