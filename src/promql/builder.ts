import type { Metric, Selector } from '../model/catalog.ts';
import { parseDuration, type Duration } from '../model/duration.ts';
import type { MetricKind } from '../model/metric-spec.ts';
import type {
  AggregateOp,
  BinaryOp,
  CounterSource,
  Expr,
  HistogramSource,
  MetricSource,
  Query,
  QueryType,
  RawPromql,
  VectorSelector,
  VectorSource,
} from './ast.ts';

export type { CounterSource, HistogramSource, MetricSource, Query, QueryType, RawPromql, VectorSource } from './ast.ts';
import { parsePromql, PromqlSyntaxError } from './parse.ts';
import { renderNumber, renderPromql } from './render.ts';
import { quote } from './string-literal.ts';
import { defined } from '../model/input/definition-input.ts';
import { inputShape, objectOf, optional, param, plain, type InputShape } from '../model/input/shape.ts';
import { captureLocation } from '../model/source-location.ts';

type ScalarSource = Query<never, 'scalar'> | number;

/** The labels a source carries, for result types. */
export type LabelsOf<S> =
  S extends Query<infer L, QueryType>
    ? L
    : S extends { readonly metric: { readonly labels: readonly (infer L extends string)[] } }
      ? L
      : S extends { readonly kind: MetricKind; readonly labels: readonly (infer L extends string)[] }
        ? L
        : never;

export function query<L extends string, T extends QueryType>(ast: Expr, type: T): Query<L, T> {
  return { ast, type, toString: () => renderPromql(ast) };
}

function isQuery(value: unknown): value is Query {
  return typeof value === 'object' && value !== null && 'ast' in value && 'type' in value;
}

function isSelector(value: unknown): value is Selector {
  return typeof value === 'object' && value !== null && 'metric' in value && 'matchers' in value;
}

/** The vector selector of a metric or selection, optionally of one of its series (`_bucket`, …). */
function selectorAst(source: Metric | Selector, suffix = ''): VectorSelector {
  const metric = isSelector(source) ? source.metric : source;
  const matchers = isSelector(source) ? source.matchers : [];
  return {
    type: 'vector',
    name: `${metric.name}${suffix}`,
    matchers: matchers.map((m) => ({ label: m.label, op: m.op, value: m.value })),
  };
}

/** The AST of any source: queries as they are, metrics and selections as selectors, numbers as literals. */
export function toAst(source: Query | Metric | Selector | number): Expr {
  if (typeof source === 'number') return { type: 'number', value: source };
  if (isQuery(source)) return source.ast;
  return selectorAst(source);
}

function durationSeconds(range: Duration | number): number {
  const seconds = typeof range === 'number' ? range : parseDuration(range);
  if (seconds === undefined || seconds <= 0) throw new Error(`not a positive duration: ${String(range)}`);
  return seconds;
}

/** A range over a source: `selector[range]`, or a subquery `expr[range:step]` for other queries. */
function rangeAst(source: Query | Metric | Selector, range: Duration | number, step?: Duration): Expr {
  const seconds = durationSeconds(range);
  const ast = toAst(source);
  if (ast.type === 'vector') return { type: 'matrix', vector: ast, range: seconds };
  return {
    type: 'subquery',
    expr: ast,
    range: seconds,
    ...(step === undefined ? {} : { step: durationSeconds(step) }),
  };
}

// Histogram and summary series.

/** `<histogram>_bucket`, with its `le` label. */
export function buckets<L extends string>(histogram: HistogramSource<L>): Query<L | 'le', 'counter'> {
  return query(selectorAst(histogram, '_bucket'), 'counter');
}

/** `<histogram>_sum`: the total of all observations. */
export function observationSum<L extends string>(
  histogram: HistogramSource<L> | MetricSource<'summary', L>,
): Query<L, 'counter'> {
  return query(selectorAst(histogram, '_sum'), 'counter');
}

/** `<histogram>_count`: the number of observations. */
export function observationCount<L extends string>(
  histogram: HistogramSource<L> | MetricSource<'summary', L>,
): Query<L, 'counter'> {
  return query(selectorAst(histogram, '_count'), 'counter');
}

// Range functions.

function call<L extends string, T extends QueryType>(func: string, args: readonly Expr[], type: T): Query<L, T> {
  return query({ type: 'call', func, args }, type);
}

function counterFunction(func: 'rate' | 'irate' | 'increase' | 'resets') {
  return <L extends string>(source: CounterSource<L>, range: Duration): Query<L, 'vector'> =>
    call(func, [rangeAst(source, range)], 'vector');
}

/** Per-second average rate of increase of a counter over the range. */
export const rate = counterFunction('rate');
/** Per-second rate from the last two samples in the range. */
export const irate = counterFunction('irate');
/** Increase of a counter over the range. */
export const increase = counterFunction('increase');
/** Number of counter resets in the range. */
export const resets = counterFunction('resets');

/** Range functions take a source and a range, or a subquery (which has its own range). */
function overTime(func: string) {
  function apply<L extends string>(source: Query<L, 'matrix'>): Query<L, 'vector'>;
  function apply<L extends string>(source: VectorSource<L>, range: Duration): Query<L, 'vector'>;
  function apply<L extends string>(source: VectorSource<L> | Query<L, 'matrix'>, range?: Duration): Query<L, 'vector'> {
    const matrix = isQuery(source) && source.type === 'matrix' ? source.ast : rangeAst(source as Query, range ?? '5m');
    return call(func, [matrix], 'vector');
  }
  return apply;
}

export const delta = overTime('delta');
export const idelta = overTime('idelta');
export const deriv = overTime('deriv');
export const changes = overTime('changes');
export const avgOverTime = overTime('avg_over_time');
export const sumOverTime = overTime('sum_over_time');
export const minOverTime = overTime('min_over_time');
export const maxOverTime = overTime('max_over_time');
export const countOverTime = overTime('count_over_time');
export const lastOverTime = overTime('last_over_time');
export const presentOverTime = overTime('present_over_time');
export const stddevOverTime = overTime('stddev_over_time');
export const stdvarOverTime = overTime('stdvar_over_time');
export const absentOverTime = overTime('absent_over_time');

export function quantileOverTime<L extends string>(
  phi: number,
  source: VectorSource<L>,
  range: Duration,
): Query<L, 'vector'> {
  return call('quantile_over_time', [toAst(phi), rangeAst(source as Query, range)], 'vector');
}

/** Linear prediction `seconds` ahead from the samples of the range (a gauge, or a subquery of rates). */
export function predictLinear<L extends string>(
  source: VectorSource<L>,
  range: Duration,
  seconds: number,
): Query<L, 'vector'> {
  return call('predict_linear', [rangeAst(source as Query, range), toAst(seconds)], 'vector');
}

/** `expr[range:step]` of any instant-vector query, for *_over_time of computed values. */
export function subquery<L extends string>(
  source: Query<L, 'vector' | 'counter'>,
  range: Duration,
  step?: Duration,
): Query<L, 'matrix'> {
  return query(rangeAst(source, range, step), 'matrix');
}

/** `selector offset <duration>`: the same query evaluated in the past. */
export function offset<S extends VectorSource<string>>(
  source: S,
  by: Duration,
): Query<LabelsOf<S>, S extends CounterSource<string> ? 'counter' : 'vector'> {
  const ast = toAst(source as Query);
  const seconds = durationSeconds(by);
  if (ast.type !== 'vector' && ast.type !== 'subquery') throw new Error('offset applies to a selector or a subquery');
  return query(
    { ...ast, offset: seconds },
    (isQuery(source)
      ? source.type
      : isSelector(source)
        ? kindType(source.metric.kind)
        : kindType((source as Metric).kind)) as S extends CounterSource<string> ? 'counter' : 'vector',
  );
}

function kindType(kind: MetricKind): 'counter' | 'vector' {
  return kind === 'counter' ? 'counter' : 'vector';
}

// Aggregation.

/** `by (labels)`: keep only these labels. */
export interface By<G extends string> {
  readonly without: false;
  readonly labels: readonly G[];
}
/** `without (labels)`: keep every label but these. */
export interface Without<W extends string> {
  readonly without: true;
  readonly labels: readonly W[];
}

export function by<const G extends string>(...labels: G[]): By<G> {
  return { without: false, labels };
}

export function without<const W extends string>(...labels: W[]): Without<W> {
  return { without: true, labels };
}

type Aggregated<L extends string, Gr> =
  Gr extends By<infer G> ? G : Gr extends Without<infer W> ? Exclude<L, W> : never;

function aggregation(op: AggregateOp) {
  return <L extends string, Gr extends By<L> | Without<L> = By<never>>(
    source: VectorSource<L>,
    grouping?: Gr,
  ): Query<Aggregated<L, Gr>, 'vector'> => {
    // Plain JavaScript (or a cast) can pass a list: say so where it is written, not at render time.
    if (grouping !== undefined && !isGrouping(grouping))
      throw new Error(
        `${op}(): the grouping is by('label', …) or without('label', …), not ${JSON.stringify(grouping)}`,
      );
    return query(
      {
        type: 'aggregate',
        op,
        expr: toAst(source as Query),
        ...(grouping === undefined ? {} : { grouping: { without: grouping.without, labels: grouping.labels } }),
      },
      'vector',
    );
  };
}

function isGrouping(value: unknown): boolean {
  const grouping = value as { readonly without?: unknown; readonly labels?: unknown };
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof grouping.without === 'boolean' &&
    Array.isArray(grouping.labels) &&
    grouping.labels.every((label) => typeof label === 'string')
  );
}

export const sum = aggregation('sum');
export const avg = aggregation('avg');
export const min = aggregation('min');
export const max = aggregation('max');
export const count = aggregation('count');
export const group = aggregation('group');
export const stddev = aggregation('stddev');
export const stdvar = aggregation('stdvar');

function parameterized(op: 'topk' | 'bottomk') {
  return <L extends string, Gr extends By<L> | Without<L> = By<never>>(
    k: number,
    source: VectorSource<L>,
    grouping?: Gr,
  ): Query<L, 'vector'> => {
    if (grouping !== undefined && !isGrouping(grouping))
      throw new Error(
        `${op}(): the grouping is by('label', …) or without('label', …), not ${JSON.stringify(grouping)}`,
      );
    return query(
      {
        type: 'aggregate',
        op,
        param: toAst(k),
        expr: toAst(source as Query),
        ...(grouping === undefined ? {} : { grouping: { without: grouping.without, labels: grouping.labels } }),
      },
      'vector',
    );
  };
}

/** The k largest series (per group); series keep all their labels. */
export const topk = parameterized('topk');
export const bottomk = parameterized('bottomk');

export function quantile<L extends string, Gr extends By<L> | Without<L> = By<never>>(
  phi: number,
  source: VectorSource<L>,
  grouping?: Gr,
): Query<Aggregated<L, Gr>, 'vector'> {
  return query(
    {
      type: 'aggregate',
      op: 'quantile',
      param: toAst(phi),
      expr: toAst(source as Query),
      ...(grouping === undefined ? {} : { grouping: { without: grouping.without, labels: grouping.labels } }),
    },
    'vector',
  );
}

export function countValues<const V extends string, L extends string, Gr extends By<L> | Without<L> = By<never>>(
  label: V,
  source: VectorSource<L>,
  grouping?: Gr,
): Query<Aggregated<L, Gr> | V, 'vector'> {
  return query(
    {
      type: 'aggregate',
      op: 'count_values',
      param: { type: 'string', value: label },
      expr: toAst(source as Query),
      ...(grouping === undefined ? {} : { grouping: { without: grouping.without, labels: grouping.labels } }),
    },
    'vector',
  );
}

/**
 * `histogram_quantile(φ, sum by (le, …) (rate(<histogram>_bucket[range])))` — the only correct
 * shape for a classic histogram: rated buckets, aggregated with `le` kept.
 */
export function histogramQuantile<L extends string, const G extends L = never>(
  phi: number,
  histogram: HistogramSource<L>,
  options: HistogramQuantileOptions<G> = {},
): Query<G, 'vector'> {
  const rated = rate(buckets(histogram), options.range ?? '5m');
  const grouping: By<L | 'le'> = { without: false, labels: ['le', ...(options.by ?? [])] };
  const summed = sum(rated, grouping);
  return withOptions(call('histogram_quantile', [toAst(phi), summed.ast], 'vector'), HISTOGRAM_QUANTILE, [
    phi,
    histogram,
    options,
  ]);
}

interface HistogramQuantileOptions<G extends string> {
  readonly by?: readonly G[];
  readonly range?: Duration;
}

const HISTOGRAM_QUANTILE = inputShape('histogramQuantile', [
  plain('phi'),
  plain('histogram'),
  param(
    'options',
    objectOf<HistogramQuantileOptions<string>>('histogramQuantile options', { by: optional(), range: optional() }),
  ),
]);

/**
 * A query built with an options object, marked for the validation stage so a misspelt option
 * is a finding. Only queries given options pay for a source location.
 */
function withOptions<Q extends Query>(made: Q, shape: InputShape, args: readonly unknown[]): Q {
  const options = args[args.length - 1];
  if (typeof options !== 'object' || options === null || Object.keys(options).length === 0) return made;
  return defined(made, shape, args, captureLocation());
}

// Binary operators.

export interface BinaryOptions<On extends string = string> {
  /** Compare with `bool`: 0/1 instead of filtering. */
  readonly bool?: boolean;
  readonly on?: readonly On[];
  readonly ignoring?: readonly string[];
  /** Many-to-one: the left side has more series; copy these labels from the right. */
  readonly groupLeft?: readonly string[];
  readonly groupRight?: readonly string[];
}

type Operand = VectorSource<string> | ScalarSource;
/** Result labels: the vector side's, the left one's when both are vectors, or `on` labels. */
type BinaryLabels<A, B, On extends string> = [On] extends [never]
  ? [LabelsOf<A>] extends [never]
    ? LabelsOf<B>
    : LabelsOf<A>
  : On;
type BinaryType<A, B> = A extends ScalarSource ? (B extends ScalarSource ? 'scalar' : 'vector') : 'vector';

const binaryShape = (constructor: string) =>
  inputShape(constructor, [
    plain('lhs'),
    plain('rhs'),
    param(
      'options',
      objectOf<BinaryOptions>('binary operator options', {
        bool: optional(),
        on: optional(),
        ignoring: optional(),
        groupLeft: optional(),
        groupRight: optional(),
      }),
    ),
  ]);

function binaryOperator(op: BinaryOp, constructor: string) {
  const shape = binaryShape(constructor);
  return <A extends Operand, B extends Operand, const On extends LabelsOf<A> & LabelsOf<B> = never>(
    lhs: A,
    rhs: B,
    options: BinaryOptions<On> = {},
  ): Query<BinaryLabels<A, B, On>, BinaryType<A, B>> => {
    const matching =
      options.on !== undefined ||
      options.ignoring !== undefined ||
      options.groupLeft !== undefined ||
      options.groupRight !== undefined
        ? {
            on: options.on !== undefined,
            labels: options.on ?? options.ignoring ?? [],
            ...(options.groupLeft !== undefined
              ? { group: { side: 'left' as const, include: options.groupLeft } }
              : options.groupRight !== undefined
                ? { group: { side: 'right' as const, include: options.groupRight } }
                : {}),
          }
        : undefined;
    const lhsAst = toAst(lhs as Query);
    const rhsAst = toAst(rhs as Query);
    const type =
      (lhsAst.type === 'number' || (isQuery(lhs) && lhs.type === 'scalar')) &&
      (rhsAst.type === 'number' || (isQuery(rhs) && rhs.type === 'scalar'))
        ? 'scalar'
        : 'vector';
    return withOptions(
      query<BinaryLabels<A, B, On>, BinaryType<A, B>>(
        {
          type: 'binary',
          op,
          lhs: lhsAst,
          rhs: rhsAst,
          bool: options.bool ?? false,
          ...(matching === undefined ? {} : { matching }),
        },
        type as BinaryType<A, B>,
      ),
      shape,
      [lhs, rhs, options],
    );
  };
}

export const add = binaryOperator('+', 'add');
export const sub = binaryOperator('-', 'sub');
export const mul = binaryOperator('*', 'mul');
export const div = binaryOperator('/', 'div');
export const mod = binaryOperator('%', 'mod');
export const pow = binaryOperator('^', 'pow');
export const atan2 = binaryOperator('atan2', 'atan2');
export const eq = binaryOperator('==', 'eq');
export const ne = binaryOperator('!=', 'ne');
export const gt = binaryOperator('>', 'gt');
export const lt = binaryOperator('<', 'lt');
export const ge = binaryOperator('>=', 'ge');
export const le = binaryOperator('<=', 'le');
export const and = binaryOperator('and', 'and');
export const or = binaryOperator('or', 'or');
export const unless = binaryOperator('unless', 'unless');

// Other functions.

function vectorFunction(func: string) {
  return <L extends string>(source: VectorSource<L>): Query<L, 'vector'> =>
    call(func, [toAst(source as Query)], 'vector');
}

export const abs = vectorFunction('abs');
export const ceil = vectorFunction('ceil');
export const floor = vectorFunction('floor');
export const sort = vectorFunction('sort');
export const sortDesc = vectorFunction('sort_desc');
export const timestamp = vectorFunction('timestamp');
export const sqrt = vectorFunction('sqrt');
export const exp = vectorFunction('exp');
export const ln = vectorFunction('ln');

export function round<L extends string>(source: VectorSource<L>, toNearest?: number): Query<L, 'vector'> {
  return call('round', [toAst(source as Query), ...(toNearest === undefined ? [] : [toAst(toNearest)])], 'vector');
}

export function clamp<L extends string>(source: VectorSource<L>, lower: number, upper: number): Query<L, 'vector'> {
  return call('clamp', [toAst(source as Query), toAst(lower), toAst(upper)], 'vector');
}

export function clampMin<L extends string>(source: VectorSource<L>, lower: number): Query<L, 'vector'> {
  return call('clamp_min', [toAst(source as Query), toAst(lower)], 'vector');
}

export function clampMax<L extends string>(source: VectorSource<L>, upper: number): Query<L, 'vector'> {
  return call('clamp_max', [toAst(source as Query), toAst(upper)], 'vector');
}

/** One series with the selector's equality-matched labels when nothing matches; empty otherwise. */
export function absent<L extends string>(source: VectorSource<L>): Query<L, 'vector'> {
  return call('absent', [toAst(source as Query)], 'vector');
}

export function vector(value: number): Query<never, 'vector'> {
  return call('vector', [toAst(value)], 'vector');
}

export function scalar(source: VectorSource<string>): Query<never, 'scalar'> {
  return call('scalar', [toAst(source as Query)], 'scalar');
}

export function time(): Query<never, 'scalar'> {
  return call('time', [], 'scalar');
}

/** Copies `source` label through `regex` (RE2, anchored) into `destination` with `replacement`. */
export function labelReplace<L extends string, const D extends string>(
  input: VectorSource<L>,
  destination: D,
  replacement: string,
  source: NoInfer<L>,
  regex: string,
): Query<L | D, 'vector'> {
  return call(
    'label_replace',
    [
      toAst(input as Query),
      { type: 'string', value: destination },
      { type: 'string', value: replacement },
      { type: 'string', value: source },
      { type: 'string', value: regex },
    ],
    'vector',
  );
}

export function labelJoin<L extends string, const D extends string>(
  input: VectorSource<L>,
  destination: D,
  separator: string,
  ...sources: NoInfer<L>[]
): Query<L | D, 'vector'> {
  return call(
    'label_join',
    [
      toAst(input as Query),
      { type: 'string', value: destination },
      { type: 'string', value: separator },
      ...sources.map((s) => ({ type: 'string' as const, value: s })),
    ],
    'vector',
  );
}

// The escape hatch.

/** Raw PromQL text whose parse failed at definition time; the analyzer reports it with the location. */

/**
 * Raw PromQL, parsed and checked against the catalog like built queries: `${metric}` and
 * `${selection}` interpolate selectors, `${query}` a parenthesised expression, numbers
 * exactly. Its labels are not known to tsc.
 */
export function promql(
  strings: TemplateStringsArray,
  ...values: readonly (Query | Metric | Selector | number | string)[]
): Query<string, 'vector'> & Partial<RawPromql> {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    if (typeof value === 'number') text += renderNumber(value);
    else if (typeof value === 'string') text += quote(value);
    else if (isQuery(value))
      text += value.ast.type === 'binary' ? `(${renderPromql(value.ast)})` : renderPromql(value.ast);
    else text += renderPromql(selectorAst(value));
    text += strings[i + 1] ?? '';
  });
  return rawQuery(text);
}

/** PromQL text as a query: parsed when it parses; otherwise kept for the build to report. */
export function rawQuery(text: string): Query<string, 'vector'> & Partial<RawPromql> {
  try {
    return { ...query(parsePromql(text), 'vector'), written: text };
  } catch (error) {
    if (!(error instanceof PromqlSyntaxError)) throw error;
    // Keep the text: the build reports promql/syntax at the definition instead of throwing here.
    const placeholder: Expr = { type: 'vector', name: undefined, matchers: [] };
    return { ast: placeholder, type: 'vector', text, toString: () => text };
  }
}

/** The text a query renders to: canonical for parsed queries, as written for unparseable raw ones. */
export function queryText(source: Query & Partial<RawPromql>): string {
  return source.text ?? renderPromql(source.ast);
}
