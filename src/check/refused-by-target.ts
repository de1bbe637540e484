/**
 * Rules whose error findings mean the real target would refuse the output: promtool or
 * Prometheus (syntax, types, values rulefmt rejects, templates that do not parse), the collector,
 * Alertmanager, CloudFormation's schemas, the Kubernetes API server, Mimir's ruler, or obsgen's
 * own writer. `allow` silences judgements, never these: a green build writes nothing a real tool
 * rejects. (A rule that mixes both kinds marks its refused findings with no `allowedBy` instead.)
 */
import type { RuleId } from '../rule-id.ts';
export const REFUSED_BY_TARGET: ReadonlySet<RuleId> = new Set<RuleId>([
  'definition/unknown-key',
  'definition/missing-value',
  'definition/wrong-type',
  'catalog/invalid',
  'promql/syntax',
  'promql/type',
  'rule/invalid',
  'slo/invalid',
  'otel/structure',
  'alertmanager/structure',
  'alertmanager/template',
  'cloudwatch/logs-syntax',
  'cloudwatch/resource-schema',
  'deploy/resource',
  'deploy/mimir',
  'dashboard/duplicate-uid',
  'output/unsafe-path',
  'output/collision',
]);

/** Whether a rule named anywhere (a finding, an allow entry as written) is one the target refuses. */
export function refusedByTarget(rule: string): boolean {
  return (REFUSED_BY_TARGET as ReadonlySet<string>).has(rule);
}
