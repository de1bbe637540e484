import type { Matcher, VectorSelector } from '../../promql/ast.ts';
import { toAst, type Query } from '../../promql/builder.ts';
import type { Slo } from '../../model/slo.ts';

/** The SLI's selectors; undefined when one is not a plain selector of a series. */
export interface SliSources {
  readonly bad: VectorSelector | undefined;
  readonly good: VectorSelector | undefined;
  readonly total: VectorSelector;
  /** For latency SLIs: the bucket selector at the threshold. */
  readonly latency: { readonly buckets: VectorSelector; readonly threshold: number } | undefined;
}

/** An events SLI: raw queries per window. */
export interface EventsSources {
  readonly events: { readonly errors: (window: string) => string; readonly total: (window: string) => string };
}

export function sliSources(slo: Slo): SliSources | EventsSources | undefined {
  if (slo.sli.kind === 'events') return { events: slo.sli };
  const asSelector = (source: unknown): VectorSelector | undefined => {
    const ast = toAst(source as Query);
    return ast.type === 'vector' && ast.name !== undefined ? ast : undefined;
  };
  const sli = slo.sli;
  if (sli.kind === 'latency') {
    const family = asSelector(sli.histogram);
    if (family?.name === undefined) return undefined;
    const total: VectorSelector = { ...family, name: `${family.name}_count` };
    const buckets: VectorSelector = {
      ...family,
      name: `${family.name}_bucket`,
      matchers: [...family.matchers, leMatcher(sli.threshold)],
    };
    return { bad: undefined, good: undefined, total, latency: { buckets, threshold: sli.threshold } };
  }
  const total = asSelector(sli.total);
  const bad = sli.errors === undefined ? undefined : asSelector(sli.errors);
  const good = sli.good === undefined ? undefined : asSelector(sli.good);
  if (total === undefined || (bad === undefined && good === undefined)) return undefined;
  return { bad, good, total, latency: undefined };
}

/**
 * `le` of a bucket bound. Client libraries write whole numbers as `2` or `2.0` and Prometheus 3
 * normalises to `2.0`, so whole bounds match both spellings.
 */
function leMatcher(bound: number): Matcher {
  return Number.isInteger(bound)
    ? { label: 'le', op: '=~', value: `${bound}(\\.0)?` }
    : { label: 'le', op: '=', value: String(bound) };
}
