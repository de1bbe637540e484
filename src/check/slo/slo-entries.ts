import type { CheckContext, RuleFinding } from '../rule.ts';
import { subjectOf } from '../subjects.ts';
import { planSlo, type SloPlan } from '../../slo/slo-plan.ts';

/** Every SLO of the project with its plan. */
export function sloPlans(context: CheckContext): SloPlan[] {
  return context.project.systems.flatMap((system) => system.slos.map((slo) => planSlo(system, slo)));
}

export function sloFinding(rule: string, plan: SloPlan, severity: RuleFinding['severity'], message: string, hint: string): RuleFinding {
  const subject = subjectOf.slo(plan.system.name, plan.slo.name);
  return { rule, severity, message, hint, subject, at: plan.slo.at, allowedBy: [subject, subjectOf.catalog(plan.system.name)] };
}
