// obsgen diff --prometheus: a pull request on the queue's definitions (test/fixtures/live/queue.ts
// in a throwaway git repository) against Debian's Prometheus holding six hours of the queue's
// history with two planted incidents: each changed alert — and each alert reading a changed
// recording — is backtested as the base and as the change define it, and the comment, the json
// and the html page say what the change would have done.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewDiff } from '../src/compile/review/review-diff.ts';
import { openPage } from './support/browser.ts';
import { REPO, tempDir } from './support/cli.ts';
import { definitionsRepository, type DefinitionsRepository } from './support/definitions-repository.ts';
import { obsgenAsync, startLivePrometheus, type LivePrometheus } from './support/live-prometheus.ts';
import { history, incidentOne, incidentTwo } from './support/queue-history.ts';

let repo: DefinitionsRepository;
let repository: string;
/** The comment lines the tests below saw, for the docs' example. */
const printed: string[] = [];
let prometheus: LivePrometheus;
const git = (...args: string[]) => repo.git(...args);
const edit = (from: string, to: string) => repo.edit(from, to);

const diff = (...args: string[]) =>
  obsgenAsync(['diff', '--prometheus', prometheus.url, '--range', '6h', ...args], {}, repository);

beforeAll(async () => {
  repo = definitionsRepository('diff-backtest-repo', 'test/fixtures/live/queue.ts');
  repository = repo.directory;
  // Up to now: dashboards' instant panels ask for the last minutes, as Grafana does.
  prometheus = await startLivePrometheus({ history: history(Math.floor(Date.now() / 1000 / 15) * 15) });
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
});

afterEach(() => {
  git('checkout', '--quiet', '--', '.');
});

describe('obsgen diff --prometheus', () => {
  it("a shorter `for`: the alert's episodes a week, time firing, delay and flapping before and after, in the comment and its headline", async () => {
    edit("for: '5m', severity: 'warning'", "for: '1m', severity: 'warning'");
    const run = await diff();
    expect(run.status, run.stderr).toBe(0);
    // Before: only the 20-minute incident outlasts 5m. After: both fire, a minute in; the 3-minute one flaps.
    const line =
      '- `queue/QueueHighFor5m`: fires 28.0 → 56.0 a week on the last 6h; firing 15 min → 21 min; first fires 4 min earlier; flapping 0 → 1';
    expect(run.stdout).toContain(`${line}\n`);
    printed.push(line);
    // Its receiver, through the routing: one page a planted incident before, two after.
    const pages = '- `chat`: 28.0 → 56.0 pages a week from these alerts on the last 6h';
    expect(run.stdout).toContain(`${pages}\n`);
    printed.push(pages);
    expect(run.stdout).toMatch(/^\*\*.*queue\/QueueHighFor5m fires 28\.0 → 56\.0 a week.*\*\*$/m);
    expect(run.stdout).toMatch(
      /<details open><summary><b>Backtest on the last 6h of http:\/\/127\.0\.0\.1:\d+<\/b>: 1 alert<\/summary>/,
    );
    expect(run.stderr).toMatch(/obsgen: read http:\/\/127\.0\.0\.1:\d+: \d+ requests/);
  });

  it('the json carries every episode of both sides', async () => {
    edit("for: '5m', severity: 'warning'", "for: '1m', severity: 'warning'");
    const run = await diff('--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const { backtest } = JSON.parse(run.stdout) as ReviewDiff;
    expect(backtest?.rangeSeconds).toBe(6 * 3600);
    expect(backtest?.alerts.map((a) => a.key)).toEqual(['queue/QueueHighFor5m']);
    const [evidence] = backtest!.alerts;
    expect(evidence!.before!.episodes).toMatchObject([{ firedAt: incidentOne + 300, resolvedAt: incidentOne + 1200 }]);
    expect(evidence!.after!.episodes).toMatchObject([
      { firedAt: incidentOne + 60, resolvedAt: incidentOne + 1200 },
      { firedAt: incidentTwo + 60, resolvedAt: incidentTwo + 180 },
    ]);
  });

  it('a changed recording: the alerts reading it are backtested although their text did not change, the change computed from raw series', async () => {
    edit("max(queue.metrics.queue_depth, by('queue'))", "div(max(queue.metrics.queue_depth, by('queue')), 10)");
    const run = await diff('--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    const { backtest } = JSON.parse(run.stdout) as ReviewDiff;
    expect(backtest!.alerts.map((a) => [a.key, a.reads])).toEqual([
      ['queue/QueueHighLastFiveMinutes', ['queue:queue_depth:max']],
      ['queue/QueueHighRecorded', ['queue:queue_depth:max']],
    ]);
    const recorded = backtest!.alerts.find((a) => a.key === 'queue/QueueHighRecorded')!;
    expect(recorded.before!.summary.episodes).toBe(2);
    // 500 / 10 never crosses 100.
    expect(recorded.after!.summary.episodes).toBe(0);
    expect(recorded.after!.computed).toEqual(['queue:queue_depth:max']);
    const comment = await diff();
    const line =
      '- `queue/QueueHighRecorded`: fires 56.0 → 0.0 a week on the last 6h; firing 23 min → 0 min; flapping 1 → 0 (reads the changed `queue:queue_depth:max`)';
    expect(comment.stdout).toContain(`${line}\n`);
    printed.push(line);
  });

  it('an added alert says what it would have done; the html page draws each alert firing before and after', async () => {
    edit(
      "alert('QueueHighAtOnce', high),",
      "alert('QueueHighAtOnce', high),\n            alert('QueueVeryHigh', { ...high, expr: gt(queue.metrics.queue_depth, 400), for: '10m' }),",
    );
    const comment = await diff();
    expect(comment.status, comment.stderr).toBe(0);
    const line =
      '- **added** `queue/QueueVeryHigh`: would have fired 28.0 a week (1 episode, firing 10 min) on the last 6h';
    expect(comment.stdout).toContain(`${line}\n`);
    printed.push(line);
    const page = await diff('--format', 'html');
    expect(page.status, page.stderr).toBe(0);
    const timeline = /<h3>queue\/QueueVeryHigh<\/h3><figure class="timeline">(<svg[\s\S]*?<\/svg>)<\/figure>/.exec(
      page.stdout,
    );
    expect(timeline, 'a timeline for the added alert').not.toBeNull();
    // No alert before; one firing span after, from 10 minutes into the incident to its end.
    expect(timeline![1]).toContain('(no such alert)');
    expect([...timeline![1]!.matchAll(/<rect class="firing"/g)]).toHaveLength(1);
    expect(timeline![1]).toContain(`fired ${new Date((incidentOne + 600) * 1000).toISOString()} for 10 min`);
    // Above the spans, the value the condition compares and its threshold: queue_depth reaching 500 against > 400.
    expect(timeline![1]).toMatch(/<path class="value after" d="M[\d.,LM]+"/);
    expect(timeline![1]).toContain('after &gt; 400</text>');
    expect(timeline![1]).toContain('>550</text>');
  });

  it('a changed dashboard is drawn with data before and after on the html page, checked in Chromium', async () => {
    edit(
      "timeseries('Queue depth', max(queue.metrics.queue_depth, by('queue'))",
      "timeseries('Queue depth', min(queue.metrics.queue_depth, by('queue'))",
    );
    edit('  max,\n', '  max,\n  min,\n');
    const run = await diff('--format', 'html');
    expect(run.status, run.stderr).toBe(0);
    const file = path.join(tempDir('diff-page'), 'diff.html');
    writeFileSync(file, run.stdout);
    const page = await openPage(file);
    try {
      expect(page.errors).toEqual([]);
      const sides = await page.evaluate<{ side: string; panels: number; drawn: number; empty: number }[]>(
        `[...document.querySelectorAll('figure.with-data')].map((f) => ({ side: f.classList.contains('before') ? 'before' : 'after', panels: f.querySelectorAll('.panel').length, drawn: f.querySelectorAll('.panel svg, .panel table').length, empty: f.querySelectorAll('.no-data, .not-drawn').length }))`,
      );
      expect(sides).toEqual([
        { side: 'before', panels: 5, drawn: 5, empty: 0 },
        { side: 'after', panels: 5, drawn: 5, empty: 0 },
      ]);
    } finally {
      await page.close();
    }
  });

  it('a changed SLO objective: its share of bad events, burn rate and period budget spent before and after', async () => {
    edit('objective: 99,', 'objective: 99.5,');
    const run = await diff();
    expect(run.status, run.stderr).toBe(0);
    const line =
      /^- `queue\/jobs`: objective 99\.0 % → 99\.5 %; (1[01]\.\d) % of events bad; burn rate (1[01]\.\d\d) → (2[12]\.\d\d); period budget spent ([\d.]+) % → ([\d.]+) % on the last 6h$/m.exec(
        run.stdout,
      );
    expect(line, run.stdout).not.toBeNull();
    // Half the budget: twice the burn rate, twice the share of the period's budget spent.
    expect(Number(line![3]) / Number(line![2])).toBeCloseTo(2, 2);
    expect(Number(line![5]) / Number(line![4])).toBeCloseTo(2, 1);
    expect(run.stdout).toMatch(
      /<summary><b>Backtest on the last 6h of http:\/\/127\.0\.0\.1:\d+<\/b>: \d+ alerts, 1 SLO<\/summary>/,
    );
  });

  it('--synthetic gives the same evidence from synthetic history in a local Prometheus, marked synthetic everywhere', async () => {
    edit("for: '5m', severity: 'warning'", "for: '1m', severity: 'warning'");
    const run = await obsgenAsync(['diff', '--synthetic', '--range', '1d'], {}, repository);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('obsgen: no --prometheus: reading synthetic history generated from the catalogs');
    expect(run.stdout).toContain('<summary><b>Backtest on the last 1d of synthetic history</b>');
    expect(run.stdout).toContain(
      '- **Synthetic**: history generated from the catalogs (a daily pattern, two planted incidents), not production; pass `--prometheus` for real evidence\n',
    );
    // The planted incidents: 20 minutes and 5, both over the threshold; for 1m fires both, for 5m the long one.
    expect(run.stdout).toContain('- `queue/QueueHighFor5m`: fires 7.0 → 14.0 a week on the last 1d;');
    expect(run.stdout).toMatch(/queue\/QueueHighFor5m fires 7\.0 → 14\.0 a week \(synthetic\)/);
    const both = await obsgenAsync(['diff', '--synthetic', '--prometheus', prometheus.url], {}, repository);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--synthetic and --prometheus: choose one');
  });

  it('docs/review.md shows the lines these changes print, word for word', () => {
    const docs = readFileSync(path.join(REPO, 'docs/review.md'), 'utf8');
    for (const line of printed) expect(docs).toContain(line);
    expect(printed).toHaveLength(4);
  });

  it('--range and the connection options are checked like every command that reads a Prometheus', async () => {
    const wrong = await diff('--range', 'a while');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('obsgen: --range takes a duration such as 7d or 24h, not "a while"\n');
    const unreachable = await obsgenAsync(['diff', '--prometheus', 'http://127.0.0.1:9'], {}, repository);
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
  });
});
