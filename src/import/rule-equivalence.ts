import { ruleFileGroups } from './rule-file-groups.ts';
import type { Expr } from '../promql/ast.ts';
import { parsePromql } from '../promql/parse.ts';
import { renderPromql } from '../promql/render.ts';
import { parseDuration } from '../model/duration.ts';

interface RuleDocument {
  readonly alert?: string;
  readonly record?: string;
  readonly expr?: unknown;
  readonly for?: unknown;
  readonly keep_firing_for?: unknown;
  readonly labels?: Readonly<Record<string, unknown>>;
  readonly annotations?: Readonly<Record<string, unknown>>;
}

interface GroupDocument {
  readonly name?: unknown;
  readonly interval?: unknown;
  readonly rules?: readonly RuleDocument[];
}

/** How a rebuilt rule file compares with the original, rule by rule. */
export interface RuleComparison {
  readonly rules: number;
  /** Rules whose rebuilt form means the same: normalised PromQL, `for`, labels and annotations. */
  readonly equal: number;
  readonly differences: readonly string[];
}

/**
 * Compares rules as Prometheus evaluates them: expressions parsed and rendered canonically
 * (parentheses only where precedence needs them, numbers and durations normalised), `for` and
 * intervals as durations, labels and annotations as maps. What obsgen adds to every alert —
 * `system="<name>"` and a `runbook_url` where the original had none — is not a difference.
 */
export function compareRules(original: string, rebuilt: readonly string[], system: string): RuleComparison {
  const before = groupsOf(original);
  const after = new Map(rebuilt.flatMap((text) => groupsOf(text)).map((group) => [String(group.name), group]));
  const differences: string[] = [];
  let rules = 0;
  let equal = 0;
  for (const group of before) {
    const twin = after.get(String(group.name));
    rules += group.rules?.length ?? 0;
    if (twin === undefined) {
      differences.push(`group ${String(group.name)}: missing`);
      continue;
    }
    if (durationOf(group.interval) !== durationOf(twin.interval))
      differences.push(`group ${String(group.name)}: interval ${String(group.interval)} → ${String(twin.interval)}`);
    (group.rules ?? []).forEach((rule, index) => {
      const other = twin.rules?.[index];
      const name = rule.alert ?? rule.record ?? `#${index + 1}`;
      const found = other === undefined ? ['missing'] : ruleDifferences(rule, other, system);
      if (found.length === 0) equal++;
      else differences.push(...found.map((d) => `${String(group.name)}/${name}: ${d}`));
    });
  }
  return { rules, equal, differences };
}

function ruleDifferences(rule: RuleDocument, other: RuleDocument, system: string): string[] {
  const found: string[] = [];
  if ((rule.alert ?? rule.record) !== (other.alert ?? other.record))
    found.push(`name ${String(rule.alert ?? rule.record)} → ${String(other.alert ?? other.record)}`);
  const a = normalised(String(rule.expr));
  const b = normalised(String(other.expr));
  if (a !== b) found.push(`expr ${a} → ${b}`);
  if (durationOf(rule.for ?? '0s') !== durationOf(other.for ?? '0s'))
    found.push(`for ${String(rule.for)} → ${String(other.for)}`);
  if (durationOf(rule.keep_firing_for ?? '0s') !== durationOf(other.keep_firing_for ?? '0s'))
    found.push(`keep_firing_for ${String(rule.keep_firing_for)} → ${String(other.keep_firing_for)}`);
  const labels = { ...other.labels };
  if (rule.alert !== undefined && rule.labels?.system === undefined && labels.system === system) delete labels.system;
  found.push(...mapDifferences('label', rule.labels ?? {}, labels));
  const annotations = { ...other.annotations };
  if (rule.alert !== undefined && rule.annotations?.runbook_url === undefined) delete annotations.runbook_url;
  found.push(...mapDifferences('annotation', rule.annotations ?? {}, annotations));
  return found;
}

function mapDifferences(
  kind: string,
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key) =>
    String(a[key]) === String(b[key]) ? [] : [`${kind} ${key}: ${JSON.stringify(a[key])} → ${JSON.stringify(b[key])}`],
  );
}

/** Canonical text of an expression: parsed, parentheses dropped, rendered (they come back where needed). */
function normalised(text: string): string {
  try {
    return renderPromql(withoutParens(parsePromql(text)));
  } catch {
    return text.trim();
  }
}

function withoutParens(expr: Expr): Expr {
  switch (expr.type) {
    case 'paren':
      return withoutParens(expr.expr);
    case 'matrix':
      return expr;
    case 'subquery':
      return { ...expr, expr: withoutParens(expr.expr) };
    case 'unary':
      return { ...expr, expr: withoutParens(expr.expr) };
    case 'call':
      return { ...expr, args: expr.args.map(withoutParens) };
    case 'aggregate':
      return {
        ...expr,
        expr: withoutParens(expr.expr),
        ...(expr.param === undefined ? {} : { param: withoutParens(expr.param) }),
      };
    case 'binary':
      return { ...expr, lhs: withoutParens(expr.lhs), rhs: withoutParens(expr.rhs) };
    default:
      return expr;
  }
}

function durationOf(value: unknown): number | undefined {
  return value === undefined ? undefined : parseDuration(String(value));
}

function groupsOf(text: string): GroupDocument[] {
  return ruleFileGroups(text) as GroupDocument[];
}
