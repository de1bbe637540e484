import type { Expr, Matcher, VectorSelector } from '../promql/ast.ts';
import type { SeriesCatalog, SeriesInfo } from '../promql/series-catalog.ts';
import { estimateMetric, type MetricEstimate } from './cardinality-estimate.ts';

/** What one evaluation of a query reads: series selected and samples loaded (as Prometheus' query statistics count them). */
export interface QueryCost {
  readonly series: number;
  readonly samples: number;
  /** Selectors the model could not size (unknown names, open recordings): their cost is not counted. */
  readonly unsized: readonly string[];
}

export interface CostContext {
  readonly catalog: SeriesCatalog;
  readonly system: string;
  /** Series recording rules write under a name (matching the selector's static labels), and their group's interval. */
  readonly recorded: (
    name: string,
    matchers: readonly Matcher[],
  ) => { readonly series: number; readonly interval: number } | undefined;
}

const DEFAULT_SCRAPE_SECONDS = 60;

/**
 * A static estimate of one evaluation's cost: for each selector, the series it selects (the
 * catalog's cardinality model, narrowed by its matchers), times the samples per series it reads
 * (one for an instant selector; range / interval for a range; per step for a subquery).
 */
export function queryCost(expr: Expr, context: CostContext): QueryCost {
  let series = 0;
  let samples = 0;
  const unsized: string[] = [];
  const stack: { readonly node: Expr; readonly times: number }[] = [{ node: expr, times: 1 }];
  const add = (selector: VectorSelector, range: number | undefined, times: number): void => {
    const sized = selectorSeries(selector, context);
    if (sized === undefined) {
      unsized.push(selector.name ?? '{…}');
      return;
    }
    const perSeries = range === undefined ? 1 : Math.max(1, Math.floor(range / sized.interval));
    series += sized.series * times;
    samples += sized.series * perSeries * times;
  };
  while (stack.length > 0) {
    const { node, times } = stack.pop()!;
    switch (node.type) {
      case 'vector':
        add(node, undefined, times);
        break;
      case 'matrix':
        add(node.vector, node.range, times);
        break;
      case 'subquery': {
        const step = node.step ?? 60;
        stack.push({ node: node.expr, times: times * Math.max(1, Math.floor(node.range / step)) });
        break;
      }
      case 'call':
        for (const arg of node.args) stack.push({ node: arg, times });
        break;
      case 'aggregate':
        stack.push({ node: node.expr, times });
        if (node.param !== undefined) stack.push({ node: node.param, times });
        break;
      case 'binary':
        stack.push({ node: node.lhs, times }, { node: node.rhs, times });
        break;
      case 'unary':
      case 'paren':
        stack.push({ node: node.expr, times });
        break;
      default:
        break;
    }
  }
  return { series, samples, unsized };
}

/** Series one selector selects, and the seconds between their samples; undefined when unknown. */
function selectorSeries(
  selector: VectorSelector,
  context: CostContext,
): { series: number; interval: number } | undefined {
  if (selector.name === undefined) return undefined;
  const info = context.catalog.resolve(selector.name, context.system, selector.matchers);
  if (info === undefined) return undefined;
  if (info.kind === 'recorded') {
    return context.recorded(selector.name, selector.matchers);
  }
  const system = info.system === undefined ? undefined : context.catalog.system(info.system);
  if (info.metric === undefined || system === undefined) return undefined;
  const estimate = estimateMetric(system, info.metric);
  return {
    series: narrowed(familySeries(estimate, info), estimate, selector.matchers, info),
    interval: info.scrapeIntervalSeconds ?? DEFAULT_SCRAPE_SECONDS,
  };
}

/** The series of the family's part the name selects: buckets, _sum or _count, quantiles, or all. */
function familySeries(estimate: MetricEstimate, info: SeriesInfo): number {
  const perCombination = estimate.combinations * estimate.instances;
  switch (info.kind) {
    case 'histogram_bucket':
    case 'summary_quantile':
      return perCombination * (estimate.typeFactor - 2);
    case 'histogram_sum':
    case 'histogram_count':
    case 'summary_sum':
    case 'summary_count':
      return perCombination;
    default:
      return estimate.series;
  }
}

/** An equality matcher keeps one value of its label's domain; a regex of literal alternatives, as many as it lists. */
function narrowed(series: number, estimate: MetricEstimate, matchers: readonly Matcher[], info: SeriesInfo): number {
  let result = series;
  for (const matcher of matchers) {
    if (matcher.label === '__name__') continue;
    const values =
      matcher.label === 'le' && (info.kind === 'histogram_bucket' || info.kind === 'summary_quantile')
        ? estimate.typeFactor - 2
        : estimate.labels.find((l) => l.label === matcher.label && !l.dropped)?.values;
    if (values === undefined || !Number.isFinite(values) || values <= 1) continue;
    const kept = matcher.op === '=' ? 1 : matcher.op === '=~' ? literalAlternatives(matcher.value) : undefined;
    if (kept !== undefined) result *= Math.min(kept, values) / values;
    else if (matcher.op === '!=') result *= (values - 1) / values;
  }
  return Math.max(result, series > 0 ? 1 : 0);
}

/** `a|b|c` with no other regex syntax: 3; anything else: undefined (not narrowed). */
function literalAlternatives(pattern: string): number | undefined {
  return /^[\w.:/ -]+(?:\|[\w.:/ -]+)*$/.test(pattern) ? pattern.split('|').length : undefined;
}
