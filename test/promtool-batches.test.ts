// obsgen test runs each test file split by the alerts its cases test, so a group of n alerts costs
// n rule evaluations per step instead of n²; the split must never change a verdict.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBatches, testRuns } from '../src/cli/promtool-test-batches.ts';
import { lineOf } from './support/compile.ts';
import { obsgen, tempDir } from './support/cli.ts';

const rules = `groups:
  - name: api
    rules:
      - record: job:errors:rate5m
        expr: sum(rate(errors_total[5m]))
      - alert: ErrorsHigh
        expr: job:errors:rate5m > 1
      - alert: ErrorsLow
        expr: job:errors:rate5m < 0.1
`;
const cases = (alerts: string[]) =>
  `rule_files: [../api.rules.yml]
evaluation_interval: 1m
tests:
${alerts.map((alert) => `  - name: ${alert} case\n    interval: 1m\n    input_series: []\n    alert_rule_test:\n      - eval_time: 5m\n        alertname: ${alert}\n        exp_alerts: []\n`).join('')}`;

describe('testBatches', () => {
  const many = Array.from({ length: 20 }, (_, i) => `Errors${i}`);
  const manyRules = `${rules}${many.map((alert) => `      - alert: ${alert}\n        expr: job:errors:rate5m > 1\n`).join('')}`;
  const rulesOf = (file: string) =>
    (parse(file) as { groups: { rules: Record<string, string>[] }[] }).groups[0]!.rules.map((r) => r.record ?? r.alert);

  it('batches of 5 alerts, each loading every recording rule and only its alerts', () => {
    const batches = testBatches('prometheus/api/tests/api.test.yml', cases([...many, 'Errors0']), () => manyRules);
    expect(batches.map((b) => [b.alerts.length, b.cases])).toEqual([
      [5, 6],
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    expect(rulesOf(batches[3]!.files.get('rules-0.yml')!)).toEqual(['job:errors:rate5m', ...many.slice(15)]);
    const test = parse(batches[3]!.files.get('test.yml')!) as { rule_files: string[]; tests: unknown[] };
    expect(test.rule_files).toEqual(['rules-0.yml']);
    expect(test.tests).toHaveLength(5);
  });

  it("keeps one alert's cases, with only that alert", () => {
    const [only, ...rest] = testBatches('t.yml', cases([...many, 'Errors7']), () => manyRules, 'Errors7');
    expect(rest).toEqual([]);
    expect([only!.alerts, only!.cases]).toEqual([['Errors7'], 2]);
    expect(rulesOf(only!.files.get('rules-0.yml')!)).toEqual(['job:errors:rate5m', 'Errors7']);
  });

  it('groups batches into promtool runs that never mix test files', () => {
    const api = testBatches('api.test.yml', cases(many), () => manyRules);
    const web = testBatches('web.test.yml', cases(many.slice(0, 7)), () => manyRules);
    const runs = testRuns([...api, ...web], 3);
    expect(runs.map((run) => [run.source, run.batches.length])).toEqual([
      ['api.test.yml', 3],
      ['api.test.yml', 1],
      ['web.test.yml', 2],
    ]);
    expect(runs.flatMap((run) => run.batches)).toEqual([...api, ...web]);
  });

  it('runs a file whole when a rule reads ALERTS (alerts then depend on each other)', () => {
    const meta = `${rules}      - alert: TooManyAlerts\n        expr: count(ALERTS{alertstate="firing"}) > 3\n`;
    const batches = testBatches('t.yml', cases(['ErrorsHigh', 'ErrorsLow']), () => meta);
    expect(batches.map((b) => [b.alerts, b.cases])).toEqual([[[], 2]]);
  });
});

describe('obsgen test on a group of many alerts', () => {
  const definitions = 'scripts/many-alerts-definitions.ts';
  const out = path.join(tempDir('many-alerts'), 'generated');
  // 12 alerts: three batches, which one promtool process runs in turn.
  const run = obsgen.withEnv({ OBSGEN_ALERTS: '12' });
  beforeAll(() => {
    expect(run('build', '--definitions', definitions, '--out', out).status).toBe(0);
  });

  it('passes every case, split by alert, and says how many', () => {
    const result = run('test', '--definitions', definitions, '--out', out);
    expect(result.stdout).toContain('1 of 1 test files pass (24 cases)');
    expect(result.status).toBe(0);
  }, 120_000);

  it('--only runs one alert, or one system; a name with no test case is exit 2', () => {
    expect(run('test', '--definitions', definitions, '--out', out, '--only', 'Route2Errors').stdout).toContain(
      '1 of 1 test files pass (2 cases; --only Route2Errors)',
    );
    expect(run('test', '--definitions', definitions, '--out', out, '--only', 'api').stdout).toContain(
      '1 of 1 test files pass (24 cases; --only api)',
    );
    const none = run('test', '--definitions', definitions, '--out', out, '--only', 'Route19Errors');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--only Route19Errors names no system or alert with test cases');
    expect(obsgen('build', '--only', 'api').status).toBe(2);
  }, 120_000);

  it('a failing case in a split batch is still a finding at the case that wrote it', () => {
    const file = path.join(out, 'prometheus/api/tests/routes.test.yml');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('route: /r7\n', 'route: /r9\n'));
      const result = run('test', '--definitions', definitions, '--out', out, '--format', 'json');
      expect(result.status).toBe(1);
      const findings = (
        JSON.parse(result.stdout) as {
          findings: { rule: string; message: string; at: { file: string; line: number } }[];
        }
      ).findings;
      const failed = findings.filter((f) => f.rule === 'test/promtool-test');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.message).toContain('"Route7Errors: one request in five fails" fails');
      expect(failed[0]!.at).toEqual({
        file: definitions,
        line: lineOf(readFileSync(definitions, 'utf8'), "fires('one request in five fails'"),
      });
    } finally {
      writeFileSync(file, original);
    }
  }, 120_000);
});
