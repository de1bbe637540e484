import { formatDuration } from '../model/duration.ts';
import type { AtModifier, Binary, BinaryOp, Expr, Matcher, VectorSelector } from './ast.ts';
import { quote } from './string-literal.ts';

/** Binding strength of binary operators, as in Prometheus (higher binds tighter). */
const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<=': 3,
  '<': 3,
  '>=': 3,
  '>': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

/**
 * Canonical PromQL text: one space around binary operators, `by (…)` before the body, label
 * matchers in the order written, shortest exact numbers and durations. Parentheses are added
 * only where precedence needs them, so rendering a parse of the output gives the same text.
 */
export function renderPromql(expr: Expr): string {
  switch (expr.type) {
    case 'number':
      return renderNumber(expr.value);
    case 'string':
      return quote(expr.value);
    case 'vector':
      return renderSelector(expr) + renderModifiers(expr.offset, expr.at);
    case 'matrix':
      return `${renderSelector(expr.vector)}[${expr.rangeVariable ?? formatDuration(expr.range)}]${renderModifiers(expr.vector.offset, expr.vector.at)}`;
    case 'subquery':
      return `${renderOperand(expr.expr)}[${formatDuration(expr.range)}:${expr.step === undefined ? '' : formatDuration(expr.step)}]${renderModifiers(expr.offset, expr.at)}`;
    case 'call':
      return `${expr.func}(${expr.args.map(renderPromql).join(', ')})`;
    case 'aggregate': {
      const grouping =
        expr.grouping === undefined
          ? ''
          : ` ${expr.grouping.without ? 'without' : 'by'} (${expr.grouping.labels.join(', ')}) `;
      const args = [...(expr.param === undefined ? [] : [renderPromql(expr.param)]), renderPromql(expr.expr)].join(
        ', ',
      );
      return `${expr.op}${grouping}(${args})`;
    }
    case 'binary':
      return renderBinary(expr);
    case 'unary':
      return `${expr.op}${expr.expr.type === 'binary' ? `(${renderPromql(expr.expr)})` : renderPromql(expr.expr)}`;
    case 'paren': {
      // Iteratively: Prometheus accepts thousands of nested parentheses.
      let depth = 1;
      let inner = expr.expr;
      while (inner.type === 'paren') {
        depth++;
        inner = inner.expr;
      }
      return `${'('.repeat(depth)}${renderPromql(inner)}${')'.repeat(depth)}`;
    }
  }
}

/** A binary expression; its left-deep chain (a + b + c + …, thousands of terms) as a loop. */
function renderBinary(expr: Binary): string {
  const chain: Binary[] = [];
  let leaf: Expr = expr;
  while (leaf.type === 'binary') {
    chain.push(leaf);
    leaf = leaf.lhs;
  }
  let text = renderPromql(leaf);
  for (let index = chain.length - 1; index >= 0; index--) {
    const node = chain[index]!;
    const precedence = PRECEDENCE[node.op];
    const rightAssociative = node.op === '^';
    const lhsNode = node.lhs;
    const wrapLhs =
      lhsNode.type === 'binary' &&
      (PRECEDENCE[lhsNode.op] < precedence || (PRECEDENCE[lhsNode.op] === precedence && rightAssociative));
    text = `${wrapLhs ? `(${text})` : text} ${operatorText(node)} ${renderSide(node.rhs, precedence, !rightAssociative)}`;
  }
  return text;
}

function operatorText(expr: Binary): string {
  let op = expr.op as string;
  if (expr.bool) op += ' bool';
  if (expr.matching !== undefined) {
    const m = expr.matching;
    op += ` ${m.on ? 'on' : 'ignoring'} (${m.labels.join(', ')})`;
    // Always with its parentheses: `group_left (a + b)` would read the operand as the label list.
    if (m.group !== undefined) op += ` group_${m.group.side} (${m.group.include.join(', ')})`;
  }
  return op;
}

/** Operands of `[range:step]` need parentheses unless they are atoms. */
function renderOperand(expr: Expr): string {
  return expr.type === 'binary' || expr.type === 'unary' ? `(${renderPromql(expr)})` : renderPromql(expr);
}

function renderSide(side: Expr, parent: number, strictOnTie: boolean): string {
  if (side.type !== 'binary') return renderPromql(side);
  const own = PRECEDENCE[side.op];
  const needs = own < parent || (own === parent && strictOnTie);
  return needs ? `(${renderPromql(side)})` : renderPromql(side);
}

function renderSelector(selector: VectorSelector): string {
  const matchers = selector.matchers.map(renderMatcher);
  if (selector.name === undefined) return `{${matchers.join(', ')}}`;
  return matchers.length === 0 ? selector.name : `${selector.name}{${matchers.join(', ')}}`;
}

function renderMatcher(matcher: Matcher): string {
  return `${matcher.label}${matcher.op}${quote(matcher.value)}`;
}

function renderModifiers(offset: number | undefined, at: AtModifier | undefined): string {
  let out = '';
  if (offset !== undefined) out += ` offset ${offset < 0 ? '-' : ''}${formatDuration(Math.abs(offset))}`;
  if (at !== undefined) out += ` @ ${at === 'start' ? 'start()' : at === 'end' ? 'end()' : renderNumber(at)}`;
  return out;
}

/** The shortest decimal that reads back as the same double (0.999, not 0.9990000000000001). */
export function renderNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Inf'; // not '+Inf': that reparses as unary plus
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
