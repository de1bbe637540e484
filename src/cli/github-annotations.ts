import type { Finding } from '../finding.ts';
import { findingText } from './finding-text.ts';
import { reportedPath } from './sarif-report.ts';

/** GitHub's workflow-command escaping: %, CR and LF in data; also : and , in properties. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Findings as GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`): printed
 * in a job's log, each becomes an annotation on the pull request's line without any upload.
 */
export function findingsGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const properties = `file=${escapeProperty(reportedPath(f.at.file))},line=${Math.max(1, f.at.line)},title=${escapeProperty(`${f.rule} ${f.subject}`)}`;
      return `::${command} ${properties}::${escapeData(findingText(f))}\n`;
    })
    .join('');
}
