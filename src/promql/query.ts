import type { Metric, Selector } from '../model/catalog.ts';
import type { MetricKind } from '../model/metric-spec.ts';
import type { Expr } from './ast.ts';

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
