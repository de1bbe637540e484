import type { Rule as DefinedRule, RuleGroup } from '../../model/rule.ts';
import type { System } from '../../model/system.ts';
import type { SourceLocation } from '../../model/source-location.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { ruleFinding } from './alert-entries.ts';

export const ruleDuplicateRule: CheckRule = {
  id: 'rule/duplicate',
  description:
    'Two rule groups or two alerts of a system share a name (their files, runbooks and routing collide), or two recording rules record the same series with the same labels.',
  check(context) {
    const findings: RuleFinding[] = [];
    // Locations are formatted only for duplicates: formatting reads a source-mapped stack.
    for (const system of context.project.systems) {
      const groups = new Map<string, RuleGroup>();
      for (const group of system.ruleGroups) {
        const first = groups.get(group.name);
        if (first === undefined) groups.set(group.name, group);
        else
          findings.push({
            rule: this.id,
            severity: 'error',
            message: `CheckRule group ${group.name} is defined twice in ${system.name} (first at ${first.at.file}:${first.at.line}); both would be written to one file.`,
            hint: 'Give each group its own name.',
            subject: `${system.name}/group/${group.name}`,
            at: group.at,
            allowedBy: [],
          });
      }
    }
    // Keyed per system, then by kind and name; recording rules' static labels join the key
    // only for names seen twice, since a 1,000-system build checks ~60,000 rules.
    const seen = new Map<System, Map<string, { readonly rule: DefinedRule; labels?: Map<string, SourceLocation> }>>();
    for (const entry of context.rules.rules) {
      let bySystem = seen.get(entry.system);
      if (bySystem === undefined) seen.set(entry.system, (bySystem = new Map()));
      const name = `${entry.rule.kind}\u0000${entry.rule.name}`;
      const first = bySystem.get(name);
      if (first === undefined) {
        bySystem.set(name, { rule: entry.rule });
        continue;
      }
      let at: SourceLocation | undefined = first.rule.at;
      if (entry.rule.kind === 'record') {
        // The first rule of this name is keyed by its labels only now that a second one exists.
        first.labels ??= new Map([[labelKey(first.rule), first.rule.at]]);
        const key = labelKey(entry.rule);
        at = first.labels.get(key);
        if (at === undefined) {
          first.labels.set(key, entry.rule.at);
          continue;
        }
      }
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `${entry.rule.kind === 'alert' ? 'Alert' : 'Recording rule'} ${entry.rule.name} is defined twice in ${entry.system.name} (first at ${at.file}:${at.line}).`,
          'Rename one, or merge their expressions.',
        ),
      );
    }
    return findings;
  },
};

function labelKey(rule: DefinedRule): string {
  return rule.kind === 'record'
    ? Object.entries(rule.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join('\u0000')
    : '';
}
