import type { CheckRule, RuleFinding } from '../rule.ts';
import { objectiveKeysOutsideDomain } from '../../derive/slo/slo-plan.ts';
import { closest } from '../../text/closest.ts';
import { sloFinding } from './slo-entries.ts';

/**
 * An objective of at most 1 is almost always a ratio written where obsgen wants a percentage
 * (Sloth's and OpenSLO's 0.999 for 99.9 %): a 1 % SLO is not a target anyone sets.
 */
export function looksLikeRatio(objective: unknown): objective is number {
  return typeof objective === 'number' && objective > 0 && objective <= 1;
}

export const sloObjectiveRangeRule: CheckRule = {
  id: 'slo/objective-range',
  description: 'Objectives are percentages strictly between 0 and 100; per-group objectives name a by label.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      const { slo } = plan;
      const objectives = [
        ['objective', slo.objective] as const,
        ...Object.entries(slo.objectives?.values ?? {}).map(
          ([value, objective]) => [`objective for ${slo.objectives?.label}=${value}`, objective] as const,
        ),
      ];
      for (const [what, objective] of objectives) {
        if (looksLikeRatio(objective)) {
          findings.push(
            sloFinding(
              this.id,
              plan,
              'error',
              `${slo.name}: ${what} is ${objective}, which reads as ${objective} % here; obsgen's objective is a percentage, not a ratio as in Sloth and OpenSLO specs.`,
              `Write ${String(Math.round(objective * 100 * 1e9) / 1e9)} (percent) for a ratio of ${objective}.`,
            ),
          );
          continue;
        }
        if (typeof objective === 'number' && Number.isFinite(objective) && objective > 0 && objective < 100) continue;
        findings.push(
          sloFinding(
            this.id,
            plan,
            'error',
            `${slo.name}: ${what} is ${typeof objective === 'number' ? String(objective) : JSON.stringify(objective)}; it must be a percentage (a number) strictly between 0 and 100.`,
            typeof objective === 'number' && objective >= 100
              ? 'A 100 % objective has no error budget: every single error pages. Use e.g. 99.9.'
              : 'Write the objective in percent, e.g. 99.9.',
          ),
        );
      }
      const { outside, values } = objectiveKeysOutsideDomain(plan.system, slo);
      for (const value of outside) {
        const near = closest(value, values);
        findings.push(
          sloFinding(
            this.id,
            plan,
            'error',
            `${slo.name}: the objective for ${slo.objectives?.label}=${value} names a value outside the label's domain (${values.join(', ')}); no such group exists.`,
            near === undefined ? `Key the objective by one of ${values.join(', ')}.` : `Did you mean ${near}?`,
          ),
        );
      }
      if (slo.objectives !== undefined && !(slo.by ?? []).includes(slo.objectives.label)) {
        findings.push(
          sloFinding(
            this.id,
            plan,
            'error',
            `${slo.name}: per-group objectives are keyed by ${slo.objectives.label}, which is not in by.`,
            `Add ${slo.objectives.label} to by.`,
          ),
        );
      }
    }
    return findings;
  },
};
