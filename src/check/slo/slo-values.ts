import { parseDuration } from '../../model/duration.ts';
import { isLabelName } from '../../model/label-name.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { sloFinding } from './slo-entries.ts';

/** What an SLO's fields must be for its rules to mean anything (objectives: slo/objective-range). */
export const sloValuesRule: CheckRule = {
  id: 'slo/invalid',
  description:
    "An SLO field has a value no rule can be built from: a period that is not a Prometheus duration (period: 'a month'), or by labels that are not names.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      const { slo } = plan;
      if (slo.period !== undefined && !((parseDuration(slo.period) ?? 0) > 0)) {
        findings.push(
          sloFinding(
            this.id,
            plan,
            'error',
            `${slo.name}: period is ${JSON.stringify(slo.period)}, not a Prometheus duration such as 30d.`,
            'Write the compliance period as 30d, 28d or 7d.',
          ),
        );
      }
      for (const label of slo.by ?? []) {
        if (!isLabelName(label))
          findings.push(
            sloFinding(
              this.id,
              plan,
              'error',
              `${slo.name}: by names ${JSON.stringify(label)}, which is not a label name.`,
              'List label names of the SLI metric.',
            ),
          );
      }
    }
    return findings;
  },
};
