import { isAlert, ruleSubject, type AnalyzedRule } from '../../compile/prometheus/rule-analysis.ts';
import type { AlertRule } from '../../model/rule.ts';
import type { CheckContext, RuleFinding } from '../rule.ts';
import { subjectOf } from '../subjects.ts';

export type AnalyzedAlert = AnalyzedRule & { readonly rule: AlertRule };

/** Every alert with its analysis. */
export function alerts(context: CheckContext): AnalyzedAlert[] {
  return context.rules.rules.filter(isAlert);
}

/** A finding about a rule, silenced by an allow on the rule or its catalog. */
export function ruleFinding(rule: string, entry: AnalyzedRule, severity: RuleFinding['severity'], message: string, hint: string, at = entry.rule.at): RuleFinding {
  return { rule, severity, message, hint, subject: ruleSubject(entry), at, allowedBy: [ruleSubject(entry), subjectOf.catalog(entry.system.name)] };
}
