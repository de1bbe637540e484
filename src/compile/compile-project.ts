import { estimateCardinality, type CardinalityEstimate, type SystemEstimate } from '../check/cardinality/estimate.ts';
import { deferredDashboards, readsDashboards } from '../check/dashboard/dashboard-rules.ts';
import { compareText, hasErrors, type Finding, type SuppressedFinding } from '../check/finding.ts';
import { CheckRun } from '../check/run-checks.ts';
import type { Dashboard } from '../model/dashboard.ts';
import type { Project, System } from '../model/system.ts';
import { SeriesCatalog } from '../promql/series-catalog.ts';
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
import { expandSystem } from '../slo/slo-rules.ts';
import { collectorFiles } from './otel/collector-files.ts';
import { dashboardProvisioning, systemDashboardFiles } from './grafana/dashboard-files.ts';
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
 * Systems are compiled and checked one after another: each system's SLO expansion, rule
 * analysis and compiled models are dropped before the next system, so a large project's memory
 * holds its definitions and outputs rather than every derived model at once (on the
 * 1,000-system fleet: a third less peak memory and about a second less wall time). What spans
 * systems — the series catalog (recordings join it as each system is analyzed), duplicate
 * names and uids, `allow` bookkeeping, the reports — is kept or run once at the end.
 *
 * `onFiles` receives each compiler's output as soon as it is produced, before the checks have
 * finished, so a caller can write to a staging area while the rest compiles and is checked; the
 * caller must discard what it received when the findings have an error. (No compiler depends
 * on a check's verdict, only the suppressions report does, and it comes last.)
 */
export function compileProject(definitions: Project, onFiles?: (files: readonly OutputFile[]) => void): Compilation {
  const compiled: OutputFile[] = [];
  const emitted = (batch: readonly OutputFile[]): void => {
    onFiles?.(batch);
    for (const file of batch) compiled.push(file);
  };
  const catalog = new SeriesCatalog(definitions);
  catalog.expectRecordings();
  const checks = new CheckRun();
  const estimates: SystemEstimate[] = [];
  const withDashboards: string[] = [];
  const deferred: { readonly system: System; readonly dashboard: Dashboard }[] = [];
  for (const defined of definitions.systems) {
    // A fresh object even without SLOs: caches keyed by the system then die with this pass.
    const system = { ...expandSystem(defined) };
    const project: Project = { ...definitions, systems: [system] };
    const rules = analyzeRules(project, catalog);
    // The estimate keeps the system as defined, not the expansion it would otherwise retain.
    const [estimate] = estimateCardinality({ ...definitions, systems: [defined] }, rules.contributions).systems;
    estimates.push(estimate!);
    emitted(ruleFiles(project, rules));
    emitted(ruleTestFiles(project));
    emitted(runbooks(project, rules));
    emitted(collectorFiles(project));
    emitted(systemDashboardFiles(system));
    if (system.dashboards.length > 0) withDashboards.push(system.name);
    emitted(cloudwatchFiles(project));
    const context = { project, cardinality: { systems: [estimate!], series: estimate!.series }, rules };
    checks.checkSystems(context);
    deferred.push(...deferredDashboards(context).map(({ dashboard }) => ({ system: defined, dashboard })));
  }
  if (deferred.length > 0) checkDeferredDashboards(definitions, catalog, deferred, checks);
  checks.checkProject({ project: definitions });
  const cardinality: CardinalityEstimate = { systems: estimates, series: estimates.reduce((sum, s) => sum + s.series, 0) };
  const provisioning = dashboardProvisioning(withDashboards);
  emitted([...(provisioning === undefined ? [] : [provisioning]), ...cardinalityReport(cardinality), catalogReport(definitions), sloReport(definitions)]);
  const { findings, suppressed } = checks.result();
  emitted([suppressionsReport(suppressed)]);
  emitted([outputReadme(compiled)]);
  const files = uniquePaths(compiled, hasErrors(findings));
  return { files: files.sort((a, b) => compareText(a.path, b.path)), findings, suppressed, cardinality };
}

/**
 * Dashboards that looked up other systems before those systems' recordings were known are
 * checked again now that every system is: only the rules that read dashboards run, on a view of
 * their systems holding just those dashboards.
 */
function checkDeferredDashboards(definitions: Project, catalog: SeriesCatalog, deferred: readonly { readonly system: System; readonly dashboard: Dashboard }[], checks: CheckRun): void {
  const bySystem = new Map<System, Dashboard[]>();
  for (const { system, dashboard } of deferred) bySystem.set(system, [...(bySystem.get(system) ?? []), dashboard]);
  for (const [system, dashboards] of bySystem) {
    const view: System = { ...system, dashboards };
    const project: Project = { ...definitions, systems: [view] };
    checks.checkSystems({ project, cardinality: { systems: [], series: 0 }, rules: { rules: [], catalog, contributions: [] } }, readsDashboards);
  }
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
