import { readFileSync } from 'node:fs';
import path from 'node:path';
import { META_RULES, RULES } from '../check/registry.ts';
import type { Finding, SuppressedFinding } from '../finding.ts';
import { sourceExcerpt } from './source-excerpt.ts';
import { OBSGEN_ROOT } from '../obsgen-root.ts';
import { findingsGithub } from './github-annotations.ts';
import { findingsGitlab } from './gitlab-code-quality.ts';
import { findingsSarif } from './sarif-report.ts';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'gitlab';

/** Formats `check` and `build` print findings in; the other commands take text or json. */
export const FINDING_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'gitlab'];

/** Findings as the format asks: text for people, json (obsgen's contract), SARIF, GitHub annotations, GitLab code quality. */
export function formatFindings(
  format: OutputFormat,
  findings: readonly Finding[],
  suppressed: readonly SuppressedFinding[] = [],
): string {
  switch (format) {
    case 'text':
      return findingsText(findings, suppressed);
    case 'json':
      return findingsJson(findings);
    case 'sarif': {
      const version = (JSON.parse(readFileSync(path.join(OBSGEN_ROOT, 'package.json'), 'utf8')) as { version: string })
        .version;
      return findingsSarif(findings, [...RULES, ...META_RULES], version);
    }
    case 'github':
      return findingsGithub(findings);
    case 'gitlab':
      return findingsGitlab(findings);
  }
}

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
        ...(f.source === undefined ? {} : { source: f.source }),
      })),
    },
    null,
    2,
  )}\n`;
}

/** Findings of one rule with one hint: one cause, shown a few times and then counted. */
const SHOWN_PER_CAUSE = 3;
/** Findings printed in full at most; the summary line still counts every one. */
const SHOWN_AT_MOST = 200;

/**
 * Human-readable findings: `file:line  severity  rule  subject`, message, hint. Repeats of one
 * cause (same rule, severity and hint) are shown three times and then counted with examples, and
 * the text stops after 200 findings; `--format json` lists every one.
 */
export function findingsText(findings: readonly Finding[], suppressed: readonly SuppressedFinding[] = []): string {
  const causeOf = (f: Finding): string => `${f.severity}\u0000${f.rule}\u0000${f.hint}`;
  const byCause = new Map<string, Finding[]>();
  for (const f of findings) {
    const same = byCause.get(causeOf(f));
    if (same === undefined) byCause.set(causeOf(f), [f]);
    else same.push(f);
  }
  const lines: string[] = [];
  const shownOfCause = new Map<string, number>();
  let shown = 0;
  for (const f of findings) {
    const cause = causeOf(f);
    const seen = shownOfCause.get(cause) ?? 0;
    if (seen >= SHOWN_PER_CAUSE || shown >= SHOWN_AT_MOST) continue;
    shownOfCause.set(cause, seen + 1);
    shown++;
    lines.push(
      `${f.at.file}:${f.at.line}  ${f.severity}  ${f.rule}  ${f.subject}`,
      `  ${f.message}`,
      ...(f.source === undefined ? [] : sourceExcerpt(f.source)),
      `  hint: ${f.hint}`,
    );
    const all = byCause.get(cause)!;
    if (seen + 1 === SHOWN_PER_CAUSE && all.length > SHOWN_PER_CAUSE) {
      const rest = all.slice(SHOWN_PER_CAUSE);
      const examples = rest.slice(0, 5).map((other) => `${other.subject} (${other.at.file}:${other.at.line})`);
      lines.push(
        `  … and ${rest.length} more ${f.rule} ${f.severity}${rest.length === 1 ? '' : 's'} with this hint: ${examples.join(', ')}${rest.length > examples.length ? ', …' : ''}`,
      );
    }
    lines.push('');
  }
  const hidden = findings.length - [...shownOfCause.values()].reduce((sum, n) => sum + n, 0);
  if (hidden > 0)
    lines.push(`${hidden} more finding${hidden === 1 ? '' : 's'} not printed in full; --format json lists every one.`);
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
