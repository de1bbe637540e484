import { compare, decimal, divide, multiply, type Decimal } from './decimal.ts';

export type Tier = 'page' | 'ticket';

/** One multi-window condition: both windows burn faster than `factor` × the sustainable rate. */
export interface BurnCondition {
  readonly tier: Tier;
  readonly speed: 'fast' | 'slow';
  /** Seconds. */
  readonly long: number;
  readonly short: number;
  /** Share of the period's error budget this condition spends in its long window, in percent. */
  readonly budgetPercent: number;
  readonly factor: Decimal;
}

/**
 * The Google SRE workbook's table (chapter 5) for a 30-day period: page on 2 % of the budget in
 * 1h (14.4×) or 5 % in 6h (6×), ticket on 10 % in 1d (3×) or 10 % in 3d (1×); each long window
 * paired with a short one a twelfth its length so the alert resets quickly.
 */
const WORKBOOK: readonly Omit<BurnCondition, 'factor'>[] = [
  { tier: 'page', speed: 'fast', long: 3600, short: 300, budgetPercent: 2 },
  { tier: 'page', speed: 'slow', long: 21600, short: 1800, budgetPercent: 5 },
  { tier: 'ticket', speed: 'fast', long: 86400, short: 7200, budgetPercent: 10 },
  { tier: 'ticket', speed: 'slow', long: 259200, short: 21600, budgetPercent: 10 },
];

const ONE = decimal(1);

/**
 * Conditions for a period: the same windows and budget shares, so the factor is
 * share × period / long window (14.4, 6, 3, 1 for 30d; 13.44, 5.6, 2.8, 1 for 28d). A factor
 * below 1 would alert on a burn that still meets the objective, so it is raised to 1.
 */
export function burnConditions(periodSeconds: number): BurnCondition[] {
  return WORKBOOK.map((c) => {
    const factor = divide(
      multiply(decimal(c.budgetPercent), decimal(periodSeconds)),
      multiply(decimal(100), decimal(c.long)),
      4,
    );
    return { ...c, factor: compare(factor, ONE) < 0 ? ONE : factor };
  });
}

/** Every window the SLI is recorded over (short and long windows of all conditions). */
export function sliWindows(): number[] {
  return [...new Set(WORKBOOK.flatMap((c) => [c.short, c.long]))].sort((a, b) => a - b);
}
