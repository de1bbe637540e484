import { RATE_INTERVAL_FUNCTIONS } from '../../grafana/lint-dashboard.ts';
import type { Expr } from '../../promql/ast.ts';

/**
 * The query as a dashboard runs it: the ranges of rate() and irate() become `$__rate_interval`,
 * which Grafana keeps at least four scrape intervals at every zoom level. increase() keeps its
 * range: a dashboard uses it for a stated period ("in the last hour").
 */
export function withRateInterval(expr: Expr): Expr {
  switch (expr.type) {
    case 'call': {
      const args = expr.args.map((arg) =>
        RATE_INTERVAL_FUNCTIONS.has(expr.func) && arg.type === 'matrix'
          ? { ...arg, rangeVariable: '$__rate_interval' }
          : withRateInterval(arg),
      );
      return { ...expr, args };
    }
    case 'aggregate':
      return {
        ...expr,
        expr: withRateInterval(expr.expr),
        ...(expr.param === undefined ? {} : { param: withRateInterval(expr.param) }),
      };
    case 'binary':
      return { ...expr, lhs: withRateInterval(expr.lhs), rhs: withRateInterval(expr.rhs) };
    case 'unary':
    case 'paren':
      return { ...expr, expr: withRateInterval(expr.expr) };
    case 'subquery':
      return { ...expr, expr: withRateInterval(expr.expr) };
    default:
      return expr;
  }
}
