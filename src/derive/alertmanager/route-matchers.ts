import type { AlertMatchers } from '../../model/alertmanager/alert-matchers.ts';
import { toLabelMatcher, type LabelMatcher } from '../../model/selector.ts';
import { matcherKeeps } from '../../promql/matcher-keeps.ts';

/** The matchers of a route or inhibition side, in label order (how they are written and compared). */
export function matcherList(matchers: AlertMatchers | undefined): LabelMatcher[] {
  return Object.entries(matchers ?? {})
    .filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, input]) => toLabelMatcher(label, input));
}

/** Alertmanager's matching: a missing label is the empty string; a pattern it cannot read matches nothing. */
function matches(matcher: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  return matcherKeeps(matcher, labels[matcher.label] ?? '') === true;
}

export function matchesAll(matchers: readonly LabelMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((matcher) => matches(matcher, labels));
}

/** `name="value"` as Alertmanager's `matchers:` lists write it (the value quoted, escapes as in Go). */
export function matcherText(matcher: LabelMatcher): string {
  return `${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}`;
}
