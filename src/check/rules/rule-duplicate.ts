import type { RuleGroup } from '../../model/rule.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { Rule, RuleFinding } from '../rule.ts';
import { ruleFinding } from './alert-entries.ts';

export const ruleDuplicateRule: Rule = {
  id: 'rule/duplicate',
  description: 'Two rule groups or two alerts of a system share a name (their files, runbooks and routing collide), or two recording rules record the same series with the same labels.',
  check(context) {
    const findings: RuleFinding[] = [];
    // Locations are formatted only for duplicates: formatting reads a source-mapped stack.
    for (const system of context.project.systems) {
      const groups = new Map<string, RuleGroup>();
      for (const group of system.ruleGroups) {
        const first = groups.get(group.name);
        if (first === undefined) groups.set(group.name, group);
        else findings.push({ rule: this.id, severity: 'error', message: `Rule group ${group.name} is defined twice in ${system.name} (first at ${first.at.file}:${first.at.line}); both would be written to one file.`, hint: 'Give each group its own name.', subject: `${system.name}/group/${group.name}`, at: group.at, allowedBy: [] });
      }
    }
    const seen = new Map<string, SourceLocation>();
    for (const entry of context.rules.rules) {
      const labels = entry.rule.kind === 'record' ? Object.entries(entry.rule.labels ?? {}).map(([k, v]) => `${k}=${v}`).sort().join('\u0000') : '';
      const key = `${entry.system.name}\u0000${entry.rule.kind}\u0000${entry.rule.name}\u0000${labels}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, entry.rule.at);
        continue;
      }
      findings.push(ruleFinding(this.id, entry, 'error', `${entry.rule.kind === 'alert' ? 'Alert' : 'Recording rule'} ${entry.rule.name} is defined twice in ${entry.system.name} (first at ${first.file}:${first.line}).`, 'Rename one, or merge their expressions.'));
    }
    return findings;
  },
};
