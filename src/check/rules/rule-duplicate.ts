import type { Rule, RuleFinding } from '../rule.ts';
import { ruleFinding } from './alert-entries.ts';

export const ruleDuplicateRule: Rule = {
  id: 'rule/duplicate',
  description: 'Two alerts of a system share a name (their runbooks and routing collide), or two recording rules record the same series with the same labels.',
  check(context) {
    const findings: RuleFinding[] = [];
    const seen = new Map<string, string>();
    for (const entry of context.rules.rules) {
      const labels = entry.rule.kind === 'record' ? JSON.stringify(Object.entries(entry.rule.labels ?? {}).sort()) : '';
      const key = `${entry.system.name}\u0000${entry.rule.kind}\u0000${entry.rule.name}\u0000${labels}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, `${entry.rule.at.file}:${entry.rule.at.line}`);
        continue;
      }
      findings.push(ruleFinding(this.id, entry, 'error', `${entry.rule.kind === 'alert' ? 'Alert' : 'Recording rule'} ${entry.rule.name} is defined twice in ${entry.system.name} (first at ${first}).`, 'Rename one, or merge their expressions.'));
    }
    return findings;
  },
};
