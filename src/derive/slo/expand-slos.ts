import type { ValidRuleGroup, ValidSystem } from '../../model/valid-system.ts';
import { sloDashboards } from './slo-dashboards.ts';
import { planSlo, type SloPlan } from './slo-plan.ts';
import { sloRuleGroups } from './slo-rules.ts';

/** A system with its SLOs expanded, and each SLO's plan (planned once: rules, dashboards and checks read it). */
export interface ExpandedSlos {
  readonly system: ValidSystem;
  readonly plans: readonly SloPlan[];
  /** The plans whose SLI compiles to rules: the SLOs that record something (and get dashboards). */
  readonly recording: readonly SloPlan[];
}

/** One system with its SLOs expanded into rule groups and SLO dashboards. */
export function expandSlos(system: ValidSystem): ExpandedSlos {
  const plans = system.slos.map((slo) => planSlo(system, slo));
  if (plans.length === 0) return { system, plans, recording: [] };
  const compiled = plans.map((plan) => ({ plan, groups: sloRuleGroups(plan) }));
  // An SLO whose SLI does not compile (slo/sli reports it) records nothing to chart.
  const charted = compiled.filter(({ groups }) => groups.length > 0).map(({ plan }) => plan);
  return {
    system: {
      ...system,
      ruleGroups: [...system.ruleGroups, ...compiled.flatMap(({ groups }) => groups)],
      dashboards: [...system.dashboards, ...sloDashboards(system, charted)],
    },
    plans,
    recording: charted,
  };
}

/** One system's rule groups with its SLOs' recordings appended, in the order expandSlos makes them (no alerts, no dashboards): what its recordings are read from. */
export function rulesWithSlos(system: ValidSystem): readonly ValidRuleGroup[] {
  if (system.slos.length === 0) return system.ruleGroups;
  return [...system.ruleGroups, ...system.slos.flatMap((slo) => sloRuleGroups(planSlo(system, slo), 'recordings'))];
}
