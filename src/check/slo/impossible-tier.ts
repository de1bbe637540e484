import { formatDuration } from '../../model/duration.ts';
import { decimal, multiply, toText } from '../../derive/slo/decimal.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { looksLikeRatio } from './objective-range.ts';
import { sloFinding } from './slo-entries.ts';

export const sloImpossibleTierRule: CheckRule = {
  id: 'slo/impossible-tier',
  description:
    'An alert tier (or one of its conditions) can never fire: factor × error budget ≥ 1 needs an error ratio above 100 %.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      // An objective written as a ratio is one mistake: slo/objective-range names it, with the fix.
      if (looksLikeRatio(plan.slo.objective) || Object.values(plan.slo.objectives?.values ?? {}).some(looksLikeRatio))
        continue;
      for (const { variant, conditions } of plan.variants) {
        const scope =
          variant.matcher === undefined
            ? ''
            : ` for ${variant.matcher.label} ${variant.matcher.op === '=~' ? '=' : '≠'} ${variant.matcher.values.join('|')}`;
        for (const tier of plan.tiers) {
          const ofTier = conditions.filter((c) => c.tier === tier);
          const impossible = ofTier.filter((c) => !c.possible);
          if (impossible.length === 0) continue;
          const described = impossible
            .map(
              (c) =>
                `${toText(c.factor)}× over ${formatDuration(c.long)}/${formatDuration(c.short)} needs an error ratio of ${toText(c.threshold)} (${toText(multiply(c.threshold, decimal(100)))} %)`,
            )
            .join('; ');
          const remaining = ofTier.filter((c) => c.possible);
          findings.push(
            sloFinding(
              this.id,
              plan,
              'error',
              remaining.length === 0
                ? `The ${tier} tier of ${plan.slo.name}${scope} (objective ${toText(variant.objective)}) can never fire: ${described}.`
                : `The ${tier} tier of ${plan.slo.name}${scope} (objective ${toText(variant.objective)}) has a condition that can never fire: ${described}. obsgen leaves it out; the tier fires on ${remaining.map((c) => `${toText(c.factor)}× over ${formatDuration(c.long)}/${formatDuration(c.short)}`).join(' and ')}.`,
              remaining.length === 0
                ? `Raise the objective, lengthen the period, or disable the tier (${tier}: false).`
                : 'Acknowledge it with allow: [{ rule: "slo/impossible-tier", reason }] on the SLO, or raise the objective.',
            ),
          );
        }
      }
    }
    return findings;
  },
};
