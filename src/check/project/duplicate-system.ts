import type { SourceLocation } from '../../model/source-location.ts';
import type { ProjectRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

export const duplicateSystemRule: ProjectRule = {
  id: 'project/duplicate-system',
  scope: 'project',
  description: 'Two systems share a name, so their generated files would overwrite each other.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    const seen = new Map<string, SourceLocation>();
    for (const system of project.systems) {
      const first = seen.get(system.name);
      if (first === undefined) {
        seen.set(system.name, system.at);
        continue;
      }
      findings.push({
        rule: this.id,
        severity: 'error',
        message: `System ${system.name} is defined twice (first at ${first.file}:${first.line}).`,
        hint: 'Give each catalog its own system name.',
        subject: subjectOf.catalog(system.name),
        at: system.at,
        allowedBy: [],
      });
    }
    return findings;
  },
};
