import type { Matcher } from './ast.ts';

/** RE2's syntax characters, escaped so a label value matches only itself inside a regexp. */
const RE2_SYNTAX = /[\\.+*?()|[\]{}^$]/g;

export function escapeRegexp(value: string): string {
  return value.replace(RE2_SYNTAX, (c) => `\\${c}`);
}

/**
 * A matcher for "one of these values" (or none of them): equality for one value, an escaped
 * alternation for several — never a regexp without need (promql/regexp), never a value read as a pattern.
 */
export function valueSetMatcher(label: string, op: '=~' | '!~', values: readonly string[]): Matcher {
  if (values.length === 1) return { label, op: op === '=~' ? '=' : '!=', value: values[0]! };
  return { label, op, value: values.map(escapeRegexp).join('|') };
}
