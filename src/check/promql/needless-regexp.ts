import { subexpressions, type Expr, type Matcher } from '../../promql/ast.ts';
import { escapeRegexp } from '../../promql/value-set-matcher.ts';
import { ruleFinding } from '../rules/alert-entries.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { promqlSource } from './query-rules.ts';

function needlessMatchers(expr: Expr): Matcher[] {
  const own = expr.type === 'vector' ? expr.matchers.filter((m) => isNeedless(m)) : [];
  return [...own, ...subexpressions(expr).flatMap(needlessMatchers)];
}

function isNeedless(matcher: Matcher): boolean {
  // =~"" is a deliberate "label absent" test in many rule files; leave it.
  return (
    (matcher.op === '=~' || matcher.op === '!~') &&
    matcher.value !== '' &&
    escapeRegexp(matcher.value) === matcher.value
  );
}

export const needlessRegexpRule: CheckRule = {
  id: 'promql/regexp',
  description:
    'A regexp matcher (=~, !~) whose value has no regexp syntax: it matches exactly the one value, as = or != would, but reads as a pattern and costs a regexp per series.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of context.rules.rules) {
      // SLO rules are generated; the SLI they repeat is reported where it is written, once.
      if ((entry.rule.kind === 'record' && entry.rule.origin === 'slo') || entry.analysis.expr === undefined) continue;
      for (const matcher of needlessMatchers(entry.analysis.expr)) {
        const equal = matcher.op === '=~' ? '=' : '!=';
        findings.push({
          ...ruleFinding(
            this.id,
            entry,
            'warning',
            `${matcher.label}${matcher.op}"${matcher.value}" has no regexp in it: it matches only "${matcher.value}".`,
            `Write ${matcher.label}${equal}"${matcher.value}".`,
          ),
          ...(promqlSource(entry, matcher.span) ?? {}),
        });
      }
    }
    return findings;
  },
};
