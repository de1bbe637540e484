import { formatDuration } from '../../model/duration.ts';
import type { Expr, Matcher, VectorSelector } from '../../promql/ast.ts';
import { renderPromql } from '../../promql/render.ts';
import { valueSetMatcher } from '../../promql/value-set-matcher.ts';
import { toNumber } from './decimal.ts';
import type { SloPlan } from './slo-plan.ts';
import { sliSources } from './sli-sources.ts';

/** One objective of an SLO (the SLO's, or a tier's) with the query of its error ratio over a range. */
export interface SliOverRange {
  /** The tier's matcher as text (`tier=~"gold|silver"`), or undefined for the SLO's one objective. */
  readonly tier: string | undefined;
  readonly objective: number;
  /** The share of events the objective allows to fail (1 − objective). */
  readonly budget: number;
  /** Bad events over all events in the window, from raw series (no recording needed). */
  readonly errorRatio: string;
}

/**
 * Each objective's error ratio over `windowSeconds`, read from the SLI's raw series: a ratio of
 * sums over the whole window (the share of bad events), never an average of short ratios. An SLI
 * that is no plain selector yields nothing (slo/sli reports it), nor does a tier of an events SLI
 * (its queries are text obsgen cannot narrow to the tier).
 */
export function sliOverRange(plan: SloPlan, windowSeconds: number): SliOverRange[] {
  const sli = sliSources(plan.slo);
  if (sli === undefined) return [];
  return plan.variants.flatMap(({ variant }) => {
    const matcher =
      variant.matcher === undefined
        ? undefined
        : valueSetMatcher(variant.matcher.label, variant.matcher.op, variant.matcher.values);
    const tier = matcher === undefined ? undefined : `${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}`;
    const objective = { tier, objective: toNumber(variant.objective), budget: toNumber(variant.budget) };
    if ('events' in sli) {
      if (matcher !== undefined) return [];
      const window = formatDuration(windowSeconds);
      return [{ ...objective, errorRatio: `(${sli.events.errors(window)}) / (${sli.events.total(window)})` }];
    }
    const events = (selector: VectorSelector): Expr => ({
      type: 'aggregate',
      op: 'sum',
      expr: {
        type: 'call',
        func: 'rate',
        args: [{ type: 'matrix', vector: narrowed(selector, matcher), range: windowSeconds }],
      },
    });
    const total = events(sli.total);
    const bad: Expr =
      sli.bad !== undefined
        ? events(sli.bad)
        : {
            type: 'binary',
            op: '-',
            lhs: total,
            rhs: events(sli.latency?.buckets ?? sli.good!),
            bool: false,
          };
    const ratio: Expr = { type: 'binary', op: '/', lhs: { type: 'paren', expr: bad }, rhs: total, bool: false };
    return [{ ...objective, errorRatio: renderPromql(ratio) }];
  });
}

function narrowed(selector: VectorSelector, matcher: Matcher | undefined): VectorSelector {
  return matcher === undefined ? selector : { ...selector, matchers: [...selector.matchers, matcher] };
}
