import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { compareFindings, hasErrors, type Finding } from '../../check/finding.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import type { CommonOptions } from '../main.ts';
import { OutputComparison } from '../output-comparison.ts';
import { locateTool, missingToolMessage } from '../real-tools.ts';
import { mapConcurrently, runProcess } from '../run-process.ts';
import { compileDefinitions } from './compile-definitions.ts';
import { explainAlertTests, explainedText } from './explain-alert-tests.ts';

/**
 * `obsgen test`: `promtool check rules` on every generated rule file and `promtool test rules`
 * on every generated test file, each failure a finding. A stale output directory is reported
 * too, since the tests would then prove old rules.
 */
export async function testCommand(options: CommonOptions): Promise<number> {
  const promtool = locateTool('promtool');
  if (promtool === undefined) {
    process.stderr.write(`obsgen: ${missingToolMessage('promtool')}\n`);
    return 2;
  }
  const comparison = new OutputComparison(options.out);
  const compilation = await compileDefinitions(options, (files) => comparison.see(files));
  if (typeof compilation === 'number') return compilation;
  const difference = comparison.difference();
  const stale = [...difference.changed, ...difference.missing, ...difference.extra].sort();
  const findings: Finding[] =
    stale.length === 0
      ? []
      : [
          {
            rule: 'build/stale-output',
            severity: 'error',
            message: `${stale.length} file(s) of ${options.out}/ do not match the definitions (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}); promtool would test stale output.`,
            subject: `${options.out}/`,
            at: { file: `${options.out}/${stale[0]}`, line: 1 },
            hint: 'Run npm run build first (obsgen check lists every file).',
          },
        ];
  const files = comparison.existingPaths;
  const ruleFiles = files.filter((f) => /^prometheus\/.+\.rules\.yml$/.test(f) && !f.includes('/tests/'));
  const testFiles = files.filter((f) => /^prometheus\/.+\/tests\/.+\.test\.yml$/.test(f));
  const absolute = (file: string): string => path.join(options.out, file);
  const outcomes: string[] = [];

  if (ruleFiles.length > 0) {
    const checked = runPromtool(promtool, ['check', 'rules', ...ruleFiles.map(absolute)]);
    for (const [file, verdict] of perFile(checked, 'Checking ')) {
      if (verdict.ok) continue;
      findings.push(promtoolFinding('test/promtool-check', path.relative(options.out, file), `promtool check rules rejects ${path.relative(options.out, file)}:\n${indent(verdict.output)}`, 'The generated rule file does not load in Prometheus; report it with the definitions.', options.out));
    }
    outcomes.push(`${ruleFiles.length} rule files checked`);
  }
  let failedTests = 0;
  // Test files are independent: run them on every core, report in file order.
  const results = await mapConcurrently(testFiles, availableParallelism(), (file) => runProcess(promtool, ['test', 'rules', absolute(file)]));
  for (const [index, file] of testFiles.entries()) {
    const tested = results[index]!;
    if (tested.status === 0) continue;
    failedTests++;
    const failures = [...tested.output.matchAll(/alertname: ([A-Za-z0-9_:]+)/g)].map((m) => m[1]);
    findings.push(promtoolFinding('test/promtool-test', file, `promtool test rules fails for ${file}${failures.length > 0 ? ` (${[...new Set(failures)].join(', ')})` : ''}:\n${indent(tested.output)}`, 'The alert does not behave as its test cases say: fix the expression or the test case (input series, time, expected labels and value).', options.out));
  }
  if (testFiles.length > 0) outcomes.push(`${testFiles.length - failedTests} of ${testFiles.length} test files pass`);
  // Optional: no collector binary is installable from this machine's package registries.
  const collectorFiles = files.filter((f) => /^otel\/[^/]+\/collector\.yaml$/.test(f));
  const otelcol = locateTool('otelcol-contrib') ?? locateTool('otelcol');
  if (collectorFiles.length > 0 && otelcol === undefined) {
    outcomes.push(`otelcol validate skipped for ${collectorFiles.length} collector configs (optional; set OTELCOL or put otelcol-contrib on PATH)`);
  } else if (otelcol !== undefined) {
    let failed = 0;
    for (const file of collectorFiles) {
      const validated = runPromtool(otelcol, ['validate', `--config=${absolute(file)}`]);
      if (validated.status === 0) continue;
      failed++;
      findings.push(promtoolFinding('test/otelcol-validate', file, `${path.basename(otelcol)} validate rejects ${file}:\n${indent(validated.output)}`, 'The generated collector config does not load in this collector distribution.', options.out));
    }
    outcomes.push(`${collectorFiles.length - failed} of ${collectorFiles.length} collector configs pass otelcol validate`);
  }
  if (options.explain) {
    const explained = await explainAlertTests(promtool, options.out, testFiles);
    if (options.format === 'json') process.stderr.write(`${JSON.stringify({ explained }, null, 2)}\n`);
    else process.stdout.write(`What promtool computes for each alert test case (the value an expected alert states):\n${explainedText(explained)}\n\n`);
  }
  findings.sort(compareFindings);
  const status = `promtool: ${outcomes.join(', ') || 'nothing to test'}.`;
  if (options.format === 'json') {
    process.stdout.write(findingsJson(findings));
    process.stderr.write(`${status}\n`);
  } else process.stdout.write(`${findingsText(findings)}${status}\n`);
  return hasErrors(findings) ? 1 : 0;
}

function runPromtool(promtool: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(promtool, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** promtool's per-file verdicts: `Checking <file>` followed by SUCCESS or FAILED lines. */
function perFile(result: { output: string }, marker: string): Map<string, { ok: boolean; output: string }> {
  const verdicts = new Map<string, { ok: boolean; output: string }>();
  const sections = result.output.split(new RegExp(`^${marker}`, 'm')).slice(1);
  for (const section of sections) {
    const [first = '', ...rest] = section.split('\n');
    const body = rest.join('\n').trim();
    verdicts.set(first.trim(), { ok: /SUCCESS/.test(body) && !/FAILED/.test(body), output: body });
  }
  return verdicts;
}

function promtoolFinding(rule: string, file: string, message: string, hint: string, out: string): Finding {
  return { rule, severity: 'error', message, subject: `${out}/${file}`, at: { file: `${out}/${file}`, line: 1 }, hint };
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
