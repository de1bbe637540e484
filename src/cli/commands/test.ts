import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { compareFindings, hasErrors, type Finding } from '../../finding.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { Project } from '../../model/system.ts';
import { camelCase } from '../../derive/slo/slo-plan.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import type { CommonOptions } from '../common-options.ts';
import { OutputComparison } from '../output-comparison.ts';
import { locateTool, missingToolMessage } from '../real-tools.ts';
import { mapConcurrently, runProcess } from '../run-process.ts';
import { compileDefinitions } from './compile-definitions.ts';
import { explainAlertTests, explainedText } from './explain-alert-tests.ts';
import { ALERTMANAGER_CONFIG, verifyAlertmanager } from './verify-alertmanager.ts';
import { verifyDeployedRules } from './verify-deployed-rules.ts';

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
  // The build's own findings first, so build, check and test report the same counts.
  const findings: Finding[] = [...compilation.findings];
  if (stale.length > 0)
    findings.push({
      rule: 'build/stale-output',
      severity: 'error',
      message: `${stale.length} file(s) of ${options.out}/ do not match the definitions (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}); promtool would test stale output.`,
      subject: `${options.out}/`,
      at: { file: `${options.out}/${stale[0]}`, line: 1 },
      hint: 'Run npm run build first (obsgen check lists every file).',
    });
  const files = comparison.existingPaths;
  const ruleFiles = files.filter((f) => /^prometheus\/.+\.rules\.yml$/.test(f) && !f.includes('/tests/'));
  const testFiles = files.filter((f) => /^prometheus\/.+\/tests\/.+\.test\.yml$/.test(f));
  const absolute = (file: string): string => path.join(options.out, file);
  const outcomes: string[] = [];

  // One promtool per file, on every core: each verdict (its exit status, its own output) is that
  // file's, never a neighbour's. Reported in file order.
  const checked = await mapConcurrently(ruleFiles, availableParallelism(), (file) =>
    runProcess(promtool, ['check', 'rules', absolute(file)]),
  );
  for (const [index, file] of ruleFiles.entries()) {
    const verdict = checked[index]!;
    if (verdict.status === 0) continue;
    findings.push(
      promtoolFinding(
        'test/promtool-check',
        file,
        `promtool check rules rejects ${file}:\n${indent(verdict.output)}`,
        'The generated rule file does not load in Prometheus; report it with the definitions.',
        options.out,
      ),
    );
  }
  if (ruleFiles.length > 0)
    outcomes.push(
      `${ruleFiles.length - findings.filter((f) => f.rule === 'test/promtool-check').length} of ${ruleFiles.length} rule files load`,
    );
  const deployedOutcome = await verifyDeployedRules(promtool, options.out, files, findings);
  if (deployedOutcome !== undefined) outcomes.push(deployedOutcome);
  let failedTests = 0;
  const cases = testCaseLocations(compilation.project);
  const results = await mapConcurrently(testFiles, availableParallelism(), (file) =>
    runProcess(promtool, ['test', 'rules', absolute(file)]),
  );
  for (const [index, file] of testFiles.entries()) {
    const tested = results[index]!;
    if (tested.status === 0) continue;
    failedTests++;
    const failures = failedCases(tested.output);
    if (failures.length === 0) {
      findings.push(
        promtoolFinding(
          'test/promtool-test',
          file,
          `promtool test rules fails for ${file}:\n${indent(tested.output)}`,
          'The test file does not run; report it with the definitions.',
          options.out,
        ),
      );
      continue;
    }
    // One finding per failing case, at the fires(...) or quiet(...) that wrote it.
    for (const failure of failures) {
      findings.push({
        rule: 'test/promtool-test',
        severity: 'error',
        message: `promtool test rules: "${failure.name}" fails (${file}):\n${indent(failure.output)}`,
        subject: `${options.out}/${file}`,
        at: cases.get(failure.name) ?? { file: `${options.out}/${file}`, line: 1 },
        hint: 'The alert does not behave as this test case says: fix the expression or the case (input series, time, expected labels and value); obsgen test --explain prints what promtool computes.',
      });
    }
  }
  if (testFiles.length > 0) outcomes.push(`${testFiles.length - failedTests} of ${testFiles.length} test files pass`);
  // Optional: no collector binary is installable from this machine's package registries.
  const collectorFiles = files.filter((f) => /^otel\/[^/]+\/collector\.yaml$/.test(f));
  const otelcol = locateTool('otelcol-contrib') ?? locateTool('otelcol');
  if (collectorFiles.length > 0 && otelcol === undefined) {
    outcomes.push(
      `otelcol validate skipped for ${collectorFiles.length} collector configs (optional; set OTELCOL or put otelcol-contrib on PATH)`,
    );
  } else if (otelcol !== undefined) {
    let failed = 0;
    for (const file of collectorFiles) {
      const validated = runTool(otelcol, ['validate', `--config=${absolute(file)}`]);
      if (validated.status === 0) continue;
      failed++;
      findings.push(
        promtoolFinding(
          'test/otelcol-validate',
          file,
          `${path.basename(otelcol)} validate rejects ${file}:\n${indent(validated.output)}`,
          'The generated collector config does not load in this collector distribution.',
          options.out,
        ),
      );
    }
    outcomes.push(
      `${collectorFiles.length - failed} of ${collectorFiles.length} collector configs pass otelcol validate`,
    );
  }
  const amtoolOutcome = await alertmanagerVerdicts(options.out, files, compilation.project, findings);
  if (options.explain) {
    const explained = await explainAlertTests(promtool, options.out, testFiles);
    if (options.format === 'json') process.stderr.write(`${JSON.stringify({ explained }, null, 2)}\n`);
    else
      process.stdout.write(
        `What promtool computes for each alert test case (the value an expected alert states):\n${explainedText(explained)}\n\n`,
      );
  }
  findings.sort(compareFindings);
  const status = `promtool: ${outcomes.join(', ') || 'nothing to test'}.${amtoolOutcome === undefined ? '' : `\n${amtoolOutcome}.`}`;
  if (options.format === 'json') {
    process.stdout.write(findingsJson(findings));
    process.stderr.write(`${status}\n`);
  } else process.stdout.write(`${findingsText(findings, compilation.suppressed)}${status}\n`);
  return hasErrors(findings) ? 1 : 0;
}

/** Where each test case of the project's alerts was written, by the name promtool prints (`<Alert>: <case>`). */
function testCaseLocations(project: Project): { get(name: string): SourceLocation | undefined } {
  const locations = new Map<string, SourceLocation>();
  const prefixes: [string, SourceLocation][] = [];
  for (const system of project.systems) {
    for (const rule of system.ruleGroups.flatMap((group) => group.rules)) {
      if (rule.kind !== 'alert') continue;
      for (const test of rule.tests ?? []) locations.set(`${rule.name}: ${test.name}`, test.location);
    }
    // SLO alerts' generated cases point at their SLO.
    for (const slo of system.slos) {
      const stem = camelCase(slo.alerting?.name ?? slo.name);
      for (const suffix of ['FastBurn', 'SlowBurn', 'NoData']) prefixes.push([`${stem}${suffix}: `, slo.at]);
    }
  }
  return { get: (name) => locations.get(name) ?? prefixes.find(([prefix]) => name.startsWith(prefix))?.[1] };
}

/** promtool's failing test cases: each `name: <test>,` line starts one, up to the next. */
function failedCases(output: string): { name: string; output: string }[] {
  const starts = [...output.matchAll(/^\s*name: (.*),\s*$/gm)];
  return starts.map((match, index) => ({
    name: match[1]!,
    output: output.slice(match.index, starts[index + 1]?.index ?? output.length).trim(),
  }));
}

function runTool(program: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(program, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** amtool's verdicts when the output has an Alertmanager configuration; undefined when it has none. */
async function alertmanagerVerdicts(
  out: string,
  files: readonly string[],
  project: Project,
  findings: Finding[],
): Promise<string | undefined> {
  if (!files.includes(ALERTMANAGER_CONFIG)) return undefined;
  const amtool = locateTool('amtool');
  if (amtool === undefined) {
    findings.push({
      rule: 'test/amtool-check',
      severity: 'error',
      message: missingToolMessage('amtool'),
      subject: `${out}/${ALERTMANAGER_CONFIG}`,
      at: { file: `${out}/${ALERTMANAGER_CONFIG}`, line: 1 },
      hint: 'Install it (scripts/ensure-tools.sh) to prove the Alertmanager configuration.',
    });
    return 'amtool: not found';
  }
  const verified = await verifyAlertmanager(amtool, out, project);
  findings.push(...verified.findings);
  return verified.outcome;
}

function promtoolFinding(rule: string, file: string, message: string, hint: string, out: string): Finding {
  return { rule, severity: 'error', message, subject: `${out}/${file}`, at: { file: `${out}/${file}`, line: 1 }, hint };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
