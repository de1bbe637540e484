import { expandSlos } from '../../derive/slo/expand-slos.ts';
import { sliOverRange } from '../../derive/slo/sli-over-range.ts';
import {
  alertEpisodes,
  summarizeEpisodes,
  type AlertEpisode,
  type BacktestSummary,
} from '../../live/alert-episodes.ts';
import { parseDuration } from '../../model/duration.ts';
import type { ValidRuleGroup } from '../../model/valid-system.ts';
import type { Expr } from '../../promql/ast.ts';
import { queryText } from '../../promql/builder.ts';
import { inlineRecordings, selectedNames, type RecordingSource } from '../../promql/inline-recordings.ts';
import { parsePromql } from '../../promql/parse.ts';
import { renderPromql } from '../../promql/render.ts';
import type { CommonOptions } from '../common-options.ts';
import { liveSystems, tallyText, withLiveReading, type LiveReading } from '../prometheus/live-reading.ts';
import { PrometheusError } from '../prometheus/prometheus-client.ts';

/** Prometheus answers a range query with at most 11,000 points per series: ask in chunks below it. */
const POINTS_PER_QUERY = 10_000;
/** A run asks at most this many range queries, so a backtest cannot overload a production server. */
const MAX_QUERIES = 2_000;
/**
 * An alert whose recordings are computed from raw series makes the server evaluate their
 * expressions at every subquery point: at most this many evaluations a range (a 7-day range at
 * 1m reading a 1h window computed at 1m is 604,800).
 */
const MAX_EVALUATIONS = 5_000_000;

interface AlertBacktest {
  readonly system: string;
  readonly alert: string;
  readonly severity: string;
  /** Recordings the server does not hold, computed from raw series for this backtest. */
  readonly computed: readonly string[];
  /** Why the alert was not evaluated; the summary is then empty. */
  readonly notEvaluated?: string;
  readonly summary: BacktestSummary;
  readonly episodes: readonly AlertEpisode[];
}

interface SloBacktest {
  readonly system: string;
  readonly slo: string;
  readonly tier: string | undefined;
  readonly objective: number;
  /** Bad events over all events in the range; null without events. */
  readonly errorRatio: number | null;
  /** The error ratio over the budget (1 is spending it exactly as fast as the objective allows). */
  readonly burnRate: number | null;
  /** The share of the period's error budget the range spent at that rate (range / period × burn rate). */
  readonly periodBudgetSpent: number | null;
}

/**
 * `obsgen backtest --prometheus <url> [--range 7d]`: every alert (its SLOs' included) evaluated
 * over the range as the rule manager would — at its group's interval, with `for` — from the
 * series the Prometheus holds: firing episodes, time firing, episodes a week, flapping, and the
 * delay `for` adds. Alerts reading recordings see them only when their rules are loaded there.
 */
export async function backtestCommand(options: CommonOptions): Promise<number> {
  return withLiveReading(options.live, 'backtest', async (reading) => {
    const rangeSeconds = parseDuration(options.live.range ?? '7d');
    if (rangeSeconds === undefined || rangeSeconds <= 0)
      throw new PrometheusError(`--range takes a duration such as 7d or 24h, not "${options.live.range}"`);
    const systems = await liveSystems(options.definitions, options.system);
    const results: AlertBacktest[] = [];
    const slos: SloBacktest[] = [];
    let queries = 0;
    for (const system of systems) {
      const expanded = expandSlos(system);
      const groups = expanded.system.ruleGroups;
      const recordings = recordingSources(groups);
      const alerts = groups.flatMap((group) =>
        group.rules.flatMap((rule) => (rule.kind === 'alert' ? [{ group, alert: rule }] : [])),
      );
      const held = await heldRecordings(
        reading,
        recordings,
        alerts.map(({ alert }) => parsePromql(queryText(alert.expr))),
        reading.time - rangeSeconds,
      );
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
        const entry = { system: system.name, alert: alert.name, severity: alert.severity };
        const skipped = (computed: readonly string[], notEvaluated: string): AlertBacktest => ({
          ...entry,
          computed,
          notEvaluated,
          summary: summarizeEpisodes([], { start, end }, timing),
          episodes: [],
        });
        const inlined = inlineRecordings(parsePromql(queryText(alert.expr)), recordings, (name) => !held.has(name));
        if ('refused' in inlined) {
          results.push(skipped([], `reads a recording the server does not hold, and ${inlined.refused}`));
          continue;
        }
        const evaluations = times.length * (1 + inlined.innerEvaluations);
        if (evaluations > MAX_EVALUATIONS) {
          results.push(
            skipped(
              inlined.inlined,
              `computing ${inlined.inlined.join(', ')} from raw series takes ${evaluations.toLocaleString('en-US')} evaluations (more than ${MAX_EVALUATIONS.toLocaleString('en-US')}): load the rules on the server, or narrow --range`,
            ),
          );
          continue;
        }
        queries += Math.ceil(times.length / POINTS_PER_QUERY);
        if (queries > MAX_QUERIES)
          throw new PrometheusError(
            `backtest stops at ${MAX_QUERIES} range queries, so it cannot overload the server; narrow --range or --system`,
          );
        const query = inlined.inlined.length === 0 ? queryText(alert.expr) : renderPromql(inlined.expr);
        const returned = await evaluate(reading, query, times, timing.intervalSeconds);
        const episodes = alertEpisodes(times, returned, timing);
        results.push({
          ...entry,
          computed: inlined.inlined,
          summary: summarizeEpisodes(episodes, { start, end }, timing),
          episodes,
        });
      }
      for (const plan of expanded.plans)
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
    process.stdout.write(
      options.format === 'json'
        ? `${JSON.stringify({ alerts: results, slos }, null, 2)}\n`
        : text(results, slos, rangeSeconds),
    );
    process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
    return 0;
  });
}

/** Every recording rule of a system's groups (its SLOs' included), as the inliner reads them. */
function recordingSources(groups: readonly ValidRuleGroup[]): RecordingSource[] {
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
 * others computed. One series request per recording name.
 */
async function heldRecordings(
  reading: LiveReading,
  recordings: readonly RecordingSource[],
  alerts: readonly Expr[],
  start: number,
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
    else for (const rule of rules) pending.push(...selectedNames(rule.expr).filter((inner) => recorded.has(inner)));
  }
  return held;
}

/** A recording counts as held when the server has it within this long of the range's start. */
const HELD_FROM_START_SECONDS = 3600;

/** The single value of an instant query at the reading's time; null when it returns nothing or NaN. */
async function instantValue(reading: LiveReading, query: string): Promise<number | null> {
  const data = await reading.client.api<{ result: { value: [number, string] }[] }>('query', [
    ['query', query],
    ['time', String(reading.time)],
  ]);
  const value = data.result.length === 1 ? Number(data.result[0]!.value[1]) : NaN;
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
    const data = await reading.client.api<{ result: { metric: Record<string, string>; values: [number, string][] }[] }>(
      'query_range',
      [
        ['query', query],
        ['start', String(chunk[0])],
        ['end', String(chunk[chunk.length - 1])],
        ['step', String(step)],
      ],
    );
    for (const series of data.result) {
      const key = JSON.stringify(Object.entries(series.metric).sort());
      const entry = returned.get(key) ?? { labels: series.metric, at: new Set<number>() };
      for (const [t] of series.values) entry.at.add(Math.round(t));
      returned.set(key, entry);
    }
  }
  return returned;
}

function text(results: readonly AlertBacktest[], slos: readonly SloBacktest[], rangeSeconds: number): string {
  const hours = (seconds: number) =>
    seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;
  const lines = [`Alerts over the last ${hours(rangeSeconds)}, evaluated as the rule manager would:`, ''];
  for (const { system, alert, severity, summary, computed, notEvaluated } of results)
    lines.push(
      notEvaluated !== undefined
        ? `${system}/${alert} (${severity}): not backtested: ${notEvaluated}`
        : `${system}/${alert} (${severity}): ${summary.episodes} episode${summary.episodes === 1 ? '' : 's'}, ${summary.perWeek.toFixed(1)} a week, firing ${hours(summary.firingSeconds)}` +
            (summary.flapping > 0 ? `, ${summary.flapping} flapping` : '') +
            (summary.medianDelaySeconds === undefined
              ? ''
              : `, fires ${hours(summary.medianDelaySeconds)} after the condition holds`) +
            (computed.length === 0 ? '' : ` (computed from raw series: ${computed.join(', ')})`),
    );
  if (slos.length > 0) lines.push('', `SLOs over the same ${hours(rangeSeconds)}:`, '');
  const percent = (value: number) => `${(value * 100).toPrecision(3)} %`;
  for (const slo of slos)
    lines.push(
      `${slo.system}/${slo.slo}${slo.tier === undefined ? '' : ` {${slo.tier}}`} (objective ${percent(slo.objective)}): ` +
        (slo.errorRatio === null || slo.burnRate === null || slo.periodBudgetSpent === null
          ? 'no events in the range'
          : `${percent(slo.errorRatio)} of events bad, burn rate ${slo.burnRate.toFixed(2)}, ${percent(slo.periodBudgetSpent)} of the period's error budget spent`),
    );
  return `${lines.join('\n')}\n`;
}
