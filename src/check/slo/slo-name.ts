import type { CheckRule, RuleFinding } from '../rule.ts';
import { sloFinding } from './slo-entries.ts';

/** What a name must be to serve as a file name, a Sloth id and the stem of alert names. */
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const sloNameRule: CheckRule = {
  id: 'slo/name',
  description:
    'SLO names are lower-case words joined by hyphens: they become file names, the sloth_slo label and the stem of the alert names.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      if (NAME.test(plan.slo.name)) continue;
      findings.push(
        sloFinding(
          this.id,
          plan,
          'error',
          `SLO name ${JSON.stringify(plan.slo.name)} is not lower-case words joined by hyphens.`,
          'Name it like api-availability: it becomes slo-<name>.rules.yml, the sloth_slo label and <Name>FastBurn.',
        ),
      );
    }
    return findings;
  },
};
