import type { RuleIdOf } from '../rule-id.ts';
import type { Severity } from '../finding.ts';
import { formatDuration } from '../model/duration.ts';
import {
  type Aggregate,
  type Binary,
  type BinaryOp,
  type Call,
  type Expr,
  type Matcher,
  type Span,
  type ValueType,
  type VectorSelector,
  isComparison,
  isSetOp,
} from './ast.ts';
import { documentedType, FUNCTIONS } from './functions.ts';
import { parsePromql, PromqlSyntaxError } from './parse.ts';
import { re2Matches, translateRe2 } from './re2.ts';
import { renderPromql } from './render.ts';
import type { SeriesCatalog, SeriesInfo, SeriesKind } from './series-catalog.ts';
import { closest } from '../text/closest.ts';

/** One problem in one expression; the caller adds the definition's location and subject. */
interface PromqlFinding {
  readonly rule: RuleIdOf<'promql'>;
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
  readonly span: Span | undefined;
}

/**
 * Labels an expression's result carries. `known` undefined means open (not known, e.g. an
 * undeclared metric); `removed` are labels that existed upstream and an aggregation dropped.
 */
interface LabelSet {
  readonly known: ReadonlySet<string> | undefined;
  readonly removed: ReadonlySet<string>;
}

export interface Analysis {
  readonly expr: Expr | undefined;
  readonly findings: readonly PromqlFinding[];
  readonly type: ValueType | undefined;
  readonly labels: LabelSet;
}

export interface AnalysisContext {
  readonly catalog: SeriesCatalog;
  /** The system the expression belongs to; its catalog and recording rules resolve first. */
  readonly system: string | undefined;
  /** Infer types and labels only; report nothing (a pass whose findings would be discarded). */
  readonly quiet?: boolean;
}

interface RawCounter {
  readonly name: string;
  readonly span: Span | undefined;
}

/** What the walk knows about a node's value. */
interface Info {
  readonly type: ValueType;
  readonly labels: LabelSet;
  /** Counter selectors whose raw (cumulative) values reach this node. */
  readonly rawCounters: readonly RawCounter[];
  /** Kinds of the stored series feeding this node. */
  readonly kinds: ReadonlySet<SeriesKind>;
  /** Whether bucket series reach this node through rate(), increase() or irate(). */
  readonly rated: boolean;
}

const OPEN: LabelSet = { known: undefined, removed: new Set() };
/** One shared set per series kind: selectors are the most frequent node. */
const KIND_SETS = new Map<SeriesKind, ReadonlySet<SeriesKind>>();
const kindSet = (kind: SeriesKind): ReadonlySet<SeriesKind> => {
  let set = KIND_SETS.get(kind);
  if (set === undefined) {
    set = new Set([kind]);
    KIND_SETS.set(kind, set);
  }
  return set;
};
const NO_REMOVED: ReadonlySet<string> = new Set();
const NONE: LabelSet = { known: new Set(), removed: new Set() };
const NO_KINDS: ReadonlySet<SeriesKind> = new Set();
const COUNTER_KINDS: ReadonlySet<SeriesKind> = new Set([
  'counter',
  'histogram_bucket',
  'histogram_sum',
  'histogram_count',
  'summary_sum',
  'summary_count',
]);
const NON_COUNTER_KINDS: ReadonlySet<SeriesKind> = new Set(['gauge', 'summary_quantile']);
/** Functions made for counters: they handle resets. */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Functions whose result is meaningless on a counter (resets make them jump). */
const GAUGE_FUNCTIONS = new Set(['delta', 'idelta', 'deriv', 'predict_linear', 'holt_winters']);
/** Functions over a raw counter that give a sound answer anyway. */
const COUNTER_SAFE = new Set([
  'changes',
  'count_over_time',
  'present_over_time',
  'absent_over_time',
  'absent',
  'timestamp',
]);
const RATE_LIKE = new Set(['rate', 'increase', 'irate']);
/** Aggregations that keep a count or a grouping, not a sum of cumulative values. */
const COUNTER_SAFE_AGGREGATES = new Set(['count', 'group', 'count_values']);
const SUMMARY_UNSAFE_AGGREGATES = new Set(['sum', 'avg', 'stddev', 'stdvar', 'quantile']);
/** Below this many scrape intervals a range holds too few samples for a stable answer. */
const RANGE_SAMPLES_WARNING = 4;
const RANGE_SAMPLES_ERROR = 2;

/** Parses and analyzes one expression against the project's series. Never throws. */
export function analyzePromql(source: string, context: AnalysisContext): Analysis {
  let expr: Expr;
  try {
    expr = parsePromql(source);
  } catch (error) {
    if (!(error instanceof PromqlSyntaxError)) throw error;
    return {
      expr: undefined,
      type: undefined,
      labels: OPEN,
      findings: [
        {
          rule: 'promql/syntax',
          severity: 'error',
          message: `${error.message} (at character ${error.offset + 1})`,
          hint: 'Fix the expression; promtool and Prometheus will reject it too.',
          span: { start: error.offset, end: error.offset },
        },
      ],
    };
  }
  return analyzeExpr(expr, context);
}

/** Analyzes an already parsed (or built) expression. */
export function analyzeExpr(expr: Expr, context: AnalysisContext): Analysis {
  const walker = new Walker(context);
  const info = walker.visit(expr, { insideHistogramQuantile: false });
  for (const raw of uniqueByName(info.rawCounters)) {
    walker.report(
      'promql/counter-raw',
      'error',
      `Counter ${raw.name} is used as a raw value; a counter's value is the total since its process started and drops to 0 on every restart.`,
      'Wrap it in rate(…[5m]) or increase(…[1h]) (or count() / absent() when only presence matters).',
      raw.span,
    );
  }
  return { expr, findings: walker.findings, type: info.type, labels: info.labels };
}

interface Scope {
  readonly insideHistogramQuantile: boolean;
}

class Walker {
  readonly findings: PromqlFinding[] = [];
  /** Labels a selector's collector removes, so a by/on naming one says where it went. */
  private readonly removedByCollector = new Map<string, { series: string; processor: string }>();

  constructor(private readonly context: AnalysisContext) {}

  /** Hints may be thunks: a "did you mean" search runs only for findings that are kept. */
  report(
    rule: RuleIdOf<'promql'>,
    severity: Severity,
    message: string,
    hint: string | (() => string),
    span: Span | undefined,
  ): void {
    if (this.context.quiet === true) return;
    this.findings.push({ rule, severity, message, hint: typeof hint === 'string' ? hint : hint(), span });
  }

  private typeError(message: string, hint: string, span: Span | undefined): void {
    this.report('promql/type', 'error', message, hint, span);
  }

  visit(expr: Expr, scope: Scope): Info {
    switch (expr.type) {
      case 'number':
        return { type: 'scalar', labels: NONE, rawCounters: [], kinds: NO_KINDS, rated: false };
      case 'string':
        return { type: 'string', labels: NONE, rawCounters: [], kinds: NO_KINDS, rated: false };
      case 'paren': {
        // Iteratively: Prometheus accepts thousands of nested parentheses.
        let inner: Expr = expr.expr;
        while (inner.type === 'paren') inner = inner.expr;
        return this.visit(inner, scope);
      }
      case 'vector':
        return this.selector(expr, scope, 'vector');
      case 'matrix':
        return this.selector(expr.vector, scope, 'matrix');
      case 'subquery': {
        const inner = this.visit(expr.expr, scope);
        if (inner.type !== 'vector')
          this.typeError(
            `subquery is only allowed on instant vector, got ${documentedType(inner.type)} instead`,
            'A subquery evaluates an instant-vector expression at every step.',
            expr.span,
          );
        return { ...inner, type: 'matrix' };
      }
      case 'unary': {
        const inner = this.visit(expr.expr, scope);
        if (inner.type !== 'scalar' && inner.type !== 'vector')
          this.typeError(
            'unary expression only allowed on expressions of type scalar or instant vector',
            'Negate an instant vector or a scalar.',
            expr.span,
          );
        return inner;
      }
      case 'call':
        return this.call(expr, scope);
      case 'aggregate':
        return this.aggregate(expr, scope);
      case 'binary':
        return this.binary(expr, scope);
    }
  }

  // Selectors: resolve the series, check matchers against its labels and domains.
  private selector(selector: VectorSelector, scope: Scope, type: 'vector' | 'matrix'): Info {
    const open: Info = { type, labels: OPEN, rawCounters: [], kinds: kindSet('unknown'), rated: false };
    if (selector.name === undefined) return open;
    const { catalog, system } = this.context;
    const series = catalog.resolve(selector.name, system, selector.matchers);
    if (series === undefined) {
      this.unknownMetric(selector, scope);
      return open;
    }
    this.checkMatchers(selector, series);
    for (const [label, processor] of series.removedByCollector ?? [])
      this.removedByCollector.set(label, { series: series.name, processor });
    const labels: LabelSet = series.labels === undefined ? OPEN : { known: series.labels, removed: NO_REMOVED };
    const rawCounters = series.kind === 'counter' ? [{ name: series.name, span: selector.span }] : [];
    return { type, labels, rawCounters, kinds: kindSet(series.kind), rated: false };
  }

  private unknownMetric(selector: VectorSelector, scope: Scope): void {
    const name = selector.name ?? '';
    const { catalog, system } = this.context;
    if (this.context.quiet === true) return;
    const family = catalog.histogramFamily(name, system);
    const quantile = selector.matchers.find((m) => m.label === 'quantile');
    if (family !== undefined && quantile !== undefined) {
      this.report(
        'promql/summary-quantile',
        'error',
        `${name}{quantile="${quantile.value}"}: ${name} is a histogram, and only summaries expose a quantile label.`,
        `Compute it: histogram_quantile(${quantile.value || '0.99'}, sum by (le) (rate(${name}_bucket[5m]))).`,
        quantile.span ?? selector.span,
      );
      return;
    }
    if (family !== undefined) {
      const rule = scope.insideHistogramQuantile ? 'promql/histogram-quantile' : 'promql/unknown-metric';
      this.report(
        rule,
        'error',
        `${name} is a histogram; Prometheus stores only ${name}_bucket, ${name}_sum and ${name}_count.`,
        scope.insideHistogramQuantile
          ? `Use histogram_quantile(φ, sum by (le) (rate(${name}_bucket[5m]))).`
          : `Query ${name}_bucket (with le), ${name}_sum or ${name}_count.`,
        selector.span,
      );
      return;
    }
    const stored = catalog.storedNameOfOtel(name, system);
    if (stored !== undefined) {
      this.report(
        'promql/unknown-metric',
        'error',
        `${name} is the OpenTelemetry instrument name; Prometheus stores it as ${stored}.`,
        `Query ${stored}.`,
        selector.span,
      );
      return;
    }
    this.report(
      'promql/unknown-metric',
      'error',
      `No catalog, recording rule or well-known exporter defines ${name}.`,
      () => {
        const suggestion = closest(name, catalog.names(system));
        return suggestion === undefined ? 'Declare it in the catalog, or fix the name.' : `Did you mean ${suggestion}?`;
      },
      selector.span,
    );
  }

  private checkMatchers(selector: VectorSelector, series: SeriesInfo): void {
    for (const matcher of selector.matchers) {
      if (matcher.label === '__name__') continue;
      const isQuantileOnHistogram =
        matcher.label === 'quantile' &&
        (series.kind === 'histogram_bucket' || series.kind === 'histogram_sum' || series.kind === 'histogram_count');
      if (isQuantileOnHistogram) {
        const family = series.metric?.name ?? series.name;
        this.report(
          'promql/summary-quantile',
          'error',
          `${series.name} belongs to the histogram ${family}, which has no quantile label; only summaries expose quantiles.`,
          `Compute it: histogram_quantile(${matcher.value || '0.99'}, sum by (le) (rate(${family}_bucket[5m]))).`,
          matcher.span ?? selector.span,
        );
        continue;
      }
      if (series.labels !== undefined && !series.labels.has(matcher.label)) {
        const suggestion = closest(matcher.label, series.labels);
        const processor = series.removedByCollector?.get(matcher.label);
        const dropped = series.metric !== undefined && series.metric.spec.labels.includes(matcher.label);
        this.report(
          'promql/unknown-label',
          'error',
          processor !== undefined
            ? `${series.name} has no label ${matcher.label} in Prometheus: the collector's processor ${processor} removes it.`
            : dropped
              ? `${series.name} has no label ${matcher.label} in Prometheus: the catalog drops it at the collector.`
              : `${series.name} has no label ${matcher.label}.`,
          processor !== undefined
            ? `Keep it in ${processor} (or query it where it is kept).`
            : dropped
              ? 'Query it on traces or logs, where it is kept.'
              : suggestion === undefined
                ? `Its labels: ${[...series.labels].sort().join(', ')}.`
                : `Did you mean ${suggestion}?`,
          matcher.span ?? selector.span,
        );
        continue;
      }
      this.checkDomain(matcher, series, selector);
    }
  }

  private checkDomain(matcher: Matcher, series: SeriesInfo, selector: VectorSelector): void {
    const domain = series.domains.get(matcher.label);
    if (domain?.kind !== 'oneOf') return;
    const values = domain.values;
    let never = false;
    if (matcher.op === '=' && matcher.value !== '') never = !values.includes(matcher.value);
    if (matcher.op === '=~') {
      const matches = values.map((value) => re2Matches(matcher.value, value));
      never = matches.every((m) => m === false) && re2Matches(matcher.value, '') === false;
    }
    if (never) {
      this.report(
        'promql/label-value',
        'error',
        `${matcher.label}${matcher.op}"${matcher.value}" can never match ${series.name}: ${matcher.label} is one of ${values.join(', ')}.`,
        'Fix the value, or add it to the label domain if the service really emits it.',
        matcher.span ?? selector.span,
      );
    }
  }

  // Functions.
  private call(call: Call, scope: Scope): Info {
    const signature = FUNCTIONS[call.func];
    if (signature === undefined) {
      this.typeError(
        `unknown function with name ${JSON.stringify(call.func)}`,
        'See the Prometheus function list.',
        call.span,
      );
      return { type: 'vector', labels: OPEN, rawCounters: [], kinds: NO_KINDS, rated: false };
    }
    const expected = signature.args.length;
    const given = call.args.length;
    if (signature.variadic === 0 && given !== expected) {
      this.typeError(
        `expected ${expected} argument(s) in call to ${JSON.stringify(call.func)}, got ${given}`,
        `${call.func} takes ${expected} argument(s).`,
        call.span,
      );
    } else if (signature.variadic !== 0 && given < expected - 1) {
      this.typeError(
        `expected at least ${expected - 1} argument(s) in call to ${JSON.stringify(call.func)}, got ${given}`,
        `${call.func} takes at least ${expected - 1} argument(s).`,
        call.span,
      );
    } else if (signature.variadic > 0 && given > expected - 1 + signature.variadic) {
      this.typeError(
        `expected at most ${expected - 1 + signature.variadic} argument(s) in call to ${JSON.stringify(call.func)}, got ${given}`,
        `${call.func} takes at most ${expected - 1 + signature.variadic} argument(s).`,
        call.span,
      );
    }
    const inner: Scope = {
      insideHistogramQuantile: scope.insideHistogramQuantile || call.func === 'histogram_quantile',
    };
    const args = call.args.map((arg, i) => {
      const info = this.visit(arg, inner);
      const want = signature.args[Math.min(i, signature.args.length - 1)];
      if (want !== undefined && (i < signature.args.length || signature.variadic === -1) && info.type !== want) {
        const hint =
          want === 'matrix' && info.type === 'vector'
            ? `Give it a range: ${call.func}(${renderPromql(arg)}[5m]).`
            : want === 'vector' && info.type === 'matrix'
              ? 'Drop the [range], or wrap it in a *_over_time function.'
              : `Pass ${documentedType(want)}.`;
        this.typeError(
          `expected type ${documentedType(want)} in call to function ${JSON.stringify(call.func)}, got ${documentedType(info.type)}`,
          hint,
          arg.span ?? call.span,
        );
      }
      return info;
    });
    const vectorArg = args.find((a) => a.type === 'vector' || a.type === 'matrix');
    const base: Info = {
      type: signature.returns,
      labels: signature.returns === 'scalar' ? NONE : (vectorArg?.labels ?? NONE),
      rawCounters: vectorArg?.rawCounters ?? [],
      kinds: vectorArg?.kinds ?? NO_KINDS,
      rated: vectorArg?.rated ?? false,
    };
    const matrixArg = call.args.find((a) => a.type === 'matrix');
    if (matrixArg?.type === 'matrix') this.checkRange(call, matrixArg.vector, matrixArg.range, matrixArg.span);
    return this.functionSemantics(call, args, base);
  }

  private functionSemantics(call: Call, args: readonly Info[], base: Info): Info {
    const func = call.func;
    const kinds = base.kinds;
    if (COUNTER_FUNCTIONS.has(func)) {
      const wrong = [...kinds].filter((k) => NON_COUNTER_KINDS.has(k));
      if (wrong.length > 0) {
        this.report(
          'promql/rate-non-counter',
          'error',
          `${func}() of ${this.seriesText(call.args[0])}, which is a ${wrong.includes('gauge') ? 'gauge' : 'summary quantile'}: ${func} assumes a counter and reads every decrease as a reset.`,
          'For a gauge use delta(), deriv() or *_over_time(); for a summary quantile use it as is.',
          call.span,
        );
      }
      this.checkCountersCombinedBeforeRate(call, args[0]);
      return { ...base, rawCounters: [], rated: RATE_LIKE.has(func) || base.rated };
    }
    if (func === 'holt_winters') {
      this.report(
        'promql/compat',
        'warning',
        'holt_winters() exists in Prometheus 2.x only: Prometheus 3 renamed it double_exponential_smoothing() and hides it behind --enable-feature=promql-experimental-functions.',
        'Use predict_linear() or avg_over_time(), which load everywhere.',
        call.span,
      );
    }
    if (GAUGE_FUNCTIONS.has(func)) {
      if ([...kinds].some((k) => COUNTER_KINDS.has(k))) {
        this.report(
          'promql/rate-non-counter',
          'error',
          `${func}() of the counter ${this.seriesText(call.args.find((a) => a.type === 'matrix'))}: counter resets make ${func} jump.`,
          func === 'predict_linear'
            ? 'Predict on a gauge, or on rate()/increase() through a subquery.'
            : 'Use rate() or increase() on counters.',
          call.span,
        );
      }
      return { ...base, rawCounters: [] };
    }
    if (COUNTER_SAFE.has(func)) {
      // Both keep only the labels of the selector's equality matchers (Prometheus' createLabelsForAbsentFunction).
      if (func === 'absent' || func === 'absent_over_time')
        return { ...base, labels: absentLabels(call.args[0]), rawCounters: [] };
      return { ...base, rawCounters: [] };
    }
    if (func === 'histogram_quantile') return this.histogramQuantile(call, args, base);
    if (func === 'label_replace' || func === 'label_join') return this.labelFunction(call, args, base);
    if (func === 'vector') return { type: 'vector', labels: NONE, rawCounters: [], kinds: NO_KINDS, rated: false };
    if (func === 'time' || func === 'pi')
      return { type: 'scalar', labels: NONE, rawCounters: [], kinds: NO_KINDS, rated: false };
    return base;
  }

  /**
   * rate()/increase()/irate() of a subquery that sums (or otherwise combines) raw counters: one
   * series' reset is then a drop of the combination, which rate() reads as a reset of the whole —
   * a spike as large as the combined total. Rate each counter first, then combine.
   */
  private checkCountersCombinedBeforeRate(call: Call, input: Info | undefined): void {
    const source = call.args[0];
    if (source?.type !== 'subquery' || input === undefined || input.rawCounters.length === 0) return;
    let inner: Expr = source.expr;
    while (inner.type === 'paren') inner = inner.expr;
    if (inner.type === 'vector') return;
    const names = [...new Set(input.rawCounters.map((raw) => raw.name))].join(', ');
    this.report(
      'promql/counter-raw',
      'error',
      `${call.func}() of a subquery that combines the raw counter${input.rawCounters.length === 1 ? '' : 's'} ${names}: a reset of any one series is a drop of the combination, which ${call.func}() reads as a reset of the whole (a spike as large as the total).`,
      `Take ${call.func === 'increase' ? 'increase' : 'rate'}() of each counter first, then combine: sum(${call.func}(…[5m])).`,
      source.span,
    );
  }

  private histogramQuantile(call: Call, args: readonly Info[], base: Info): Info {
    const phi = call.args[0];
    if (phi?.type === 'number' && (phi.value < 0 || phi.value > 1)) {
      this.report(
        'promql/histogram-quantile',
        'error',
        `histogram_quantile(${phi.value}, …): φ must be between 0 and 1 (${phi.value > 1 ? '+Inf' : '-Inf'} otherwise).`,
        'Use 0.95 for the 95th percentile.',
        phi.span,
      );
    }
    const input = args[1];
    if (input === undefined) return base;
    const knownKinds = [...input.kinds].filter((k) => k !== 'unknown' && k !== 'recorded');
    const hasBuckets =
      input.kinds.has('histogram_bucket') ||
      input.kinds.has('unknown') ||
      (input.kinds.has('recorded') && input.labels.known?.has('le') !== false);
    if (knownKinds.length > 0 && !hasBuckets) {
      this.report(
        'promql/histogram-quantile',
        'error',
        `histogram_quantile() needs the _bucket series of a histogram; ${this.seriesText(call.args[1])} has none.`,
        'Pass sum by (le) (rate(<histogram>_bucket[5m])).',
        call.span,
      );
    } else if (input.labels.known !== undefined && !input.labels.known.has('le')) {
      const dropped = input.labels.removed.has('le');
      this.report(
        'promql/histogram-quantile',
        'error',
        dropped
          ? 'An aggregation inside histogram_quantile() drops the le label, so the buckets are summed into one series.'
          : 'The input of histogram_quantile() has no le label.',
        'Keep le in the grouping: sum by (le, …) (rate(…_bucket[5m])).',
        call.span,
      );
    } else if (input.kinds.has('histogram_bucket') && !input.rated) {
      this.report(
        'promql/histogram-quantile',
        'error',
        'histogram_quantile() over raw cumulative buckets gives the quantile since each process started, not the current one.',
        'Rate the buckets first: histogram_quantile(φ, sum by (le) (rate(…_bucket[5m]))).',
        call.span,
      );
    }
    const known = input.labels.known;
    return {
      ...base,
      labels: {
        known: known === undefined ? undefined : without(known, ['le']),
        removed: new Set([...input.labels.removed, 'le']),
      },
      rawCounters: [],
      kinds: new Set(['gauge']),
    };
  }

  private labelFunction(call: Call, args: readonly Info[], base: Info): Info {
    const input = args[0];
    const strings = call.args.slice(1).map((a) => (a.type === 'string' ? a.value : undefined));
    const destination = strings[0];
    if (destination !== undefined && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(destination)) {
      this.typeError(
        `invalid destination label name in ${call.func}(): ${JSON.stringify(destination)}`,
        'Label names match [a-zA-Z_][a-zA-Z0-9_]*.',
        call.args[1]?.span ?? call.span,
      );
    }
    const sources = call.func === 'label_replace' ? [strings[2]] : strings.slice(2);
    if (call.func === 'label_replace' && strings[3] !== undefined) {
      const translated = translateRe2(strings[3]);
      if (translated !== undefined && !translated.ok)
        this.typeError(
          `invalid regular expression in label_replace(): ${translated.error}`,
          'label_replace uses RE2, fully anchored.',
          call.args[4]?.span ?? call.span,
        );
    }
    const known = input?.labels.known;
    for (const source of sources) {
      if (source === undefined || source === '' || known === undefined || known.has(source)) continue;
      this.labelMissing(source, input!.labels, `${call.func}() reads label ${source}`, call.span);
    }
    return {
      ...base,
      labels: {
        known: known === undefined || destination === undefined ? known : new Set([...known, destination]),
        removed: input?.labels.removed ?? new Set(),
      },
    };
  }

  private checkRange(call: Call, vector: VectorSelector, range: number, span: Span | undefined): void {
    if (vector.name === undefined) return;
    const interval = this.context.catalog.resolve(vector.name, this.context.system)?.scrapeIntervalSeconds;
    if (interval === undefined || !Number.isFinite(interval) || interval <= 0) return;
    const samples = range / interval;
    if (samples >= RANGE_SAMPLES_WARNING) return;
    const severity: Severity = samples < RANGE_SAMPLES_ERROR ? 'error' : 'warning';
    this.report(
      'promql/range-too-short',
      severity,
      `${call.func}(${vector.name}[${formatDuration(range)}]) spans ${samples < 1 ? 'less than one' : `about ${Math.floor(samples)}`} scrape interval(s) of ${formatDuration(interval)}; ${severity === 'error' ? 'it often holds fewer than two samples and returns nothing' : 'one missed scrape leaves too few samples'}.`,
      `Use at least [${formatDuration(interval * RANGE_SAMPLES_WARNING)}] (4 × the scrape interval), or $__rate_interval in Grafana.`,
      span,
    );
  }

  // Aggregations.
  private aggregate(aggregate: Aggregate, scope: Scope): Info {
    const input = this.visit(aggregate.expr, scope);
    if (input.type !== 'vector')
      this.typeError(
        `expected type instant vector in aggregation expression, got ${documentedType(input.type)}`,
        input.type === 'matrix'
          ? `Aggregate over time first, e.g. ${aggregate.op}(rate(…[5m])) or ${aggregate.op}_over_time.`
          : 'Aggregate an instant vector.',
        aggregate.expr.span ?? aggregate.span,
      );
    if (aggregate.param !== undefined) {
      const param = this.visit(aggregate.param, scope);
      const want = aggregate.op === 'count_values' ? 'string' : 'scalar';
      if (param.type !== want)
        this.typeError(
          `expected type ${documentedType(want)} in aggregation parameter, got ${documentedType(param.type)}`,
          `${aggregate.op} takes a ${want} first.`,
          aggregate.param.span ?? aggregate.span,
        );
    }
    const grouping = aggregate.grouping;
    for (const label of grouping?.labels ?? []) {
      if (input.labels.known !== undefined && !input.labels.known.has(label))
        this.labelMissing(
          label,
          input.labels,
          `${aggregate.op} ${grouping?.without === true ? 'without' : 'by'} (${label})`,
          aggregate.span,
        );
    }
    if (input.kinds.has('summary_quantile') && SUMMARY_UNSAFE_AGGREGATES.has(aggregate.op)) {
      this.report(
        'promql/summary-quantile',
        'error',
        `${aggregate.op}() over summary quantiles: quantiles of different instances cannot be added or averaged into a quantile.`,
        'Aggregate the histogram buckets instead, or report each instance, or max() for a pessimistic bound.',
        aggregate.span,
      );
    }
    const known = input.labels.known;
    let output: ReadonlySet<string> | undefined;
    if (aggregate.op === 'topk' || aggregate.op === 'bottomk') output = known;
    else if (grouping === undefined) output = new Set();
    else if (grouping.without) output = known === undefined ? undefined : without(known, grouping.labels);
    else output = new Set(known === undefined ? grouping.labels : grouping.labels.filter((l) => known.has(l)));
    if (aggregate.op === 'count_values' && output !== undefined && aggregate.param?.type === 'string')
      output = new Set([...output, aggregate.param.value]);
    const removed = new Set([
      ...input.labels.removed,
      ...(known === undefined || output === undefined ? [] : [...known].filter((l) => !output.has(l))),
    ]);
    return {
      type: 'vector',
      labels: { known: output, removed },
      rawCounters: COUNTER_SAFE_AGGREGATES.has(aggregate.op) ? [] : input.rawCounters,
      kinds: input.kinds,
      rated: input.rated,
    };
  }

  // Binary operators: Prometheus' type rules, vector matching and the labels of the result.
  /** A left-deep chain (a + b + c + …, thousands of terms in real rules) is walked as a loop. */
  private binary(binary: Binary, scope: Scope): Info {
    const chain: Binary[] = [];
    let leaf: Expr = binary;
    while (leaf.type === 'binary') {
      chain.push(leaf);
      leaf = leaf.lhs;
    }
    let info = this.visit(leaf, scope);
    for (let index = chain.length - 1; index >= 0; index--)
      info = this.combine(chain[index]!, info, this.visit(chain[index]!.rhs, scope));
    return info;
  }

  private combine(binary: Binary, lhs: Info, rhs: Info): Info {
    const op = binary.op;
    const span = binary.span;
    const sides = [lhs.type, rhs.type];
    if (sides.some((t) => t !== 'scalar' && t !== 'vector')) {
      this.typeError(
        'binary expression must contain only scalar and instant vector types',
        'Apply a function such as rate() to a range vector first.',
        span,
      );
    }
    if (binary.bool && !isComparison(op))
      this.typeError('bool modifier can only be used on comparison operators', 'Remove bool.', span);
    if (isComparison(op) && !binary.bool && lhs.type === 'scalar' && rhs.type === 'scalar')
      this.typeError(
        'comparisons between scalars must use BOOL modifier',
        `Write ${renderPromql(binary.lhs)} ${op} bool ${renderPromql(binary.rhs)}.`,
        span,
      );
    const bothVectors = lhs.type === 'vector' && rhs.type === 'vector';
    const matching = binary.matching;
    if (!bothVectors && matching !== undefined && (matching.labels.length > 0 || matching.group !== undefined)) {
      this.typeError(
        'vector matching only allowed between instant vectors',
        'Remove on()/ignoring() when one side is a scalar.',
        span,
      );
    }
    if (isSetOp(op)) {
      if (lhs.type === 'scalar' || rhs.type === 'scalar')
        this.typeError(
          `set operator ${JSON.stringify(op)} not allowed in binary scalar expression`,
          'and/or/unless work on instant vectors.',
          span,
        );
      if (matching?.group !== undefined)
        this.typeError(
          `no grouping allowed for ${JSON.stringify(op)} operation`,
          `Remove group_${matching.group.side}.`,
          span,
        );
    }
    if (bothVectors && matching !== undefined) {
      const verb = matching.on ? 'on' : 'ignoring';
      for (const label of matching.labels) {
        if (!matching.on) continue;
        for (const side of [lhs, rhs]) {
          if (side.labels.known !== undefined && !side.labels.known.has(label))
            this.labelMissing(label, side.labels, `${verb}(${label})`, span);
        }
      }
      const one = matching.group?.side === 'left' ? rhs : lhs;
      for (const label of matching.group?.include ?? []) {
        if (one.labels.known !== undefined && !one.labels.known.has(label))
          this.labelMissing(label, one.labels, `group_${matching.group?.side}(${label})`, span);
      }
    }
    if (bothVectors && op !== 'or' && (matching === undefined || !matching.on))
      this.checkSidesCanMatch(op, lhs.labels, rhs.labels, matching?.labels ?? [], span);
    const type: ValueType = lhs.type === 'vector' || rhs.type === 'vector' ? 'vector' : 'scalar';
    return {
      type,
      labels: binaryLabels(binary, lhs, rhs),
      rawCounters: testsForZero(binary) ? [] : [...lhs.rawCounters, ...rhs.rawCounters],
      kinds:
        lhs.kinds === rhs.kinds || rhs.kinds.size === 0
          ? lhs.kinds
          : lhs.kinds.size === 0
            ? rhs.kinds
            : new Set([...lhs.kinds, ...rhs.kinds]),
      rated: lhs.rated || rhs.rated,
    };
  }

  /**
   * Without on(…), two vectors match on all their labels (less ignoring(…) ones and the metric
   * name): sides whose known label sets differ never match, so the result is always empty.
   */
  private checkSidesCanMatch(
    op: BinaryOp,
    lhs: LabelSet,
    rhs: LabelSet,
    ignoring: readonly string[],
    span: Span | undefined,
  ): void {
    if (lhs.known === undefined || rhs.known === undefined) return;
    const compared = (labels: ReadonlySet<string>): string[] =>
      [...labels].filter((label) => label !== '__name__' && !ignoring.includes(label)).sort();
    const left = compared(lhs.known);
    const right = compared(rhs.known);
    if (left.length === right.length && left.every((label, index) => label === right[index])) return;
    const onlyLeft = left.filter((label) => !right.includes(label));
    const onlyRight = right.filter((label) => !left.includes(label));
    const shared = left.filter((label) => right.includes(label));
    this.report(
      'promql/impossible',
      'error',
      `The two sides carry different labels (${[...onlyLeft.map((l) => `${l} only on the left`), ...onlyRight.map((l) => `${l} only on the right`)].join(', ')}); matched on all their labels, no series ever pairs up, so ${op === 'unless' ? 'unless removes nothing and the result is always the left side' : 'the result is always empty'}.`,
      shared.length > 0
        ? `Match on what they share: on (${shared.join(', ')}), with group_left/group_right if one side has more series; or aggregate both sides by the same labels.`
        : 'Aggregate both sides by the same labels, or use on () to match everything.',
      span,
    );
  }

  /** A label an operation needs is absent: unknown, or removed by an inner aggregation. */
  private labelMissing(label: string, labels: LabelSet, where: string, span: Span | undefined): void {
    if (labels.removed.has(label)) {
      this.report(
        'promql/impossible',
        'error',
        `${where}: an inner aggregation already removed ${label}, so this can never see it.`,
        `Keep ${label} in the inner aggregation's by (…).`,
        span,
      );
      return;
    }
    const known = labels.known === undefined ? [] : [...labels.known];
    const collector = this.removedByCollector.get(label);
    if (collector !== undefined) {
      this.report(
        'promql/unknown-label',
        'error',
        `${where}: ${collector.series} has no label ${label} in Prometheus: the collector's processor ${collector.processor} removes it.`,
        `Keep it in ${collector.processor} (or query it where it is kept).`,
        span,
      );
      return;
    }
    const suggestion = closest(label, known);
    this.report(
      'promql/unknown-label',
      'error',
      `${where}: no series here has a label ${label}.`,
      suggestion === undefined
        ? `Available labels: ${known.sort().join(', ') || 'none'}.`
        : `Did you mean ${suggestion}?`,
      span,
    );
  }

  private seriesText(expr: Expr | undefined): string {
    if (expr === undefined) return 'its argument';
    const text = renderPromql(expr);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  }
}

/** Labels of a binary operation's result, as Prometheus builds them. */
/**
 * A comparison that only asks whether a counter is still zero (`== 0`, `<= 0`, `< 1`, `> 0`,
 * `>= 1`, `!= 0`): a counter is zero exactly when nothing was counted since its process started,
 * so the raw value answers "did it ever run" soundly — a deliberate idiom, not a counter misused.
 */
function testsForZero(binary: Binary): boolean {
  if (!isComparison(binary.op)) return false;
  const threshold =
    binary.rhs.type === 'number' ? binary.rhs.value : binary.lhs.type === 'number' ? binary.lhs.value : undefined;
  if (threshold === undefined) return false;
  // Written with the number on the left, the operator reads the other way round.
  const op =
    binary.rhs.type === 'number'
      ? binary.op
      : ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' } as const)[binary.op as '<'];
  return threshold === 0 ? ['==', '<=', '>', '!='].includes(op) : threshold === 1 && ['<', '>='].includes(op);
}

function binaryLabels(binary: Binary, lhs: Info, rhs: Info): LabelSet {
  const removed = new Set([...lhs.labels.removed, ...rhs.labels.removed]);
  if (lhs.type !== 'vector') return rhs.labels;
  if (rhs.type !== 'vector') return lhs.labels;
  const matching = binary.matching;
  const left = lhs.labels.known;
  const right = rhs.labels.known;
  if (binary.op === 'or')
    return { known: left === undefined || right === undefined ? undefined : new Set([...left, ...right]), removed };
  if (binary.op === 'and' || binary.op === 'unless') return lhs.labels;
  if (matching?.group !== undefined) {
    const many = matching.group.side === 'left' ? left : right;
    return { known: many === undefined ? undefined : new Set([...many, ...matching.group.include]), removed };
  }
  if (matching === undefined) return { known: left, removed };
  if (matching.on)
    return {
      known: left === undefined ? new Set(matching.labels) : new Set(matching.labels.filter((l) => left.has(l))),
      removed: new Set([
        ...removed,
        ...(left === undefined ? [] : [...left].filter((l) => !matching.labels.includes(l))),
      ]),
    };
  return {
    known: left === undefined ? undefined : without(left, matching.labels),
    removed: new Set([...removed, ...matching.labels]),
  };
}

/** absent() returns one series with the labels of the selector's equality matchers. */
function absentLabels(arg: Expr | undefined): LabelSet {
  const selector = arg?.type === 'vector' ? arg : arg?.type === 'matrix' ? arg.vector : undefined;
  const labels = selector?.matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label) ?? [];
  return { known: new Set(labels), removed: new Set() };
}

function without(labels: ReadonlySet<string>, drop: readonly string[]): Set<string> {
  return new Set([...labels].filter((label) => !drop.includes(label)));
}

function uniqueByName(raws: readonly RawCounter[]): RawCounter[] {
  const seen = new Set<string>();
  return raws.filter((raw) => !seen.has(raw.name) && seen.add(raw.name) !== undefined);
}
