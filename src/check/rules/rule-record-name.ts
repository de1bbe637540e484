import type { Rule, RuleFinding } from '../rule.ts';
import { ruleFinding } from './alert-entries.ts';

const RECORD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

export const ruleRecordNameRule: Rule = {
  id: 'rule/record-name',
  description: 'Recording rules are named level:metric:operations (Prometheus naming practice).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of context.rules.rules) {
      // Generated SLO series keep Sloth's names (sloth_slo_info) so its dashboards work.
      if (entry.rule.kind !== 'record' || entry.rule.origin === 'slo' || RECORD_NAME.test(entry.rule.name)) continue;
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `Recording rule ${entry.rule.name} is not named level:metric:operations.`,
          'E.g. service_name:request_count:rate5m — the labels kept, the metric, the operations applied.',
        ),
      );
    }
    return findings;
  },
};
