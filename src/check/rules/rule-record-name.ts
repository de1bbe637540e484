import type { CheckRule, RuleFinding } from '../rule.ts';
import { ruleFinding } from './alert-entries.ts';

const RECORD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

/** Levels that name no label: the whole of what was aggregated. */
const UNLABELLED_LEVELS = new Set(['global', 'all', 'total', 'cluster']);

/**
 * Whether the level is written with labels the result keeps, joined by `_` (labels may hold `_`
 * themselves: service_name_route is service_name and route).
 */
function spelledBy(level: string, kept: ReadonlySet<string>): boolean {
  if (UNLABELLED_LEVELS.has(level)) return true;
  if (kept.size === 0) return false;
  const words = level.split('_');
  const reachable = new Set([0]);
  for (let start = 0; start < words.length; start++) {
    if (!reachable.has(start)) continue;
    for (let end = start + 1; end <= words.length; end++)
      if (kept.has(words.slice(start, end).join('_'))) reachable.add(end);
  }
  return reachable.has(words.length);
}

export const ruleRecordNameRule: CheckRule = {
  id: 'rule/record-name',
  description:
    'Recording rules are named level:metric:operations (Prometheus naming practice), with a level spelled by the labels the result keeps.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const entry of context.rules.rules) {
      // Generated SLO series keep Sloth's names (sloth_slo_info) so its dashboards work.
      if (entry.rule.kind !== 'record' || entry.rule.origin === 'slo') continue;
      if (RECORD_NAME.test(entry.rule.name)) {
        const level = entry.rule.name.split(':')[0]!;
        const kept = entry.analysis.labels.known;
        if (kept !== undefined && !spelledBy(level, kept))
          findings.push(
            ruleFinding(
              this.id,
              entry,
              'error',
              `Recording rule ${entry.rule.name} names the level "${level}", but its result keeps ${kept.size === 0 ? 'no label' : `only ${[...kept].sort().join(', ')}`}.`,
              `Name the level after the labels the result keeps (${kept.size === 0 ? 'e.g. cluster or global' : [...kept].sort().join('_')}), or keep the labels the name promises.`,
            ),
          );
        continue;
      }
      findings.push(
        ruleFinding(
          this.id,
          entry,
          'error',
          `Recording rule ${entry.rule.name} is not named level:metric:operations.`,
          'E.g. service_name:request_count:rate5m — the labels kept, the metric, the operations applied.',
        ),
      );
    }
    return findings;
  },
};
