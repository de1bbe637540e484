import type { LabelDomain } from '../../model/label-domain.ts';
import type { Matcher, VectorSelector } from '../../promql/ast.ts';
import { sliSources } from '../../derive/slo/sli-sources.ts';
import type { CheckRule, RuleFinding } from '../rule.ts';
import { sloFinding } from './slo-entries.ts';
import { matcherKeeps } from '../../promql/matcher-keeps.ts';

/** Values a status-like label takes, to read what a regex selects where the domain is open. */
const SAMPLES = [
  '200',
  '201',
  '204',
  '301',
  '302',
  '400',
  '401',
  '404',
  '429',
  '500',
  '502',
  '503',
  '504',
  'success',
  'succeeded',
  'ok',
  'completed',
  'error',
  'failure',
  'failed',
  'timeout',
  'true',
  'false',
];
const SUCCESS = /^(?:[23]\d\d|[23]xx|success|succeeded|ok|completed|true)$/i;
const FAILURE = /^(?:[45]\d\d|[45]xx|error|errors|failure|failed|fail|timeout|false)$/i;

/** The values of `label` a selector's matchers keep, out of `universe`. */
function selected(matchers: readonly Matcher[], label: string, universe: readonly string[]): string[] {
  // A pattern that cannot be read keeps every value: promql/syntax reports it, this rule says nothing.
  return universe.filter((value) =>
    matchers.filter((m) => m.label === label).every((m) => matcherKeeps(m, value) ?? true),
  );
}

/** The values worth reasoning about for a label: its oneOf domain, else samples and the matchers' own values. */
function universe(
  label: string,
  domains: Readonly<Record<string, LabelDomain>>,
  selectors: readonly VectorSelector[],
): string[] {
  const domain = domains[label];
  if (domain?.kind === 'oneOf') return [...domain.values];
  return [
    ...new Set([
      ...SAMPLES,
      ...selectors.flatMap((s) => s.matchers.filter((m) => m.label === label && m.op === '=').map((m) => m.value)),
    ]),
  ];
}

export const sloSliContradictionRule: CheckRule = {
  id: 'slo/sli-contradiction',
  description:
    'A ratio SLI whose selectors contradict it: an errors selector that picks successes (or a good one that picks failures), or a total that leaves out events the errors or good selector counts.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const plan of context.sloPlans) {
      const sources = sliSources(plan.slo);
      if (sources === undefined || 'events' in sources || sources.latency !== undefined) continue;
      const domains = plan.system.catalog.labels as Readonly<Record<string, LabelDomain>>;
      const part =
        sources.bad !== undefined
          ? { selector: sources.bad, role: 'errors' as const }
          : sources.good !== undefined
            ? { selector: sources.good, role: 'good' as const }
            : undefined;
      if (part === undefined) continue;
      const report = (message: string, hint: string): void => {
        findings.push(sloFinding(this.id, plan, 'error', `${plan.slo.name}: ${message}`, hint));
      };
      // What the errors/good selector picks, read on the labels it filters.
      for (const label of new Set(part.selector.matchers.map((m) => m.label))) {
        const values = selected(
          part.selector.matchers,
          label,
          universe(label, domains, [part.selector, sources.total]),
        );
        if (values.length === 0) continue;
        if (part.role === 'errors' && values.every((v) => SUCCESS.test(v)))
          report(
            `the errors selector keeps ${label} = ${values.join(', ')}: successes, not errors.`,
            'Select the failures (e.g. status_code=~"5..") as errors, or pass this selector as good instead.',
          );
        if (part.role === 'good' && values.every((v) => FAILURE.test(v)))
          report(
            `the good selector keeps ${label} = ${values.join(', ')}: failures, not successes.`,
            'Select the successes as good, or pass this selector as errors instead.',
          );
      }
      // The total must count every event the other selector counts, or the ratio is not a share of it.
      if (part.selector.name !== sources.total.name) continue;
      for (const label of new Set(sources.total.matchers.map((m) => m.label))) {
        const values = universe(label, domains, [part.selector, sources.total]);
        const escaped = selected(part.selector.matchers, label, values).filter(
          (value) => !selected(sources.total.matchers, label, [value]).length,
        );
        if (escaped.length > 0)
          report(
            `the total leaves out ${label} = ${escaped.join(', ')}, which the ${part.role} selector counts.`,
            `Select every event in total (drop its ${label} matcher), or narrow the ${part.role} selector the same way.`,
          );
      }
    }
    return findings;
  },
};
