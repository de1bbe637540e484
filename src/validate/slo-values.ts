import type { Finding } from '../finding.ts';
import { parseDuration } from '../model/duration.ts';
import { isLabelName } from '../model/label-name.ts';
import type { Slo } from '../model/slo.ts';
import type { System } from '../model/system.ts';
import type { ValidSlo } from '../model/valid-system.ts';
import { subjectOf } from '../subject.ts';

/** Seconds of a duration as written; plain JavaScript or a cast can put anything here, and only text parses. */
const secondsOf = (written: unknown): number | undefined =>
  typeof written === 'string' ? parseDuration(written) : undefined;

/** The `for` a tier or the no-data alert is given: none (0 or its default) when it is off or not an object. */
const forOf = (spec: unknown): unknown =>
  typeof spec === 'object' && spec !== null ? (spec as { readonly for?: unknown }).for : undefined;

/**
 * The SLOs whose fields rules can be built from, with their durations parsed; each SLO with a
 * value no rule can be built from is an slo/invalid error and is left out of the compilation, as
 * an invalid rule is (a period that is no positive duration, a `for` Prometheus would not load,
 * by labels that are not names). Objectives are held to their range by slo/objective-range.
 */
export function validSlos(system: System): {
  readonly slos: readonly ValidSlo[];
  readonly findings: readonly Finding[];
} {
  const findings: Finding[] = [];
  const slos: ValidSlo[] = [];
  for (const slo of system.slos) {
    const problems: Finding[] = [];
    const reject = (message: string, hint: string): void => {
      problems.push(invalid(system, slo, `${slo.name}: ${message}.`, hint));
    };
    const periodSeconds = secondsOf(slo.period ?? '30d');
    if (periodSeconds === undefined || periodSeconds <= 0)
      reject(
        `period is ${JSON.stringify(slo.period)}, not a positive Prometheus duration such as 30d`,
        'Write the compliance period as 30d, 28d or 7d.',
      );
    const pending = (field: string, written: unknown, byDefault: string): number => {
      const seconds = secondsOf(written ?? byDefault);
      if (seconds === undefined)
        reject(
          `${field} is ${JSON.stringify(written)}, not a Prometheus duration such as 5m`,
          'Write how long the condition must hold as 2m or 15m, or leave it out.',
        );
      return seconds ?? 0;
    };
    const forSeconds = {
      page: pending('alerting.page.for', forOf(slo.alerting?.page), '0s'),
      ticket: pending('alerting.ticket.for', forOf(slo.alerting?.ticket), '0s'),
      noData: pending('alerting.noData.for', forOf(slo.alerting?.noData), '15m'),
    };
    for (const label of slo.by ?? [])
      if (!isLabelName(label))
        reject(`by names ${JSON.stringify(label)}, which is not a label name`, 'List label names of the SLI metric.');
    findings.push(...problems);
    if (problems.length === 0 && periodSeconds !== undefined) slos.push({ ...slo, periodSeconds, forSeconds });
  }
  return { slos, findings };
}

function invalid(system: System, slo: Slo, message: string, hint: string): Finding {
  const subject = subjectOf.slo(system.name, slo.name);
  return { rule: 'slo/invalid', severity: 'error', message, subject, at: slo.at, hint };
}
