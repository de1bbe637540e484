import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

export const alertNameStyleRule: CheckRule = {
  id: 'alert/name-style',
  description: 'Alert names are CamelCase (HighErrorRate), as in the monitoring mixins.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      if (/^[A-Z][a-zA-Z0-9]*$/.test(entry.rule.name)) continue;
      const suggestion = entry.rule.name
        .split(/[^a-zA-Z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `Alert name ${entry.rule.name} is not CamelCase.`,
          `Name it ${suggestion}.`,
        ),
      );
    }
    return findings;
  },
};
