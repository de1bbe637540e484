import type { SeriesContribution } from './cardinality-estimate.ts';
import { domainSize } from '../model/label-domain.ts';
import type { AlertRule, RecordingRule, Rule } from '../model/rule.ts';
import type { System } from '../model/system.ts';
import type { ValidProject, ValidRule, ValidRuleGroup, ValidSystem } from '../model/valid-system.ts';
import { analyzeExpr, analyzePromql, type Analysis } from '../promql/analyze.ts';
import { queryText } from '../promql/builder.ts';
import type { RecordedSeries, SeriesCatalog } from '../promql/series-catalog.ts';
import { subjectOf } from '../subject.ts';

export interface AnalyzedRule {
  readonly system: ValidSystem;
  readonly group: ValidRuleGroup;
  readonly rule: ValidRule;
  /** The expression as written to the rule file. */
  readonly text: string;
  readonly analysis: Analysis;
}

/** Every rule of the project analyzed in its system, with recording rules as virtual metrics. */
export interface RuleAnalysis {
  readonly rules: readonly AnalyzedRule[];
  readonly catalog: SeriesCatalog;
  readonly contributions: readonly SeriesContribution[];
}

/**
 * Every rule of the project analysed against `catalog`, which already holds every system's
 * recordings (projectRecordings): one pass, in definition order, and nothing added on the way.
 */
export function analyzeRules(
  project: ValidProject,
  catalog: SeriesCatalog,
  recordingAnalyses: readonly Analysis[] = [],
): RuleAnalysis {
  let recording = 0;
  const analyzed = project.systems.flatMap((system) =>
    system.ruleGroups.flatMap((group) =>
      group.rules.map((rule) => {
        const text = queryText(rule.expr);
        // A recording was analysed when the catalog was made, against what it reads: reuse that.
        const known = rule.kind === 'record' ? recordingAnalyses[recording++] : undefined;
        return { system, group, rule, text, analysis: known ?? analyzeRule(rule, system.name, catalog) };
      }),
    ),
  );
  return { rules: analyzed, catalog, contributions: analyzed.flatMap(recordedSeriesCount) };
}

/** A recording rule as a virtual metric: its name, the labels its result keeps, its static labels. */
export function recordedSeries(system: string, rule: RecordingRule, analysis: Analysis): RecordedSeries {
  const known = analysis.labels.known;
  return {
    system,
    name: rule.name,
    labels: known === undefined ? undefined : new Set([...known, ...Object.keys(rule.labels ?? {})]),
    staticLabels: rule.labels ?? {},
    at: rule.at,
  };
}

/** One rule's expression analysed in its system (from its syntax tree: its text is not rendered for this). */
export function analyzeRule(rule: Rule, system: string, catalog: SeriesCatalog): Analysis {
  // Unparseable raw text is analyzed from the text so the syntax error is reported.
  return rule.expr.text !== undefined
    ? analyzePromql(rule.expr.text, { catalog, system })
    : analyzeExpr(rule.expr.ast, { catalog, system });
}

/** Series a recording rule adds: the product of its output labels' domains. */
export function recordedSeriesCount(entry: AnalyzedRule): SeriesContribution[] {
  if (entry.rule.kind !== 'record') return [];
  const known = entry.analysis.labels.known;
  if (known === undefined) return [];
  const catalog = entry.system.catalog;
  const domains = catalog.labels;
  const buckets = Math.max(0, ...catalog.metricList.map((m) => m.spec.buckets?.length ?? 0)) + 1;
  let series = 1;
  for (const label of known) {
    if (label === 'instance') series *= catalog.instances;
    else if (label === 'le') series *= buckets;
    else if (Object.hasOwn(domains, label)) {
      const size = domainSize(domains[label]!);
      if (Number.isFinite(size)) series *= size;
    }
  }
  return [
    {
      system: entry.system.name,
      subject: `${entry.system.name}/record/${entry.rule.name}`,
      name: entry.rule.name,
      source: `recording rule (${entry.group.name})`,
      series,
      at: entry.rule.at,
    },
  ];
}

export function isAlert(entry: AnalyzedRule): entry is AnalyzedRule & { readonly rule: AlertRule } {
  return entry.rule.kind === 'alert';
}

export function ruleSubject(entry: { readonly system: System; readonly rule: Rule }): string {
  return subjectOf.rule(entry.system.name, entry.rule);
}
