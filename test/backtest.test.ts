// obsgen backtest on Debian's Prometheus with six hours of backfilled history in which two
// incidents are planted at known minutes (20 minutes and 3 minutes over the threshold): the
// episodes it reports are exactly those the rule manager's semantics give, with and without `for`,
// and they agree with the ALERTS series Prometheus' own rule manager (promtool) writes for the
// same rules over the same samples.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { locateTool } from '../src/cli/real-tools.ts';
import { REPO, tempDir } from './support/cli.ts';
import { obsgenAsync, startLivePrometheus, type LivePrometheus } from './support/live-prometheus.ts';
import {
  counterValues,
  end,
  history,
  historyStart,
  incidentOne,
  incidentTwo,
  JOBS,
  samples,
  SERIES,
} from './support/queue-history.ts';

const FIXTURE = 'test/fixtures/live/queue.ts';
interface Result {
  readonly alert: string;
  readonly computed: readonly string[];
  readonly notEvaluated?: string;
  readonly summary: { episodes: number; flapping: number; medianDelaySeconds?: number };
  readonly episodes: { labels: Record<string, string>; activeAt: number; firedAt: number; resolvedAt?: number }[];
}

/** The firing ALERTS series the backtest's episodes imply at time t, as selectors (a pending alert that never fired is no episode). */
function impliedAlerts(alerts: readonly Result[], ruleLabels: ReadonlyMap<string, Record<string, string>>, t: number) {
  const series: string[] = [];
  for (const { alert, episodes } of alerts)
    for (const { labels, firedAt, resolvedAt } of episodes) {
      if (t < firedAt || (resolvedAt !== undefined && t >= resolvedAt)) continue;
      const { __name__: _name, ...seriesLabels } = labels;
      const all = { ...seriesLabels, ...ruleLabels.get(alert), alertname: alert, alertstate: 'firing' };
      series.push(
        `ALERTS{${Object.entries(all)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}}`,
      );
    }
  return series.map((labels) => ({ labels, value: 1 }));
}

describe('obsgen backtest', () => {
  let prometheus: LivePrometheus;
  beforeAll(async () => {
    prometheus = await startLivePrometheus({ history: history() });
  }, 120_000);
  afterAll(async () => {
    await prometheus?.stop();
  });
  const backtest = (range: string, ...extra: string[]) =>
    obsgenAsync(['backtest', '--definitions', FIXTURE, '--prometheus', prometheus.url, '--range', range, ...extra]);

  it('reports exactly the planted episodes: for 0 fires at once and twice, for 5m fires 5 minutes late and skips the short one', async () => {
    const run = await backtest('6h', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const alerts = (JSON.parse(run.stdout) as { alerts: Result[] }).alerts;
    const of = (name: string) => alerts.find((a) => a.alert === name)!;
    expect(of('QueueHighAtOnce').episodes).toMatchObject([
      { activeAt: incidentOne, firedAt: incidentOne, resolvedAt: incidentOne + 1200 },
      { activeAt: incidentTwo, firedAt: incidentTwo, resolvedAt: incidentTwo + 180 },
    ]);
    expect(of('QueueHighAtOnce').summary).toMatchObject({ episodes: 2, flapping: 1, medianDelaySeconds: 0 });
    expect(of('QueueHighFor5m').episodes).toMatchObject([
      { activeAt: incidentOne, firedAt: incidentOne + 300, resolvedAt: incidentOne + 1200 },
    ]);
    expect(of('QueueHighFor5m').summary).toMatchObject({ episodes: 1, flapping: 0, medianDelaySeconds: 300 });
    // keep_firing_for 5m: firing until 5 minutes after the first evaluation the condition no longer held.
    expect(of('QueueHighKeepsFiring').episodes).toMatchObject([
      { activeAt: incidentOne, firedAt: incidentOne, resolvedAt: incidentOne + 1500 },
      { activeAt: incidentTwo, firedAt: incidentTwo, resolvedAt: incidentTwo + 480 },
    ]);
  });

  it('computes a recording the server does not hold from raw series, read as it is and over a range, as the rule manager would have recorded it', async () => {
    const run = await backtest('6h', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const alerts = (JSON.parse(run.stdout) as { alerts: Result[] }).alerts;
    const of = (name: string) => alerts.find((a) => a.alert === name)!;
    expect(of('QueueHighRecorded').computed).toEqual(['queue:queue_depth:max']);
    expect(of('QueueHighAtOnce').computed).toEqual([]);
    const { __name__: _name, ...seriesLabels } = of('QueueHighAtOnce').episodes[0]!.labels;
    expect(of('QueueHighRecorded').episodes).toEqual([
      { labels: { queue: 'a' }, activeAt: incidentOne, firedAt: incidentOne, resolvedAt: incidentOne + 1200 },
      { labels: { queue: 'a' }, activeAt: incidentTwo, firedAt: incidentTwo, resolvedAt: incidentTwo + 180 },
    ]);
    expect(Object.keys(seriesLabels).sort()).toEqual(['instance', 'job', 'queue']);
    // max_over_time over 5m of samples recorded every minute: still over 100 five minutes after
    // the last high sample (Prometheus 2's ranges include their start).
    expect(of('QueueHighLastFiveMinutes').episodes).toMatchObject([
      { firedAt: incidentOne, resolvedAt: incidentOne + 1500 },
      { firedAt: incidentTwo, resolvedAt: incidentTwo + 480 },
    ]);
  });

  it("reports each SLO's share of bad events over the range, its burn rate and the share of the period's budget spent", async () => {
    const run = await backtest('6h', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const { slos } = JSON.parse(run.stdout) as {
      slos: { slo: string; objective: number; errorRatio: number; burnRate: number; periodBudgetSpent: number }[];
    };
    expect(slos).toHaveLength(1);
    expect(slos[0]).toMatchObject({ slo: 'jobs', objective: 0.99 });
    // The share of bad jobs in the history (the range starts a few samples after it: close, not equal).
    const [ok, failed] = JOBS.map(({ perSample }) => counterValues(perSample).at(-1)!);
    const share = failed! / (failed! + ok!);
    expect(share).toBeGreaterThan(0.1);
    expect(slos[0]!.errorRatio).toBeCloseTo(share, 2);
    expect(slos[0]!.burnRate).toBeCloseTo(slos[0]!.errorRatio / 0.01, 6);
    // Six hours of a 30-day period at that burn rate.
    expect(slos[0]!.periodBudgetSpent).toBeCloseTo((slos[0]!.burnRate * 6) / (30 * 24), 6);
    const text = await backtest('6h');
    expect(text.stdout).toMatch(
      /^queue\/jobs \(objective 99\.0 %\): 1[01]\.\d % of events bad, burn rate 1[01]\.\d\d, [0-9.]+ % of the period's error budget spent$/m,
    );
    // docs/review.md shows this line (the last digits move with the range's start).
    const line = text.stdout.split('\n').find((l) => l.startsWith('queue/jobs'))!;
    expect(readFileSync(path.join(REPO, 'docs/review.md'), 'utf8')).toContain(
      line.slice(0, line.indexOf(', burn rate')),
    );
  });

  it("counts each receiver's pages through the project's routing: grouping, Alertmanager's timers, inhibitions", async () => {
    const run = await backtest('6h', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const { receivers } = JSON.parse(run.stdout) as {
      receivers: {
        receivers: { receiver: string; pages: number; repeats: number; perWeek: number; inhibitedSeconds: number }[];
        notes: string[];
      };
    };
    // QueueHighAtOnce pages: once per incident (its group is deleted in between), and the
    // 20-minute one repeats once after repeat_interval (10m) at flushes 30 s + k × 5m.
    expect(receivers.receivers.find((r) => r.receiver === 'pager')).toEqual({
      receiver: 'pager',
      pages: 2,
      repeats: 1,
      perWeek: 56,
      inhibitedSeconds: 0,
    });
    // QueueHighKeepsFiring is muted while QueueHighAtOnce fires for the same queue: 20 + 3 minutes.
    const chat = receivers.receivers.find((r) => r.receiver === 'chat')!;
    expect(chat.inhibitedSeconds).toBe(23 * 60);
    expect(chat.pages).toBeGreaterThanOrEqual(4);
    expect(receivers.notes).toEqual([]);
    const text = await backtest('6h');
    expect(text.stdout).toContain(
      'Pages per receiver over the same 6.0 h, through the generated routing (grouping, timers, inhibitions):\n',
    );
    expect(text.stdout).toContain('\npager: 2 pages (56.0 a week), 1 repeat\n');
    expect(text.stdout).toMatch(
      /^chat: \d+ pages \([\d.]+ a week\)(, \d+ repeats?)?, inhibitions muted 23 min of firing$/m,
    );
  });

  it("agrees with Prometheus' own rule manager: promtool evaluates the generated rules over the same samples, and its ALERTS series equal the backtest's episodes at every evaluation", async () => {
    const run = await backtest('6h', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const alerts = (JSON.parse(run.stdout) as { alerts: Result[] }).alerts;
    const out = path.join(tempDir('backtest-agreement'), 'generated');
    const built = await obsgenAsync(['build', '--definitions', FIXTURE, '--out', out]);
    expect(built.status, built.stdout).toBe(0);
    // Every rule file of the system: the recording the alerts read, the SLO's rules.
    const ruleDirectory = path.join(out, 'prometheus/queue');
    const ruleFiles = readdirSync(ruleDirectory)
      .filter((file) => file.endsWith('.rules.yml'))
      .map((file) => path.join(ruleDirectory, file));
    const groups = ruleFiles.flatMap(
      (file) =>
        (
          parse(readFileSync(file, 'utf8')) as {
            groups: { name: string; rules: { alert?: string; labels?: Record<string, string> }[] }[];
          }
        ).groups,
    );
    const ruleLabels = new Map(
      groups.flatMap((group) =>
        group.rules.flatMap((rule) => (rule.alert === undefined ? [] : [[rule.alert, rule.labels ?? {}] as const])),
      ),
    );
    // Groups of recordings only evaluate first (promtool orders unlisted groups at random).
    const evaluationOrder = [
      ...groups.filter((group) => group.rules.every((rule) => rule.alert === undefined)),
      ...groups.filter((group) => group.rules.some((rule) => rule.alert !== undefined)),
    ].map((group) => group.name);
    // promtool's clock starts at the first sample; the backtest evaluated on the same minute grid.
    const step = 60;
    const times: number[] = [];
    for (let t = Math.ceil((end - 6 * 3600 + 180) / step) * step; t <= end; t += step) times.push(t);
    const testFile = path.join(path.dirname(out), 'agreement.test.yml');
    writeFileSync(
      testFile,
      JSON.stringify({
        rule_files: ruleFiles,
        evaluation_interval: `${step}s`,
        // The backtest reads a recording of another group as computed at the same instant, as the
        // server does when that group evaluates first (groups run on their own offsets; evaluated
        // after the alert, the recording is one evaluation old: docs/review.md says so).
        group_eval_order: evaluationOrder,
        tests: [
          {
            interval: '15s',
            input_series: [
              {
                series: SERIES,
                values: samples()
                  .map((p) => p.value)
                  .join(' '),
              },
              ...JOBS.map(({ series, perSample }) => ({
                series,
                values: counterValues(perSample).join(' '),
              })),
            ],
            promql_expr_test: times.map((t) => ({
              expr: 'ALERTS{alertstate="firing"}',
              eval_time: `${t - historyStart}s`,
              exp_samples: impliedAlerts(alerts, ruleLabels, t),
            })),
          },
        ],
      }),
    );
    // Not vacuous: every alert fires inside the compared evaluations (AtOnce and Recorded 20 + 3 each, For5m 15, KeepsFiring 25 + 8, LastFiveMinutes 25 + 8).
    const implied = times.flatMap((t) => impliedAlerts(alerts, ruleLabels, t)).map((s) => s.labels);
    const firing = (alert: string) => implied.filter((labels) => labels.includes(`alertname="${alert}"`)).length;
    expect(
      [
        'QueueHighAtOnce',
        'QueueHighFor5m',
        'QueueHighKeepsFiring',
        'QueueHighRecorded',
        'QueueHighLastFiveMinutes',
      ].map(firing),
    ).toEqual([23, 15, 33, 23, 33]);
    // The SLO's page fires in the first incident, computed from raw series through three levels of recordings.
    expect(firing('JobsFastBurn')).toBeGreaterThan(10);
    const checked = spawnSync(locateTool('promtool')!, ['test', 'rules', testFile], { encoding: 'utf8' });
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
  });

  it('says what it found in a line per alert', async () => {
    const run = await backtest('6h');
    expect(run.status).toBe(0);
    const docs = readFileSync(path.join(REPO, 'docs/review.md'), 'utf8');
    expect(run.stdout).toContain(
      'queue/QueueHighAtOnce (critical): 2 episodes, 56.0 a week, firing 23 min, 1 flapping, fires 0 min after the condition holds',
    );
    expect(run.stdout).toContain(
      'queue/QueueHighFor5m (warning): 1 episode, 28.0 a week, firing 15 min, fires 5 min after the condition holds',
    );
    // docs/review.md shows these lines as they are printed.
    for (const line of run.stdout.split('\n').filter((l) => /^queue\/QueueHigh(AtOnce|For5m) /.test(l)))
      expect(docs).toContain(line);
  });

  it('does not ask the server for more than a bounded number of evaluations: an alert over it is named with the reason', async () => {
    const run = await backtest('7d');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^queue\/JobsSlowBurn \(warning\): not backtested: computing slo:sli_error:ratio_rate1d, .* from raw series takes [\d,]+ evaluations \(more than 5,000,000\): load the rules on the server, or narrow --range$/m,
    );
    expect(run.stdout).toMatch(/^queue\/QueueHighAtOnce \(critical\): 2 episodes/m);
  });

  it('keepFiringFor is written as keep_firing_for, which promtool loads', async () => {
    const out = path.join(tempDir('keep-firing'), 'generated');
    const built = await obsgenAsync(['build', '--definitions', FIXTURE, '--out', out]);
    expect(built.status, built.stdout).toBe(0);
    const file = path.join(out, 'prometheus/queue/queue.rules.yml');
    expect(readFileSync(file, 'utf8')).toMatch(/alert: QueueHighKeepsFiring\n(?:.*\n)*? {8}keep_firing_for: 5m\n/);
    const promtool = locateTool('promtool');
    expect(promtool, 'promtool is installed by scripts/ensure-tools.sh').toBeDefined();
    const checked = spawnSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' });
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
  });

  it('a range that is no duration is exit 2 with one line', async () => {
    const run = await backtest('a week');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('obsgen: --range takes a duration such as 7d or 24h, not "a week"\n');
  });
});
