/**
 * Grafana's template-variable interpolation for Prometheus queries, as one implementation the
 * dashboard linter and `obsgen promql` share: `$var`, `${var}`, `${var:format}`, `[[var]]`, the
 * built-in `$__…` variables, with each variable's current (or first) value. A `$1` (the
 * back-reference of a label_replace replacement) is no variable and stays as written; an
 * undeclared name matches anything, so dashboard/undeclared-variable is its only finding.
 */

type Json = { readonly [key: string]: unknown };

/** `$__rate_interval` expands to this odd range, so a check can tell it from a written one. */
export const RATE_INTERVAL_SECONDS = 277;
export const BUILTIN_VARIABLES: Readonly<Record<string, string>> = {
  __rate_interval: '4m37s',
  __interval: '1m',
  __interval_ms: '60000',
  __range: '1h',
  __range_s: '3600',
  __range_ms: '3600000',
  __auto: '1m',
  __from: '0',
  __to: '0',
  __dashboard: 'dashboard',
  __name: 'name',
  __org: '1',
  __user: 'user',
  __timeFilter: 'true',
  timeFilter: 'true',
};

const REFERENCE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/** Variable names a query refers to; digits-only names are regex back-references, not variables. */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((name) => !/^\d+$/.test(name));
}

/**
 * The query as Grafana sends it, with sample values: a variable's current value when the
 * dashboard stores one, else the first of its options (custom, interval), its value (constant,
 * textbox); a variable with no known value matches anything (`.*`), and an equality matcher on a
 * variable becomes a regex matcher, as Grafana's multi-value formatting makes it.
 */
export function expandGrafanaVariables(text: string, declared: ReadonlyMap<string, Json>): string {
  const regexed = text.replace(
    /([a-zA-Z_]\w*)\s*(=|!=)\s*"((?:\$\{?\w+(?::[^}"]*)?\}?|\[\[\w+\]\]))"/g,
    (whole, label: string, op: string, variable: string) => {
      if (referencedVariables(variable).length === 0) return whole;
      return `${label}${op === '=' ? '=~' : '!~'}"${variable}"`;
    },
  );
  return regexed.replace(REFERENCE, (whole, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c ?? '';
    if (/^\d+$/.test(name)) return whole;
    if (Object.hasOwn(BUILTIN_VARIABLES, name)) return BUILTIN_VARIABLES[name]!;
    const variable = declared.get(name);
    if (variable === undefined) return '.*';
    return sampleValue(variable) ?? (variable.type === 'interval' ? '1m' : '.*');
  });
}

function sampleValue(variable: Json): string | undefined {
  const current =
    typeof variable.current === 'object' && variable.current !== null ? (variable.current as Json).value : undefined;
  const currentValue = Array.isArray(current) ? current[0] : current;
  if (
    typeof currentValue === 'string' &&
    currentValue !== '' &&
    !currentValue.startsWith('$') &&
    currentValue !== 'All'
  )
    return currentValue;
  if (
    variable.type === 'custom' ||
    variable.type === 'interval' ||
    variable.type === 'constant' ||
    variable.type === 'textbox'
  ) {
    // Custom values are `a,b` or `text : value` pairs; the first value stands in for all.
    const first = String(variable.query ?? '')
      .split(',')[0]
      ?.split(/\s:\s/)
      .pop()
      ?.trim();
    if (first !== undefined && first !== '' && !first.startsWith('$')) return first;
  }
  return undefined;
}
