import type { RuleId } from '../../rule-id.ts';
import { artifactsOf, type CompiledAlert } from '../../compile/system-artifacts.ts';
import { isAlert, ruleSubject, type AnalyzedRule } from '../../derive/rule-analysis.ts';
import type { AlertRule } from '../../model/rule.ts';
import type { CheckContext, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export type AnalyzedAlert = AnalyzedRule & { readonly rule: AlertRule };

/** Every alert with its analysis. */
export function alerts(context: CheckContext): AnalyzedAlert[] {
  return context.rules.rules.filter(isAlert);
}

/** The alert as compiled: its labels and annotations as written, its expected alerts rendered. */
export function compiledAlert(context: CheckContext, entry: AnalyzedAlert): CompiledAlert {
  const compiled = artifactsOf(context.artifacts, entry.system).alerts.get(entry.rule);
  if (compiled === undefined) throw new Error(`alert ${entry.rule.name} of ${entry.system.name} was not compiled`);
  return compiled;
}

/** A finding about a rule, silenced by an allow on the rule or its catalog. */
export function ruleFinding(
  rule: RuleId,
  entry: AnalyzedRule,
  severity: RuleFinding['severity'],
  message: string,
  hint: string,
  at = entry.rule.at,
): RuleFinding {
  return {
    rule,
    severity,
    message,
    hint,
    subject: ruleSubject(entry),
    at,
    allowedBy: [ruleSubject(entry), subjectOf.catalog(entry.system.name)],
  };
}
