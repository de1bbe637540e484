import { prometheusPipelines } from '../../otel/collector-pipelines.ts';
import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const dropAppliedRule: CheckRule = {
  id: 'cardinality/drop-not-applied',
  description:
    'A label dropped at the collector, in a system whose collector has no metrics pipeline to Prometheus where obsgen could drop it: the estimate would not hold.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      const dropped = Object.entries(metric.spec.drop)
        .filter(([, stage]) => stage === 'collector')
        .map(([label]) => label);
      if (dropped.length === 0) continue;
      const pipelines = prometheusPipelines(system);
      if (pipelines.length > 0) continue;
      findings.push({
        rule: this.id,
        severity: 'error',
        message: `${metric.name} drops ${dropped.join(', ')} at the collector, but ${system.collector === undefined ? `${system.name} has no collector` : `no metrics pipeline of ${system.name}'s collector exports to prometheus or prometheusremotewrite`}, so the labels reach Prometheus.`,
        hint:
          system.collector === undefined
            ? 'Define the collector (system({ collector })), or drop the label in the instrumentation.'
            : 'Route the metrics pipeline to a prometheus or prometheusremotewrite exporter; obsgen adds the drop processor to it.',
        subject: subjectOf.metric(metric),
        at: metric.spec.at,
        allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
      });
    }
    return findings;
  },
};
