import type { Expr } from '../promql/ast.ts';
import { subexpressions } from '../promql/ast.ts';
import { re2Matches } from '../promql/re2.ts';

/**
 * Label values the queries select, so synthetic series carry them: `status_code=~"5.."` needs a
 * 5xx series for an error ratio to exist. Equality values are taken as written; for a regexp,
 * one sample string is made (first alternative, `.` as 0) and kept only if the regexp matches it.
 */
export function selectedLabelValues(queries: readonly Expr[]): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  const add = (label: string, value: string): void => {
    if (label === '__name__' || value === '') return;
    (values.get(label) ?? values.set(label, new Set()).get(label)!).add(value);
  };
  const visit = (node: Expr): void => {
    const selector = node.type === 'vector' ? node : node.type === 'matrix' ? node.vector : undefined;
    for (const m of selector?.matchers ?? []) {
      if (m.op === '=') add(m.label, m.value);
      if (m.op === '=~') {
        const sample = sampleFor(m.value);
        if (sample !== undefined) add(m.label, sample);
      }
    }
    for (const inner of subexpressions(node)) visit(inner);
  };
  queries.forEach(visit);
  return values;
}

function sampleFor(regexp: string): string | undefined {
  const first = regexp.split('|')[0] ?? '';
  const sample = first
    .replace(/[()^$]/g, '')
    .replace(/\.\*|\.\+/g, 'x')
    .replace(/\./g, '0')
    .replace(/\\(.)/g, '$1');
  return re2Matches(regexp, sample) === true ? sample : undefined;
}
