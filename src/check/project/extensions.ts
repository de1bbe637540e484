import type { ProjectRule, RuleFinding } from '../rule.ts';

/** Folders obsgen writes itself; a project output may not take one. */
const OBSGEN_FOLDERS = new Set(['prometheus', 'grafana', 'otel', 'cloudwatch', 'runbooks', 'reports', 'alertmanager']);
/** Prefixes of obsgen's own rule ids; a project check names itself after its team instead. */
const OBSGEN_PREFIXES = new Set([
  'catalog',
  'naming',
  'cardinality',
  'promql',
  'alert',
  'rule',
  'slo',
  'otel',
  'dashboard',
  'cloudwatch',
  'allow',
  'definitions',
  'build',
  'test',
  'output',
  'project',
]);

export const projectExtensionsRule: ProjectRule = {
  id: 'project/extension',
  scope: 'project',
  description:
    "A project check or output that cannot be told from obsgen's own: a check id that is not <team>/<name> or uses one of obsgen's prefixes, an output name that is not lower-case words joined by hyphens or is one of obsgen's folders, or two with one name.",
  check({ project }) {
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const check of project.checks) {
      const prefix = check.id.split('/')[0] ?? '';
      const problem = !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(check.id)
        ? 'is not <team>/<name> in lower case'
        : OBSGEN_PREFIXES.has(prefix)
          ? `uses obsgen's prefix ${prefix}/`
          : seen.has(check.id)
            ? 'names a second check'
            : undefined;
      seen.add(check.id);
      if (problem !== undefined)
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `Project check ${JSON.stringify(check.id)} ${problem}.`,
          hint: 'Name it after your team, e.g. acme/team-label.',
          subject: `project/check/${check.id}`,
          at: check.at,
          allowedBy: [],
        });
    }
    for (const output of project.outputs) {
      const problem = !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(output.name)
        ? 'is not lower-case words joined by hyphens'
        : OBSGEN_FOLDERS.has(output.name)
          ? `is a folder obsgen writes`
          : seen.has(`output:${output.name}`)
            ? 'names a second output'
            : undefined;
      seen.add(`output:${output.name}`);
      if (problem !== undefined)
        findings.push({
          rule: this.id,
          severity: 'error',
          message: `Project output ${JSON.stringify(output.name)} ${problem}.`,
          hint: 'Name its folder after what it holds, e.g. slack-digest.',
          subject: `project/output/${output.name}`,
          at: output.at,
          allowedBy: [],
        });
    }
    return findings;
  },
};
