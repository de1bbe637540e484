import type { CheckRule, RuleFinding } from '../rule.ts';
import { alerts, ruleFinding } from './alert-entries.ts';

export const alertUntestedRule: CheckRule = {
  id: 'alert/untested',
  description: 'No promtool test case proves the alert fires (and one proves it stays quiet).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of alerts(context)) {
      const tests = entry.rule.tests ?? [];
      const firing = tests.some((t) => t.alerts.length > 0);
      const quiet = tests.some((t) => t.alerts.length === 0);
      if (firing && quiet) continue;
      // SLO alerts of an eventsSli (the escape hatch) get no generated tests and cannot be given any.
      const eventsSlo = entry.system.slos.some(
        (slo) => slo.sli.kind === 'events' && entry.group.name === `slo-${slo.name}`,
      );
      findings.push(
        ruleFinding(
          this.id,
          entry,
          eventsSlo ? 'warning' : 'error',
          `${entry.rule.name} has ${firing ? 'no test that it stays quiet' : quiet ? 'no test that it fires' : 'no tests'}.`,
          "Add tests: [fires('…', { at, series, alerts }), quiet('…', { at, series })] with input series from the catalog.",
        ),
      );
    }
    return findings;
  },
};
