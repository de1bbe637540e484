import type { Rule, RuleFinding } from '../rule.ts';
import { ruleFinding } from './alert-entries.ts';

export const ruleDuplicateRule: Rule = {
  id: 'rule/duplicate',
  description: 'Two rule groups or two alerts of a system share a name (their files, runbooks and routing collide), or two recording rules record the same series with the same labels.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const system of context.project.systems) {
      const groups = new Map<string, string>();
      for (const group of system.ruleGroups) {
        const first = groups.get(group.name);
        if (first === undefined) groups.set(group.name, `${group.at.file}:${group.at.line}`);
        else findings.push({ rule: this.id, severity: 'error', message: `Rule group ${group.name} is defined twice in ${system.name} (first at ${first}); both would be written to one file.`, hint: 'Give each group its own name.', subject: `${system.name}/group/${group.name}`, at: group.at, allowedBy: [] });
      }
    }
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
