import { isAlert, ruleSubject, type AnalyzedRule } from '../../compile/prometheus/rule-analysis.ts';
import type { AlertRule } from '../../model/rule.ts';
import type { CheckContext, RuleFinding } from '../rule.ts';
import { subjectOf } from '../subjects.ts';

export type AnalyzedAlert = AnalyzedRule & { readonly rule: AlertRule };

const cache = new WeakMap<CheckContext, AnalyzedAlert[]>();

/** Every alert with its analysis (computed once per check run: seven rules ask). */
export function alerts(context: CheckContext): AnalyzedAlert[] {
  let list = cache.get(context);
  if (list === undefined) {
    list = context.rules.rules.filter(isAlert);
    cache.set(context, list);
  }
  return list;
}

/** A finding about a rule, silenced by an allow on the rule or its catalog. */
export function ruleFinding(rule: string, entry: AnalyzedRule, severity: RuleFinding['severity'], message: string, hint: string, at = entry.rule.at): RuleFinding {
  return { rule, severity, message, hint, subject: ruleSubject(entry), at, allowedBy: [ruleSubject(entry), subjectOf.catalog(entry.system.name)] };
}
