import { TemplateError } from '../../template/go-template.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, compiledAlert, ruleFinding } from './alert-entries.ts';

/** promtool's expanding notation: numbers, `_` (missing), `stale`, `a+bxn`, `a-bxn`, `axn`. */
const VALUES =
  /^(?:\s*(?:_(?:x\d+)?|stale|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?:[-+](?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)?(?:x\d+)?)\s*)+$/i;

export const alertTestRule: CheckRule = {
  id: 'alert/test',
  description:
    "A test case does not fit its alert: labels other than the expression's, values promtool cannot read, or annotations obsgen cannot render.",
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const known = entry.analysis.labels.known;
      const compiled = compiledAlert(context, entry);
      const readsValue = [...compiled.labels, ...compiled.annotations].some(([, text]) =>
        /\$value\b|\.Value\b/.test(text),
      );
      for (const test of entry.rule.tests ?? []) {
        const report = (message: string, hint: string): void => {
          findings.push(
            ruleFinding(
              this.id,
              entry,
              'error',
              `${entry.rule.name} test "${test.name}": ${message}`,
              hint,
              test.location,
            ),
          );
        };
        // Test times that are no duration never get here: the validation stage refuses the rule (rule/invalid).
        for (const s of test.series)
          if (!VALUES.test(s.values))
            report(
              `values ${JSON.stringify(s.values)} of ${s.series} are not in promtool's expanding notation.`,
              'Write e.g. 0+10x40 (start 0, +10 per interval, 40 times).',
            );
        for (const expected of test.alerts) {
          if (readsValue && expected.value === undefined)
            report(
              'the annotations read $value, so the expected alert needs a value.',
              'State the value the expression has at that time, e.g. value: 0.2.',
            );
          const given = Object.keys(expected.labels).sort();
          if (known !== undefined && given.join(',') !== [...known].sort().join(',')) {
            report(
              `expects labels {${given.join(', ')}}, but the expression's result carries {${[...known].sort().join(', ')}}.`,
              'Give exactly the labels the expression keeps; rule labels are added for you.',
            );
          }
          const rendered = compiled.expected.get(expected);
          // A template that does not parse is alert/template's finding.
          if (rendered === undefined || rendered.ok || rendered.error instanceof TemplateError) continue;
          report(
            `its annotations cannot be rendered here (${rendered.error.message}).`,
            'Use $labels, $value and the humanize/printf functions in alert templates, or drop the construct.',
          );
        }
      }
    }
    return findings;
  },
};
