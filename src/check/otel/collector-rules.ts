import type { RuleIdOf } from '../../rule-id.ts';
import { validateCollector, type CollectorIssue } from '../../otel/validate-collector.ts';
import type { System } from '../../model/system.ts';
import type { CheckContext, CheckRule, RuleFinding } from '../rule.ts';
import { subjectOf } from '../../subject.ts';

const DESCRIPTIONS: readonly [RuleIdOf<'otel'>, string][] = [
  [
    'otel/structure',
    'The collector would refuse the configuration: invalid ids, undefined or repeated references, pipelines without receivers or exporters, connectors on one side only.',
  ],
  [
    'otel/deprecated-component',
    'A component removed from the collector (jaeger and logging exporters, loki exporter), with its replacement.',
  ],
  [
    'otel/unknown-component',
    'A component type that the assumed distribution (otelcol-contrib) does not contain (warning).',
  ],
  [
    'otel/required-field',
    'A component misses a field it cannot run without (memory_limiter check_interval, exporter endpoints, tail_sampling policies).',
  ],
  [
    'otel/invalid-config',
    "A component's settings do not have the shape its schema requires (durations, enums, lists).",
  ],
  [
    'otel/env-syntax',
    'Environment references: ${VAR} should be ${env:VAR} (warning); bare $VAR is no longer expanded (error).',
  ],
  ['otel/literal-secret', 'A credential or auth header written literally instead of read from ${env:…}.'],
  ['otel/unused-component', 'A component no pipeline uses, or an extension referenced but not enabled (warning).'],
  ['otel/processor-order', 'memory_limiter missing or not first, or batch not last, in a pipeline (warning).'],
  [
    'otel/port-conflict',
    'Two listeners on one port, such as a prometheus exporter on 8888 where the collector serves its own metrics.',
  ],
];

/** Each generated collector config validated once per context (ten rules read the issues). */
function validateAll(context: CheckContext): Map<System, CollectorIssue[]> {
  return new Map(
    context.artifacts.flatMap(({ system, collector }) =>
      collector === undefined
        ? []
        : [[system, validateCollector(collector, { strict: true, requireMemoryLimiter: true })] as const],
    ),
  );
}

/** One registered rule per collector rule id, fed by one validation of each generated config. */
export const OTEL_RULES: readonly CheckRule[] = DESCRIPTIONS.map(([id, description]) => ({
  id,
  description,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const [system, issues] of context.once(validateAll)) {
      for (const issue of issues) {
        if (issue.rule !== id) continue;
        const subject = `${system.name}/collector`;
        findings.push({
          rule: id,
          severity: issue.severity,
          message: issue.message,
          hint: issue.hint,
          subject,
          at: system.collector!.at,
          allowedBy: [subject, subjectOf.catalog(system.name)],
        });
      }
    }
    return findings;
  },
}));
