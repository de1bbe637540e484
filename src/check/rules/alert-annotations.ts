import type { Expr } from '../../promql/ast.ts';
import { hasActions, parseTemplate, TemplateError } from '../../template/go-template.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

function templated(text: string): boolean | undefined {
  try {
    return hasActions(parseTemplate(text));
  } catch (error) {
    if (error instanceof TemplateError) return undefined; // alert/template reports it
    throw error;
  }
}

/**
 * An alert on absence (`absent(up{job="api"})`): its one series says only that nothing is there,
 * so a static description is how the mixins write it (KubeAPIDown).
 */
function alertsOnAbsence(expr: Expr | undefined): boolean {
  if (expr === undefined) return false;
  if (expr.type === 'paren') return alertsOnAbsence(expr.expr);
  if (expr.type === 'binary' && expr.op === 'or') return alertsOnAbsence(expr.lhs) && alertsOnAbsence(expr.rhs);
  return expr.type === 'call' && (expr.func === 'absent' || expr.func === 'absent_over_time');
}

export const alertAnnotationsRule: CheckRule = {
  id: 'alert/annotations',
  description:
    'summary is present and static (error: notifications group by it), a sentence (warning: capitalised, ending with a period); description is present (error) and templated (warning; static is right for an alert on absence); runbook_url is not empty.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const { summary, description, annotations } = entry.rule;
      // What breaks a notification is an error; how a sentence reads is a warning.
      const report = (message: string, hint: string, severity: 'error' | 'warning' = 'error'): void => {
        findings.push(ruleFinding(this.id, entry, severity, `${entry.rule.name}: ${message}`, hint));
      };
      if (summary.trim() === '') report('summary is empty.', 'Say what is wrong in one sentence.');
      else {
        if (templated(summary) === true)
          report(
            `summary ${JSON.stringify(summary)} is templated; notifications group alerts by it.`,
            'Keep the summary static and put the details in description.',
          );
        if (!/^[A-Z0-9]/.test(summary))
          report(
            `summary ${JSON.stringify(summary)} does not start with a capital letter.`,
            'Write it as a sentence.',
            'warning',
          );
        if (!/[.!]$/.test(summary.trim()))
          report(
            `summary ${JSON.stringify(summary)} does not end with a period.`,
            'Write it as a sentence.',
            'warning',
          );
      }
      if (description.trim() === '')
        report(
          'description is empty.',
          'Say which series and how bad, e.g. {{ $labels.service_name }} at {{ $value | humanizePercentage }}.',
        );
      else if (templated(description) === false && !alertsOnAbsence(entry.analysis.expr))
        report(
          'description is static; it should say which series fired and how bad it is.',
          'Template it: {{ $labels.<label> }} and {{ $value | humanize }}.',
          'warning',
        );
      if (annotations?.runbook_url !== undefined && annotations.runbook_url.trim() === '')
        report('runbook_url is empty.', 'Leave it out to link the generated runbook.');
    }
    return findings;
  },
};
