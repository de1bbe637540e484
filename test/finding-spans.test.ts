// A finding about part of a query carries the query and the span (line, column, end): the text
// format draws the caret from it, JSON and SARIF carry it, and the message holds no drawing.
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/pipeline/build-project.ts';
import { findingsJson, findingsText } from '../src/cli/format-findings.ts';
import { sourceExcerpt } from '../src/cli/source-excerpt.ts';
import { textSpan } from '../src/finding.ts';
import { recording } from './mistakes/base.ts';

describe('finding spans', () => {
  const findings = compileProject(
    recording('queue:request_count:rate5m', 'sum by (service_name) (rate(request_count_total{statsu_code="500"}[5m]))'),
  ).findings.filter((f) => f.rule === 'promql/unknown-label');

  it('a PromQL finding on a rule carries the expression and the matcher span', () => {
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.message).not.toContain('\n');
    expect(finding!.source?.text).toBe('sum by (service_name) (rate(request_count_total{statsu_code="500"}[5m]))');
    const column = finding!.source!.text.indexOf('statsu_code') + 1;
    expect(finding!.source!.span).toMatchObject({ line: 1, column, endLine: 1 });
    expect(finding!.source!.span.endColumn).toBeGreaterThan(column);
  });

  it('the text format draws the caret under the span; JSON carries it', () => {
    const text = findingsText(findings);
    const expr = 'sum by (service_name) (rate(request_count_total{statsu_code="500"}[5m]))';
    const under = `  ${' '.repeat(expr.indexOf('statsu_code'))}^${'~'.repeat('statsu_code="500"'.length - 1)}`;
    expect(text).toContain(`  ${expr}\n${under}\n  hint: Did you mean status_code?`);
    const json = JSON.parse(findingsJson(findings)) as { findings: { source?: { span: object } }[] };
    expect(json.findings[0]!.source!.span).toEqual(findings[0]!.source!.span);
  });

  it('the span indexes the text as written, not its canonical rendering', () => {
    const [finding] = compileProject(
      recording(
        'queue:request_count:rate5m',
        'sum   by(service_name)(rate(request_count_total{statsu_code="500"}[5m]))',
      ),
    ).findings.filter((f) => f.rule === 'promql/unknown-label');
    const { text, span } = finding!.source!;
    expect(text).toBe('sum   by(service_name)(rate(request_count_total{statsu_code="500"}[5m]))');
    expect(text.slice(span.column - 1, span.endColumn - 1)).toBe('statsu_code="500"');
  });

  it('spans count lines and columns in multi-line text; an empty span is one character', () => {
    expect(textSpan('fields a\n| filter b > 1', 16, 17)).toEqual({ line: 2, column: 8, endLine: 2, endColumn: 9 });
    expect(textSpan('abc', 3)).toEqual({ line: 1, column: 4, endLine: 1, endColumn: 5 });
    expect(
      sourceExcerpt({ text: 'fields a\n| filter b > 1', span: textSpan('fields a\n| filter b > 1', 11, 17) }),
    ).toEqual(['  | filter b > 1', '    ^~~~~~']);
  });
});
