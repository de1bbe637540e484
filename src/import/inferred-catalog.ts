import type { Expr, VectorSelector } from '../promql/ast.ts';

/** What an import learned of one metric from the queries that read it; every guess says why. */
export interface InferredMetric {
  /** The catalog key: the family name (a histogram's without `_bucket`, `_sum`, `_count`). */
  readonly name: string;
  kind: 'counter' | 'gauge' | 'histogram' | 'summary';
  readonly labels: Set<string>;
  /** Values seen in equality matchers, per label (for the domain guess). */
  readonly values: Map<string, Set<string>>;
  reason: string;
}

/** Labels Prometheus' scrape puts on every series; the catalog has them without declaring. */
const TARGET_LABELS = new Set(['job', 'instance']);
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

/**
 * A catalog inferred from PromQL: each selected metric with the labels its matchers, groupings and
 * vector matchings name, and a kind guessed from its suffix (`_total`, `_bucket`/`_sum`/`_count`)
 * and its use (read by rate/increase → counter), else gauge. Recorded series are not metrics.
 */
export class CatalogInference {
  readonly metrics = new Map<string, InferredMetric>();
  readonly #recorded = new Set<string>();

  /** Names written by recording rules: they are the rules' outputs, not catalog metrics. */
  recorded(name: string): void {
    this.#recorded.add(name);
    this.metrics.delete(name);
  }

  read(expr: Expr): void {
    this.#walk(expr, { counter: false, labels: [] });
  }

  /** The metrics in name order, histograms folded into one family. */
  list(): InferredMetric[] {
    for (const metric of [...this.metrics.values()]) {
      const suffix = /_(sum|count)$/.exec(metric.name);
      if (suffix === null) continue;
      const family = this.metrics.get(metric.name.slice(0, -suffix[0].length));
      if (family !== undefined && (family.kind === 'histogram' || family.kind === 'summary')) {
        for (const label of metric.labels) family.labels.add(label);
        this.metrics.delete(metric.name);
      }
    }
    return [...this.metrics.values()]
      .filter((metric) => !this.#recorded.has(metric.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  #walk(expr: Expr, context: { counter: boolean; labels: readonly string[] }): void {
    switch (expr.type) {
      case 'vector':
        this.#select(expr, context);
        return;
      case 'matrix':
        this.#select(expr.vector, context);
        return;
      case 'subquery':
      case 'paren':
      case 'unary':
        this.#walk(expr.expr, context);
        return;
      case 'call': {
        const counter = COUNTER_FUNCTIONS.has(expr.func);
        const labels =
          expr.func === 'label_replace' && expr.args[3]?.type === 'string'
            ? [...context.labels, expr.args[3].value].filter(Boolean)
            : context.labels;
        for (const arg of expr.args) this.#walk(arg, { counter: counter || context.counter, labels });
        return;
      }
      case 'aggregate': {
        const labels =
          expr.grouping !== undefined && !expr.grouping.without
            ? [...context.labels, ...expr.grouping.labels]
            : context.labels;
        this.#walk(expr.expr, { ...context, labels });
        return;
      }
      case 'binary': {
        const matching =
          expr.matching === undefined ? [] : [...expr.matching.labels, ...(expr.matching.group?.include ?? [])];
        const labels = [...context.labels, ...matching];
        this.#walk(expr.lhs, { ...context, labels });
        this.#walk(expr.rhs, { ...context, labels });
        return;
      }
      default:
        return;
    }
  }

  #select(selector: VectorSelector, context: { counter: boolean; labels: readonly string[] }): void {
    const name = selector.name ?? selector.matchers.find((m) => m.label === '__name__' && m.op === '=')?.value;
    if (name === undefined || this.#recorded.has(name)) return;
    const family = familyOf(name);
    const metric =
      this.metrics.get(family.name) ??
      ({
        name: family.name,
        kind: 'gauge',
        labels: new Set(),
        values: new Map(),
        reason: '',
      } as InferredMetric);
    this.metrics.set(family.name, metric);
    if (family.kind !== undefined && (metric.kind === 'gauge' || metric.kind === 'counter')) {
      metric.kind = family.kind;
      metric.reason = family.reason;
    } else if (context.counter && metric.kind === 'gauge') {
      metric.kind = 'counter';
      metric.reason = 'as rate or increase reads it';
    } else if (name.endsWith('_total') && metric.kind === 'gauge') {
      metric.kind = 'counter';
      metric.reason = 'from the _total suffix';
    }
    const labels = [...selector.matchers.map((m) => m.label), ...context.labels];
    if (
      selector.matchers.some((m) => m.label === 'quantile') &&
      metric.kind !== 'histogram' &&
      !name.endsWith('_bucket')
    ) {
      metric.kind = 'summary';
      metric.reason = 'from its quantile label';
    }
    for (const label of labels) {
      if (label === '__name__' || TARGET_LABELS.has(label)) continue;
      if (label === 'le' && metric.kind === 'histogram') continue;
      if (label === 'quantile' && metric.kind === 'summary') continue;
      metric.labels.add(label);
    }
    for (const matcher of selector.matchers) {
      // obsgen writes a whole bucket bound as le=~"2(\.0)?" (both spellings): the bound is 2.
      const value =
        matcher.op === '='
          ? matcher.value
          : matcher.label === 'le' && matcher.op === '=~'
            ? /^([0-9.e+-]+)\(\\\.0\)\?$/.exec(matcher.value)?.[1]
            : undefined;
      if (value === undefined || matcher.label === '__name__') continue;
      const seen = metric.values.get(matcher.label) ?? new Set<string>();
      seen.add(value);
      metric.values.set(matcher.label, seen);
    }
  }
}

/** A histogram's series name its family; other names are their own. */
function familyOf(name: string): { name: string; kind?: 'histogram' | 'summary'; reason: string } {
  if (name.endsWith('_bucket'))
    return { name: name.slice(0, -'_bucket'.length), kind: 'histogram', reason: 'from the _bucket suffix' };
  return { name, reason: '' };
}
