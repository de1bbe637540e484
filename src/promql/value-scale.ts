import type { Expr } from './ast.ts';
import type { SeriesCatalog } from './series-catalog.ts';
import { isShareOfTotal } from './share-of-total.ts';

/** What an expression's values measure, where the catalog tells: a share (0–1), seconds or bytes. */
export type ValueScale = 'ratio' | 'seconds' | 'bytes';

/**
 * The scale of an expression's values: a share of a total is a ratio; a quantile of a histogram,
 * or a gauge (through sum, avg, min, max), measures its metric's unit. Undefined when it is
 * anything else (a rate, a count, arithmetic): the caller then checks nothing.
 */
export function valueScale(expr: Expr, catalog: SeriesCatalog, system: string | undefined): ValueScale | undefined {
  if (isShareOfTotal(expr)) return 'ratio';
  let inner: Expr = expr;
  while (inner.type === 'paren' || (inner.type === 'aggregate' && ['sum', 'avg', 'min', 'max'].includes(inner.op)))
    inner = inner.expr;
  const unitOf = (name: string | undefined): ValueScale | undefined => {
    if (name === undefined) return undefined;
    const unit = catalog.resolve(name, system)?.metric?.spec.unit;
    return unit === 'seconds' || unit === 'bytes' || unit === 'ratio' ? (unit as ValueScale) : undefined;
  };
  if (inner.type === 'call' && inner.func === 'histogram_quantile') {
    const buckets = selectorNames(inner.args[1]).find((name) => name.endsWith('_bucket'));
    return buckets === undefined ? undefined : unitOf(buckets);
  }
  if (inner.type === 'vector') {
    const series = inner.name === undefined ? undefined : catalog.resolve(inner.name, system);
    return series?.kind === 'gauge' ? unitOf(inner.name) : undefined;
  }
  return undefined;
}

function selectorNames(expr: Expr | undefined): string[] {
  const names: string[] = [];
  const pending: Expr[] = expr === undefined ? [] : [expr];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'vector' && node.name !== undefined) names.push(node.name);
    if (node.type === 'matrix') pending.push(node.vector);
    if (node.type === 'call') pending.push(...node.args);
    if (node.type === 'aggregate' || node.type === 'paren' || node.type === 'unary' || node.type === 'subquery')
      pending.push(node.expr);
    if (node.type === 'binary') pending.push(node.lhs, node.rhs);
  }
  return names;
}

/** Grafana units that misread values of a scale: the panel would be off by 1,000 or by 100. */
export const MISREAD_UNITS: Readonly<Record<ValueScale, ReadonlySet<string>>> = {
  seconds: new Set(['ms', 'µs', 'us', 'ns', 'm', 'h', 'd']),
  ratio: new Set(['percent']),
  bytes: new Set(['kbytes', 'mbytes', 'gbytes', 'deckbytes', 'decmbytes', 'decgbytes', 'bits']),
};
