import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

/** Name endings that describe a computation over counts rather than the counts themselves. */
const DERIVED = [/_rate$/, /_per_(second|minute|hour)$/, /(^|_)(avg|average|mean)(_|$)/];

export const derivedMetricRule: CheckRule = {
  id: 'naming/derived-metric',
  description: 'Rates, ratios and averages are computed in PromQL from counters, not instrumented.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      if (!DERIVED.some((pattern) => pattern.test(metric.name))) continue;
      // A histogram or counter of a rate cannot be aggregated into anything meaningful.
      const severity = metric.kind === 'gauge' || metric.kind === 'updowncounter' ? 'warning' : 'error';
      findings.push({
        rule: this.id,
        severity,
        message: `${metric.name} (${metric.kind}) instruments a derived value; rates and averages over it cannot be aggregated correctly across instances or time.`,
        hint: 'Instrument the underlying counters (e.g. *_total{outcome="success|failure"}, or *_sum/*_count via a histogram) and derive the value with a recording rule.',
        subject: subjectOf.metric(metric),
        at: metric.spec.at,
        allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
      });
    }
    return findings;
  },
};
