import { subexpressions, type Expr } from './ast.ts';

/**
 * The metric names `expr` selects (a selector's name, or its `__name__="…"` matcher), each once, in
 * the order they appear: what an expression reads, from its syntax tree rather than its text.
 */
export function selectedNames(expr: Expr): string[] {
  const names = new Set<string>();
  const visit = (node: Expr): void => {
    if (node.type === 'vector') {
      if (node.name !== undefined) names.add(node.name);
      for (const matcher of node.matchers)
        if (matcher.label === '__name__' && matcher.op === '=') names.add(matcher.value);
    }
    for (const inner of subexpressions(node)) visit(inner);
  };
  visit(expr);
  return [...names];
}
