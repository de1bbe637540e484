import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** Share of the budget above which a warning says the system is close to it. */
const SYSTEM_BUDGET_WARNING_SHARE = 0.8;

export const systemBudgetRule: CheckRule = {
  id: 'cardinality/system-budget',
  description: `A system's estimated active series exceed its series budget (error) or ${SYSTEM_BUDGET_WARNING_SHARE * 100}% of it (warning).`,
  check({ cardinality }) {
    const findings: RuleFinding[] = [];
    for (const estimate of cardinality.systems) {
      const budget = estimate.budget;
      if (budget === undefined) continue;
      const share = estimate.series / budget;
      if (share <= SYSTEM_BUDGET_WARNING_SHARE) continue;
      const top = [...estimate.metrics]
        .filter((m) => Number.isFinite(m.series))
        .sort((a, b) => b.series - a.series)
        .slice(0, 3)
        .map((m) => `${m.metric.name} ${groupedNumber(m.series)}`)
        .join(', ');
      findings.push({
        rule: this.id,
        severity: share > 1 ? 'error' : 'warning',
        message: `${estimate.system.name} is estimated at ${groupedNumber(estimate.series)} active series, ${(share * 100).toFixed(1)}% of its budget of ${groupedNumber(budget)} (largest: ${top}).`,
        subject: subjectOf.catalog(estimate.system.name),
        at: estimate.system.catalog.at,
        hint: 'See generated/reports/cardinality.md for the breakdown; drop labels at the collector or coarsen domains of the largest metrics.',
        allowedBy: [subjectOf.catalog(estimate.system.name)],
      });
    }
    return findings;
  },
};
