import type { AlertSeverity } from '../rule.ts';
import type { MatcherInput } from '../selector.ts';

/**
 * Label matchers on the alerts a route or inhibition selects: equality by default, `not(…)`,
 * `re(…)`, `notRe(…)` as in selectors. `severity` is typed by the severities alerts have; other
 * names are checked at build time against the labels the project's alerts carry.
 */
export type AlertMatchers = { readonly severity?: MatcherInput<AlertSeverity> } & {
  readonly [label: string]: MatcherInput<string> | undefined;
};
