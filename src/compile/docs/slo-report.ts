import { compareText } from '../../finding.ts';
import { formatDuration } from '../../model/duration.ts';
import type { ValidProject } from '../../model/valid-system.ts';
import { decimal, multiply, toText } from '../../derive/slo/decimal.ts';
import { budgetMinutes, planSlo } from '../../derive/slo/slo-plan.ts';
import type { OutputFile } from '../output-file.ts';
import { markdownTable } from './markdown.ts';

/** `reports/slo.md`: every SLO with its budget and alert tiers; impossible tiers marked. */
export function sloReport(project: ValidProject): OutputFile {
  const out: string[] = [
    '# Service level objectives',
    '',
    'Burn-rate tiers follow the Google SRE workbook (chapter 5): a condition fires when both its long and its short window burn the error budget faster than its factor. Factors are the workbook’s budget shares scaled to the period (never below 1). **Impossible** marks a condition whose threshold (factor × budget) is 100 % or more: no error ratio can reach it, so obsgen leaves it out.',
  ];
  const systems = [...project.systems].filter((s) => s.slos.length > 0).sort((a, b) => compareText(a.name, b.name));
  if (systems.length === 0) out.push('', 'No SLO is defined.');
  for (const system of systems) {
    out.push('', `## ${system.name}`);
    for (const slo of [...system.slos].sort((a, b) => compareText(a.name, b.name))) {
      const plan = planSlo(system, slo);
      out.push('', `### ${slo.name}`, '');
      if (slo.description !== undefined) out.push(slo.description, '');
      out.push(
        `SLI: ${slo.sli.kind}${slo.sli.kind === 'latency' ? ` (≤ ${slo.sli.threshold} s)` : ''} · period ${plan.period} · grouped by ${(slo.by ?? []).join(', ') || '–'} · Sloth id \`${plan.id}\``,
        '',
      );
      out.push(
        markdownTable(
          ['groups', 'objective', 'error budget', 'budget (minutes of total outage)'],
          plan.variants.map(({ variant }) => [
            variant.matcher === undefined
              ? 'all'
              : `${variant.matcher.label} ${variant.matcher.op === '=~' ? 'in' : 'not in'} ${variant.matcher.values.join(', ')}`,
            `${toText(multiply(variant.objective, decimal(100)))} %`,
            `${toText(multiply(variant.budget, decimal(100)))} %`,
            budgetMinutes(plan, variant),
          ]),
          [3],
        ),
        '',
      );
      out.push(
        markdownTable(
          ['groups', 'tier', 'long window', 'short window', 'budget share', 'factor', 'threshold', ''],
          plan.variants.flatMap(({ variant, conditions }) =>
            conditions.map((c) => [
              variant.matcher === undefined
                ? 'all'
                : `${variant.matcher.label} ${variant.matcher.op === '=~' ? 'in' : 'not in'} ${variant.matcher.values.join(', ')}`,
              c.tier,
              formatDuration(c.long),
              formatDuration(c.short),
              `${c.budgetPercent} %`,
              `${toText(c.factor)}×`,
              toText(c.threshold),
              c.possible ? '' : '**impossible**',
            ]),
          ),
        ),
      );
    }
  }
  return { path: 'reports/slo.md', content: `${out.join('\n')}\n` };
}
