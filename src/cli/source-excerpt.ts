import type { FindingSource } from '../finding.ts';

/** The source line a finding is about, with its span underlined: `  rate(x[5m]` / `       ^~~~`. */
export function sourceExcerpt(source: FindingSource): string[] {
  const { span } = source;
  const line = source.text.split('\n')[span.line - 1] ?? '';
  const end = span.endLine === span.line ? span.endColumn : line.length + 1;
  const width = Math.max(1, end - span.column);
  return [`  ${line}`, `  ${' '.repeat(span.column - 1)}^${'~'.repeat(width - 1)}`];
}
