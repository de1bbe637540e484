// The labels obsgen says an expression's result carries are the labels Prometheus gives it: each
// expression is evaluated by promtool on series that carry every label the catalog declares, and the
// label names of what it returns are compared with the analyser's. A function or operator whose
// result labels obsgen models wrongly (the absent family once kept every label of its selector)
// shows up here, and an alert's test case would otherwise fail or pass for the wrong reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePromql } from '../src/promql/analyze.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { catalog, counter, gauge, oneOf, project, system } from '../src/index.ts';

const lab = catalog('lab', {
  scrapeInterval: '1m',
  instances: 1,
  targetLabels: ['job', 'instance'],
  labels: { a: oneOf('1', '2'), b: oneOf('x', 'y'), job_name: oneOf('export', 'import') },
  metrics: {
    x: gauge({ help: 'X.', labels: ['a', 'b', 'job_name'] }),
    y: gauge({ help: 'Y.', labels: ['a', 'b'] }),
    requests_total: counter({ help: 'R.', labels: ['a', 'b'] }),
    gone: gauge({ help: 'Never reported.', labels: ['a', 'job_name'] }),
  },
});
const seriesCatalog = new SeriesCatalog(project({ systems: [system({ catalog: lab })] }));

/** Every series of x, y and requests_total, with every label the catalog declares (gone has none). */
const INPUT = [
  'x{a="1",b="x",job_name="export",job="j",instance="i"}',
  'x{a="2",b="y",job_name="import",job="j",instance="i"}',
  'y{a="1",b="x",job="j",instance="i"}',
  'y{a="2",b="y",job="j",instance="i"}',
  'requests_total{a="1",b="x",job="j",instance="i"}',
  'requests_total{a="2",b="y",job="j",instance="i"}',
];

const EXPRESSIONS = [
  'absent(gone{job_name="export", a=~"1"})',
  'absent_over_time(gone{job_name="export"}[1h])',
  'absent(gone{a="1", job_name="export"})',
  'label_replace(x, "dst", "$1", "a", "(.*)")',
  'label_join(x, "ab", "-", "a", "b")',
  'sum by (a) (x)',
  'sum without (b) (x)',
  'y * on (a, b) group_left (job_name) x',
  'x / ignoring (job_name) y',
  'count_values("v", x)',
  'topk(1, x)',
  'x > 0',
  'x or y',
  'y unless on (a, b) x{a="1"}',
  'timestamp(x)',
  'scalar(sum(x)) * y',
  'sum by (a) (rate(requests_total[5m]))',
  'max_over_time(x[5m])',
  'count(x) by (job_name)',
  'vector(1)',
  'sort_desc(x)',
  'clamp_min(x, 0)',
  'x offset 5m',
  'sum(x) by (a) * on (a) group_left sum by (a, b) (y)',
];

/** The label names promtool gives the result of each expression (all series together). */
function promtoolLabels(expressions: readonly string[]): Map<string, Set<string>> {
  const promtool = locateTool('promtool');
  if (promtool === undefined) throw new Error(missingToolMessage('promtool'));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-labels-')), 'labels.test.yml');
  writeFileSync(
    file,
    JSON.stringify({
      rule_files: [],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: INPUT.map((series) => ({ series, values: '1+1x60' })),
          // Expecting nothing makes promtool print what it got.
          promql_expr_test: expressions.map((expr) => ({ expr, eval_time: '30m', exp_samples: [] })),
        },
      ],
    }),
  );
  const output = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8' });
  const text = `${output.stdout}${output.stderr}`;
  const labels = new Map<string, Set<string>>();
  for (const block of text.split(/^\s*expr: /m).slice(1)) {
    const expr = JSON.parse(/^(".*?(?<!\\)")/.exec(block)![1]!) as string;
    const got = /got: (.*)$/m.exec(block)?.[1] ?? '';
    const names = [...got.matchAll(/([A-Za-z_]\w*)="/g)].map((m) => m[1]!).filter((name) => name !== '__name__');
    labels.set(expr, new Set(names));
  }
  return labels;
}

describe('result labels, obsgen against promtool', () => {
  const actual = promtoolLabels(EXPRESSIONS);

  it.each(EXPRESSIONS)('%s', (expr) => {
    const got = actual.get(expr);
    expect(got, `promtool returned nothing for ${expr}`).toBeDefined();
    const analysis = analyzePromql(expr, { catalog: seriesCatalog, system: 'lab' });
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect([...(analysis.labels.known ?? ['(any)'])].sort()).toEqual([...got!].sort());
  });
});
