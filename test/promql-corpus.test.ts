import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../src/index.ts';
import { analyzePromql } from '../src/promql/analyze.ts';
import { parsePromql } from '../src/promql/parse.ts';
import { renderPromql } from '../src/promql/render.ts';
import { SeriesCatalog } from '../src/promql/series-catalog.ts';
import { locateTool, missingToolMessage } from '../src/cli/real-tools.ts';
import { CORPORA, promtoolRuleVerdicts, ruleExpressions, type Corpus } from './support/corpus.ts';

const emptyCatalog = new SeriesCatalog(project({ systems: [] }));
/** Our verdict on validity: what promtool would reject is a syntax or a type error. */
const invalidity = (expr: string): string[] =>
  analyzePromql(expr, { catalog: emptyCatalog, system: undefined })
    .findings.filter((f) => f.rule === 'promql/syntax' || f.rule === 'promql/type')
    .map((f) => `${f.rule}: ${f.message.split('\n')[0]}`);

function promtool(): string {
  const found = locateTool('promtool');
  if (found === undefined) throw new Error(missingToolMessage('promtool'));
  return found;
}

/** The rules each corpus README counts. */
const RULES: Record<Corpus, number> = { corpus: 1679, 'corpus-2': 936 };

describe.each(CORPORA)('the real rule files of test/%s', (corpus) => {
  const rules = ruleExpressions('prometheus-rules', () => true, corpus);

  it('holds the rules its README counts', () => {
    expect(rules).toHaveLength(RULES[corpus]);
  });

  it('every rule-file expression parses and type-checks with no promql/syntax or promql/type finding', () => {
    const problems = rules.flatMap(({ file, rule, expr }) => invalidity(expr).map((p) => `${file} ${rule}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('every expression renders canonically and the rendering parses back to the same text', () => {
    const mismatches = rules.flatMap(({ file, rule, expr }) => {
      const once = renderPromql(parsePromql(expr));
      const twice = renderPromql(parsePromql(once));
      return once === twice ? [] : [`${file} ${rule}: ${once} ≠ ${twice}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('agrees with promtool check rules on every file', () => {
    const { rejected: failed, status } = promtoolRuleVerdicts(corpus);
    const ours = new Set(rules.filter((r) => invalidity(r.expr).length > 0).map((r) => r.file));
    expect(status).toBe(0);
    expect([...ours].sort()).toEqual([...failed].sort());
  });
});

describe('Sloth outputs render canonically', () => {
  it('every valid one parses back to the same text', () => {
    const sloth = ruleExpressions('sloth', (file) => file.endsWith('.generated.yml'));
    expect(sloth.length).toBeGreaterThan(300);
    const mismatches = sloth
      .filter((r) => invalidity(r.expr).length === 0)
      .flatMap(({ file, rule, expr }) => {
        const once = renderPromql(parsePromql(expr));
        const twice = renderPromql(parsePromql(once));
        return once === twice ? [] : [`${file} ${rule}: ${once} ≠ ${twice}`];
      });
    expect(mismatches).toEqual([]);
  });
});

describe('Sloth outputs (some wrapped in CRDs, one in MetricsQL)', () => {
  it('get the same verdict from us and from promtool, file by file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-sloth-'));
    const byFile = new Map<string, string[]>();
    for (const rule of ruleExpressions('sloth', (file) => file.endsWith('.generated.yml')))
      byFile.set(rule.file, [...(byFile.get(rule.file) ?? []), rule.expr]);
    const verdicts = [...byFile.entries()].map(([file, exprs]) => {
      const extracted = path.join(dir, file);
      writeFileSync(
        extracted,
        `groups:\n  - name: g\n    rules:\n${exprs.map((e, i) => `      - record: r:x:n${i}\n        expr: ${JSON.stringify(e)}\n`).join('')}`,
      );
      const promtoolAccepts = spawnSync(promtool(), ['check', 'rules', extracted], { encoding: 'utf8' }).status === 0;
      return { file, promtoolAccepts, weAccept: exprs.every((e) => invalidity(e).length === 0) };
    });
    expect(verdicts.filter((v) => v.promtoolAccepts !== v.weAccept)).toEqual([]);
    expect(verdicts.filter((v) => !v.promtoolAccepts).map((v) => v.file)).toEqual(['victoria-metrics.generated.yml']);
  });
});

/** Expressions promtool rejects or accepts, in the areas where a parser is easy to get wrong. */
const DIFFERENTIAL: readonly string[] = [
  'rate(x[5m]',
  'rate(x)',
  'sum(rate(x[5m])) by (a)',
  'sum by (a) (x[5m])',
  '1 > 2',
  '1 > bool 2',
  'x + on(a) 1',
  'x and 1',
  'x and on(a) group_left y',
  'x / on(a) group_left(b) y',
  'x / on(a) group_left(a) y',
  '{a=""}',
  '{a=~".*"}',
  '{a=~".+"}',
  'x{__name__="y"}',
  'x{a="\\d"}',
  'x{a="\\\\d"}',
  "x{a='b'}",
  'x{a=`\\d`}',
  'x{a=~"a(?=b)"}',
  'x{a=~"(?i)foo"}',
  'sum(x) offset 5m',
  'x offset 5m offset 1m',
  'x offset -5m',
  'x @ 100',
  'x @ start()',
  'rate(x[5m])[30m:1m]',
  'x[5m][10m:]',
  'rate(x[5m:1m])',
  'topk(x, 5)',
  'topk(5, x)',
  'count_values("v", x)',
  'count_values(5, x)',
  'quantile(0.9, x)',
  'quantile("a", x)',
  'histogram_quantile(0.9, x[5m])',
  'label_replace(x, "a", "$1", "b", "(.*)")',
  'label_replace(x, "a", "$1", "b")',
  'label_join(x, "a", ",", "b", "c")',
  'round(x)',
  'round(x, 5)',
  'round(x, 5, 6)',
  'day_of_week()',
  'time()',
  'time(x)',
  'vector(1)',
  'scalar(x) > bool 1',
  '-x[5m]',
  '-"a"',
  '"a"',
  'x unless y',
  '5m',
  'x[5]',
  'rate(x[5m] offset 1m)',
  'sum without () (x)',
  'holt_winters(x[5m], 0.5, 0.5)',
  'info(x)',
  'limitk(1, x)',
  'x[5m+1m]',
  'absent(nonexistent{job="a"})',
  'x == bool on() y',
  'x atan2 y',
  'x ^ y ^ z',
  '(x)',
  '((x)) + (y)',
  'x # a comment',
  'sum by () (x)',
  'avg_over_time(x[5m:])',
  'x{}',
  'x[0s]',
  'x[5M]',
  'x > 5m',
  'x offset 5',
  'rate(x[5m:30])',
  'rate(x[5m:0s])',
  'x{a=~"a{2,}"}',
  'x{a=~"\\\\p{L}"}',
  'x{a=~"[[:alpha:]]"}',
  'x[1y]',
  'x[500ms]',
  'x[5m1s]',
  'rate(x[5m]) @ 1.5',
  'x{a=~"("}',
  'x{a=~"a)"}',
  'x{a=~"[a-"}',
  'x{a=~"a**"}',
  'x{a=~"\\\\1"}',
  'a - b offset 10m',
  '-x offset 5m',
  '(a - b) offset 5m',
  'a - b @ 100',
  'rate(x[5m]) offset 1m',
  'x @ end() offset 1m',
];

describe('syntax verdicts agree with promtool on tricky expressions', () => {
  it.each(DIFFERENTIAL)('%s', (expr) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-diff-'));
    const file = path.join(dir, 'rules.yml');
    writeFileSync(
      file,
      `groups:\n  - name: g\n    rules:\n      - record: r:x:y\n        expr: ${JSON.stringify(expr)}\n`,
    );
    const promtoolAccepts = spawnSync(promtool(), ['check', 'rules', file], { encoding: 'utf8' }).status === 0;
    const ours = invalidity(expr);
    expect(
      ours.length === 0,
      `promtool ${promtoolAccepts ? 'accepts' : 'rejects'} ${expr}; we say: ${ours.join('; ') || 'valid'}`,
    ).toBe(promtoolAccepts);
  });
});

/** Expressions beyond lezer's stack, which Prometheus parses: named, since their text is long. */
const LARGE: readonly (readonly [string, string])[] = [
  ['a sum of 250 terms', Array.from({ length: 250 }, (_, i) => `x${i}`).join(' + ')],
  ['a sum of 3,000 terms', Array.from({ length: 3000 }, (_, i) => `x${i}`).join(' + ')],
  ['a chain of 1,000 and/unless with on()', Array.from({ length: 1000 }, (_, i) => `x${i}`).join(' and on (job) ')],
  ['10,000 nested parentheses', `${'('.repeat(10_000)}x${')'.repeat(10_000)}`],
  ['2,000 nested sums', `${'sum('.repeat(2_000)}x${')'.repeat(2_000)}`],
  ['3,000 terms with a dangling operator', `${Array.from({ length: 3000 }, (_, i) => `x${i}`).join(' + ')} +`],
  ['3,000 terms with an unclosed parenthesis', `(${Array.from({ length: 3000 }, (_, i) => `x${i}`).join(' * ')}`],
  [
    '3,000 terms with a bad matcher in the middle',
    `${Array.from({ length: 1500 }, (_, i) => `x${i}`).join(' + ')} + y{a=~"("} + ${Array.from({ length: 1500 }, (_, i) => `z${i}`).join(' + ')}`,
  ],
];

describe('syntax verdicts agree with promtool on long and deep expressions', () => {
  it.each(LARGE)('%s', (_name, expr) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-large-'));
    const file = path.join(dir, 'rules.yml');
    writeFileSync(
      file,
      `groups:\n  - name: g\n    rules:\n      - record: r:x:y\n        expr: ${JSON.stringify(expr)}\n`,
    );
    const checked = spawnSync(promtool(), ['check', 'rules', file], { encoding: 'utf8' });
    const ours = invalidity(expr);
    expect(
      ours.length === 0,
      `promtool ${checked.status === 0 ? 'accepts' : 'rejects'}; we say: ${ours.slice(0, 2).join('; ') || 'valid'}`,
    ).toBe(checked.status === 0);
    if (ours.length === 0)
      expect(renderPromql(parsePromql(renderPromql(parsePromql(expr))))).toBe(renderPromql(parsePromql(expr)));
  });
});
