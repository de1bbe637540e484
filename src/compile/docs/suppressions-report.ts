import type { SuppressedFinding } from '../../finding.ts';
import type { OutputFile } from '../output-file.ts';
import { markdownTable } from './markdown.ts';

/** `reports/suppressions.md`: every silenced finding with its reason, so reviewers see them. */
export function suppressionsReport(suppressed: readonly SuppressedFinding[]): OutputFile {
  const body =
    suppressed.length === 0
      ? 'No finding is suppressed.'
      : markdownTable(
          ['rule', 'subject', 'at', 'reason', 'finding'],
          suppressed.map(({ finding, reason }) => [
            `\`${finding.rule}\``,
            finding.subject,
            `${finding.at.file}:${finding.at.line}`,
            reason,
            finding.message,
          ]),
        );
  return {
    path: 'reports/suppressions.md',
    content: `# Suppressed findings\n\nFindings silenced in code with \`allow: [{ rule, reason }]\`.\n\n${body}\n`,
  };
}
