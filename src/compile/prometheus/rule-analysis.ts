import type { SeriesContribution } from '../../check/cardinality/estimate.ts';
import { domainSize } from '../../model/label-domain.ts';
import type { AlertRule, RecordingRule, Rule, RuleGroup } from '../../model/rule.ts';
import type { Project, System } from '../../model/system.ts';
import { analyzeExpr, analyzePromql, type Analysis } from '../../promql/analyze.ts';
import { queryText } from '../../promql/builder.ts';
import { SeriesCatalog, type RecordedSeries } from '../../promql/series-catalog.ts';
import { subjectOf } from '../../check/subjects.ts';

export interface AnalyzedRule {
  readonly system: System;
  readonly group: RuleGroup;
  readonly rule: Rule;
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

export function analyzeRules(project: Project): RuleAnalysis {
  const entries = project.systems.flatMap((system) => system.ruleGroups.flatMap((group) => group.rules.map((rule) => ({ system, group, rule, text: queryText(rule.expr) }))));
  // Two passes: the first learns each recording rule's labels (recorded series referenced by
  // other rules are open then), the second analyzes everything with all of them known.
  const firstCatalog = new SeriesCatalog(project);
  const recorded = (catalog: SeriesCatalog): RecordedSeries[] =>
    entries
      .filter((entry): entry is typeof entry & { rule: RecordingRule } => entry.rule.kind === 'record')
      .map((entry) => {
        const known = analyze(entry.rule, entry.text, entry.system.name, catalog).labels.known;
        return { system: entry.system.name, name: entry.rule.name, labels: known === undefined ? undefined : new Set([...known, ...Object.keys(entry.rule.labels ?? {})]), staticLabels: entry.rule.labels ?? {}, at: entry.rule.at };
      });
  const catalog = new SeriesCatalog(project, recorded(new SeriesCatalog(project, recorded(firstCatalog))));
  const rules = entries.map((entry) => ({ ...entry, analysis: analyze(entry.rule, entry.text, entry.system.name, catalog) }));
  return { rules, catalog, contributions: rules.flatMap(recordedSeriesCount) };
}

function analyze(rule: Rule, text: string, system: string, catalog: SeriesCatalog): Analysis {
  // Unparseable raw text is analyzed from the text so the syntax error is reported.
  return rule.expr.text !== undefined ? analyzePromql(text, { catalog, system }) : analyzeExpr(rule.expr.ast, { catalog, system });
}

/** Series a recording rule adds: the product of its output labels' domains. */
function recordedSeriesCount(entry: AnalyzedRule): SeriesContribution[] {
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
  return [{ system: entry.system.name, subject: `${entry.system.name}/record/${entry.rule.name}`, name: entry.rule.name, source: `recording rule (${entry.group.name})`, series, at: entry.rule.at }];
}

export function isAlert(entry: AnalyzedRule): entry is AnalyzedRule & { readonly rule: AlertRule } {
  return entry.rule.kind === 'alert';
}

export function ruleSubject(entry: { readonly system: System; readonly rule: Rule }): string {
  return subjectOf.rule(entry.system.name, entry.rule);
}
