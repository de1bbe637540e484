import type { Finding, SuppressedFinding } from '../finding.ts';

export type OutputFormat = 'text' | 'json';

/** The `--format json` document of the CLI contract. */
export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(
    {
      findings: findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        subject: f.subject,
        at: { file: f.at.file, line: f.at.line },
        hint: f.hint,
      })),
    },
    null,
    2,
  )}\n`;
}

/** Human-readable findings: `file:line  severity  rule  subject`, message, hint. */
export function findingsText(findings: readonly Finding[], suppressed: readonly SuppressedFinding[] = []): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(
      `${f.at.file}:${f.at.line}  ${f.severity}  ${f.rule}  ${f.subject}`,
      `  ${f.message}`,
      `  hint: ${f.hint}`,
      '',
    );
  }
  lines.push(summaryLine(findings, suppressed));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(findings: readonly Finding[], suppressed: readonly SuppressedFinding[]): string {
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  if (suppressed.length > 0) parts.push(`${suppressed.length} suppressed (see reports/suppressions.md)`);
  return parts.join(', ');
}
