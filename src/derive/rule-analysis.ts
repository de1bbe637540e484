import type { SeriesContribution } from './cardinality-estimate.ts';
import { domainSize } from '../model/label-domain.ts';
import type { AlertRule, RecordingRule, Rule, RuleGroup } from '../model/rule.ts';
import type { Project, System } from '../model/system.ts';
import { analyzeExpr, analyzePromql, type Analysis } from '../promql/analyze.ts';
import { queryText } from '../promql/builder.ts';
import type { RecordedSeries, SeriesCatalog } from '../promql/series-catalog.ts';
import { subjectOf } from '../subject.ts';

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

/**
 * `catalog` is the project-wide one: it gathers each system's recordings as the system is
 * analyzed, and the systems analyzed here are marked settled at the end.
 */
export function analyzeRules(project: Project, catalog: SeriesCatalog): RuleAnalysis {
  const entries = project.systems.flatMap((system) =>
    system.ruleGroups.flatMap((group) =>
      group.rules.map((rule) => ({ system, group, rule, text: queryText(rule.expr) })),
    ),
  );
  // One pass in definition order: each recording rule joins the catalog once analyzed, so later
  // rules resolve it with its labels. Rules that used a recording defined after them are
  // analyzed again at the end, with every recording known.
  const recordedNames = new Set(
    entries.filter((e) => e.rule.kind === 'record').map((e) => `${e.system.name}\u0000${e.rule.name}`),
  );
  const defined = new Set<string>();
  const analyzed: AnalyzedRule[] = [];
  const retry: number[] = [];
  for (const entry of entries) {
    const analysis = analyze(entry.rule, entry.text, entry.system.name, catalog);
    const forward =
      analysis.findings.some((f) => f.rule === 'promql/unknown-metric') &&
      referencedRecordings(entry.text).some(
        (name) =>
          recordedNames.has(`${entry.system.name}\u0000${name}`) && !defined.has(`${entry.system.name}\u0000${name}`),
      );
    if (forward) retry.push(analyzed.length);
    analyzed.push({ ...entry, analysis });
    if (entry.rule.kind === 'record') {
      defined.add(`${entry.system.name}\u0000${entry.rule.name}`);
      catalog.addRecorded(recorded(entry.system.name, entry.rule, analysis));
    }
  }
  for (const index of retry) {
    const entry = analyzed[index]!;
    analyzed[index] = { ...entry, analysis: analyze(entry.rule, entry.text, entry.system.name, catalog) };
  }
  for (const system of project.systems) catalog.settle(system.name);
  return { rules: analyzed, catalog, contributions: analyzed.flatMap(recordedSeriesCount) };
}

function recorded(system: string, rule: RecordingRule, analysis: Analysis): RecordedSeries {
  const known = analysis.labels.known;
  return {
    system,
    name: rule.name,
    labels: known === undefined ? undefined : new Set([...known, ...Object.keys(rule.labels ?? {})]),
    staticLabels: rule.labels ?? {},
    at: rule.at,
  };
}

/** Names in an expression that look like recording rules (level:metric:operations). */
function referencedRecordings(text: string): string[] {
  return [...text.matchAll(/[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*/g)].map((m) => m[0]);
}

function analyze(rule: Rule, text: string, system: string, catalog: SeriesCatalog): Analysis {
  // Unparseable raw text is analyzed from the text so the syntax error is reported.
  return rule.expr.text !== undefined
    ? analyzePromql(text, { catalog, system })
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
