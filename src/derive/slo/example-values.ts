import { re2Matches } from '../../promql/re2.ts';

/**
 * A concrete value a generated test series can carry for a regex matcher: the first
 * alternative with wildcards made concrete (`5..` → `500`), checked against the pattern.
 */
export function exampleMatching(pattern: string, domain: readonly string[] = []): string | undefined {
  const fromDomain = domain.find((value) => re2Matches(pattern, value) === true);
  if (fromDomain !== undefined) return fromDomain;
  for (const alternative of topLevelAlternatives(pattern)) {
    const candidate = alternative
      .replace(/\(\?:/g, '(')
      .replace(/^\^|\$$/g, '')
      .replace(/^\((.*)\)$/, '$1')
      .replace(/\[([^\]])[^\]]*\]/g, '$1')
      .replace(/\\d/g, '0')
      .replace(/\\w/g, 'a')
      .replace(/\\(.)/g, '$1')
      .replace(/.[?*]/g, '')
      .replace(/(.)\+/g, '$1')
      .replace(/\{\d+(,\d*)?\}/g, '')
      .replace(/\./g, '0')
      .replace(/[()|^$]/g, '');
    if (re2Matches(pattern, candidate) === true) return candidate;
  }
  return undefined;
}

/** A value that a matcher does not accept: from the label's domain, else a common neutral value. */
export function exampleNotMatching(
  op: '=' | '!=' | '=~' | '!~',
  value: string,
  domain: readonly string[] = [],
): string | undefined {
  const accepts = (candidate: string): boolean | undefined => {
    switch (op) {
      case '=':
        return candidate === value;
      case '!=':
        return candidate !== value;
      case '=~':
        return re2Matches(value, candidate);
      case '!~': {
        const m = re2Matches(value, candidate);
        return m === undefined ? undefined : !m;
      }
    }
  };
  for (const candidate of [...domain, '200', 'ok', 'success', 'false', 'other', 'none', '0'])
    if (accepts(candidate) === false) return candidate;
  return undefined;
}

function topLevelAlternatives(pattern: string): string[] {
  let body = pattern;
  while (/^\(.*\)$/.test(body) && balanced(body.slice(1, -1))) body = body.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      current += c + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (c === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
