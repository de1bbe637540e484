import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const otelTranslationRule: CheckRule = {
  id: 'naming/otel-translation',
  description: 'A metric declared with an OTel instrument name is keyed by the series name Prometheus stores for it.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      if (metric.otelName === undefined || metric.key === metric.name) continue;
      findings.push({
        rule: this.id,
        severity: 'warning',
        message: `${metric.key} is the OTel instrument ${metric.otelName}, which Prometheus stores as ${metric.name}.`,
        hint: `Rename the key to ${metric.name} so definitions read like the queries people type.`,
        subject: subjectOf.metric(metric),
        at: metric.spec.at,
        allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
      });
    }
    return findings;
  },
};
