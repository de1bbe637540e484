import { ruleSubject } from '../../derive/rule-analysis.ts';
import { alerts, compiledAlert } from './alert-entries.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const alertDashboardLinkRule: CheckRule = {
  id: 'alert/dashboard-link',
  description: "An alert's dashboard (or panel) does not exist in its system, so its dashboard_url would lead nowhere.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const resolved = compiledAlert(context, entry).dashboardLink;
      if (resolved === undefined || resolved.ok) continue;
      const subject = ruleSubject(entry);
      const what = resolved.missing === 'dashboard' ? `dashboard "${resolved.name}"` : `panel "${resolved.name}"`;
      findings.push({
        rule: this.id,
        severity: 'error',
        message: `${entry.rule.name} links to ${what}, which ${entry.system.name} does not have.`,
        hint:
          resolved.known.length === 0
            ? `Add the ${resolved.missing} to the system, or remove the link.`
            : `Known: ${resolved.known.join(', ')}.`,
        subject,
        at: entry.rule.at,
        allowedBy: [subject, subjectOf.catalog(entry.system.name)],
      });
    }
    return findings;
  },
};
