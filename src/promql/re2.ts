/**
 * Prometheus matchers are RE2, fully anchored. JavaScript's engine differs: RE2 has inline flags
 * and POSIX classes JavaScript lacks; JavaScript has lookarounds and backreferences RE2 rejects.
 * This translates what it can and says `undefined` (unknown) where the two disagree.
 */
export type Re2Translation =
  { readonly ok: true; readonly regexp: RegExp } | { readonly ok: false; readonly error: string } | undefined;

const RE2_REJECTS: readonly [RegExp, string][] = [
  [/\(\?[=!]/, 'lookahead (?= / (?! is not supported by RE2'],
  [/\(\?<[=!]/, 'lookbehind (?<= / (?<! is not supported by RE2'],
  [/\\[1-9]/, 'backreferences are not supported by RE2'],
];
const RE2_ONLY = /\(\?P<|\[\[:|\\[pP]\{?[A-Za-z]|\\[zACQE]|\(\?[imsU]+[):]/;

const translations = new Map<string, Re2Translation>();

/** Cached: the same matcher patterns are checked against every domain value of every rule. */
export function translateRe2(pattern: string): Re2Translation {
  if (translations.has(pattern)) return translations.get(pattern);
  const translation = translate(pattern);
  if (translations.size < 10_000) translations.set(pattern, translation);
  return translation;
}

function translate(pattern: string): Re2Translation {
  for (const [construct, error] of RE2_REJECTS) if (construct.test(pattern)) return { ok: false, error };
  let flags = '';
  let body = pattern;
  const leading = /^\(\?([is]+)\)/.exec(body);
  if (leading?.[1] !== undefined) {
    flags = [...new Set(leading[1])].join('');
    body = body.slice(leading[0].length);
  }
  if (RE2_ONLY.test(body)) return undefined;
  try {
    return { ok: true, regexp: new RegExp(`^(?:${body})$`, flags) };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error),
    };
  }
}

/** Whether a fully anchored RE2 pattern matches `value`; undefined when it cannot be decided here. */
export function re2Matches(pattern: string, value: string): boolean | undefined {
  const translated = translateRe2(pattern);
  return translated?.ok === true ? translated.regexp.test(value) : undefined;
}
