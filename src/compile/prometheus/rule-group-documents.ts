import type { RuleAnalysis } from '../../derive/rule-analysis.ts';
import type { AlertRule, RuleGroup } from '../../model/rule.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import type { YamlValue } from '../yaml-emitter.ts';

/** A rule group as every format writes it (`name`, `interval`, `rules`): rule files, PrometheusRule, Mimir. */
export interface CompiledRuleGroup {
  readonly group: RuleGroup;
  readonly document: { readonly [key: string]: YamlValue };
}

interface CompiledAlertFields {
  readonly labels: readonly (readonly [string, string])[];
  readonly annotations: readonly (readonly [string, string])[];
}

/** Each of the system's groups (SLO groups included) with its rules' rendered expressions, labels and annotations. */
export function ruleGroupDocuments(
  system: ValidSystem,
  analysis: RuleAnalysis,
  alerts: ReadonlyMap<AlertRule, CompiledAlertFields>,
): CompiledRuleGroup[] {
  const textOf = new Map(analysis.rules.map((entry) => [entry.rule, entry.text]));
  return system.ruleGroups.map((group) => {
    const rules = group.rules.map((rule) => {
      const expr = textOf.get(rule) ?? '';
      if (rule.kind === 'record') {
        return {
          record: rule.name,
          expr,
          ...(rule.labels === undefined || Object.keys(rule.labels).length === 0
            ? {}
            : { labels: sortedObject(Object.entries(rule.labels)) }),
        };
      }
      const compiled = alerts.get(rule)!;
      return {
        alert: rule.name,
        expr,
        ...(rule.for === undefined ? {} : { for: rule.for }),
        ...(rule.keepFiringFor === undefined ? {} : { keep_firing_for: rule.keepFiringFor }),
        labels: Object.fromEntries(compiled.labels),
        annotations: Object.fromEntries(compiled.annotations),
      };
    });
    return {
      group,
      document: { name: group.name, ...(group.interval === undefined ? {} : { interval: group.interval }), rules },
    };
  });
}

function sortedObject(entries: readonly [string, string][]): Record<string, string> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
