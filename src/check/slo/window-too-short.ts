import { formatDuration } from '../../model/duration.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { sloFinding } from './slo-entries.ts';

export const sloWindowTooShortRule: CheckRule = {
  id: 'slo/window-too-short',
  description: "The SLO period is shorter than the longest alert window, so that window's budget share is meaningless.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      const longest = Math.max(0, ...plan.variants.flatMap((v) => v.conditions.map((c) => c.long)));
      if (plan.periodSeconds >= longest) continue;
      findings.push(
        sloFinding(
          this.id,
          plan,
          'error',
          `${plan.slo.name}: the period ${plan.period} is shorter than the ${formatDuration(longest)} alert window.`,
          'Use a period of at least 7d (28d or 30d is usual), or disable the ticket tier.',
        ),
      );
    }
    return findings;
  },
};
