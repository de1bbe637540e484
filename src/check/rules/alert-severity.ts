import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

const SEVERITIES = new Set(['critical', 'warning', 'info']);

export const alertSeverityRule: CheckRule = {
  id: 'alert/severity',
  description: 'The severity label is critical, warning or info, which the routing tree matches on.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const severity = entry.rule.labels?.severity ?? entry.rule.severity;
      if (SEVERITIES.has(severity)) continue;
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `${entry.rule.name} has severity ${JSON.stringify(severity)}.`,
          'Use critical (pages), warning (chat) or info (email/report).',
        ),
      );
    }
    return findings;
  },
};
