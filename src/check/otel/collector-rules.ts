import { collectorConfig } from '../../compile/otel/collector-config.ts';
import { validateCollector, type CollectorIssue } from '../../otel/validate-collector.ts';
import type { System } from '../../model/system.ts';
import type { CheckContext, Rule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../subjects.ts';

const DESCRIPTIONS: readonly [string, string][] = [
  ['otel/structure', 'The collector would refuse the configuration: invalid ids, undefined or repeated references, pipelines without receivers or exporters, connectors on one side only.'],
  ['otel/deprecated-component', 'A component removed from the collector (jaeger and logging exporters, loki exporter), with its replacement.'],
  ['otel/unknown-component', 'A component type that the assumed distribution (otelcol-contrib) does not contain (warning).'],
  ['otel/required-field', 'A component misses a field it cannot run without (memory_limiter check_interval, exporter endpoints, tail_sampling policies).'],
  ['otel/invalid-config', "A component's settings do not have the shape its schema requires (durations, enums, lists)."],
  ['otel/env-syntax', 'Environment references: ${VAR} should be ${env:VAR} (warning); bare $VAR is no longer expanded (error).'],
  ['otel/literal-secret', 'A credential or auth header written literally instead of read from ${env:…}.'],
  ['otel/unused-component', 'A component no pipeline uses, or an extension referenced but not enabled (warning).'],
  ['otel/processor-order', 'memory_limiter not first or batch not last in a pipeline (warning).'],
  ['otel/port-conflict', 'Two listeners on one port, such as a prometheus exporter on 8888 where the collector serves its own metrics.'],
];

const cache = new WeakMap<CheckContext, Map<System, CollectorIssue[]>>();

function issuesOf(context: CheckContext): Map<System, CollectorIssue[]> {
  let issues = cache.get(context);
  if (issues === undefined) {
    issues = new Map(context.project.systems.flatMap((system) => {
      const config = collectorConfig(system);
      return config === undefined ? [] : [[system, validateCollector(config, { strict: true })] as const];
    }));
    cache.set(context, issues);
  }
  return issues;
}

/** One registered rule per collector rule id, fed by one validation of each generated config. */
export const OTEL_RULES: readonly Rule[] = DESCRIPTIONS.map(([id, description]) => ({
  id,
  description,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const [system, issues] of issuesOf(context)) {
      for (const issue of issues) {
        if (issue.rule !== id) continue;
        const subject = `${system.name}/collector`;
        findings.push({ rule: id, severity: issue.severity, message: issue.message, hint: issue.hint, subject, at: system.collector!.at, allowedBy: [subject, subjectOf.catalog(system.name)] });
      }
    }
    return findings;
  },
}));
