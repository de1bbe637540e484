import { snakeCase } from '../../text/snake-case.ts';
import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

const VALID = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPE_WORDS = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export const metricNameRule: CheckRule = {
  id: 'naming/metric-name',
  description: 'Metric names are valid, snake_case, free of colons (reserved for recording rules) and of type words.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const { system, metric } of allMetrics(project)) {
      const report = (severity: 'error' | 'warning', message: string, hint: string): void => {
        findings.push({
          rule: this.id,
          severity,
          message,
          hint,
          subject: subjectOf.metric(metric),
          at: metric.spec.at,
          allowedBy: [subjectOf.metric(metric), subjectOf.catalog(system.name)],
        });
      };
      const name = metric.name;
      if (!VALID.test(name)) {
        report('error', `${name} is not a valid Prometheus metric name.`, 'Use [a-zA-Z_][a-zA-Z0-9_]* only.');
        continue;
      }
      if (name.startsWith('__'))
        report(
          'error',
          `${name} starts with __, which Prometheus reserves for internal use.`,
          'Remove the leading underscores.',
        );
      if (name.includes(':'))
        report(
          'error',
          `${name} contains a colon; colons are reserved for recording rules (level:metric:operations).`,
          'Use underscores in instrumented metric names.',
        );
      if (/[A-Z]/.test(name)) report('warning', `${name} is not snake_case.`, `Rename to ${snakeCase(name)}.`);
      const typeWord = name.split('_').find((token) => TYPE_WORDS.has(token.toLowerCase()));
      if (typeWord !== undefined)
        report(
          'warning',
          `${name} names its type (${typeWord}); the type is metadata, not part of the name.`,
          `Remove "${typeWord}" from the name.`,
        );
    }
    return findings;
  },
};
