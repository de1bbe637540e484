import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const missingHelpRule: CheckRule = {
  id: 'catalog/missing-help',
  description: 'Every metric has HELP text; it is what a person sees next to the series.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      if (metric.spec.help !== undefined) continue;
      findings.push({
        rule: this.id,
        severity: 'warning',
        message: `${metric.name} has no help text.`,
        hint: "Add help: 'One sentence on what is counted or measured.'",
        subject: subjectOf.metric(metric),
        at: metric.spec.at,
        allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
      });
    }
    return findings;
  },
};
