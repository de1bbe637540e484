import type { CardinalityEstimate } from '../check/cardinality/estimate.ts';
import { readsDashboards } from '../check/dashboard/dashboard-rules.ts';
import { compareText, hasErrors, type Finding, type SuppressedFinding } from '../check/finding.ts';
import { checkSystem, CheckRun, type SystemFindings } from '../check/run-checks.ts';
import type { Project } from '../model/system.ts';
import { SeriesCatalog } from '../promql/series-catalog.ts';
import { compileSystem, type SystemCompilation } from './compile-system.ts';
import { cardinalityReport } from './docs/cardinality-report.ts';
import { catalogReport } from './docs/catalog-report.ts';
import { outputReadme } from './docs/output-readme.ts';
import { sloReport } from './docs/slo-report.ts';
import { suppressionsReport } from './docs/suppressions-report.ts';
import { dashboardProvisioning } from './grafana/dashboard-files.ts';
import type { OutputFile } from './output-file.ts';

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
 * Systems are compiled and checked one after another (`compileSystem`): each system's SLO
 * expansion, rule analysis and compiled models are dropped before the next system, so a large
 * project's memory holds its definitions and outputs rather than every derived model at once
 * (on the 1,000-system fleet: a third less peak memory). What spans systems — the series
 * catalog (recordings join it as each system is analyzed), duplicate names and uids, `allow`
 * bookkeeping, the reports — is kept or run once at the end (`assembleProject`).
 *
 * `onFiles` receives each compiler's output as soon as it is produced, before the checks have
 * finished, so a caller can write to a staging area while the rest compiles and is checked; the
 * caller must discard what it received when the findings have an error. (No compiler depends
 * on a check's verdict, only the suppressions report does, and it comes last.)
 */
export function compileProject(definitions: Project, onFiles?: (files: readonly OutputFile[]) => void): Compilation {
  const catalog = projectCatalog(definitions);
  const systems = definitions.systems.map((defined) => compileSystem(definitions, defined, catalog, onFiles));
  return assembleProject(definitions, systems, recheckDeferred(definitions, catalog, systems), onFiles);
}

/** The series catalog of every system, expecting each system's recordings as it is compiled. */
function projectCatalog(definitions: Project): SeriesCatalog {
  const catalog = new SeriesCatalog(definitions);
  catalog.expectRecordings();
  return catalog;
}

/**
 * Dashboards that looked up other systems before those systems' recordings were known, checked
 * again now that every system is: only the rules that read dashboards run, on a view of their
 * system holding just those dashboards.
 */
function recheckDeferred(definitions: Project, catalog: SeriesCatalog, systems: readonly SystemCompilation[]): SystemFindings[] {
  return definitions.systems.flatMap((defined, index) => {
    const dashboards = systems[index]!.deferred;
    if (dashboards.length === 0) return [];
    const project: Project = { ...definitions, systems: [{ ...defined, dashboards }] };
    return [checkSystem({ project, cardinality: { systems: [], series: 0 }, rules: { rules: [], catalog, contributions: [] } }, readsDashboards)];
  });
}

/**
 * The project's part of the build from what each system left (in definition order): findings
 * with `allow` applied and the project rules, the cardinality estimate, provisioning, reports.
 */
function assembleProject(definitions: Project, systems: readonly SystemCompilation[], rechecked: readonly SystemFindings[], onFiles?: (files: readonly OutputFile[]) => void): Compilation {
  const checks = new CheckRun();
  for (const system of [...systems, ...rechecked]) checks.add(system);
  checks.checkProject({ project: definitions });
  const estimates = systems.map((system) => system.estimate);
  const cardinality: CardinalityEstimate = { systems: estimates, series: estimates.reduce((sum, s) => sum + s.series, 0) };
  const compiled: OutputFile[] = systems.flatMap((system) => system.files);
  const emitted = (batch: readonly OutputFile[]): void => {
    onFiles?.(batch);
    for (const file of batch) compiled.push(file);
  };
  const provisioning = dashboardProvisioning(definitions.systems.filter((_, index) => systems[index]!.hasDashboards).map((system) => system.name));
  emitted([...(provisioning === undefined ? [] : [provisioning]), ...cardinalityReport(cardinality), catalogReport(definitions), sloReport(definitions)]);
  const { findings, suppressed } = checks.result();
  emitted([suppressionsReport(suppressed)]);
  emitted([outputReadme(compiled)]);
  const files = uniquePaths(compiled, hasErrors(findings));
  return { files: files.sort((a, b) => compareText(a.path, b.path)), findings, suppressed, cardinality };
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
