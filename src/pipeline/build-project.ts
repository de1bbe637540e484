import type { CardinalityEstimate } from '../derive/cardinality-estimate.ts';
import { compareFindings, compareText, hasErrors, type Finding, type SuppressedFinding } from '../finding.ts';
import { definitionShapeFindings } from '../validate/definition-shapes.ts';
import { CheckRun } from '../check/run-checks.ts';
import { projectRecordings, type PreDerived } from '../derive/project-recordings.ts';
import type { Project } from '../model/system.ts';
import type { ValidProject } from '../model/valid-system.ts';
import { SeriesCatalog } from '../promql/series-catalog.ts';
import { collectorLabelsOf } from '../otel/collector-label-edits.ts';
import {
  admitSystem,
  buildSystem,
  type AdmittedSystem,
  type ProjectContext,
  type SystemBuild,
} from './build-system.ts';
import { alertmanagerFiles } from '../compile/alertmanager/alertmanager-files.ts';
import { projectReview } from '../compile/review/project-review.ts';
import type { ReviewModel } from '../compile/review/review-model.ts';
import { reviewIndexPage } from '../compile/review/review-page.ts';
import { alertRouter } from '../derive/alertmanager/route-alert.ts';
import { costReport } from '../compile/docs/cost-report.ts';
import { deriveAlertmanager } from '../derive/alertmanager/alertmanager-facts.ts';
import { cardinalityReport } from '../compile/docs/cardinality-report.ts';
import { catalogReport } from '../compile/docs/catalog-report.ts';
import { outputReadme } from '../compile/docs/output-readme.ts';
import { sloReport } from '../compile/docs/slo-report.ts';
import { suppressionsReport } from '../compile/docs/suppressions-report.ts';
import { dashboardProvisioning } from '../compile/grafana/dashboard-files.ts';
import type { OutputFile } from '../compile/output-file.ts';
import { OutputGuard } from './output-guard.ts';

/** What a build found, and the paths it produced (sorted); the files' text went to the sink. */
export interface CompilationSummary {
  readonly paths: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly cardinality: CardinalityEstimate;
  /** What a reviewer reads (rendered as reports/): compared by `obsgen diff`; kept only when asked for. */
  readonly review: ReviewModel | undefined;
}

/** A build with its files in memory (sorted by path) and its review model: what tests and library callers read. */
export interface Compilation extends Omit<CompilationSummary, 'paths' | 'review'> {
  readonly files: readonly OutputFile[];
  readonly review: ReviewModel;
}

/** What a build keeps beyond its files and findings. */
export interface CompilationOptions {
  /**
   * Every system's review model, for `obsgen diff` (~80 KB a system): a build that only writes
   * the review pages leaves it out, and each system's part goes once its page is written.
   */
  readonly keepReview: boolean;
}

/** The whole build as a pure function, keeping every file (see `compileProjectInto`). */
export function compileProject(definitions: Project): Compilation {
  const byPath = new Map<string, OutputFile>();
  const { paths, review, ...summary } = compileProjectInto(
    definitions,
    (files) => {
      // The first file of a path is kept, as the sink's writer would see it first.
      for (const file of files) if (!byPath.has(file.path)) byPath.set(file.path, file);
    },
    { keepReview: true },
  );
  // A path the output guard refused (an error finding says why) has no file.
  return { ...summary, review, files: paths.flatMap((path) => byPath.get(path) ?? []) };
}

/**
 * The whole build as a pure function: derive, compile, check. Nothing here touches the
 * filesystem; the CLI decides whether the files are written.
 *
 * Systems are compiled and checked one after another (`buildSystem`): each system's SLO
 * expansion, rule analysis and compiled models are dropped before the next system, and the
 * files' text goes to `sink` as each compiler produces it and is not kept here, so a large
 * project's memory holds its definitions rather than every derived model and output at once
 * (on the 1,000-system fleet: 1.25 GB -> 0.7 GB peak). What spans systems is made first — the
 * series catalog, with every system's recordings (`projectCatalog`) — or run once at the end:
 * duplicate names and uids, `allow` bookkeeping, the reports (`assembleProject`).
 *
 * The sink receives files before the checks have finished, so a caller can write to a staging
 * area while the rest compiles and is checked; the caller must discard what it received when
 * the findings have an error. (No compiler depends on a check's verdict, only the
 * suppressions report does, and it comes last.)
 */
export function compileProjectInto(
  definitions: Project,
  sink: (files: readonly OutputFile[]) => void,
  options: { readonly keepReview: true },
): CompilationSummary & { readonly review: ReviewModel };
export function compileProjectInto(
  definitions: Project,
  sink: (files: readonly OutputFile[]) => void,
  options: CompilationOptions,
): CompilationSummary;
export function compileProjectInto(
  definitions: Project,
  sink: (files: readonly OutputFile[]) => void,
  options: CompilationOptions,
): CompilationSummary {
  // Validate, then compile (rulefmt's order): a definition with a key obsgen would ignore, or
  // without one it needs, is reported and nothing is derived from it.
  const invalid = definitionShapeFindings(definitions);
  if (hasErrors(invalid)) return unbuilt(invalid, options);
  // The shape rule reads the definitions only: an empty catalog fills its context.
  const empty = new SeriesCatalog({ ...definitions, systems: [] });
  const admitted = definitions.systems.map((written) => admitSystem(definitions, written, empty));
  const { catalog, derived } = projectCatalog(definitions, admitted);
  // Every file passes the guard before the sink sees it: no unsafe or colliding path is written.
  const guard = new OutputGuard();
  const project: ProjectContext = {
    catalog,
    route: definitions.alertmanager === undefined ? undefined : alertRouter(definitions.alertmanager.route),
    keepReview: options.keepReview,
  };
  const systems = admitted.map((system, index) => {
    const known = derived[index];
    // Dropped as each system is built, so the memory they hold shrinks as the build goes.
    derived[index] = undefined;
    const { written } = system;
    return buildSystem(definitions, system, project, (batch) => sink(guard.admit(batch, written, written.at)), known);
  });
  return assembleProject(
    definitions,
    systems,
    guard,
    (batch) => sink(guard.admit(batch, definitions, definitions.at)),
    options,
  );
}

/** A build stopped at validation: its findings, and nothing compiled. */
function unbuilt(findings: readonly Finding[], options: CompilationOptions): CompilationSummary {
  return {
    paths: [],
    findings: [...findings].sort(compareFindings),
    suppressed: [],
    cardinality: { systems: [], series: 0 },
    review: options.keepReview ? projectReview([]) : undefined,
  };
}

/**
 * The series catalog every system is analysed against, made once: every catalog, and every
 * recording of the systems that compile (their SLOs' included), derived first. It does not change
 * afterwards, so no system's result depends on which systems came before it.
 */
function projectCatalog(
  definitions: Project,
  admitted: readonly AdmittedSystem[],
): {
  catalog: SeriesCatalog;
  /** Per system of the definitions (same order): its recordings' analyses. */
  derived: (PreDerived | undefined)[];
} {
  const collectorLabels = collectorLabelsOf(definitions);
  const { recorded, derived } = projectRecordings(
    definitions,
    admitted.map((system) => system.defined),
    collectorLabels,
  );
  return { catalog: new SeriesCatalog(definitions, recorded, collectorLabels), derived };
}

/**
 * The project's part of the build from what each system left (in definition order): findings
 * with `allow` applied and the project rules, the cardinality estimate, provisioning, reports.
 */
function assembleProject(
  definitions: Project,
  systems: readonly SystemBuild[],
  guard: OutputGuard,
  sink: (files: readonly OutputFile[]) => void,
  options: CompilationOptions,
): CompilationSummary {
  const checks = new CheckRun(definitions.checks.map((check) => check.id));
  for (const system of systems) checks.add(system);
  // Systems whose catalog is invalid (catalog/invalid) were not compiled; the reports skip them too.
  const compiled: ValidProject = {
    ...definitions,
    systems: systems.flatMap((system) => (system.admitted === undefined ? [] : [system.admitted])),
  };
  const alerts = systems.flatMap((system) => system.alerts);
  const alertmanager =
    definitions.alertmanager === undefined
      ? undefined
      : deriveAlertmanager(
          definitions.alertmanager,
          compiled.systems,
          systems.flatMap((system) => system.routings),
        );
  checks.checkProject({ project: definitions, alerts, alertmanager });
  const estimates = systems.map((system) => system.estimate);
  const cardinality: CardinalityEstimate = {
    systems: estimates,
    series: estimates.reduce((sum, s) => sum + s.series, 0),
  };
  const paths: string[] = systems.flatMap((system) => system.paths);
  const emit = (files: readonly OutputFile[]): void => {
    sink(files);
    for (const file of files) paths.push(file.path);
  };
  const provisioning = dashboardProvisioning(
    definitions.systems.filter((_, index) => systems[index]!.hasDashboards).map((system) => system.name),
  );
  if (alertmanager !== undefined) emit(alertmanagerFiles(alertmanager));
  emit([
    ...(provisioning === undefined ? [] : [provisioning]),
    ...cardinalityReport({
      systems: estimates.filter((_, index) => systems[index]!.compiled),
      series: cardinality.series,
    }),
    catalogReport(compiled),
    sloReport(compiled),
  ]);
  emit([
    reviewIndexPage(systems.flatMap((system) => (system.reviewRow === undefined ? [] : [system.reviewRow]))),
    costReport(
      systems.flatMap((system) => (system.cost === undefined ? [] : [system.cost])),
      definitions.queryBudget,
    ),
  ]);
  const checked = checks.result();
  emit([suppressionsReport(checked.suppressed)]);
  emit([outputReadme(paths)]);
  const findings = [...checked.findings, ...outputFindings(guard.findings, checked.findings)].sort(compareFindings);
  return {
    paths: [...new Set(paths)].sort(compareText),
    findings,
    suppressed: checked.suppressed,
    cardinality,
    review: options.keepReview
      ? projectReview(systems.flatMap((system) => (system.review === undefined ? [] : [system.review])))
      : undefined,
  };
}

/** Rules whose finding already names the cause of a path collision: a duplicate name. */
const DUPLICATE_NAME_RULES: ReadonlySet<string> = new Set([
  'project/duplicate-system',
  'rule/duplicate',
  'dashboard/duplicate-uid',
  'cloudwatch/duplicate-name',
]);

/** The guard's findings, less collisions a duplicate-name finding already explains (one mistake, one finding). */
function outputFindings(guarded: readonly Finding[], checked: readonly Finding[]): Finding[] {
  const duplicateNames = checked.some(
    (finding) => finding.severity === 'error' && DUPLICATE_NAME_RULES.has(finding.rule),
  );
  return guarded.filter((finding) => finding.rule !== 'output/collision' || !duplicateNames);
}
