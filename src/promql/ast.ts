import type { Metric, Selector } from '../model/catalog.ts';
import type { MetricKind } from '../model/metric-spec.ts';

/** PromQL abstract syntax, as Prometheus' own parser models it. Spans are offsets into the source. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
  readonly span?: Span;
}

/** `@ <timestamp>`, `@ start()` or `@ end()`. */
export type AtModifier = number | 'start' | 'end';

interface NumberLiteral {
  readonly type: 'number';
  readonly value: number;
  readonly span?: Span;
}

interface StringLiteral {
  readonly type: 'string';
  readonly value: string;
  readonly span?: Span;
}

export interface VectorSelector {
  readonly type: 'vector';
  /** The metric name; undefined for `{__name__=~"…"}`-style selectors. */
  readonly name: string | undefined;
  readonly matchers: readonly Matcher[];
  /** Seconds; negative looks ahead. */
  readonly offset?: number;
  readonly at?: AtModifier;
  readonly span?: Span;
}

/** `selector[range]`; offset and @ of the range live on the inner selector, as in Prometheus. */
interface MatrixSelector {
  readonly type: 'matrix';
  readonly vector: VectorSelector;
  /** Seconds. */
  readonly range: number;
  /** A Grafana range variable (`$__rate_interval`) rendered instead of the range; dashboards only. */
  readonly rangeVariable?: string;
  readonly span?: Span;
}

interface Subquery {
  readonly type: 'subquery';
  readonly expr: Expr;
  readonly range: number;
  readonly step?: number;
  readonly offset?: number;
  readonly at?: AtModifier;
  readonly span?: Span;
}

export interface Call {
  readonly type: 'call';
  readonly func: string;
  readonly args: readonly Expr[];
  readonly span?: Span;
}

export const AGGREGATE_OPS = [
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

export interface Grouping {
  readonly without: boolean;
  readonly labels: readonly string[];
}

export interface Aggregate {
  readonly type: 'aggregate';
  readonly op: AggregateOp;
  /** k of topk/bottomk, φ of quantile, the label of count_values. */
  readonly param?: Expr;
  readonly expr: Expr;
  readonly grouping?: Grouping;
  readonly span?: Span;
}

const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='] as const;
const SET_OPS = ['and', 'or', 'unless'] as const;
type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type SetOp = (typeof SET_OPS)[number];
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export interface VectorMatching {
  /** `on(...)` when true, `ignoring(...)` when false. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** `group_left(...)` / `group_right(...)` and the labels they copy from the "one" side. */
  readonly group?: { readonly side: 'left' | 'right'; readonly include: readonly string[] };
}

export interface Binary {
  readonly type: 'binary';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** The `bool` modifier of comparisons. */
  readonly bool: boolean;
  readonly matching?: VectorMatching;
  readonly span?: Span;
}

interface Unary {
  readonly type: 'unary';
  readonly op: '-' | '+';
  readonly expr: Expr;
  readonly span?: Span;
}

interface Paren {
  readonly type: 'paren';
  readonly expr: Expr;
  readonly span?: Span;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren;

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export function isComparison(op: BinaryOp): op is ComparisonOp {
  return (COMPARISON_OPS as readonly string[]).includes(op);
}

export function isSetOp(op: BinaryOp): op is SetOp {
  return (SET_OPS as readonly string[]).includes(op);
}

/** The expressions directly inside `expr`, in source order. */
export function subexpressions(expr: Expr): Expr[] {
  switch (expr.type) {
    case 'call':
      return [...expr.args];
    case 'aggregate':
      return expr.param === undefined ? [expr.expr] : [expr.param, expr.expr];
    case 'binary':
      return [expr.lhs, expr.rhs];
    case 'unary':
    case 'paren':
    case 'subquery':
      return [expr.expr];
    case 'matrix':
      return [expr.vector];
    default:
      return [];
  }
}

// The types a query is, beside the AST it holds: the model names them without knowing the builders.
/**
 * What a query's result holds: an instant vector of raw counter samples (only rate() and
 * friends make sense of it), any other instant vector, a range vector, or a scalar.
 */
export type QueryType = 'counter' | 'vector' | 'matrix' | 'scalar';

declare const LABELS: unique symbol;

/**
 * A typed PromQL expression. `L` are the labels its result carries (checked by tsc in `by`,
 * `without`, `on`, …); the AST is what compilers render and the analyzer checks.
 */
export interface Query<L extends string = string, T extends QueryType = QueryType> {
  readonly ast: Expr;
  readonly type: T;
  /** The text the AST was parsed from, when written by hand (promql`…`): its spans index this text. */
  readonly written?: string;
  /** Phantom: never set at runtime. */
  readonly [LABELS]?: L;
  toString(): string;
}

type Values<L extends string> = { readonly [P in L]: string };
/** A catalog metric or selection of one, used where an instant vector is expected. */
export type MetricSource<K extends MetricKind, L extends string> = Metric<K, L, Values<L>> | Selector<K, L, Values<L>>;
/** Anything that is an instant vector with labels L. */
export type VectorSource<L extends string> =
  Query<L, 'vector' | 'counter'> | MetricSource<'counter' | 'gauge' | 'updowncounter' | 'summary', L>;
/** Raw counter samples: what rate(), increase(), irate() and resets() take. */
export type CounterSource<L extends string> = Query<L, 'counter'> | MetricSource<'counter', L>;
/** Histogram metrics, whose `_bucket`, `_sum` and `_count` series the helpers below select. */
export type HistogramSource<L extends string> = MetricSource<'histogram', L>;

/** Raw PromQL kept as written (the build reports promql/syntax at the definition). */
export interface RawPromql {
  readonly text: string;
}
