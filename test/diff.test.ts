// obsgen diff on real git history: a throwaway repository holds a small project; each test edits
// it as a pull request would and reads what obsgen diff reports against the commit (--base HEAD).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, COMMENT_MARKER, diffMarkdown } from '../src/compile/review/diff-markdown.ts';
import type { ReviewDiff } from '../src/compile/review/review-diff.ts';
import { openPage } from './support/browser.ts';
import { REPO, tempDir } from './support/cli.ts';
import { definitionsRepository, type DefinitionsRepository } from './support/definitions-repository.ts';

let repo: DefinitionsRepository;
let repository: string;
const git = (...args: string[]) => repo.git(...args);
const edit = (from: string, to: string) => repo.edit(from, to);

function diff(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/obsgen.cjs'), 'diff', ...args], {
    cwd: repository,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonDiff(): ReviewDiff {
  const result = diff('--format', 'json');
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ReviewDiff;
}

beforeAll(() => {
  repo = definitionsRepository('diff-repo', 'test/fixtures/diff/definitions.ts');
  repository = repo.directory;
});

afterEach(() => {
  git('checkout', '--quiet', '--', '.');
});

describe('obsgen diff --base HEAD', () => {
  it('is empty for a change that changes nothing (a comment)', () => {
    edit('const m = shop.metrics;', '// a comment only\nconst m = shop.metrics;');
    const result = diff();
    expect(result.stdout).toBe(
      `${COMMENT_MARKER}\n### obsgen diff\n\nNo change to alerts, series, SLOs, dashboards, collectors or CloudWatch resources.\n`,
    );
    expect(result.status).toBe(0);
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('a threshold edit: the alert changed, threshold before and after, in the headline', () => {
    edit('gt(ratio, 0.05)', 'gt(ratio, 0.1)');
    const changes = jsonDiff();
    expect(changes.alerts.map((c) => [c.key, c.kind, c.fields.find((f) => f.field === 'threshold')])).toEqual([
      ['shop/ShopErrors', 'changed', { field: 'threshold', before: '> 0.05', after: '> 0.1' }],
    ]);
    expect(diff().stdout).toContain('**shop/ShopErrors threshold > 0.05 → > 0.1**');
  });

  it('a new label on a metric: series before → after, the factor, and the label that caused it', () => {
    edit(
      "labels: { service: oneOf('cart', 'checkout'), code: oneOf('200', '500') },",
      "labels: { service: oneOf('cart', 'checkout'), code: oneOf('200', '500'), region: oneOf('eu', 'us', 'ap') },",
    );
    edit("labels: ['service', 'code']", "labels: ['service', 'code', 'region']");
    const changes = jsonDiff();
    expect(changes.series.find((s) => s.metric === 'http_requests_total')).toEqual({
      system: 'shop',
      metric: 'http_requests_total',
      before: 8,
      after: 24,
      causes: ['label region added (3 values)'],
    });
    expect(diff().stdout).toContain('`shop/http_requests_total`: 8 → 24 (+16 ×3.0) — label region added (3 values)');
  });

  it('a new label under an unchanged combinations cap: the catalog change shows, and the cap may be stale', () => {
    edit(
      "counter({ help: 'Requests.', labels: ['service', 'code'] })",
      "counter({ help: 'Requests.', labels: ['service', 'code'], combinations: { max: 3, why: 'cart never answers 500' } })",
    );
    git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '--quiet', '-am', 'cap');
    try {
      edit("code: oneOf('200', '500') }", "code: oneOf('200', '500'), region: oneOf('eu', 'us', 'ap') }");
      edit("labels: ['service', 'code'], combinations", "labels: ['service', 'code', 'region'], combinations");
      const changes = jsonDiff();
      // The estimate stays at the cap: no series change, so only the catalog section can say what happened.
      expect(changes.series.filter((s) => s.metric === 'http_requests_total')).toEqual([]);
      expect(changes.catalog).toEqual([
        {
          key: 'shop/http_requests_total',
          kind: 'changed',
          fields: [
            {
              field: 'labels',
              before: 'service: oneOf(cart, checkout), code: oneOf(200, 500)',
              after: 'service: oneOf(cart, checkout), code: oneOf(200, 500), region: oneOf(eu, us, ap)',
            },
          ],
        },
      ]);
      expect(changes.staleCaps).toEqual([
        { key: 'shop/http_requests_total', cap: 3, before: 4, after: 12, causes: ['label region added (3 values)'] },
      ]);
      const markdown = diff().stdout;
      expect(markdown).toContain('shop/http_requests_total combinations cap 3 may be stale');
      expect(markdown).toContain(
        "**cap may be stale** `shop/http_requests_total`: combinations cap 3 unchanged while the labels' product grew 4 → 12 (label region added (3 values))",
      );
      const failed = diff('--fail-on', 'stale-cap');
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain(
        'stale-cap: shop/http_requests_total keeps combinations 3 while its labels grew 4 → 12',
      );
    } finally {
      git('reset', '--quiet', '--hard', 'HEAD~1');
    }
  });

  it('every kind of catalog change is listed: unit, buckets, drops, kind, a metric added or removed', () => {
    edit(
      "metrics: { http_requests_total: counter({ help: 'Requests.', labels: ['service', 'code'] }) },",
      "metrics: { http_requests_total: counter({ help: 'Requests.', labels: ['service', 'code'] }), queue_seconds: histogram({ help: 'Wait.', unit: 'seconds', buckets: [1, 5] }) },",
    );
    edit('import {', 'import {\n  histogram,');
    const added = jsonDiff().catalog;
    expect(added).toEqual([
      {
        key: 'shop/queue_seconds',
        kind: 'added',
        fields: [
          { field: 'kind', before: '', after: 'histogram' },
          { field: 'unit', before: '', after: 'seconds' },
          { field: 'buckets', before: '', after: '1, 5' },
          { field: 'help', before: '', after: 'Wait.' },
        ],
      },
    ]);
  });

  it('a removed panel: the dashboard changed, the panel removed, before and after sketches in the html page', async () => {
    edit("timeseries('Errors', ratio, { unit: 'percentunit', description: 'Share of failing requests.' }),", '');
    const changes = jsonDiff();
    expect(changes.dashboards.map((c) => [c.key, c.kind, c.fields])).toEqual([
      [
        'shop/overview',
        'changed',
        [{ field: 'panel "Errors"', before: expect.stringContaining('timeseries') as string, after: 'removed' }],
      ],
    ]);
    const markdown = diff().stdout;
    expect(markdown).toContain('dashboard shop/overview: 1 panel removed');
    const page = path.join(tempDir('diff-html'), 'diff.html');
    writeFileSync(page, diff('--format', 'html').stdout);
    const browser = await openPage(page);
    try {
      expect(browser.errors).toEqual([]);
      expect(statSync(browser.screenshot).size).toBeGreaterThan(5_000);
      const seen = await browser.evaluate<{ before: number; after: number; rows: number }>(`({
        before: document.querySelectorAll('#dashboards figure.before svg').length,
        after: document.querySelectorAll('#dashboards figure.after svg').length,
        rows: document.querySelectorAll('#dashboards tbody tr.changed').length,
      })`);
      expect(seen).toEqual({ before: 1, after: 1, rows: 1 });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('an SLO objective change: objective and error budget in minutes before and after', () => {
    edit('objective: 99.9,', 'objective: 99.99,');
    const slo = jsonDiff().slos.find((c) => c.key === 'shop/availability')!;
    expect(slo.kind).toBe('changed');
    expect(slo.fields.filter((f) => f.field === 'objective' || f.field === 'error budget')).toEqual([
      { field: 'objective', before: '99.9 %', after: '99.99 %' },
      { field: 'error budget', before: '43.2 min', after: '4.3 min' },
    ]);
    expect(diff().stdout).toContain('SLO shop/availability error budget 43.2 min → 4.3 min');
  });

  it('docs/review.md shows what it prints for a threshold raise and a new label, word for word', () => {
    edit('gt(ratio, 0.05)', 'gt(ratio, 0.1)');
    edit("code: oneOf('200', '500') }", "code: oneOf('200', '500'), region: oneOf('eu', 'us', 'ap') }");
    edit("labels: ['service', 'code']", "labels: ['service', 'code', 'region']");
    const printed = diff().stdout;
    const docs = readFileSync(path.join(REPO, 'docs/review.md'), 'utf8');
    expect(docs).toContain(`<!-- diff-example -->\n\`\`\`markdown\n${printed}\`\`\`\n`);
  });

  it('--fail-on: series growth above a percentage and a removed alert exit 1 and say why; other changes pass', () => {
    edit("code: oneOf('200', '500') }", "code: oneOf('200', '500', '503') }");
    // 25 → 29 series (the SLO's recordings count too): +16 %.
    const grown = diff('--fail-on', 'series-growth=10,removed-alert');
    expect(grown.stderr).toContain('obsgen diff: fails on series-growth: shop grows');
    expect(grown.status).toBe(1);
    expect(diff('--fail-on', 'series-growth=20').status).toBe(0);
    expect(diff('--fail-on', 'series-growth=lots').status).toBe(2);
  });

  it('a base that is not a commit, or a format diff does not have, is exit 2 with one line', () => {
    const unknown = diff('--base', 'no-such-branch');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^obsgen: diff needs the base from git: /);
    expect(diff('--format', 'yaml').status).toBe(2);
  });
});

describe('the PR comment', () => {
  it("fits GitHub's 65,536 characters, and says where the rest is when it does not", () => {
    const many: ReviewDiff = {
      systems: [],
      alerts: Array.from({ length: 2000 }, (_, i) => ({
        key: `shop/Alert${i}`,
        kind: 'changed' as const,
        fields: [{ field: 'expr', before: 'x'.repeat(120), after: 'y'.repeat(120) }],
      })),
      recordings: [],
      series: [],
      catalog: [],
      staleCaps: [],
      slos: [],
      dashboards: [],
      collectors: [],
      cloudwatch: [],
      totalSeries: { before: 1, after: 1 },
    };
    const comment = diffMarkdown(many);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment).toMatch(
      /_… \d+ more lines left out to fit a comment: run `npx obsgen diff --format html > diff.html` for all of it._/,
    );
  });
});
