// The vocabulary every layer shares (model, promql, otel, grafana, check, cli): what a check
// reports, with its rule id, severity, location and hint.
import type { SourceLocation } from './model/source-location.ts';
import type { FindingRuleId } from './rule-id.ts';

export type Severity = 'error' | 'warning' | 'info';

/** One result of one check: what a user reads in the terminal, the JSON output and the reports. */
export interface Finding {
  /** Stable rule id, e.g. `cardinality/unbounded-label`. */
  readonly rule: FindingRuleId;
  readonly severity: Severity;
  readonly message: string;
  /** What the finding is about, as `system/kind/name`, e.g. `ai-teams/label/tracking_id`. */
  readonly subject: string;
  /** The definition call that the finding points at. */
  readonly at: SourceLocation;
  /** What to do about it. */
  readonly hint: string;
  /** The text the finding is about (a PromQL expression, a Logs Insights query) and where in it. */
  readonly source?: FindingSource;
}

/** A span of a finding's source text: 1-based lines and columns, the end exclusive. */
export interface TextSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface FindingSource {
  readonly text: string;
  readonly span: TextSpan;
}

/** The span of characters [start, end) of `text` as lines and columns (an empty span is one character wide). */
export function textSpan(text: string, start: number, end = start): TextSpan {
  const at = (offset: number): { line: number; column: number } => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  const from = at(start);
  const to = at(Math.max(end, start + 1));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** A finding silenced by an `allow` entry next to its subject. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: by file, line, rule, subject, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.at.file, b.at.file) ||
    a.at.line - b.at.line ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.rule, b.rule) ||
    compareText(a.subject, b.subject) ||
    compareText(a.message, b.message)
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
