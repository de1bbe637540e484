import { collectorLabelEdits } from '../../otel/collector-label-edits.ts';
import { subjectOf } from '../../subject.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';

/**
 * The collector's label edits that obsgen applies to the catalog (so a query on a deleted label
 * is promql/unknown-label) are read from its processors; an edit it cannot follow is said here,
 * never dropped: queries on its labels are checked as if it were not there.
 */
export const LABEL_EDIT_RULE: CheckRule = {
  id: 'otel/label-edit',
  description:
    "A processor on a metrics pipeline to Prometheus edits labels in a way obsgen cannot follow (a condition on more than the metric's name, a metric renamed or created, a statement it cannot read): queries on those labels are checked as if the edit were not there (warning).",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const system of context.project.systems) {
      if (system.collector === undefined) continue;
      const subject = `${system.name}/collector`;
      for (const edit of collectorLabelEdits(system).unread)
        findings.push({
          rule: 'otel/label-edit',
          severity: 'warning',
          message: `${edit.processor}: ${edit.what} — ${edit.reason}.`,
          hint: 'Queries on the labels it edits are checked as if it were not there; check them by hand, or edit by metric name.',
          subject,
          at: system.collector.at,
          allowedBy: [subject, subjectOf.catalog(system.name)],
        });
    }
    return findings;
  },
};
