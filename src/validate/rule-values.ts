import type { Finding } from '../finding.ts';
import { parseDuration } from '../model/duration.ts';
import { isLabelName } from '../model/label-name.ts';
import type { AlertTest, Rule as DefinedRule, RuleGroup } from '../model/rule.ts';
import type { SourceLocation } from '../model/source-location.ts';
import type { System } from '../model/system.ts';
import { DEFAULT_EVALUATION_SECONDS, type ValidRule, type ValidRuleGroup } from '../model/valid-system.ts';
import { subjectOf } from '../subject.ts';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A query as the builders and promql`…` make it: a parsed AST, or raw text kept for promql/syntax. */
const isQuery = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  ((typeof (value as { ast?: unknown }).ast === 'object' && (value as { ast?: unknown }).ast !== null) ||
    typeof (value as { text?: unknown }).text === 'string');
const isDuration = (value: unknown): boolean => typeof value === 'string' && parseDuration(value) !== undefined;
const isPositiveDuration = (value: unknown): boolean => typeof value === 'string' && (parseDuration(value) ?? 0) > 0;

/**
 * What Prometheus' rule loader (rulefmt) and promtool's test runner check, checked on the
 * definitions before anything is compiled, as rulefmt validates before Prometheus loads: a rule
 * with a value the real tools reject (`for: '5 minutes'`, an empty group name, a label name that
 * is not one, a test time that is no duration) is an error finding and is left out of the
 * compilation, so no compiler ever reads it. Definitions written in JavaScript or with casts are
 * then as safe as typed ones.
 */
export function validRuleGroups(system: System): {
  readonly groups: readonly ValidRuleGroup[];
  readonly findings: readonly Finding[];
} {
  const findings: Finding[] = [];
  const groups: ValidRuleGroup[] = [];
  for (const group of system.ruleGroups) {
    const groupFindings = groupProblems(system.name, group);
    findings.push(...groupFindings);
    // The rules of an invalid group are checked too: each mistake is reported at once.
    const rules = (Array.isArray(group.rules) ? group.rules : []).flatMap((rule): ValidRule[] => {
      const ruleFindings = ruleProblems(system.name, rule);
      findings.push(...ruleFindings);
      if (ruleFindings.length > 0) return [];
      return rule.kind === 'alert'
        ? [{ ...rule, forSeconds: seconds(rule.for) ?? 0, keepFiringForSeconds: seconds(rule.keepFiringFor) ?? 0 }]
        : [rule];
    });
    if (groupFindings.length > 0) continue;
    groups.push({ ...group, intervalSeconds: seconds(group.interval) ?? DEFAULT_EVALUATION_SECONDS, rules });
  }
  return { groups, findings };
}

/** A duration already held to the rules above: its seconds, or undefined when it is not set. */
const seconds = (duration: string | undefined): number | undefined =>
  duration === undefined ? undefined : parseDuration(duration);

const RULE_ID = 'rule/invalid';

function finding(subject: string, at: SourceLocation, message: string, hint: string): Finding {
  return { rule: RULE_ID, severity: 'error', message, subject, at, hint };
}

function ruleProblems(systemName: string, rule: DefinedRule): Finding[] {
  const subject = typeof rule.name === 'string' ? subjectOf.rule(systemName, rule) : `${systemName}/${rule.kind}/?`;
  const problems: string[] = [];
  if (typeof rule.name !== 'string' || rule.name.trim() === '') problems.push('its name is empty');
  else if (rule.kind === 'record' && !METRIC_NAME.test(rule.name))
    problems.push(`${JSON.stringify(rule.name)} is not a valid metric name to record`);
  for (const [field, map] of [
    ['labels', rule.labels],
    ...(rule.kind === 'alert' ? [['annotations', rule.annotations] as const] : []),
  ] as const) {
    if (map !== undefined && (map === null || typeof map !== 'object')) {
      problems.push(`${field} is ${JSON.stringify(map)}, not a map of names to text`);
      continue;
    }
    for (const [key, value] of Object.entries(map ?? {})) {
      if (!isLabelName(key) || key.startsWith('__'))
        problems.push(`${field} key ${JSON.stringify(key)} is not a valid label name`);
      if (typeof value !== 'string')
        problems.push(`${field}.${key} is ${JSON.stringify(value) ?? String(value)}, not text`);
    }
  }
  const expr: unknown = rule.expr;
  if (!isQuery(expr))
    problems.push(
      typeof expr === 'string'
        ? `expr is the text ${JSON.stringify(expr.length > 60 ? `${expr.slice(0, 57)}…` : expr)}, not a query: write promql\`…\` or build it (rate, sum, …)`
        : `expr is ${JSON.stringify(expr) ?? String(expr)}, not a query`,
    );
  const out: Finding[] = [];
  if (rule.kind === 'alert') {
    for (const field of ['summary', 'description'] as const)
      if (typeof rule[field] !== 'string')
        problems.push(`${field} is ${JSON.stringify(rule[field]) ?? String(rule[field])}, not text`);
    if (rule.for !== undefined && !isDuration(rule.for))
      problems.push(`for is ${JSON.stringify(rule.for)}, not a Prometheus duration such as 5m`);
    if (rule.keepFiringFor !== undefined && !isDuration(rule.keepFiringFor))
      problems.push(`keepFiringFor is ${JSON.stringify(rule.keepFiringFor)}, not a Prometheus duration such as 10m`);
    for (const test of rule.tests ?? []) {
      for (const message of testProblems(test))
        out.push(
          finding(
            subject,
            test.location ?? rule.at,
            `${rule.name}, test ${JSON.stringify(test.name)}: ${message}.`,
            'Test times and intervals are Prometheus durations; expected values are finite numbers; labels are text.',
          ),
        );
    }
  }
  for (const message of problems)
    out.push(
      finding(
        subject,
        rule.at,
        `${String(rule.name)}: ${message}.`,
        'Write durations as Prometheus does (30s, 5m, 1h30m) and label names as [a-zA-Z_][a-zA-Z0-9_]*; name recordings level:metric:operations.',
      ),
    );
  return out;
}

function groupProblems(systemName: string, group: RuleGroup): Finding[] {
  const problems: string[] = [];
  if (typeof group.name !== 'string' || group.name.trim() === '')
    problems.push('the group name is empty (promtool: "Groupname must not be empty")');
  if (group.interval !== undefined && !isPositiveDuration(group.interval))
    problems.push(`interval is ${JSON.stringify(group.interval)}, not a positive Prometheus duration`);
  if (!Array.isArray(group.rules)) problems.push('its rules are not a list');
  return problems.map((message) =>
    finding(
      `${systemName}/group/${String(group.name)}`,
      group.at,
      `Rule group ${JSON.stringify(group.name)}: ${message}.`,
      'Name every group; write its interval as 30s or 1m.',
    ),
  );
}
function testProblems(test: AlertTest): string[] {
  const problems: string[] = [];
  if (typeof test.name !== 'string' || test.name.trim() === '') problems.push('the test has no name');
  if (!isDuration(test.at)) problems.push(`at is ${JSON.stringify(test.at)}, not a duration such as 10m`);
  for (const [field, value] of [
    ['interval', test.interval],
    ['evaluationInterval', test.evaluationInterval],
  ] as const) {
    if (value !== undefined && !isPositiveDuration(value))
      problems.push(`${field} is ${JSON.stringify(value)}, not a positive duration`);
  }
  if (!Array.isArray(test.alerts)) return [...problems, 'its expected alerts are not a list'];
  for (const expected of test.alerts) {
    if (expected.value !== undefined && !(typeof expected.value === 'number' && Number.isFinite(expected.value)))
      problems.push(`an expected value is ${String(expected.value)}, not a finite number`);
    for (const [key, value] of Object.entries(expected.labels ?? {}))
      if (typeof value !== 'string') problems.push(`expected label ${key} is ${JSON.stringify(value)}, not text`);
  }
  return problems;
}
