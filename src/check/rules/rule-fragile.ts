import { subexpressions, type Expr } from '../../promql/ast.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { promqlSource } from '../promql/query-rules.ts';
import { ruleFinding } from './alert-entries.ts';

/** The nodes of an expression whose result follows the last samples or the ranking, not the system's state. */
function fragileNodes(expr: Expr, alerting: boolean): Expr[] {
  const own =
    (expr.type === 'call' && expr.func === 'irate') ||
    (alerting && expr.type === 'aggregate' && (expr.op === 'topk' || expr.op === 'bottomk'))
      ? [expr]
      : [];
  return [...own, ...subexpressions(expr).flatMap((sub) => fragileNodes(sub, alerting))];
}

export const ruleFragileRule: CheckRule = {
  id: 'rule/fragile',
  description:
    'irate() in a recording or alerting rule (it reads only the last two samples, so the result jumps with every scrape and resets `for`), or topk()/bottomk() in an alert (which series are in the top set changes between evaluations, so alerts resolve and fire again).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of context.rules.rules) {
      if ((entry.rule.kind === 'record' && entry.rule.origin === 'slo') || entry.analysis.expr === undefined) continue;
      const alerting = entry.rule.kind === 'alert';
      for (const node of fragileNodes(entry.analysis.expr, alerting)) {
        const irate = node.type === 'call';
        findings.push({
          ...ruleFinding(
            this.id,
            entry,
            'warning',
            irate
              ? `irate() in ${alerting ? 'an alert' : 'a recording rule'}: it follows the last two samples only, so the result jumps with every scrape.`
              : `${node.type === 'aggregate' ? node.op : 'topk'}() in an alert: the set of series it keeps changes between evaluations, so alerts resolve and fire again.`,
            irate
              ? 'Use rate() over a range of at least 4 scrape intervals; keep irate() for graphs of fast-moving counters.'
              : 'Alert on every series over the threshold (drop topk), and limit what a page shows in its annotations or dashboard instead.',
          ),
          ...(promqlSource(entry, node.span) ?? {}),
        });
      }
    }
    return findings;
  },
};
