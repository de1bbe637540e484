import path from 'node:path';
import type { Finding, Severity } from '../finding.ts';
import { findingText } from './finding-text.ts';

/** A rule as SARIF's tool.driver.rules lists it. */
export interface ReportedRule {
  readonly id: string;
  readonly description: string;
}

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** A finding's file as SARIF wants it: relative to the working directory, with forward slashes. */
export function reportedPath(file: string): string {
  const relative = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return relative.split(path.sep).join('/');
}

/**
 * Findings as a SARIF 2.1.0 log, the format GitHub code scanning, GitLab and editors read to
 * annotate a pull request's lines. Every rule obsgen has is listed (so a result's ruleIndex
 * resolves); the hint goes with the message, the subject into the result's properties.
 */
export function findingsSarif(findings: readonly Finding[], rules: readonly ReportedRule[], version: string): string {
  const known = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(known.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'obsgen',
            version,
            informationUri: 'https://www.npmjs.com/package/obsgen',
            rules: known.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: 'error' },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: LEVEL[f.severity],
          message: { text: findingText(f) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: reportedPath(f.at.file) },
                region: { startLine: Math.max(1, f.at.line) },
              },
            },
          ],
          partialFingerprints: { obsgenFinding: `${f.rule}:${f.subject}` },
          properties: { subject: f.subject, ...(f.source === undefined ? {} : { source: f.source }) },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
