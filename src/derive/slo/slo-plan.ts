import { pascalCase } from '../../text/pascal-case.ts';
import type { System } from '../../model/system.ts';
import type { ValidSlo } from '../../model/valid-system.ts';
import { burnConditions, type BurnCondition, type Tier } from './burn-conditions.ts';
import { compare, decimal, divide, multiply, subtract, type Decimal } from './decimal.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** The SLO's groups that share one objective, and how to select them. */
export interface ObjectiveVariant {
  readonly objective: Decimal;
  readonly budget: Decimal;
  /** The per-group label and the matcher selecting this variant's groups; none for a single objective. */
  readonly matcher:
    { readonly label: string; readonly op: '=~' | '!~'; readonly values: readonly string[] } | undefined;
}

interface PlannedCondition extends BurnCondition {
  /** factor × budget: the error ratio both windows must exceed. */
  readonly threshold: Decimal;
  /** Whether an error ratio (at most 1) can ever exceed the threshold. */
  readonly possible: boolean;
}

export interface SloPlan {
  readonly system: System;
  readonly slo: ValidSlo;
  readonly id: string;
  readonly service: string;
  readonly period: string;
  readonly periodSeconds: number;
  readonly variants: readonly {
    readonly variant: ObjectiveVariant;
    readonly conditions: readonly PlannedCondition[];
  }[];
  readonly tiers: readonly Tier[];
  /** CamelCase stem of the alert names. */
  readonly alertStem: string;
}

const ONE = decimal(1);
const HUNDRED = decimal(100);

/**
 * Per-group objective keys that are not values of their label's `oneOf` domain (objectives for a
 * group that can never exist), with the domain's values. The SLO then plans nothing, and
 * slo/objective-range reports each key once, at the SLO, instead of the generated rules' matchers
 * being reported once per rule.
 */
export function objectiveKeysOutsideDomain(
  system: System,
  slo: ValidSlo,
): { readonly outside: readonly string[]; readonly values: readonly string[] } {
  const explicit = slo.objectives;
  const domain = explicit === undefined ? undefined : system.catalog.labels[explicit.label];
  if (explicit === undefined || domain?.kind !== 'oneOf') return { outside: [], values: [] };
  const values: readonly string[] = domain.values;
  return { outside: Object.keys(explicit.values).filter((value) => !values.includes(value)), values };
}

/** The plan of an SLO: its objectives, burn conditions and names (pure; the build plans each SLO once). */
export function planSlo(system: System, slo: ValidSlo): SloPlan {
  const period = slo.period ?? '30d';
  const periodSeconds = slo.periodSeconds;
  const service = slo.service ?? system.name;
  const conditions = burnConditions(periodSeconds);
  const tiers: Tier[] = (['page', 'ticket'] as const).filter((tier) => slo.alerting?.[tier] !== false);
  const plan = (objectivePercent: number, matcher: ObjectiveVariant['matcher']) => {
    const objective = divide(decimal(objectivePercent), HUNDRED, 12);
    const budget = subtract(ONE, objective);
    const variant: ObjectiveVariant = { objective, budget, matcher };
    return {
      variant,
      conditions: conditions
        .filter((c) => tiers.includes(c.tier))
        .map((c) => {
          const threshold = multiply(c.factor, budget);
          return { ...c, threshold, possible: compare(threshold, ONE) < 0 };
        }),
    };
  };
  const explicit = slo.objectives;
  // An objective that is no percentage (NaN, 100, -1 from plain JavaScript or a cast) plans
  // nothing: slo/objective-range reports it, and the SLO compiles to no rules.
  const objectives: readonly (readonly [number, ObjectiveVariant['matcher']])[] =
    explicit === undefined
      ? [[slo.objective, undefined]]
      : [
          ...groupByObjective(explicit.values).map(
            ([objective, values]) => [objective, { label: explicit.label, op: '=~' as const, values }] as const,
          ),
          [
            slo.objective,
            { label: explicit.label, op: '!~' as const, values: Object.keys(explicit.values).sort() },
          ] as const,
        ];
  // Per-group objectives keyed by a label not in `by` plan nothing either: slo/objective-range
  // reports them, once, at the SLO (a period that is no duration never gets here: slo/invalid).
  const keyedByGrouping = explicit === undefined || (slo.by ?? []).includes(explicit.label);
  const valid =
    keyedByGrouping &&
    objectiveKeysOutsideDomain(system, slo).outside.length === 0 &&
    objectives.every(
      ([objective]) => typeof objective === 'number' && Number.isFinite(objective) && objective > 0 && objective < 100,
    );
  const variants = valid ? objectives.map(([objective, matcher]) => plan(objective, matcher)) : [];
  return {
    system,
    slo,
    id: `${service}-${slo.name}`,
    service,
    period,
    periodSeconds,
    variants,
    tiers,
    alertStem: pascalCase(slo.alerting?.name ?? slo.name),
  };
}

function groupByObjective(values: Readonly<Record<string, number>>): [number, string[]][] {
  const groups = new Map<number, string[]>();
  for (const [value, objective] of Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)))
    groups.set(objective, [...(groups.get(objective) ?? []), value]);
  return [...groups.entries()];
}

/** Minutes of full unavailability the budget allows in the period. */
export function budgetMinutes(plan: SloPlan, variant: ObjectiveVariant): string {
  const minutes = multiply(variant.budget, decimal(plan.periodSeconds / 60));
  const rounded = Math.round((Number(minutes.units) / 10 ** minutes.scale) * 10) / 10;
  return groupedNumber(rounded);
}
