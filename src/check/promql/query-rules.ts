import type { RuleIdOf } from '../../rule-id.ts';
import { textSpan, type FindingSource } from '../../finding.ts';
import { ruleSubject } from '../../derive/rule-analysis.ts';
import { dashboardSubject, lintedDashboards, panelLocation } from '../dashboard/dashboard-rules.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

const DESCRIPTIONS: readonly [RuleIdOf<'promql'>, string][] = [
  [
    'promql/syntax',
    'The expression does not parse as PromQL that Prometheus 2.42+ loads (with a caret at the position).',
  ],
  [
    'promql/type',
    "Prometheus' type rules: argument types, scalar comparisons without bool, vector matching and set operators on scalars.",
  ],
  [
    'promql/unknown-metric',
    'No catalog, recording rule or well-known exporter defines the metric (OTel names and histogram families get a hint).',
  ],
  [
    'promql/unknown-label',
    'A matcher, by/without, on/ignoring, group_x or label_replace names a label the series does not carry.',
  ],
  ['promql/label-value', "A matcher can never match: the value is outside the label's oneOf domain."],
  [
    'promql/rate-non-counter',
    'rate()/increase()/irate() of a gauge, or delta()/deriv()/predict_linear() of a counter.',
  ],
  [
    'promql/counter-raw',
    'A counter used as a raw value, without rate(), increase() or irate() (compared with zero is a presence test, and passes), or combined before rate() through a subquery.',
  ],
  [
    'promql/histogram-quantile',
    'histogram_quantile() without _bucket series, without rate(), with le aggregated away, or φ outside [0, 1].',
  ],
  ['promql/summary-quantile', 'A quantile label used on a histogram, or summary quantiles aggregated.'],
  ['promql/range-too-short', "A range shorter than 4 × the metric's scrape interval (error below 2 ×)."],
  [
    'promql/impossible',
    'Grouping or matching on a label an inner aggregation already removed, or two vectors aggregated to different labels and matched on all of them (the result is always empty).',
  ],
  ['promql/compat', 'Valid in Prometheus 2.x but not loadable as written in 3.x (holt_winters).'],
];

/** One registered rule per PromQL finding id, all fed by the shared analysis of rule expressions. */
export const PROMQL_RULES: readonly CheckRule[] = DESCRIPTIONS.map(([id, description]) => ({
  id,
  description,
  check(context) {
    const { rules } = context;
    const findings: RuleFinding[] = [];
    for (const { system, dashboard, analyses } of lintedDashboards(context)) {
      const subject = dashboardSubject(system, dashboard);
      for (const { panel, text, analysis } of analyses) {
        for (const f of analysis.findings) {
          if (f.rule !== id) continue;
          findings.push({
            rule: id,
            severity: f.severity,
            message: `Panel "${panel}": ${f.message}`,
            ...(f.span === undefined ? {} : { source: { text, span: textSpan(text, f.span.start, f.span.end) } }),
            subject,
            at: panelLocation(dashboard, panel),
            hint: f.hint,
            allowedBy: [subject, subjectOf.catalog(system.name)],
          });
        }
      }
    }
    for (const entry of rules.rules) {
      for (const f of entry.analysis.findings) {
        if (f.rule !== id) continue;
        findings.push({
          rule: id,
          severity: f.severity,
          message: f.message,
          ...(promqlSource(entry, f.span) ?? {}),
          subject: ruleSubject(entry),
          at: entry.rule.at,
          hint: f.hint,
          allowedBy: [ruleSubject(entry), subjectOf.catalog(entry.system.name)],
        });
      }
    }
    return findings;
  },
}));

/**
 * The text a rule's finding span indexes: what the user wrote (promql`…`), or the raw text kept
 * for a syntax error. Spans of a query built with the builders (even around a promql`…` part)
 * index no text the rule has, so such findings carry no source.
 */
export function promqlSource(
  entry: { readonly rule: { readonly expr: { readonly written?: string; readonly text?: string } } },
  span: { readonly start: number; readonly end: number } | undefined,
): { source: FindingSource } | undefined {
  const text = entry.rule.expr.written ?? entry.rule.expr.text;
  return text === undefined || span === undefined
    ? undefined
    : { source: { text, span: textSpan(text, span.start, span.end) } };
}
