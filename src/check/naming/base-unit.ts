import { NON_BASE_UNITS } from '../../model/unit.ts';
import { allMetrics } from '../all-metrics.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const baseUnitRule: CheckRule = {
  id: 'naming/base-unit',
  description: 'Metrics use base units (seconds, bytes, ratio), in the unit and in the name.',
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
      const tokens = metric.name.replace(/_total$/, '').split('_');
      const token = tokens.find((t) => Object.hasOwn(NON_BASE_UNITS, t.toLowerCase()));
      if (token !== undefined) {
        const fix = NON_BASE_UNITS[token.toLowerCase()];
        if (fix !== undefined) {
          const renamed =
            tokens.map((t) => (t === token ? fix.base : t)).join('_') +
            (metric.name.endsWith('_total') ? '_total' : '');
          findings.push({
            ...base,
            message: `${metric.name} is measured in ${token}, not a base unit.`,
            hint: `Use ${fix.base} (${fix.how}): ${renamed}.`,
          });
          continue;
        }
      }
      const unit = metric.spec.unit;
      const unitFix = unit === undefined ? undefined : NON_BASE_UNITS[unit.toLowerCase()];
      if (unit !== undefined && unitFix !== undefined) {
        findings.push({
          ...base,
          message: `${metric.name} declares unit ${unit}, not a base unit.`,
          hint: `Record ${unitFix.base} (${unitFix.how}).`,
        });
      }
    }
    return findings;
  },
};
