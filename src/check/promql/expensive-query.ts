import { artifactsOf } from '../../compile/system-artifacts.ts';
import { ruleSubject } from '../../derive/rule-analysis.ts';
import { formatDuration } from '../../model/duration.ts';
import type { Expr } from '../../promql/ast.ts';
import { renderPromql } from '../../promql/render.ts';
import { subjectOf } from '../../subject.ts';
import { dashboardSubject, panelLocation } from '../dashboard/dashboard-rules.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** Prometheus' default --query.max-samples: a query loading more fails with "would load too many samples". */
const PROMETHEUS_MAX_SAMPLES = 50_000_000;

const number = (n: number): string => groupedNumber(Math.round(n));

/** The longest range over raw series in an expression: what a recording rule should read instead. */
function longestRawRange(
  expr: Expr | undefined,
): { readonly func: string; readonly text: string; readonly range: number } | undefined {
  let found: { func: string; text: string; range: number } | undefined;
  const stack: Expr[] = expr === undefined ? [] : [expr];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'call') {
      const matrix = node.args.find((arg) => arg.type === 'matrix');
      if (matrix?.type === 'matrix' && !(matrix.vector.name ?? '').includes(':') && matrix.range > (found?.range ?? 0))
        found = { func: node.func, text: renderPromql(matrix.vector), range: matrix.range };
      stack.push(...node.args);
    } else if (node.type === 'aggregate' || node.type === 'unary' || node.type === 'paren' || node.type === 'subquery')
      stack.push(node.expr);
    else if (node.type === 'binary') stack.push(node.lhs, node.rhs);
  }
  return found;
}

/** Stage the long range: record the short-window rate once, read its recording over the range (as SLO rules do). */
function stagingHint(expr: Expr | undefined): string {
  const raw = longestRawRange(expr);
  if (raw === undefined || raw.range <= 300 || (raw.func !== 'rate' && raw.func !== 'increase'))
    return 'Record the inner expression over a short window and build the long range from that recording, narrow the selector, or shorten the range.';
  const range = formatDuration(raw.range);
  return `Stage it: record sum by (the labels you keep) (rate(${raw.text}[5m])) as a level:metric:rate5m rule, and read avg_over_time(<that recording>[${range}])${raw.func === 'increase' ? ` × ${raw.range}` : ''} instead of ${raw.func}(${raw.text}[${range}]); the range then reads a few recorded series, not every raw one.`;
}

export const expensiveQueryRule: CheckRule = {
  id: 'promql/expensive',
  description:
    "A rule or dashboard query that reads more samples per evaluation than the project's queryBudget (default 5,000,000; warning), or more than Prometheus' default --query.max-samples (50,000,000), where the query fails (error). Estimated from the catalog's cardinality, scrape intervals and ranges; reports/cost.md lists every query's cost.",
  check(context) {
    const budget = context.project.queryBudget;
    const findings: RuleFinding[] = [];
    const verdict = (samples: number): RuleFinding['severity'] | undefined =>
      samples > PROMETHEUS_MAX_SAMPLES ? 'error' : samples > budget ? 'warning' : undefined;
    for (const entry of context.rules.rules) {
      const cost = artifactsOf(context.artifacts, entry.system).costs.rules.get(entry.rule);
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
        hint: stagingHint(entry.analysis.expr),
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
