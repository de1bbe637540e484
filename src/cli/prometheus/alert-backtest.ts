import { alertLabels } from '../../compile/prometheus/alert-annotations.ts';
import { expandSlos } from '../../derive/slo/expand-slos.ts';
import { sliOverRange } from '../../derive/slo/sli-over-range.ts';
import { alertEpisodes, summarizeEpisodes } from '../../live/alert-episodes.ts';
import type { AlertBacktest, ConditionValue, SloBacktest } from '../../live/backtest-results.ts';
import type { ValidRuleGroup, ValidSystem } from '../../model/valid-system.ts';
import type { Expr } from '../../promql/ast.ts';
import { queryText } from '../../promql/builder.ts';
import { inlineRecordings, type RecordingSource } from '../../promql/inline-recordings.ts';
import { selectedNames } from '../../promql/selected-names.ts';
import { parsePromql } from '../../promql/parse.ts';
import { renderPromql } from '../../promql/render.ts';
import type { LiveReading } from './live-reading.ts';
import { PrometheusError } from './prometheus-client.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** Prometheus answers a range query with at most 11,000 points per series: ask in chunks below it. */
const POINTS_PER_QUERY = 10_000;
/** A run asks at most this many range queries, so a backtest cannot overload a production server. */
const MAX_QUERIES = 2_000;
/**
 * An alert whose recordings are computed from raw series makes the server evaluate their
 * expressions at every subquery point: at most this many evaluations a range (a 7-day range at
 * 1m reading a 1h window computed at 1m is 604,800).
 */
export const MAX_EVALUATIONS = 5_000_000;

/** Every recording rule of a system's groups (its SLOs' included), as the inliner reads them. */
export function recordingSources(groups: readonly ValidRuleGroup[]): RecordingSource[] {
  return groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      rule.kind === 'record'
        ? [
            {
              name: rule.name,
              expr: parsePromql(queryText(rule.expr)),
              labels: rule.labels ?? {},
              intervalSeconds: group.intervalSeconds,
            },
          ]
        : [],
    ),
  );
}

/**
 * The recordings the alerts read (directly, or through recordings the server lacks) that the
 * server holds from the range's start, every rule of the name: those are read as recorded, the
 * others computed (and those a change recomputes). One series request per recording name.
 */
export async function heldRecordings(
  reading: LiveReading,
  recordings: readonly RecordingSource[],
  alerts: readonly Expr[],
  start: number,
  recomputed: (name: string) => boolean,
): Promise<Set<string>> {
  const held = new Set<string>();
  const asked = new Set<string>();
  const recorded = new Set(recordings.map((r) => r.name));
  const pending = alerts.flatMap(selectedNames).filter((name) => recorded.has(name));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (asked.has(name)) continue;
    asked.add(name);
    const found = await reading.client.api<Record<string, string>[]>('series', [
      ['match[]', name],
      ['start', String(start)],
      ['end', String(start + HELD_FROM_START_SECONDS)],
    ]);
    const rules = recordings.filter((rule) => rule.name === name);
    // Rules of one name (every SLO's slo:sli_error:ratio_rate5m) are told apart by their labels.
    const recordedByServer = (rule: RecordingSource) =>
      found.some((series) => Object.entries(rule.labels).every(([label, value]) => series[label] === value));
    if (rules.every(recordedByServer)) held.add(name);
    if (!held.has(name) || recomputed(name))
      for (const rule of rules) pending.push(...selectedNames(rule.expr).filter((inner) => recorded.has(inner)));
  }
  return held;
}

/** Points of a condition's value over the range: enough for a picture, few enough for any range. */
const VALUE_POINTS = 240;
const VALUE_SERIES = 5;

/** The value an alert compares with a number (`<value> > 0.05`) over the range, when its condition has that shape. */
async function conditionValue(
  reading: LiveReading,
  expr: Expr,
  start: number,
  end: number,
): Promise<ConditionValue | undefined> {
  let top = expr;
  while (top.type === 'paren') top = top.expr;
  if (top.type !== 'binary' || top.bool || !['>', '<', '>=', '<=', '==', '!='].includes(top.op)) return undefined;
  const [value, threshold, op] =
    top.rhs.type === 'number'
      ? [top.lhs, top.rhs.value, top.op]
      : top.lhs.type === 'number'
        ? [top.rhs, top.lhs.value, MIRRORED[top.op] ?? top.op]
        : [undefined, 0, top.op];
  if (value === undefined) return undefined;
  const step = Math.max(1, Math.ceil((end - start) / VALUE_POINTS));
  const series = (await reading.client.matrix(renderPromql(value), { start, end, step })).map((s) => ({
    labels: s.metric,
    points: s.values.filter(([, v]) => Number.isFinite(v)),
  }));
  const peak = (s: (typeof series)[number]) => Math.max(-Infinity, ...s.points.map(([, v]) => v));
  series.sort((a, b) => peak(b) - peak(a));
  return { op, threshold, step, series: series.slice(0, VALUE_SERIES), total: series.length };
}

/** `5 < x` read as `x > 5`. */
const MIRRORED: Readonly<Record<string, string>> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

/** A recording counts as held when the server has it within this long of the range's start. */
const HELD_FROM_START_SECONDS = 3600;

/** The single value of an instant query at the reading's time; null when it returns nothing or NaN. */
async function instantValue(reading: LiveReading, query: string): Promise<number | null> {
  const result = await reading.client.vector(query, reading.time);
  const value = result.length === 1 ? result[0]!.value : NaN;
  return Number.isFinite(value) ? value : null;
}

/** The evaluation times each series of `query` was returned at, over `times`, in chunks Prometheus accepts. */
async function evaluate(
  reading: LiveReading,
  query: string,
  times: readonly number[],
  step: number,
): Promise<Map<string, { labels: Record<string, string>; at: Set<number> }>> {
  const returned = new Map<string, { labels: Record<string, string>; at: Set<number> }>();
  for (let i = 0; i < times.length; i += POINTS_PER_QUERY) {
    const chunk = times.slice(i, i + POINTS_PER_QUERY);
    const result = await reading.client.matrix(query, { start: chunk[0]!, end: chunk[chunk.length - 1]!, step });
    for (const series of result) {
      const key = JSON.stringify(Object.entries(series.metric).sort());
      const entry = returned.get(key) ?? { labels: series.metric, at: new Set<number>() };
      for (const [t] of series.values) entry.at.add(Math.round(t));
      returned.set(key, entry);
    }
  }
  return returned;
}

/** What to backtest, and what to compute even where the server holds it. */
export interface BacktestScope {
  /** Only these alerts (`system/alert`); every alert when undefined. */
  readonly alerts?: ReadonlySet<string>;
  /** Recordings (`system/name`) to compute from raw series although the server holds them: a change's own version. */
  readonly recompute?: ReadonlySet<string>;
  /** The SLOs whose budgets to report: every one, none, or these (`system/slo`, a diff's changed ones). */
  readonly slos: boolean | ReadonlySet<string>;
  /** Whether to read each condition's value over the range, for a picture (a diff draws them). */
  readonly values?: boolean;
}

/** Caps shared by every backtest of a run (a diff's base and head), so a run stays bounded. */
export class BacktestBudget {
  queries = 0;
}

/**
 * Every alert of `systems` (its SLOs' included) evaluated over the range as the rule manager
 * would — at its group's interval, with \`for\` and \`keep_firing_for\` — from the series the server
 * holds, computing the recordings it does not hold from raw series; and each SLO's share of bad
 * events, burn rate and period budget spent over the same range.
 */
export async function backtestSystems(
  reading: LiveReading,
  systems: readonly ValidSystem[],
  rangeSeconds: number,
  scope: BacktestScope,
  budget: BacktestBudget = new BacktestBudget(),
): Promise<{ alerts: AlertBacktest[]; slos: SloBacktest[] }> {
  const results: AlertBacktest[] = [];
  const slos: SloBacktest[] = [];
  for (const system of systems) {
    const expanded = expandSlos(system);
    const groups = expanded.system.ruleGroups;
    const recordings = recordingSources(groups);
    const alerts = groups.flatMap((group) =>
      group.rules.flatMap((rule) =>
        rule.kind === 'alert' && (scope.alerts?.has(`${system.name}/${rule.name}`) ?? true)
          ? [{ group, alert: rule }]
          : [],
      ),
    );
    const held = await heldRecordings(
      reading,
      recordings,
      alerts.map(({ alert }) => parsePromql(queryText(alert.expr))),
      reading.time - rangeSeconds,
      (name) => scope.recompute?.has(`${system.name}/${name}`) ?? false,
    );
    const compute = (name: string) => !held.has(name) || (scope.recompute?.has(`${system.name}/${name}`) ?? false);
    for (const { group, alert } of alerts) {
      const timing = {
        intervalSeconds: group.intervalSeconds,
        forSeconds: alert.forSeconds,
        keepFiringForSeconds: alert.keepFiringForSeconds,
      };
      const end = Math.floor(reading.time / timing.intervalSeconds) * timing.intervalSeconds;
      const start = end - Math.floor(rangeSeconds / timing.intervalSeconds) * timing.intervalSeconds;
      const times: number[] = [];
      for (let t = start; t <= end; t += timing.intervalSeconds) times.push(t);
      const entry = {
        system: system.name,
        alert: alert.name,
        severity: alert.severity,
        ruleLabels: Object.fromEntries(alertLabels(system.name, alert)),
      };
      const skipped = (computed: readonly string[], notEvaluated: string): AlertBacktest => ({
        ...entry,
        computed,
        notEvaluated,
        summary: summarizeEpisodes([], { start, end }, timing),
        episodes: [],
      });
      const inlined = inlineRecordings(parsePromql(queryText(alert.expr)), recordings, compute);
      if ('refused' in inlined) {
        results.push(skipped([], `reads a recording it must compute from raw series, and ${inlined.refused}`));
        continue;
      }
      const evaluations = times.length * (1 + inlined.innerEvaluations);
      if (evaluations > MAX_EVALUATIONS) {
        results.push(
          skipped(
            inlined.inlined,
            `computing ${inlined.inlined.join(', ')} from raw series takes ${groupedNumber(evaluations)} evaluations (more than ${groupedNumber(MAX_EVALUATIONS)}): load the rules on the server, or narrow --range`,
          ),
        );
        continue;
      }
      budget.queries += Math.ceil(times.length / POINTS_PER_QUERY);
      if (budget.queries > MAX_QUERIES)
        throw new PrometheusError(
          `backtest stops at ${MAX_QUERIES} range queries, so it cannot overload the server; narrow --range or --system`,
        );
      const query = inlined.inlined.length === 0 ? queryText(alert.expr) : renderPromql(inlined.expr);
      const returned = await evaluate(reading, query, times, timing.intervalSeconds);
      const episodes = alertEpisodes(times, returned, timing);
      if (scope.values === true) budget.queries += 1;
      const value = scope.values === true ? await conditionValue(reading, inlined.expr, start, end) : undefined;
      results.push({
        ...entry,
        computed: inlined.inlined,
        summary: summarizeEpisodes(episodes, { start, end }, timing),
        episodes,
        ...(value === undefined ? {} : { value }),
      });
    }
    for (const plan of expanded.plans)
      if (scope.slos === true || (scope.slos !== false && scope.slos.has(`${system.name}/${plan.slo.name}`)))
        for (const objective of sliOverRange(plan, rangeSeconds)) {
          const errorRatio = await instantValue(reading, objective.errorRatio);
          const burnRate = errorRatio === null ? null : errorRatio / objective.budget;
          slos.push({
            system: system.name,
            slo: plan.slo.name,
            tier: objective.tier,
            objective: objective.objective,
            errorRatio,
            burnRate,
            periodBudgetSpent: burnRate === null ? null : (burnRate * rangeSeconds) / plan.periodSeconds,
          });
        }
  }
  return { alerts: results, slos };
}
