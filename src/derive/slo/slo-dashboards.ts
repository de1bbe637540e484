import { formatDuration } from '../../model/duration.ts';
import type { Dashboard, Panel, PanelOptions, PanelTarget, PanelType, Row } from '../../model/dashboard.ts';
import type { Slo } from '../../model/slo.ts';
import type { System } from '../../model/system.ts';
import { quote } from '../../promql/string-literal.ts';
import { valueSetMatcher } from '../../promql/value-set-matcher.ts';
import { toNumber, toText } from './decimal.ts';
import type { ObjectiveVariant, SloPlan } from './slo-plan.ts';
import { sliRecordName } from './slo-rules.ts';

/**
 * Dashboards derived from a system's SLOs, read from the Sloth-compatible recordings: an
 * overview of the given SLOs (those that compiled) and a detail dashboard per SLO. Grouped SLOs
 * show one series per group.
 */
export function sloDashboards(system: System, plans: readonly SloPlan[]): Dashboard[] {
  if (plans.length === 0) return [];
  return [overview(system, plans), ...plans.map((plan) => detail(plan))];
}

function panel(
  slo: Slo,
  type: PanelType,
  title: string,
  targets: readonly PanelTarget[],
  options: PanelOptions,
): Panel {
  return { type, title, targets, options, at: slo.at };
}

const selector = (plan: SloPlan, name: string, variant?: ObjectiveVariant): string => {
  const matchers = [`sloth_id=${quote(plan.id)}`];
  if (variant?.matcher !== undefined) {
    const { label, op, value } = valueSetMatcher(variant.matcher.label, variant.matcher.op, variant.matcher.values);
    matchers.push(`${label}${op}${quote(value)}`);
  }
  return `${name}{${matchers.join(', ')}}`;
};

const legendOf = (plan: SloPlan, prefix = ''): string => {
  const groups = (plan.slo.by ?? []).map((label) => `{{${label}}}`).join(' ');
  return `${prefix}${prefix !== '' && groups !== '' ? ' ' : ''}${groups}` || plan.slo.name;
};

function overview(system: System, plans: readonly SloPlan[]): Dashboard {
  const rows: Row[] = plans.map((plan) => {
    const slo = plan.slo;
    const objectives = plan.variants.map(({ variant }) => `${toText(variant.objective)}`).join(' / ');
    return {
      title: `${slo.name} (objective ${plan.variants.map(({ variant }) => percent(toNumber(variant.objective))).join(' / ')}, ${plan.period})`,
      collapsed: false,
      panels: [
        panel(slo, 'stat', 'Objective', [{ query: selector(plan, 'slo:objective:ratio'), legend: legendOf(plan) }], {
          unit: 'percentunit',
          width: 4,
          description: `The target share of good events over ${plan.period} (${objectives}).`,
        }),
        panel(
          slo,
          'stat',
          'SLI (5m)',
          [{ query: `1 - ${selector(plan, sliRecordName(300))}`, legend: legendOf(plan) }],
          { unit: 'percentunit', width: 5, description: 'Share of good events over the last five minutes.' },
        ),
        panel(
          slo,
          'stat',
          'Error budget remaining',
          [{ query: selector(plan, 'slo:period_error_budget_remaining:ratio'), legend: legendOf(plan) }],
          {
            unit: 'percentunit',
            width: 5,
            description: `Share of the ${plan.period} error budget not yet spent; below zero the objective is missed.`,
            thresholds: [
              { value: 0, color: 'red' },
              { value: 0, color: 'orange' },
              { value: 0.25, color: 'green' },
            ],
          },
        ),
        panel(
          slo,
          'stat',
          'Burn rate now',
          [{ query: selector(plan, 'slo:current_burn_rate:ratio'), legend: legendOf(plan) }],
          {
            unit: 'x',
            width: 5,
            description:
              'How fast the budget burns over the last five minutes; 1× spends exactly the budget over the period.',
            thresholds: [
              { value: 0, color: 'green' },
              { value: 1, color: 'orange' },
              { value: firstFactor(plan), color: 'red' },
            ],
          },
        ),
        panel(
          slo,
          'stat',
          'Burn rate over the period',
          [{ query: selector(plan, 'slo:period_burn_rate:ratio'), legend: legendOf(plan) }],
          {
            unit: 'x',
            width: 5,
            description: `Average burn rate over the ${plan.period} period.`,
            thresholds: [
              { value: 0, color: 'green' },
              { value: 1, color: 'red' },
            ],
          },
        ),
      ],
    };
  });
  return {
    name: 'slos',
    origin: 'slo',
    spec: {
      title: `${system.name} / SLOs`,
      description: `Every SLO of ${system.name}: objective, SLI, error budget and burn rates.`,
      tags: ['slo'],
      rows,
      from: 'now-7d',
    },
    at: system.at,
  };
}

function detail(plan: SloPlan): Dashboard {
  const slo = plan.slo;
  const conditions = plan.variants[0]?.conditions ?? [];
  const burnPanels = conditions.map((condition) => {
    const windows = [condition.long, condition.short];
    const targets = plan.variants.flatMap(({ variant }) =>
      windows.map((window) => ({
        query: `${selector(plan, sliRecordName(window), variant)} / ${toText(variant.budget)}`,
        legend: legendOf(plan, formatDuration(window)),
      })),
    );
    const factor = toNumber(condition.factor);
    return panel(
      slo,
      'timeseries',
      `${condition.tier === 'page' ? 'Page' : 'Ticket'}: ${factor}× over ${formatDuration(condition.long)} and ${formatDuration(condition.short)}`,
      targets,
      {
        unit: 'x',
        width: 12,
        thresholdLines: true,
        description: `Burn rate over both windows; the ${condition.tier} alert fires when both exceed ${factor}× (dashed line), i.e. ${condition.budgetPercent} % of the budget in ${formatDuration(condition.long)}.`,
        thresholds: [
          { value: 0, color: 'green' },
          { value: factor, color: 'red' },
        ],
      },
    );
  });
  const rows: Row[] = [
    {
      title: 'SLI and error budget',
      collapsed: false,
      panels: [
        panel(
          slo,
          'timeseries',
          'SLI',
          [
            { query: `1 - ${selector(plan, sliRecordName(300))}`, legend: legendOf(plan, 'SLI') },
            { query: selector(plan, 'slo:objective:ratio'), legend: legendOf(plan, 'objective') },
          ],
          {
            unit: 'percentunit',
            width: 12,
            description: 'Share of good events over five minutes, against the objective.',
          },
        ),
        panel(
          slo,
          'timeseries',
          'Error budget remaining',
          [{ query: selector(plan, 'slo:period_error_budget_remaining:ratio'), legend: legendOf(plan) }],
          {
            unit: 'percentunit',
            width: 12,
            thresholdLines: true,
            description: `Share of the ${plan.period} error budget left; the dashed line is zero (objective missed).`,
            thresholds: [
              { value: 0, color: 'red' },
              { value: 0, color: 'green' },
            ],
          },
        ),
      ],
    },
    { title: 'Burn rate per alert condition', collapsed: false, panels: burnPanels },
  ];
  return {
    name: `slo-${slo.name}`,
    origin: 'slo',
    spec: {
      title: `${plan.system.name} / SLO ${slo.name}`,
      description: slo.description ?? `SLO ${slo.name} of ${plan.system.name}.`,
      tags: ['slo'],
      rows,
      from: 'now-7d',
    },
    at: slo.at,
  };
}

function firstFactor(plan: SloPlan): number {
  const factor = plan.variants[0]?.conditions[0]?.factor;
  return factor === undefined ? 14.4 : toNumber(factor);
}

function percent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(6))} %`;
}
