import { formatDuration } from '../model/duration.ts';
import type { Expr, Matcher, VectorSelector } from '../promql/ast.ts';
import { renderNumber } from '../promql/render.ts';
import type { InferredMetric } from './inferred-catalog.ts';
import { memberAccess, propertyKey, stringLiteral, templateText } from './typescript-source.ts';

const AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar']);
/** Aggregations with a number first: `topk(5, …)`, `quantile(0.9, …)`. */
const PARAMETERIZED: Readonly<Record<string, string>> = { topk: 'topk', bottomk: 'bottomk', quantile: 'quantile' };
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Functions of a selector over a range, and the builder that writes each. */
const OVER_TIME: Readonly<Record<string, string>> = {
  delta: 'delta',
  idelta: 'idelta',
  deriv: 'deriv',
  changes: 'changes',
  avg_over_time: 'avgOverTime',
  sum_over_time: 'sumOverTime',
  min_over_time: 'minOverTime',
  max_over_time: 'maxOverTime',
  count_over_time: 'countOverTime',
  last_over_time: 'lastOverTime',
  present_over_time: 'presentOverTime',
  stddev_over_time: 'stddevOverTime',
  stdvar_over_time: 'stdvarOverTime',
  absent_over_time: 'absentOverTime',
};
/** Functions of one vector, and the builder that writes each. */
const OF_VECTOR: Readonly<Record<string, string>> = {
  abs: 'abs',
  ceil: 'ceil',
  floor: 'floor',
  sort: 'sort',
  sort_desc: 'sortDesc',
  timestamp: 'timestamp',
  sqrt: 'sqrt',
  exp: 'exp',
  ln: 'ln',
  absent: 'absent',
};
/** Functions of a vector and numbers. */
const WITH_NUMBERS: Readonly<Record<string, { readonly name: string; readonly numbers: readonly number[] }>> = {
  clamp: { name: 'clamp', numbers: [2] },
  clamp_min: { name: 'clampMin', numbers: [1] },
  clamp_max: { name: 'clampMax', numbers: [1] },
  round: { name: 'round', numbers: [0, 1] },
};
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
  '%': 'mod',
  '^': 'pow',
  and: 'and',
  or: 'or',
  unless: 'unless',
};

/**
 * An expression as definitions code: builder calls on the catalog (`m.<metric>`) where every part
 * has a typed form — selectors of catalog metrics, rate/irate/increase, the *_over_time family,
 * aggregations with by/without (topk, quantile too), histogram_quantile of a catalog histogram,
 * the vector functions, arithmetic, comparisons and set operators with their vector matching —
 * else the `promql` escape hatch with the text as written. The import tests rebuild every corpus
 * expression and compare it with the original, so a wrong mapping cannot pass unseen.
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
  readonly kind: 'selector' | 'query' | 'number';
  /** The labels tsc knows the result has: `by` and `on` may only name these. */
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
    case 'call':
      return callSource(expr, metrics);
    case 'aggregate':
      return aggregateSource(expr, metrics);
    case 'binary': {
      const name = BINARY[expr.op];
      if (name === undefined) return undefined;
      const lhs = typedSource(expr.lhs, metrics);
      const rhs = typedSource(expr.rhs, metrics);
      if (lhs === undefined || rhs === undefined || (lhs.kind === 'number' && rhs.kind === 'number')) return undefined;
      const options: string[] = [];
      if (expr.bool) options.push('bool: true');
      const matching = expr.matching;
      if (matching !== undefined) {
        if (lhs.kind === 'number' || rhs.kind === 'number') return undefined;
        // `on` labels are typed: both sides must have them.
        if (matching.on && matching.labels.some((l) => !lhs.labels.has(l) || !rhs.labels.has(l))) return undefined;
        options.push(`${matching.on ? 'on' : 'ignoring'}: [${matching.labels.map(stringLiteral).join(', ')}]`);
        if (matching.group !== undefined)
          options.push(
            `${matching.group.side === 'left' ? 'groupLeft' : 'groupRight'}: [${matching.group.include.map(stringLiteral).join(', ')}]`,
          );
      }
      const labels = matching?.on === true ? new Set(matching.labels) : lhs.kind === 'number' ? rhs.labels : lhs.labels;
      return {
        code: `${name}(${lhs.code}, ${rhs.code}${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`,
        kind: 'query',
        labels,
      };
    }
    default:
      return undefined;
  }
}

function callSource(
  expr: Extract<Expr, { type: 'call' }>,
  metrics: ReadonlyMap<string, InferredMetric>,
): Typed | undefined {
  const [first, second] = expr.args;
  if (COUNTER_FUNCTIONS.has(expr.func) || OVER_TIME[expr.func] !== undefined) {
    if (expr.args.length !== 1 || first?.type !== 'matrix' || first.rangeVariable !== undefined) return undefined;
    const selector = selectorSource(first.vector, metrics);
    if (selector === undefined) return undefined;
    // rate and friends take counters; tsc says so, and so does the catalog's kind.
    if (COUNTER_FUNCTIONS.has(expr.func) && selector.metric.kind !== 'counter') return undefined;
    const builder = OVER_TIME[expr.func] ?? expr.func;
    return {
      code: `${builder}(${selector.code}, ${stringLiteral(formatDuration(first.range))})`,
      kind: 'query',
      labels: selector.labels,
    };
  }
  if (expr.func === 'histogram_quantile') return histogramQuantileSource(expr, metrics);
  const ofVector = OF_VECTOR[expr.func];
  if (ofVector !== undefined) {
    if (expr.args.length !== 1 || first === undefined) return undefined;
    const inner = typedSource(first, metrics);
    if (inner === undefined || inner.kind === 'number') return undefined;
    return { code: `${ofVector}(${inner.code})`, kind: 'query', labels: inner.labels };
  }
  const withNumbers = WITH_NUMBERS[expr.func];
  if (withNumbers !== undefined && first !== undefined) {
    const numbers = expr.args.slice(1);
    if (!withNumbers.numbers.includes(numbers.length) || numbers.some((n) => n.type !== 'number')) return undefined;
    const inner = typedSource(first, metrics);
    if (inner === undefined || inner.kind === 'number') return undefined;
    const rest = numbers.map((n) => (n.type === 'number' ? `, ${renderNumber(n.value)}` : '')).join('');
    return { code: `${withNumbers.name}(${inner.code}${rest})`, kind: 'query', labels: inner.labels };
  }
  if (expr.func === 'vector' && first?.type === 'number' && second === undefined)
    return { code: `vector(${renderNumber(first.value)})`, kind: 'query', labels: NO_LABELS };
  return undefined;
}

function aggregateSource(
  expr: Extract<Expr, { type: 'aggregate' }>,
  metrics: ReadonlyMap<string, InferredMetric>,
): Typed | undefined {
  const parameterized = PARAMETERIZED[expr.op];
  if (!AGGREGATIONS.has(expr.op) && parameterized === undefined) return undefined;
  if ((parameterized === undefined) !== (expr.param === undefined)) return undefined;
  if (expr.param !== undefined && expr.param.type !== 'number') return undefined;
  const inner = typedSource(expr.expr, metrics);
  if (inner === undefined || inner.kind === 'number') return undefined;
  const grouping = expr.grouping;
  if (grouping !== undefined && (grouping.labels.length === 0 || grouping.labels.some((l) => !inner.labels.has(l))))
    return undefined;
  const groupingCode =
    grouping === undefined
      ? ''
      : `, ${grouping.without ? 'without' : 'by'}(${grouping.labels.map(stringLiteral).join(', ')})`;
  // topk and bottomk keep every label; the others keep the grouping's.
  const labels =
    expr.op === 'topk' || expr.op === 'bottomk'
      ? inner.labels
      : grouping === undefined
        ? NO_LABELS
        : grouping.without
          ? new Set([...inner.labels].filter((label) => !grouping.labels.includes(label)))
          : new Set(grouping.labels);
  const param = expr.param?.type === 'number' ? `${renderNumber(expr.param.value)}, ` : '';
  return { code: `${parameterized ?? expr.op}(${param}${inner.code}${groupingCode})`, kind: 'query', labels };
}

/**
 * `histogram_quantile(φ, sum by (le, …) (rate(<histogram>_bucket{…}[range])))` of a catalog
 * histogram: the builder writes exactly this shape (`le` first in its grouping).
 */
function histogramQuantileSource(
  expr: Extract<Expr, { type: 'call' }>,
  metrics: ReadonlyMap<string, InferredMetric>,
): Typed | undefined {
  const [phi, summed] = expr.args;
  if (phi?.type !== 'number' || summed?.type !== 'aggregate' || summed.op !== 'sum') return undefined;
  const grouping = summed.grouping;
  if (grouping === undefined || grouping.without || grouping.labels[0] !== 'le') return undefined;
  const rated = summed.expr.type === 'paren' ? summed.expr.expr : summed.expr;
  if (rated.type !== 'call' || rated.func !== 'rate' || rated.args[0]?.type !== 'matrix') return undefined;
  const matrix = rated.args[0];
  const bucket = matrix.vector;
  if (matrix.rangeVariable !== undefined || bucket.name === undefined || !bucket.name.endsWith('_bucket'))
    return undefined;
  const family = bucket.name.slice(0, -'_bucket'.length);
  const metric = metrics.get(family);
  if (metric?.kind !== 'histogram' || bucket.offset !== undefined || bucket.at !== undefined) return undefined;
  const matchers = bucket.matchers.filter((m) => m.label !== '__name__');
  const by = grouping.labels.slice(1);
  if (matchers.some((m) => m.label === 'le' || !metric.labels.has(m.label)) || by.some((l) => !metric.labels.has(l)))
    return undefined;
  if (new Set(matchers.map((m) => m.label)).size !== matchers.length) return undefined;
  const base = memberAccess('m', family);
  const source = matchers.length === 0 ? base : `${base}.where({ ${matchers.map(matcherSource).join(', ')} })`;
  const options = [
    ...(by.length === 0 ? [] : [`by: [${by.map(stringLiteral).join(', ')}]`]),
    ...(matrix.range === 300 ? [] : [`range: ${stringLiteral(formatDuration(matrix.range))}`]),
  ];
  return {
    code: `histogramQuantile(${renderNumber(phi.value)}, ${source}${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`,
    kind: 'query',
    labels: new Set(by),
  };
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
