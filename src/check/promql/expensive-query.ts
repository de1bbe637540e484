import { ruleSubject } from '../../derive/rule-analysis.ts';
import { subjectOf } from '../../subject.ts';
import { dashboardSubject, panelLocation } from '../dashboard/dashboard-rules.ts';
import type { Rule, RuleFinding } from '../rule.ts';

/** Prometheus' default --query.max-samples: a query loading more fails with "would load too many samples". */
const PROMETHEUS_MAX_SAMPLES = 50_000_000;

const number = (n: number): string => Math.round(n).toLocaleString('en-US');

export const expensiveQueryRule: Rule = {
  id: 'promql/expensive',
  description:
    "A rule or dashboard query that reads more samples per evaluation than the project's queryBudget (default 5,000,000; warning), or more than Prometheus' default --query.max-samples (50,000,000), where the query fails (error). Estimated from the catalog's cardinality, scrape intervals and ranges; reports/cost.md lists every query's cost.",
  check(context) {
    const budget = context.project.queryBudget;
    const findings: RuleFinding[] = [];
    const verdict = (samples: number): RuleFinding['severity'] | undefined =>
      samples > PROMETHEUS_MAX_SAMPLES ? 'error' : samples > budget ? 'warning' : undefined;
    for (const entry of context.rules.rules) {
      const { artifacts } = context;
      const cost = artifacts
        .find((a) => a.system === entry.system || a.system.name === entry.system.name)
        ?.costs.rules.get(entry.rule);
      const severity = cost === undefined ? undefined : verdict(cost.samples);
      if (cost === undefined || severity === undefined) continue;
      const subject = ruleSubject(entry);
      const slo = entry.group.name.startsWith('slo-')
        ? [subjectOf.slo(entry.system.name, entry.group.name.slice(4))]
        : [];
      findings.push({
        rule: this.id,
        severity,
        message: `${entry.rule.name} reads about ${number(cost.samples)} samples per evaluation (${number(cost.series)} series), above ${severity === 'error' ? `Prometheus' default --query.max-samples (${number(PROMETHEUS_MAX_SAMPLES)}): the evaluation fails` : `the project's query budget (${number(budget)})`}.`,
        hint: 'Record the inner expression over a short window and build the long range from that recording, narrow the selector, or shorten the range.',
        subject,
        at: entry.rule.at,
        allowedBy: [subject, ...slo, subjectOf.catalog(entry.system.name)],
      });
    }
    for (const { system, costs } of context.artifacts) {
      for (const panel of costs.panels) {
        const severity = verdict(panel.cost.samples);
        if (severity === undefined) continue;
        const subject = dashboardSubject(system, panel.dashboard);
        findings.push({
          rule: this.id,
          severity,
          message: `Panel "${panel.panel}" reads about ${number(panel.cost.samples)} samples per refresh (${number(panel.cost.series)} series), above ${severity === 'error' ? "Prometheus' default --query.max-samples" : `the project's query budget (${number(budget)})`}.`,
          hint: 'Chart a recording rule instead of the raw series, narrow the selector, or shorten the range.',
          subject,
          at: panelLocation(panel.dashboard, panel.panel),
          allowedBy: [subject, subjectOf.catalog(system.name)],
        });
      }
    }
    return findings;
  },
};
