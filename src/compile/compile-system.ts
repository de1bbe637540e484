import { estimateCardinality, type SystemEstimate } from '../check/cardinality/estimate.ts';
import { deferredDashboards } from '../check/dashboard/dashboard-rules.ts';
import { collectAllowSites } from '../check/allow-sites.ts';
import { catalogShapeRule } from '../check/catalog/shape.ts';
import { checkSystem, type SystemFindings } from '../check/run-checks.ts';
import type { RuleFinding } from '../check/rule.ts';
import { subjectOf } from '../check/subjects.ts';
import type { ProjectCheck } from '../model/extension.ts';
import type { Dashboard } from '../model/dashboard.ts';
import type { Project, System } from '../model/system.ts';
import type { SeriesCatalog } from '../promql/series-catalog.ts';
import { expandSystem } from '../slo/slo-rules.ts';
import { cloudwatchFiles } from './cloudwatch/cloudwatch-files.ts';
import { runbooks } from './docs/runbooks.ts';
import { systemDashboardFiles } from './grafana/dashboard-files.ts';
import type { OutputFile } from './output-file.ts';
import { validRuleGroups } from '../check/rule-values.ts';
import { collectorFiles } from './otel/collector-files.ts';
import { analyzeRules } from './prometheus/rule-analysis.ts';
import { ruleFiles } from './prometheus/rule-files.ts';
import { ruleTestFiles } from './prometheus/rule-tests.ts';

/** What compiling one system leaves for the project: small, so the system's derived models can go. */
export interface SystemCompilation extends SystemFindings {
  /** The paths of its files; their text went to the sink. */
  readonly paths: readonly string[];
  /** Its cardinality estimate (recording rules' series included), of the system as defined. */
  readonly estimate: SystemEstimate;
  readonly hasDashboards: boolean;
  /** False when its catalog is invalid: then nothing of it was compiled, and reports leave it out. */
  readonly compiled: boolean;
  /** Dashboards to check again once every system's recordings are known (see `lintedDashboards`). */
  readonly deferred: readonly Dashboard[];
}

/**
 * One system expanded (SLOs into rules and dashboards), analyzed, compiled and checked; each
 * compiler's files go to `sink` as they are produced. Its recordings join `catalog`, which
 * holds every system's catalog; nothing else is shared with other systems.
 */
export function compileSystem(definitions: Project, written: System, catalog: SeriesCatalog, sink: (files: readonly OutputFile[]) => void): SystemCompilation {
  // A catalog with values no series can be derived from is reported, and nothing of the system
  // is compiled: every compiler and check reads the catalog (rulefmt: validate, then load).
  const shape = catalogShapeRule.check({ project: { ...definitions, systems: [written] }, cardinality: { systems: [], series: 0 }, rules: { rules: [], catalog, contributions: [] } });
  if (shape.length > 0) {
    return { paths: [], findings: shape, sites: [...collectAllowSites({ ...definitions, systems: [written] }).values()], estimate: { system: written, metrics: [], contributions: [], series: 0, unboundedMetrics: [], budget: undefined }, hasDashboards: false, compiled: false, deferred: [] };
  }
  // Rules with values the real tools reject are findings, and no compiler reads them.
  const validated = validRuleGroups(written);
  const defined: System = validated.findings.length === 0 ? written : { ...written, ruleGroups: validated.groups };
  // A fresh object even without SLOs: caches keyed by the system then die with this pass.
  const system = { ...expandSystem(defined) };
  const project: Project = { ...definitions, systems: [system] };
  const rules = analyzeRules(project, catalog);
  const paths: string[] = [];
  const emit = (batch: readonly OutputFile[]): void => {
    sink(batch);
    for (const file of batch) paths.push(file.path);
  };
  emit(ruleFiles(project, rules));
  emit(ruleTestFiles(project));
  emit(runbooks(project, rules));
  emit(collectorFiles(project));
  emit(systemDashboardFiles(system));
  emit(cloudwatchFiles(project));
  // The estimate is of the system as defined, so it does not hold on to the expansion.
  const cardinality = estimateCardinality({ ...definitions, systems: [defined] }, rules.contributions);
  const context = { project, cardinality, rules };
  // The team's own outputs, each below its own folder, through the same guard as obsgen's files.
  for (const output of definitions.outputs) emit(output.files(written).map((file) => ({ path: `${output.name}/${file.path}`, content: file.content, origin: { name: output.name, at: output.at } })));
  // catalog/invalid ran above, before anything was compiled.
  const checked = checkSystem(context, (rule) => rule !== catalogShapeRule);
  const findings = [...validated.findings, ...checked.findings, ...projectCheckFindings(definitions.checks, written)];
  const { sites } = checked;
  return {
    paths,
    findings,
    sites,
    estimate: cardinality.systems[0]!,
    hasDashboards: system.dashboards.length > 0,
    compiled: true,
    deferred: deferredDashboards(context).map(({ dashboard }) => dashboard),
  };
}

/** The team's own checks on the system as written; a finding defaults to the system's subject and line. */
function projectCheckFindings(checks: readonly ProjectCheck[], system: System): RuleFinding[] {
  return checks.flatMap((check) =>
    check.check(system).map((finding) => {
      const subject = finding.subject ?? subjectOf.catalog(system.name);
      return { rule: check.id, severity: finding.severity, message: finding.message, hint: finding.hint, subject, at: finding.at ?? system.at, allowedBy: [subject, subjectOf.catalog(system.name)] };
    }),
  );
}
