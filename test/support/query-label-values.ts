import type { Expr } from '../../src/promql/ast.ts';

/**
 * Label values the queries select, so synthetic series carry them: `status_code=~"5.."` needs a
 * 5xx series for an error ratio to exist. Equality values are taken as written; for a regex,
 * one sample string is made (first alternative, `.` as 0) and kept only if the regex matches it.
 */
export function selectedLabelValues(queries: readonly Expr[]): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  const add = (label: string, value: string): void => {
    if (label === '__name__' || value === '') return;
    (values.get(label) ?? values.set(label, new Set()).get(label)!).add(value);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const expr = node as { type?: string; matchers?: readonly { label: string; op: string; value: string }[] };
    if (expr.type === 'vector') {
      for (const m of expr.matchers ?? []) {
        if (m.op === '=') add(m.label, m.value);
        if (m.op === '=~') {
          const sample = sampleFor(m.value);
          if (sample !== undefined) add(m.label, sample);
        }
      }
    }
    Object.values(node).forEach(visit);
  };
  queries.forEach(visit);
  return values;
}

function sampleFor(regex: string): string | undefined {
  const first = regex.split('|')[0] ?? '';
  const sample = first
    .replace(/[()^$]/g, '')
    .replace(/\.\*|\.\+/g, 'x')
    .replace(/\./g, '0')
    .replace(/\\(.)/g, '$1');
  try {
    return new RegExp(`^(?:${regex})$`).test(sample) ? sample : undefined;
  } catch {
    return undefined;
  }
}
