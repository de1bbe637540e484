import type { Finding } from '../finding.ts';

/**
 * Whether the findings fail a strict run: `--max-warnings <n>` (as ESLint's) makes more than n
 * warnings fail the build like an error; undefined leaves warnings allowed.
 */
export function exceedsWarningBudget(findings: readonly Finding[], maxWarnings: number | undefined): boolean {
  return maxWarnings !== undefined && findings.filter((finding) => finding.severity === 'warning').length > maxWarnings;
}

export function warningBudgetLine(findings: readonly Finding[], maxWarnings: number): string {
  return `obsgen: ${findings.filter((finding) => finding.severity === 'warning').length} warnings, more than --max-warnings ${maxWarnings} allows.`;
}
