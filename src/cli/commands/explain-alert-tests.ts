import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { mapConcurrently, runProcess } from '../run-process.ts';

interface TestFile {
  rule_files?: string[];
  evaluation_interval?: string;
  tests?: {
    name?: string;
    interval?: string;
    input_series?: unknown[];
    alert_rule_test?: { eval_time: string; alertname: string }[];
  }[];
}

/** One alert test case and what the real promtool computes for the alert's expression then. */
export interface ExplainedCase {
  readonly file: string;
  readonly test: string;
  readonly alert: string;
  readonly at: string;
  /** `{labels} value` per sample of the expression at that time; empty when it has none. */
  readonly samples: readonly string[];
}

/**
 * What each alert test case would see: for every `alert_rule_test` of the generated test files,
 * the real promtool evaluates the alert's expression on the case's input series at its time, so
 * the values to expect (and put in `alerts: [{ value }]`) come from Prometheus itself.
 * Each case runs as its own promtool file: promtool names no test in expression failures.
 */
export async function explainAlertTests(
  promtool: string,
  out: string,
  testFiles: readonly string[],
): Promise<ExplainedCase[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-explain-'));
  try {
    const probes: { case: Omit<ExplainedCase, 'samples'>; file: string }[] = [];
    for (const file of testFiles) {
      const absolute = path.join(out, file);
      const spec = parse(readFileSync(absolute, 'utf8')) as TestFile;
      const ruleFiles = (spec.rule_files ?? []).map((rules) => path.resolve(path.dirname(absolute), rules));
      const expressions = alertExpressions(ruleFiles);
      for (const test of spec.tests ?? []) {
        for (const check of test.alert_rule_test ?? []) {
          const expr = expressions.get(check.alertname);
          if (expr === undefined) continue;
          const probe = path.join(scratch, `${probes.length}.test.yml`);
          // The rule files come along: an alert may read recording rules, which promtool evaluates.
          const body = {
            rule_files: ruleFiles,
            evaluation_interval: spec.evaluation_interval ?? '1m',
            tests: [
              {
                interval: test.interval ?? '1m',
                input_series: test.input_series ?? [],
                promql_expr_test: [{ expr, eval_time: check.eval_time, exp_samples: [] }],
              },
            ],
          };
          writeFileSync(probe, JSON.stringify(body)); // JSON is YAML
          probes.push({
            case: { file, test: test.name ?? '', alert: check.alertname, at: check.eval_time },
            file: probe,
          });
        }
      }
    }
    const results = await mapConcurrently(probes, availableParallelism(), (probe) =>
      runProcess(promtool, ['test', 'rules', probe.file]),
    );
    return probes.map((probe, index) => ({ ...probe.case, samples: gotSamples(results[index]!) }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function alertExpressions(ruleFiles: readonly string[]): Map<string, string> {
  const expressions = new Map<string, string>();
  for (const file of ruleFiles) {
    const groups =
      (parse(readFileSync(file, 'utf8')) as { groups?: { rules?: { alert?: string; expr?: string }[] }[] }).groups ??
      [];
    for (const rule of groups.flatMap((g) => g.rules ?? []))
      if (rule.alert !== undefined && rule.expr !== undefined) expressions.set(rule.alert, rule.expr);
  }
  return expressions;
}

/** promtool passes an empty expectation when the expression has no sample, else prints `got: {…} v, {…} v`. */
function gotSamples(result: { status: number | null; output: string }): string[] {
  if (result.status === 0) return [];
  const got = /^\s*got: (.*)$/m.exec(result.output);
  if (got?.[1] === undefined) throw new Error(`promtool did not evaluate the probe:\n${result.output}`);
  return [...got[1].matchAll(/(\{[^}]*\}|[a-zA-Z_:][\w:]*) (\S+?)(?:, |$)/g)].map((m) => `${m[1]} ${readable(m[2]!)}`);
}

/** 9.999999999999999E-02 → 0.1: twelve significant digits, what a test case would state. */
function readable(value: string): string {
  const number = Number(value);
  return Number.isFinite(number) ? String(Number(number.toPrecision(12))) : value;
}

export function explainedText(cases: readonly ExplainedCase[]): string {
  return cases
    .map(
      (c) =>
        `${c.alert} · ${c.test.replace(`${c.alert}: `, '')} · at ${c.at} (${c.file})\n${c.samples.length === 0 ? '  no sample: the expression is empty then, so the alert stays quiet' : c.samples.map((s) => `  ${s}`).join('\n')}`,
    )
    .join('\n');
}
