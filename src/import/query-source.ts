import { formatDuration } from '../model/duration.ts';
import type { Expr, Matcher, VectorSelector } from '../promql/ast.ts';
import { renderNumber } from '../promql/render.ts';
import type { InferredMetric } from './inferred-catalog.ts';
import { memberAccess, propertyKey, stringLiteral, templateText } from './typescript-source.ts';

const AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'count']);
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
const BINARY: Readonly<Record<string, string>> = {
  '>': 'gt',
  '<': 'lt',
  '>=': 'ge',
  '<=': 'le',
  '==': 'eq',
  '!=': 'ne',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
};

/**
 * An expression as definitions code: builder calls on the catalog (`m.<metric>`) where every part
 * has a typed form — selectors of catalog metrics, rate/irate/increase, sum/avg/min/max/count with
 * by/without, arithmetic and comparisons without vector matching — else the `promql` escape hatch
 * with the text as written.
 */
export function querySource(
  text: string,
  expr: Expr | undefined,
  metrics: ReadonlyMap<string, InferredMetric>,
): { source: string; typed: boolean } {
  const typed = expr === undefined ? undefined : typedSource(expr, metrics);
  // A bare selector is not a query; the text says it as well.
  if (typed !== undefined && typed.kind === 'query') return { source: typed.code, typed: true };
  return { source: `promql\`${templateText(text.trim())}\``, typed: false };
}

interface Typed {
  readonly code: string;
  readonly kind: 'selector' | 'range' | 'query' | 'number';
  /** The labels tsc knows the result has: `by` may only name these. */
  readonly labels: ReadonlySet<string>;
}

const NO_LABELS: ReadonlySet<string> = new Set();

function typedSource(expr: Expr, metrics: ReadonlyMap<string, InferredMetric>): Typed | undefined {
  switch (expr.type) {
    case 'number':
      return { code: renderNumber(expr.value), kind: 'number', labels: NO_LABELS };
    case 'paren':
      return typedSource(expr.expr, metrics);
    case 'vector':
      return selectorSource(expr, metrics);
    case 'call': {
      if (!COUNTER_FUNCTIONS.has(expr.func) || expr.args.length !== 1) return undefined;
      const arg = expr.args[0]!;
      if (arg.type !== 'matrix' || arg.rangeVariable !== undefined) return undefined;
      const selector = selectorSource(arg.vector, metrics);
      if (selector === undefined || selector.metric.kind !== 'counter') return undefined;
      return {
        code: `${expr.func}(${selector.code}, ${stringLiteral(formatDuration(arg.range))})`,
        kind: 'query',
        labels: selector.labels,
      };
    }
    case 'aggregate': {
      if (!AGGREGATIONS.has(expr.op) || expr.param !== undefined) return undefined;
      const inner = typedSource(expr.expr, metrics);
      if (inner === undefined || inner.kind === 'number' || inner.kind === 'range') return undefined;
      const grouping =
        expr.grouping === undefined
          ? ''
          : `, ${expr.grouping.without ? 'without' : 'by'}(${expr.grouping.labels.map(stringLiteral).join(', ')})`;
      if (expr.grouping !== undefined && expr.grouping.labels.length === 0) return undefined;
      if (expr.grouping?.labels.some((label) => !inner.labels.has(label))) return undefined;
      const labels =
        expr.grouping === undefined
          ? NO_LABELS
          : expr.grouping.without
            ? new Set([...inner.labels].filter((label) => !expr.grouping!.labels.includes(label)))
            : new Set(expr.grouping.labels);
      return { code: `${expr.op}(${inner.code}${grouping})`, kind: 'query', labels };
    }
    case 'binary': {
      const name = BINARY[expr.op];
      if (name === undefined || expr.bool || expr.matching !== undefined) return undefined;
      const lhs = typedSource(expr.lhs, metrics);
      const rhs = typedSource(expr.rhs, metrics);
      if (lhs === undefined || rhs === undefined || (lhs.kind === 'number' && rhs.kind === 'number')) return undefined;
      return {
        code: `${name}(${lhs.code}, ${rhs.code})`,
        kind: 'query',
        labels: lhs.kind === 'number' ? rhs.labels : lhs.labels,
      };
    }
    default:
      return undefined;
  }
}

/** `m.name` or `m.name.where({...})` for a catalog metric read whole (not a histogram's series), with no modifiers. */
function selectorSource(
  selector: VectorSelector,
  metrics: ReadonlyMap<string, InferredMetric>,
): (Typed & { metric: InferredMetric }) | undefined {
  if (selector.name === undefined || selector.offset !== undefined || selector.at !== undefined) return undefined;
  const metric = metrics.get(selector.name);
  if (metric === undefined || metric.kind === 'histogram' || metric.kind === 'summary') return undefined;
  const base = memberAccess('m', selector.name);
  const matchers = selector.matchers.filter((m) => m.label !== '__name__');
  if (matchers.some((m) => !metric.labels.has(m.label))) return undefined;
  // One matcher per label: `where` takes a record.
  if (new Set(matchers.map((m) => m.label)).size !== matchers.length) return undefined;
  const labels = metric.labels;
  if (matchers.length === 0) return { code: base, kind: 'selector', metric, labels };
  return { code: `${base}.where({ ${matchers.map(matcherSource).join(', ')} })`, kind: 'selector', metric, labels };
}

function matcherSource(matcher: Matcher): string {
  const value = stringLiteral(matcher.value);
  const input = matcher.op === '=' ? value : `{ op: ${stringLiteral(matcher.op)}, value: ${value} }`;
  return `${propertyKey(matcher.label)}: ${input}`;
}
