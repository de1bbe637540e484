import type { Expr, VectorSelector } from './ast.ts';

/**
 * Whether an expression is a share of a whole, between 0 and 1: `sum(rate(m{…}[w])) / sum(rate(m[w]))`
 * (the same counter over the same window, the numerator a narrowing of the denominator), through
 * parentheses and sum aggregations. Such an error or success ratio never exceeds 1.
 */
export function isShareOfTotal(expr: Expr): boolean {
  const inner = unwrap(expr);
  if (inner.type !== 'binary' || inner.op !== '/') return false;
  const part = countedSelector(inner.lhs);
  const whole = countedSelector(inner.rhs);
  if (
    part === undefined ||
    whole === undefined ||
    part.selector.name === undefined ||
    part.selector.name !== whole.selector.name ||
    part.range !== whole.range
  )
    return false;
  // Every matcher of the whole must also hold on the part (same label, same test).
  return whole.selector.matchers.every((m) =>
    part.selector.matchers.some((p) => p.label === m.label && p.op === m.op && p.value === m.value),
  );
}

function unwrap(expr: Expr): Expr {
  let inner = expr;
  while (inner.type === 'paren') inner = inner.expr;
  return inner;
}

/** `sum …(rate|increase(selector[range]))`: the selector and the range; undefined for anything else. */
function countedSelector(expr: Expr): { readonly selector: VectorSelector; readonly range: number } | undefined {
  const inner = unwrap(expr);
  if (inner.type === 'aggregate' && inner.op === 'sum') return countedSelector(inner.expr);
  if (inner.type !== 'call' || (inner.func !== 'rate' && inner.func !== 'increase')) return undefined;
  const argument = inner.args[0];
  if (argument?.type !== 'matrix') return undefined;
  return { selector: argument.vector, range: argument.range };
}
