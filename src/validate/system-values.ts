import type { Finding } from '../finding.ts';
import type { System } from '../model/system.ts';
import type { ValidSystem } from '../model/valid-system.ts';
import { validRuleGroups } from './rule-values.ts';
import { validSlos } from './slo-values.ts';

/**
 * A system as the validation stage admits it: its valid rule groups and SLOs with their durations
 * parsed, and a rule/invalid or slo/invalid finding for each one left out.
 */
export function validSystem(system: System): { readonly system: ValidSystem; readonly findings: readonly Finding[] } {
  const rules = validRuleGroups(system);
  const slos = validSlos(system);
  return {
    system: { ...system, ruleGroups: rules.groups, slos: slos.slos },
    findings: [...rules.findings, ...slos.findings],
  };
}
