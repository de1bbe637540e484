import { isLabelName } from '../../model/label-name.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

/** Labels Prometheus attaches to every scraped series; a target label wins and renames ours to exported_*. */
const TARGET_LABELS = new Set(['job', 'instance']);

export const labelNameRule: CheckRule = {
  id: 'naming/label-name',
  description: 'Label names are valid, snake_case, not reserved (__*) and do not collide with target labels.',
  check({ project }) {
    const findings: RuleFinding[] = [];
    for (const system of project.systems) {
      for (const [label, domain] of Object.entries(system.catalog.labels)) {
        const report = (severity: 'error' | 'warning', message: string, hint: string): void => {
          findings.push({
            rule: this.id,
            severity,
            message,
            hint,
            subject: subjectOf.label(system.name, label),
            at: domain.at,
            allowedBy: [subjectOf.catalog(system.name)],
          });
        };
        if (!isLabelName(label)) {
          report(
            'error',
            `${label} is not a valid Prometheus label name.`,
            'Use [a-zA-Z_][a-zA-Z0-9_]* only; OTel attributes with dots are translated to underscores.',
          );
          continue;
        }
        if (label.startsWith('__'))
          report(
            'error',
            `${label} starts with __, which Prometheus reserves for internal labels.`,
            'Remove the leading underscores.',
          );
        else if (/[A-Z]/.test(label))
          report('warning', `${label} is not snake_case.`, 'Use lower-case words joined by underscores.');
        if (TARGET_LABELS.has(label))
          report(
            'warning',
            `${label} collides with the target label Prometheus adds on scrape; the instrumented value is renamed exported_${label}.`,
            `Rename it (e.g. ${label}_name) or set honor_labels on the scrape job.`,
          );
      }
    }
    return findings;
  },
};
