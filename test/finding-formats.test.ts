// Findings for the tools that annotate a pull request: SARIF 2.1.0 (held to the OASIS schema),
// GitHub Actions workflow commands and GitLab's code quality report, each carrying what the
// json format carries (rule, severity, file, line, message and hint).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPO, obsgen } from './support/cli.ts';
import { findingText } from '../src/cli/finding-text.ts';
import type { Finding } from '../src/finding.ts';

// Both are CommonJS modules whose default export is the module itself.
const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const FIXTURE = 'test/fixtures/dashboards/three-findings.ts';
const run = (format: string) =>
  obsgen('check', '--definitions', FIXTURE, '--out', 'no-such-output', '--format', format);

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  subject: string;
  at: { file: string; line: number };
  hint: string;
  source?: Finding['source'];
}
const expected = (JSON.parse(run('json').stdout) as { findings: JsonFinding[] }).findings;

describe('--format sarif', () => {
  const result = run('sarif');
  const log = JSON.parse(result.stdout) as {
    runs: {
      tool: { driver: { rules: { id: string }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      }[];
    }[];
  };

  it('is a valid SARIF 2.1.0 log (the OASIS schema, formats included)', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema does judge: a level SARIF does not have is refused.
    const broken = structuredClone(log);
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('has one result per finding, at its file and line, with its rule listed in the driver', () => {
    expect(result.status).toBe(1);
    const [run0] = log.runs;
    expect(
      run0!.results.map((r) => [
        r.ruleId,
        r.level === 'note' ? 'info' : r.level,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region.startLine,
        r.message.text,
      ]),
    ).toEqual(expected.map((f) => [f.rule, f.severity, f.at.file, f.at.line, findingText(f as Finding)]));
    for (const r of run0!.results) expect(run0!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(expected.map((f) => f.at.file)).toContain(FIXTURE);
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, escaped, at the file and line', () => {
    const lines = run('github').stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const f = expected[i]!;
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      expect(
        line.startsWith(`::${command} file=${f.at.file},line=${f.at.line},title=${f.rule} ${f.subject}::`),
        line,
      ).toBe(true);
      expect(line).toContain('%0AHint: ');
    });
  });
});

describe('--format gitlab', () => {
  it("is GitLab's code quality report: one issue per finding with a stable, unique fingerprint", () => {
    const issues = JSON.parse(run('gitlab').stdout) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(issues.map((i) => [i.check_name, i.location.path, i.location.lines.begin])).toEqual(
      expected.map((f) => [f.rule, f.at.file, f.at.line]),
    );
    expect(issues.every((i) => ['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity))).toBe(true);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(JSON.parse(run('gitlab').stdout)).toEqual(issues);
  });
});

describe('formats a command does not have', () => {
  it('is a usage error (exit 2) with the formats it has', () => {
    const result = obsgen('promql', 'up', '--format', 'sarif');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--format must be text or json, not "sarif"');
  });
});
