import type { ReviewDiff } from './review-diff.ts';
import type { ReviewModel } from './review-model.ts';

/** What `--fail-on` accepts: `series-growth=<percent>`, `removed-alert`, `untested-critical`, `stale-cap`. */
export type FailCondition =
  | { readonly kind: 'series-growth'; readonly percent: number }
  | { readonly kind: 'removed-alert' }
  | { readonly kind: 'untested-critical' }
  | { readonly kind: 'stale-cap' };

/** Parses `--fail-on series-growth=20,removed-alert`; undefined with the reason when a part is not one. */
export function parseFailConditions(
  text: string,
): { readonly conditions: FailCondition[] } | { readonly error: string } {
  const conditions: FailCondition[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const growth = /^series-growth=(\d+(?:\.\d+)?)%?$/.exec(part);
    if (growth !== null) conditions.push({ kind: 'series-growth', percent: Number(growth[1]) });
    else if (part === 'removed-alert' || part === 'untested-critical' || part === 'stale-cap')
      conditions.push({ kind: part });
    else
      return {
        error: `--fail-on ${JSON.stringify(part)} is not one of series-growth=<percent>, removed-alert, untested-critical, stale-cap`,
      };
  }
  return { conditions };
}

/** The conditions the change meets, each as a sentence; empty when CI may pass. */
export function failedConditions(conditions: readonly FailCondition[], diff: ReviewDiff, head: ReviewModel): string[] {
  const out: string[] = [];
  for (const condition of conditions) {
    if (condition.kind === 'series-growth') {
      for (const change of diff.series) {
        if (change.metric !== undefined || change.before === 0) continue;
        const growth = (100 * (change.after - change.before)) / change.before;
        if (growth > condition.percent)
          out.push(
            `series-growth: ${change.system} grows ${growth.toFixed(1)} % (${change.before} → ${change.after}), above ${condition.percent} %`,
          );
      }
    } else if (condition.kind === 'stale-cap') {
      for (const cap of diff.staleCaps)
        out.push(
          `stale-cap: ${cap.key} keeps combinations ${cap.cap} while its labels grew ${cap.before} → ${cap.after}`,
        );
    } else if (condition.kind === 'removed-alert') {
      for (const change of diff.alerts) if (change.kind === 'removed') out.push(`removed-alert: ${change.key}`);
    } else {
      for (const system of head.systems)
        for (const alert of system.alerts)
          if (alert.severity === 'critical' && alert.tests.length === 0)
            out.push(`untested-critical: ${system.name}/${alert.name}`);
    }
  }
  return out;
}
