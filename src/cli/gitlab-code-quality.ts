import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../finding.ts';
import { reportedPath } from './sarif-report.ts';

const SEVERITY: Readonly<Record<Severity, 'major' | 'minor' | 'info'>> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

/**
 * Findings as GitLab's code quality report (a CodeClimate subset): a JSON array an `artifacts:
 * reports: codequality:` job uploads, shown in the merge request's widget and diff. The
 * fingerprint is stable across runs for one finding, so GitLab tells new ones from fixed ones.
 */
export function findingsGitlab(findings: readonly Finding[]): string {
  const seen = new Map<string, number>();
  const issues = findings.map((f) => {
    const key = `${f.rule}\u0000${f.subject}\u0000${f.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      description: `${f.rule}: ${f.message} Hint: ${f.hint}`,
      check_name: f.rule,
      fingerprint: createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32),
      severity: SEVERITY[f.severity],
      location: { path: reportedPath(f.at.file), lines: { begin: Math.max(1, f.at.line) } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
