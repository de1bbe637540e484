import type { Expr } from '../../promql/ast.ts';
import { isComparison } from '../../promql/ast.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

const ELEMENT_WISE = new Set([
  'label_replace',
  'label_join',
  'abs',
  'ceil',
  'floor',
  'round',
  'sort',
  'sort_desc',
  'clamp',
  'clamp_min',
  'clamp_max',
  'timestamp',
]);

/** Whether an alert expression selects the series that fire, rather than returning every series. */
function filters(expr: Expr): boolean {
  switch (expr.type) {
    case 'paren':
      return filters(expr.expr);
    case 'binary':
      if (isComparison(expr.op)) return !expr.bool;
      // `a unless b` keeps only series b lacks: the absence pattern; `and` filters if a side does.
      if (expr.op === 'unless') return true;
      if (expr.op === 'and') return filters(expr.lhs) || filters(expr.rhs);
      if (expr.op === 'or') return filters(expr.lhs) && filters(expr.rhs);
      return false;
    case 'call':
      if (expr.func === 'absent' || expr.func === 'absent_over_time') return true;
      // Element-wise functions (label_replace, abs, sort, …) keep their input's filtering.
      return ELEMENT_WISE.has(expr.func) && expr.args[0] !== undefined && filters(expr.args[0]);
    case 'aggregate':
      // An aggregation of nothing is nothing: aggregating a filtered vector still filters.
      return filters(expr.expr);
    default:
      return false;
  }
}

export const alertNoComparisonRule: CheckRule = {
  id: 'alert/no-comparison',
  description: 'An alert expression has no (non-bool) comparison or absent(), so it fires for every series it returns.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      if (entry.analysis.expr === undefined || filters(entry.analysis.expr)) continue;
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `${entry.rule.name} has no threshold: "${entry.text}" returns a value for every series, so it fires for all of them.`,
          'Compare against a threshold (… > 0.05) without bool, or use absent() for missing data.',
        ),
      );
    }
    return findings;
  },
};
