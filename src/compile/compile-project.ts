import { estimateCardinality, type CardinalityEstimate, type SeriesContribution } from '../check/cardinality/estimate.ts';
import { compareText, hasErrors, type Finding, type SuppressedFinding } from '../check/finding.ts';
import { runChecks } from '../check/run-checks.ts';
import type { Project } from '../model/system.ts';
import { cardinalityReport } from './docs/cardinality-report.ts';
import { catalogReport } from './docs/catalog-report.ts';
import { outputReadme } from './docs/output-readme.ts';
import { suppressionsReport } from './docs/suppressions-report.ts';
import { sloReport } from './docs/slo-report.ts';
import type { OutputFile } from './output-file.ts';
import { analyzeRules } from './prometheus/rule-analysis.ts';
import { ruleFiles } from './prometheus/rule-files.ts';
import { ruleTestFiles } from './prometheus/rule-tests.ts';
import { runbooks } from './docs/runbooks.ts';
import { expandSlos } from '../slo/slo-rules.ts';
import { collectorFiles } from './otel/collector-files.ts';
import { dashboardFiles } from './grafana/dashboard-files.ts';
import { cloudwatchFiles } from './cloudwatch/cloudwatch-files.ts';

export interface Compilation {
  readonly files: readonly OutputFile[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly cardinality: CardinalityEstimate;
}

/**
 * The whole build as a pure function: derive, compile, check. Nothing here touches the
 * filesystem; the CLI decides whether the files are written.
 *
 * `onFiles` receives each compiler's output as soon as it is produced, before the checks run,
 * so a caller can write to a staging area while the rest compiles and is checked; the caller
 * must discard what it received when the findings have an error. (No compiler depends on a
 * check's verdict, only the suppressions report does, and it comes last.)
 */
export function compileProject(definitions: Project, onFiles?: (files: readonly OutputFile[]) => void): Compilation {
  const t = phaseTimer();
  const project = expandSlos(definitions);
  t('expand');
  const rules = analyzeRules(project);
  t('analyze');
  const contributions: SeriesContribution[] = [...rules.contributions];
  const cardinality = estimateCardinality(project, contributions);
  const emitted = (batch: OutputFile[]): OutputFile[] => {
    onFiles?.(batch);
    return batch;
  };
  const rf = emitted(ruleFiles(project, rules));
  t('rule files');
  const tf = emitted(ruleTestFiles(project));
  t('test files');
  const rb = emitted(runbooks(project, rules));
  t('runbooks');
  const otel = emitted(collectorFiles(project));
  const grafana = emitted(dashboardFiles(project));
  const aws = emitted(cloudwatchFiles(project));
  const reports = emitted([...cardinalityReport(cardinality), catalogReport(project), sloReport(project)]);
  t('compile rest');
  const { findings, suppressed } = runChecks({ project, cardinality, rules });
  t('checks');
  const suppressions = emitted([suppressionsReport(suppressed)]);
  const compiled = [...rf, ...tf, ...rb, ...otel, ...grafana, ...aws, ...reports, ...suppressions];
  const readme = emitted([outputReadme(compiled)]);
  const files = uniquePaths([...compiled, ...readme], hasErrors(findings));
  return { files: [...files].sort((a, b) => compareText(a.path, b.path)), findings, suppressed, cardinality };
}

/**
 * Two outputs with one path come from duplicate names (systems, groups, alerts), which error
 * findings report and which keep the build from writing; without such a finding it is a bug.
 */
function uniquePaths(files: readonly OutputFile[], explained: boolean): OutputFile[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    if (!seen.has(file.path)) return seen.add(file.path) !== undefined;
    if (!explained) throw new Error(`obsgen bug: two compilers produced ${file.path}`);
    return false;
  });
}

function phaseTimer(): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    if (process.env.OBSGEN_PHASES === '1') process.stderr.write(`${phase}: ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}
