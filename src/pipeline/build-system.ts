import type { TeamRuleId } from '../rule-id.ts';
import { collectAllowSites } from '../check/allow-sites.ts';
import { catalogShapeRule } from '../check/catalog/shape.ts';
import { checkContext } from '../check/check-context.ts';
import type { RuleFinding } from '../check/rule.ts';
import { validSystem } from '../validate/system-values.ts';
import { checkSystem, type SystemFindings } from '../check/run-checks.ts';
import type { OutputFile } from '../compile/output-file.ts';
import { compileArtifacts } from '../compile/compile-artifacts.ts';
import { systemFiles } from '../compile/system-files.ts';
import { systemReview } from '../compile/review/system-review.ts';
import { reviewedSystem } from '../compile/review/project-review.ts';
import type { SystemReview } from '../compile/review/review-model.ts';
import { reviewIndexRow, systemReviewPage, type ReviewIndexRow } from '../compile/review/review-page.ts';
import { costRows } from '../compile/docs/cost-report.ts';
import { alertLabelSets } from '../compile/prometheus/alert-label-sets.ts';
import type { AlertLabelSet } from '../derive/alert-label-set.ts';
import { routeAlerts, type AlertRouting } from '../derive/alertmanager/alertmanager-facts.ts';
import type { AlertRouter } from '../derive/alertmanager/route-alert.ts';
import type { SystemEstimate } from '../derive/cardinality-estimate.ts';
import { deriveSystem, emptyFacts } from '../derive/system-facts.ts';
import type { ProjectCheck } from '../model/extension.ts';
import type { Project, System } from '../model/system.ts';
import type { ValidSystem } from '../model/valid-system.ts';
import type { PreDerived } from '../derive/project-recordings.ts';
import type { SeriesCatalog } from '../promql/series-catalog.ts';
import { subjectOf } from '../subject.ts';

/** What building one system leaves for the project: small, so the system's facts and artifacts can go. */
export interface SystemBuild extends SystemFindings {
  /** The paths of its files; their text went to the sink. */
  readonly paths: readonly string[];
  /** Its cardinality estimate (recording rules' series included), of the system as defined. */
  readonly estimate: SystemEstimate;
  readonly hasDashboards: boolean;
  /** False when its catalog is invalid: then nothing of it was compiled, and reports leave it out. */
  readonly compiled: boolean;
  /** The system as admitted (valid rules and SLOs, durations parsed); undefined when not compiled. */
  readonly admitted: ValidSystem | undefined;
  /** Its alerts' labels, for the project's checks. */
  readonly alerts: readonly AlertLabelSet[];
  /** Where the project's Alertmanager sends its alerts' instances; none without one. */
  readonly routings: readonly AlertRouting[];
  /** Its part of the review model, when the caller keeps it; undefined when it was not compiled. */
  readonly review: SystemReview | undefined;
  /** What the review index shows of it (its page was written with its files); undefined when it was not compiled. */
  readonly reviewRow: ReviewIndexRow | undefined;
  /** Its costliest queries, for reports/cost.md; undefined when it was not compiled. */
  readonly cost: ReturnType<typeof costRows> | undefined;
}

/** A system as written, validated before anything of any system is derived (rulefmt: validate, then load). */
export interface AdmittedSystem {
  readonly written: System;
  /** catalog/invalid findings: a catalog no series can be derived from. */
  readonly shape: readonly RuleFinding[];
  /** rule/invalid and slo/invalid findings: rules and SLOs the real tools reject, left out of `defined`. */
  readonly valueFindings: readonly RuleFinding[];
  /**
   * The system with its valid rule groups and SLOs, their durations parsed; undefined when its
   * catalog is invalid (nothing of it is compiled).
   */
  readonly defined: ValidSystem | undefined;
}

/**
 * Validates one system: its catalog's shape, then its rules' values. `catalog` only fills the
 * check context (the shape rule reads the definitions).
 */
export function admitSystem(definitions: Project, written: System, catalog: SeriesCatalog): AdmittedSystem {
  const shape = catalogShapeRule.check(checkContext(emptyFacts(definitions, written, catalog), []));
  if (shape.length > 0) return { written, shape, valueFindings: [], defined: undefined };
  const valid = validSystem(written);
  // Refused by the target: allow never silences them.
  const valueFindings = valid.findings.map((finding) => ({ ...finding, allowedBy: [] }));
  return { written, shape, valueFindings, defined: valid.system };
}

/** What every system's build reads of the project besides its definitions. */
export interface ProjectContext {
  /** Every system's catalog and recordings, made before any system is built, never changed. */
  readonly catalog: SeriesCatalog;
  /** The project's Alertmanager routing tree; undefined without one. */
  readonly route: AlertRouter | undefined;
  /** Whether the build returns each system's review model (`obsgen diff` compares them), not only its page. */
  readonly keepReview: boolean;
}

/**
 * One admitted system derived (SLOs expanded, rules analyzed), compiled and checked, in that
 * order; its files go to `sink`. The project context is all it shares with other systems.
 */
export function buildSystem(
  definitions: Project,
  admitted: AdmittedSystem,
  project: ProjectContext,
  sink: (files: readonly OutputFile[]) => void,
  known?: PreDerived,
): SystemBuild {
  const { catalog } = project;
  const { written, shape, defined } = admitted;
  // A catalog with values no series can be derived from is reported, and nothing of the system
  // is derived or compiled: everything reads the catalog.
  if (defined === undefined) {
    const alone: Project = { ...definitions, systems: [written] };
    return {
      paths: [],
      findings: shape,
      sites: [...collectAllowSites(alone).values()],
      estimate: { system: written, metrics: [], contributions: [], series: 0, unboundedMetrics: [], budget: undefined },
      hasDashboards: false,
      compiled: false,
      admitted: undefined,
      alerts: [],
      routings: [],
      review: undefined,
      reviewRow: undefined,
      cost: undefined,
    };
  }
  // Rules with values the real tools reject are findings (admitted.valueFindings), and nothing downstream reads them.
  const facts = deriveSystem(definitions, defined, catalog, known);
  const artifacts = compileArtifacts(facts);
  const files = systemFiles(facts, artifacts);
  // The team's own outputs, each below its own folder, through the same guard as obsgen's files.
  for (const output of definitions.outputs)
    files.push(
      ...output.files(written).map((file) => ({
        path: `${output.name}/${file.path}`,
        content: file.content,
        origin: { name: output.name, at: output.at },
      })),
    );
  const alerts = alertLabelSets(facts, artifacts);
  const routings = project.route === undefined ? [] : routeAlerts(project.route, alerts);
  const review = reviewedSystem(systemReview(facts, artifacts, facts.cardinality.systems[0]!), routings);
  files.push(systemReviewPage(review));
  sink(files);
  const context = checkContext(facts, [artifacts]);
  // catalog/invalid ran above, before anything was derived.
  const checked = checkSystem(context, (rule) => rule !== catalogShapeRule);
  return {
    paths: files.map((file) => file.path),
    findings: [...admitted.valueFindings, ...checked.findings, ...projectCheckFindings(definitions.checks, written)],
    sites: checked.sites,
    estimate: facts.cardinality.systems[0]!,
    hasDashboards: artifacts.dashboards.length > 0,
    compiled: true,
    admitted: defined,
    alerts,
    routings,
    review: project.keepReview ? review : undefined,
    reviewRow: reviewIndexRow(review),
    cost: costRows(facts, artifacts),
  };
}

/** The team's own checks on the system as written; a finding defaults to the system's subject and line. */
function projectCheckFindings(checks: readonly ProjectCheck[], system: System): RuleFinding[] {
  return checks.flatMap((check) =>
    check.check(system).map((finding) => {
      const subject = finding.subject ?? subjectOf.catalog(system.name);
      return {
        // A team's id, held to <team>/<name> by project/extension.
        rule: check.id as TeamRuleId,
        severity: finding.severity,
        message: finding.message,
        hint: finding.hint,
        subject,
        at: finding.at ?? system.at,
        allowedBy: [subject, subjectOf.catalog(system.name)],
      };
    }),
  );
}
