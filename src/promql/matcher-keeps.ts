import type { MatchOp } from './ast.ts';
import { re2Matches } from './re2.ts';

/**
 * Whether a label matcher keeps a series whose label has `value` ('' for a missing label, as
 * Prometheus and Alertmanager read it): patterns fully anchored, in RE2's syntax. Undefined when a
 * pattern cannot be read here; each caller decides what that means for it.
 */
export function matcherKeeps(
  matcher: { readonly op: MatchOp; readonly value: string },
  value: string,
): boolean | undefined {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return re2Matches(matcher.value, value);
    case '!~': {
      const matches = re2Matches(matcher.value, value);
      return matches === undefined ? undefined : !matches;
    }
  }
}
