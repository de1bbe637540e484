export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher of a vector selector. */
export interface LabelMatcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** A matcher value other than plain equality, made by `re`, `notRe` or `not`. */
export interface MatcherValue<V extends string = string> {
  readonly op: Exclude<MatchOp, '='>;
  readonly value: V;
}

/** What a label may be matched with: its own value type for `=`/`!=`, any RE2 pattern for regexes. */
export type MatcherInput<V extends string> =
  V | { readonly op: '!='; readonly value: V } | { readonly op: '=~' | '!~'; readonly value: string };

/** `label=~"pattern"` (fully anchored, RE2). */
export function re(pattern: string): { readonly op: '=~'; readonly value: string } {
  return { op: '=~', value: pattern };
}

/** `label!~"pattern"`. */
export function notRe(pattern: string): { readonly op: '!~'; readonly value: string } {
  return { op: '!~', value: pattern };
}

/** `label!="value"`. */
export function not<const V extends string>(value: V): { readonly op: '!='; readonly value: V } {
  return { op: '!=', value };
}

export function toLabelMatcher(label: string, input: MatcherInput<string>): LabelMatcher {
  return typeof input === 'string' ? { label, op: '=', value: input } : { label, op: input.op, value: input.value };
}
