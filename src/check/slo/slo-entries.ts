import type { RuleId } from '../../rule-id.ts';
import type { RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';
import type { SloPlan } from '../../derive/slo/slo-plan.ts';

export function sloFinding(
  rule: RuleId,
  plan: SloPlan,
  severity: RuleFinding['severity'],
  message: string,
  hint: string,
): RuleFinding {
  const subject = subjectOf.slo(plan.system.name, plan.slo.name);
  return {
    rule,
    severity,
    message,
    hint,
    subject,
    at: plan.slo.at,
    allowedBy: [subject, subjectOf.catalog(plan.system.name)],
  };
}
