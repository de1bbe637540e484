import { expandSlos } from '../../derive/slo/expand-slos.ts';
import {
  alertEpisodes,
  summarizeEpisodes,
  type AlertEpisode,
  type BacktestSummary,
} from '../../live/alert-episodes.ts';
import { parseDuration } from '../../model/duration.ts';
import type { ValidAlertRule, ValidRuleGroup, ValidSystem } from '../../model/valid-system.ts';
import { queryText } from '../../promql/builder.ts';
import type { CommonOptions } from '../common-options.ts';
import { liveSystems, tallyText, withLiveReading, type LiveReading } from '../prometheus/live-reading.ts';
import { PrometheusError } from '../prometheus/prometheus-client.ts';

/** Prometheus answers a range query with at most 11,000 points per series: ask in chunks below it. */
const POINTS_PER_QUERY = 10_000;
/** A run asks at most this many range queries, so a backtest cannot overload a production server. */
const MAX_QUERIES = 2_000;

interface AlertBacktest {
  readonly system: string;
  readonly alert: string;
  readonly severity: string;
  readonly summary: BacktestSummary;
  readonly episodes: readonly AlertEpisode[];
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
    let queries = 0;
    for (const system of systems)
      for (const { group, alert } of alertsOf(system)) {
        const timing = {
          intervalSeconds: group.intervalSeconds,
          forSeconds: alert.forSeconds,
          keepFiringForSeconds: alert.keepFiringForSeconds,
        };
        const end = Math.floor(reading.time / timing.intervalSeconds) * timing.intervalSeconds;
        const start = end - Math.floor(rangeSeconds / timing.intervalSeconds) * timing.intervalSeconds;
        const times: number[] = [];
        for (let t = start; t <= end; t += timing.intervalSeconds) times.push(t);
        const chunks = Math.ceil(times.length / POINTS_PER_QUERY);
        queries += chunks;
        if (queries > MAX_QUERIES)
          throw new PrometheusError(
            `backtest stops at ${MAX_QUERIES} range queries, so it cannot overload the server; narrow --range or --system`,
          );
        const returned = await evaluate(reading, queryText(alert.expr), times, timing.intervalSeconds);
        const episodes = alertEpisodes(times, returned, timing);
        results.push({
          system: system.name,
          alert: alert.name,
          severity: alert.severity,
          summary: summarizeEpisodes(episodes, { start, end }, timing),
          episodes,
        });
      }
    process.stdout.write(
      options.format === 'json' ? `${JSON.stringify({ alerts: results }, null, 2)}\n` : text(results, rangeSeconds),
    );
    process.stderr.write(`obsgen: read ${reading.source}: ${tallyText(reading)}\n`);
    return 0;
  });
}

/** A system's alerts with their groups, as admitted: its own and its SLOs'. */
function alertsOf(system: ValidSystem): { group: ValidRuleGroup; alert: ValidAlertRule }[] {
  return expandSlos(system).system.ruleGroups.flatMap((group) =>
    group.rules.flatMap((rule) => (rule.kind === 'alert' ? [{ group, alert: rule }] : [])),
  );
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

function text(results: readonly AlertBacktest[], rangeSeconds: number): string {
  const hours = (seconds: number) =>
    seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;
  const lines = [`Alerts over the last ${hours(rangeSeconds)}, evaluated as the rule manager would:`, ''];
  for (const { system, alert, severity, summary } of results)
    lines.push(
      `${system}/${alert} (${severity}): ${summary.episodes} episode${summary.episodes === 1 ? '' : 's'}, ${summary.perWeek.toFixed(1)} a week, firing ${hours(summary.firingSeconds)}` +
        (summary.flapping > 0 ? `, ${summary.flapping} flapping` : '') +
        (summary.medianDelaySeconds === undefined
          ? ''
          : `, fires ${hours(summary.medianDelaySeconds)} after the condition holds`),
    );
  return `${lines.join('\n')}\n`;
}
