import { type Expr, type Matcher, type VectorSelector } from './ast.ts';
import { binaryNode as binary, callNode as call, numberNode as num, stringNode as str } from './ast-nodes.ts';
import { matcherKeeps } from './matcher-keeps.ts';

/** A recording rule as the inliner reads it: what it records, from what, and how often. */
export interface RecordingSource {
  readonly name: string;
  readonly expr: Expr;
  /** The rule's own labels, which override the expression's. */
  readonly labels: Readonly<Record<string, string>>;
  readonly intervalSeconds: number;
}

/** An expression that reads raw series where it read recordings, or why it cannot. */
export type InlinedQuery =
  | {
      readonly expr: Expr;
      /** The recording names now computed from their rules' expressions. */
      readonly inlined: readonly string[];
      /** Inner evaluations per evaluation of the whole expression (subquery points, nested ones multiplied). */
      readonly innerEvaluations: number;
    }
  | { readonly refused: string };

/** Recordings reading recordings this deep are a cycle or not worth computing. */
const MAX_DEPTH = 8;

class Refusal extends Error {}

/**
 * `expr` with every selector of a recording that `inline` names replaced by the rule's expression
 * — what a rule manager would have recorded, computed from raw series: the rule's labels added,
 * the selector's matchers applied (statically to the rule's labels, as `and on(label)` against
 * the listed values otherwise), several rules of one name joined with `or`, and a range over a
 * recording read as a subquery at the rule's interval (the samples the rule manager would have
 * written). A matcher that is no list of values, or a recording read with `offset`/`@`, is refused.
 */
export function inlineRecordings(
  expr: Expr,
  recordings: readonly RecordingSource[],
  inline: (name: string) => boolean,
): InlinedQuery {
  const byName = new Map<string, RecordingSource[]>();
  for (const recording of recordings) byName.set(recording.name, [...(byName.get(recording.name) ?? []), recording]);
  const inlined = new Set<string>();
  const recorded = (selector: VectorSelector): readonly RecordingSource[] | undefined =>
    selector.name !== undefined && inline(selector.name) ? byName.get(selector.name) : undefined;

  const walk = (node: Expr, depth: number): { expr: Expr; cost: number } => {
    switch (node.type) {
      case 'vector': {
        const rules = recorded(node);
        if (rules === undefined) return { expr: node, cost: 0 };
        if (node.offset !== undefined || node.at !== undefined)
          throw new Refusal(`${node.name} is read with offset or @, which a computed recording cannot follow`);
        return computed(node, rules, depth);
      }
      case 'matrix': {
        const rules = recorded(node.vector);
        if (rules === undefined) return { expr: node, cost: 0 };
        const { offset, at, ...vector } = node.vector;
        const body = computed(vector, rules, depth);
        const step = Math.max(...rules.map((rule) => rule.intervalSeconds));
        const points = Math.max(1, Math.floor(node.range / step));
        return {
          expr: {
            type: 'subquery',
            expr: body.expr,
            range: node.range,
            step,
            ...(offset === undefined ? {} : { offset }),
            ...(at === undefined ? {} : { at }),
          },
          cost: points * (1 + body.cost),
        };
      }
      case 'subquery': {
        const inner = walk(node.expr, depth);
        return { expr: { ...node, expr: inner.expr }, cost: inner.cost };
      }
      case 'call': {
        const args = node.args.map((arg) => walk(arg, depth));
        return { expr: { ...node, args: args.map((a) => a.expr) }, cost: sum(args) };
      }
      case 'aggregate': {
        const inner = walk(node.expr, depth);
        const param = node.param === undefined ? undefined : walk(node.param, depth);
        return {
          expr: { ...node, expr: inner.expr, ...(param === undefined ? {} : { param: param.expr }) },
          cost: inner.cost + (param?.cost ?? 0),
        };
      }
      case 'binary': {
        const lhs = walk(node.lhs, depth);
        const rhs = walk(node.rhs, depth);
        return { expr: { ...node, lhs: lhs.expr, rhs: rhs.expr }, cost: lhs.cost + rhs.cost };
      }
      case 'unary':
      case 'paren': {
        const inner = walk(node.expr, depth);
        return { expr: { ...node, expr: inner.expr }, cost: inner.cost };
      }
      case 'number':
      case 'string':
        return { expr: node, cost: 0 };
    }
  };

  const computed = (
    selector: VectorSelector,
    rules: readonly RecordingSource[],
    depth: number,
  ): { expr: Expr; cost: number } => {
    if (depth >= MAX_DEPTH) throw new Refusal(`${selector.name} reads recordings ${MAX_DEPTH} deep (a cycle?)`);
    inlined.add(selector.name!);
    const matchers = selector.matchers.filter((m) => m.label !== '__name__');
    const parts: { expr: Expr; cost: number }[] = [];
    for (const rule of rules) {
      if (!matchers.every((m) => !(m.label in rule.labels) || staticMatch(m, rule.labels[m.label]!))) continue;
      const body = walk(rule.expr, depth + 1);
      let expr: Expr = body.expr;
      for (const [label, value] of Object.entries(rule.labels).sort(([a], [b]) => (a < b ? -1 : 1)))
        expr = call('label_replace', [expr, str(label), str(value), str(''), str('')]);
      for (const matcher of matchers) if (!(matcher.label in rule.labels)) expr = filtered(expr, matcher);
      parts.push({ expr, cost: body.cost });
    }
    // No rule of the name records series these matchers select: an empty vector.
    if (parts.length === 0) return { expr: binary('<', call('vector', [num(1)]), num(0)), cost: 0 };
    const union = parts.map((p) => p.expr).reduce((lhs, rhs) => binary('or', lhs, rhs));
    return { expr: { type: 'paren', expr: union }, cost: sum(parts) };
  };

  try {
    const result = walk(expr, 0);
    return { expr: result.expr, inlined: [...inlined].sort(), innerEvaluations: result.cost };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

function staticMatch(matcher: Matcher, value: string): boolean {
  const kept = matcherKeeps(matcher, value);
  if (kept === undefined) throw new Refusal(`the pattern ${JSON.stringify(matcher.value)} cannot be read here`);
  return kept;
}

/** `expr` keeping (or, for a negative matcher, dropping) the series whose label has one of the matcher's values. */
function filtered(expr: Expr, matcher: Matcher): Expr {
  const values = listedValues(matcher);
  if (values === undefined)
    throw new Refusal(
      `the matcher ${matcher.label}${matcher.op}${JSON.stringify(matcher.value)} on a computed recording is no list of values`,
    );
  const set = values
    .map((value) => call('label_replace', [call('vector', [num(1)]), str(matcher.label), str(value), str(''), str('')]))
    .reduce((lhs, rhs) => binary('or', lhs, rhs));
  const positive = matcher.op === '=' || matcher.op === '=~';
  return binary(positive ? 'and' : 'unless', expr, set, { matching: { on: true, labels: [matcher.label] } });
}

/** The values an equality matcher or an alternation of escaped literals selects; undefined for a real pattern. */
function listedValues(matcher: Matcher): string[] | undefined {
  if (matcher.op === '=' || matcher.op === '!=') return [matcher.value];
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < matcher.value.length; i++) {
    const c = matcher.value[i]!;
    if (c === '\\') {
      const next = matcher.value[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined; // \d, \b, …: a class, not a literal
      current += next;
      i++;
    } else if (c === '|') {
      values.push(current);
      current = '';
    } else if ('.+*?()[]{}^$'.includes(c)) return undefined;
    else current += c;
  }
  values.push(current);
  return values;
}

const sum = (parts: readonly { cost: number }[]): number => parts.reduce((total, part) => total + part.cost, 0);
