import { sliSources } from '../../derive/slo/sli-sources.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { sloFinding } from './slo-entries.ts';

export const sloSliRule: CheckRule = {
  id: 'slo/sli',
  description:
    'A ratio or latency SLI is built from plain selectors of catalog series (use eventsSli for anything else).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      if (sliSources(plan.slo) !== undefined) continue;
      findings.push(
        sloFinding(
          this.id,
          plan,
          'error',
          `${plan.slo.name}: its SLI is not made of plain selectors (a metric or metric.where(…)).`,
          'Pass catalog metrics or selections to ratioSli/latencySli, or write the queries with eventsSli.',
        ),
      );
    }
    return findings;
  },
};
