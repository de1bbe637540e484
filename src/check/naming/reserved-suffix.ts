import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const reservedSuffixRule: CheckRule = {
  id: 'naming/reserved-suffix',
  description: '_bucket/_sum/_count names and le/quantile labels belong to histograms and summaries only.',
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
      const isHistogram = metric.kind === 'histogram';
      const isSummary = metric.kind === 'summary';
      if (!isHistogram && metric.name.endsWith('_bucket')) {
        findings.push({
          ...base,
          message: `${metric.name} ends in _bucket but is not a histogram.`,
          hint: 'Histograms expose *_bucket themselves; rename this metric.',
        });
      }
      const suffix = ['_sum', '_count'].find((s) => metric.name.endsWith(s));
      if (!isHistogram && !isSummary && suffix !== undefined) {
        findings.push({
          ...base,
          message: `${metric.name} ends in ${suffix}, which histograms and summaries expose for themselves.`,
          hint: `Rename it without ${suffix} (a gauge of current things is named for them, e.g. queries_active).`,
        });
      }
      if (!isHistogram && metric.spec.labels.includes('le')) {
        findings.push({
          ...base,
          message: `${metric.name} has an le label but is not a histogram.`,
          hint: 'le is the bucket bound of a histogram; rename the label.',
        });
      }
      if (!isSummary && metric.spec.labels.includes('quantile')) {
        findings.push({
          ...base,
          message: `${metric.name} has a quantile label but is a ${metric.kind}.`,
          hint: isHistogram
            ? 'A histogram exposes buckets (le); compute quantiles with histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m]))) and remove the label.'
            : 'quantile is a summary label; rename it.',
        });
      }
    }
    return findings;
  },
};
