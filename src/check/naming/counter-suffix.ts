import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const counterSuffixRule: CheckRule = {
  id: 'naming/counter-suffix',
  description: 'Counters end in _total; nothing else does.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      const base = {
        rule: this.id,
        severity: 'error' as const,
        subject: subjectOf.metric(metric),
        at: metric.spec.at,
        allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
      };
      const endsInTotal = metric.name.endsWith('_total');
      if (metric.kind === 'counter' && !endsInTotal) {
        const isUptime = /(^|_)uptime(_|$)/.test(metric.name);
        findings.push({
          ...base,
          message: `Counter ${metric.name} does not end in _total.`,
          hint: isUptime
            ? 'Uptime is not a count of events: expose a gauge *_start_time_seconds (Unix time) and compute time() - it.'
            : `Name it ${metric.name}_total (prometheus_client adds the suffix itself; declare the exposed name).`,
        });
      } else if (metric.kind !== 'counter' && endsInTotal) {
        findings.push({
          ...base,
          message: `${metric.name} ends in _total but is declared as a ${metric.kind}.`,
          hint: 'If it only ever increases, declare a counter and record increments; otherwise remove _total from the name.',
        });
      }
    }
    return findings;
  },
};
