import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

export const alertTimingRule: CheckRule = {
  id: 'alert/timing',
  description:
    "An alert's for is shorter than its group's evaluation interval: the condition is only seen once per evaluation, so the alert fires one whole interval later than for says (warning).",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const pending = entry.rule.forSeconds;
      const interval = entry.group.intervalSeconds;
      if (pending === 0 || pending >= interval) continue;
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'warning',
          `${entry.rule.name}: for ${entry.rule.for} is shorter than the evaluation interval of group ${entry.group.name} (${entry.group.interval ?? '1m, the default'}); it fires after ${entry.group.interval ?? '1m'}, not ${entry.rule.for}.`,
          'Make for a multiple of the evaluation interval, or give the group a shorter interval.',
        ),
      );
    }
    return findings;
  },
};
