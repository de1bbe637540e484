import type { RuleIdOf } from '../../rule-id.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { compareFindings, hasErrors, type Finding } from '../../finding.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { Project } from '../../model/system.ts';
import { pascalCase } from '../../text/pascal-case.ts';
import { findingsJson, findingsText } from '../format-findings.ts';
import type { CommonOptions } from '../common-options.ts';
import { OutputComparison } from '../output-comparison.ts';
import { locateTool, missingToolMessage } from '../real-tools.ts';
import { testBatches, testRuns, type TestRun } from '../promtool-test-batches.ts';
import { scratchDirectory } from '../scratch-directory.ts';
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
  // file's, never a neighbour's. Reported in file order. Checks and tests run side by side: the
  // checks of a large file take seconds during which the test runs already use the cores.
  const checking = mapConcurrently(ruleFiles, availableParallelism(), (file) =>
    runProcess(promtool, ['check', 'rules', absolute(file)]),
  );
  const deploying = verifyDeployedRules(promtool, options.out, files, findings);
  const testing = runTestBatches(promtool, options, testFiles);
  const [checked, deployedOutcome, tested] = await Promise.all([checking, deploying, testing]);
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
  if (deployedOutcome !== undefined) outcomes.push(deployedOutcome);
  const cases = testCaseLocations(compilation.project);
  if (tested === undefined) {
    process.stderr.write(
      `obsgen: --only ${options.only} names no system or alert with test cases in ${options.out}/.\n`,
    );
    return 2;
  }
  const failedFiles = new Set<string>();
  for (const { run, status, output } of tested) {
    if (status === 0) continue;
    failedFiles.add(run.source);
    const failures = failedCases(output);
    if (failures.length === 0) {
      const alerts = run.batches.flatMap((batch) => batch.alerts);
      findings.push(
        promtoolFinding(
          'test/promtool-test',
          run.source,
          `promtool test rules fails for ${run.source}${alerts.length === 0 ? '' : ` (the cases of ${alerts.join(', ')})`}:\n${indent(output)}`,
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
        message: `promtool test rules: "${failure.name}" fails (${run.source}):\n${indent(failure.output)}`,
        subject: `${options.out}/${run.source}`,
        at: cases.get(failure.name) ?? { file: `${options.out}/${run.source}`, line: 1 },
        hint: 'The alert does not behave as this test case says: fix the expression or the case (input series, time, expected labels and value); obsgen test --explain prints what promtool computes.',
      });
    }
  }
  const testedFiles = new Set(tested.map(({ run }) => run.source));
  const caseCount = tested.flatMap(({ run }) => run.batches).reduce((sum, batch) => sum + batch.cases, 0);
  const failedTests = failedFiles.size;
  if (testedFiles.size > 0)
    outcomes.push(
      `${testedFiles.size - failedTests} of ${testedFiles.size} test files pass (${caseCount} cases${options.only === undefined ? '' : `; --only ${options.only}`})`,
    );
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
      const stem = pascalCase(slo.alerting?.name ?? slo.name);
      for (const suffix of ['FastBurn', 'SlowBurn', 'NoData']) prefixes.push([`${stem}${suffix}: `, slo.at]);
    }
  }
  return { get: (name) => locations.get(name) ?? prefixes.find(([prefix]) => name.startsWith(prefix))?.[1] };
}

/** Batches one promtool process runs in turn (a run never mixes test files; see TestRun). */
const BATCHES_PER_RUN = 8;

/**
 * Every test file split into batches that load only the alerts their cases test, run on every
 * core; on a terminal, a progress line. `--only` keeps the files of one system, or the batches
 * of one alert; undefined when it keeps nothing (a misspelt name must not pass as "all green").
 */
async function runTestBatches(
  promtool: string,
  options: CommonOptions,
  testFiles: readonly string[],
): Promise<{ run: TestRun; status: number | null; output: string }[] | undefined> {
  const only = options.only;
  const batches = testFiles.flatMap((file) => {
    const absolute = path.join(options.out, file);
    const read = (name: string) => readFileSync(path.join(path.dirname(absolute), name), 'utf8');
    const text = readFileSync(absolute, 'utf8');
    // --only names a system (its test files) or an alert (its cases, wherever they are).
    const onlyAlert = only === undefined || file.startsWith(`prometheus/${only}/`) ? undefined : only;
    return testBatches(file, text, read, onlyAlert);
  });
  if (only !== undefined && batches.length === 0) return undefined;
  const scratchRoot = scratchDirectory();
  const scratch = mkdtempSync(path.join(scratchRoot, 'obsgen-test-'));
  const progress = process.stderr.isTTY && options.format === 'text';
  const total = batches.reduce((sum, batch) => sum + batch.cases, 0);
  let done = 0;
  try {
    return await mapConcurrently(testRuns(batches, BATCHES_PER_RUN), availableParallelism(), async (run) => {
      const tests = run.batches.map((batch) => {
        const directory = mkdtempSync(path.join(scratch, 'batch-'));
        for (const [name, content] of batch.files) writeFileSync(path.join(directory, name), content);
        return path.join(directory, 'test.yml');
      });
      // One Go thread each: obsgen already runs one promtool per core (measured ~15 % faster).
      // Its per-case test TSDBs go to the same scratch place.
      const result = await runProcess(promtool, ['test', 'rules', ...tests], { GOMAXPROCS: '1', TMPDIR: scratchRoot });
      done += run.batches.reduce((sum, batch) => sum + batch.cases, 0);
      if (progress) process.stderr.write(`\rpromtool test rules: ${done} of ${total} cases`);
      if (progress && done === total) process.stderr.write('\n');
      return { run, ...result };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
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

function promtoolFinding(rule: RuleIdOf<'test'>, file: string, message: string, hint: string, out: string): Finding {
  return { rule, severity: 'error', message, subject: `${out}/${file}`, at: { file: `${out}/${file}`, line: 1 }, hint };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
