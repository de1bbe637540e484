import { isComparison } from '../../promql/ast.ts';
import { isShareOfTotal } from '../../promql/share-of-total.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

export const alertThresholdScaleRule: CheckRule = {
  id: 'alert/threshold-scale',
  description:
    'An alert compares a share of a total (an error ratio, between 0 and 1) with a threshold above 1, as if it were a percentage: it never fires (or always does).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const expr = entry.analysis.expr;
      if (expr?.type !== 'binary' || !isComparison(expr.op)) continue;
      const [ratio, threshold] =
        isShareOfTotal(expr.lhs) && expr.rhs.type === 'number'
          ? [expr.lhs, expr.rhs.value]
          : isShareOfTotal(expr.rhs) && expr.lhs.type === 'number'
            ? [expr.rhs, expr.lhs.value]
            : [undefined, undefined];
      if (ratio === undefined || threshold === undefined || !(threshold > 1)) continue;
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `${entry.rule.name} compares an error ratio (between 0 and 1) with ${threshold}: written as a percentage, it ${expr.op.startsWith('>') || expr.op === '==' ? 'never fires' : 'always fires'}.`,
          `Write the threshold as a fraction: ${threshold / 100} for ${threshold} %.`,
        ),
      );
    }
    return findings;
  },
};
