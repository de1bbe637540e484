import { parser } from '@prometheus-io/lezer-promql';
import { parseLarge } from './parse-large.ts';
import type { SyntaxNode } from '@lezer/common';
import { parseDuration } from '../model/duration.ts';
import {
  AGGREGATE_OPS,
  type AggregateOp,
  type AtModifier,
  type BinaryOp,
  type Expr,
  type Grouping,
  type MatchOp,
  type Matcher,
  type Span,
  type VectorMatching,
  type VectorSelector,
} from './ast.ts';
import { NEWER_FUNCTIONS } from './functions.ts';
import { re2Matches, translateRe2 } from './re2.ts';
import { unquote } from './string-literal.ts';

/** A PromQL syntax error at a character offset of the source. */
export class PromqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Atan2: 'atan2',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};
const MATCH_OPS: Readonly<Record<string, MatchOp>> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
const PARAM_AGGREGATES: ReadonlySet<string> = new Set(['topk', 'bottomk', 'quantile', 'count_values']);
const NUMBER = /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF]|[nN][aA][nN])$/;

/**
 * Parses PromQL as Prometheus 2.42 accepts it: lezer-promql's grammar, plus what Prometheus'
 * own parser enforces beyond the grammar (Go string escapes, durations where a range is
 * expected, selectors that match everything, where offset and @ may stand) and a rejection of
 * syntax only Prometheus 3 understands. Type rules are the analyzer's (`promql/type`).
 */
export function parsePromql(source: string): Expr {
  try {
    return parseWithLezer(source);
  } catch (error) {
    // lezer cuts its stack at a fixed depth (and builds its tree recursively, which can exhaust
    // JavaScript's stack): a long or deep expression is parsed in pieces.
    const cut = error instanceof PromqlSyntaxError || error instanceof RangeError;
    if (!cut || source.length < LARGE_EXPRESSION) throw error;
    let large: Expr | undefined;
    try {
      large = parseLarge(source, parseWithLezer);
    } catch {
      large = undefined; // a piece does not parse: the whole's verdict stands
    }
    if (large === undefined)
      throw error instanceof PromqlSyntaxError
        ? error
        : new PromqlSyntaxError('expression nested too deeply to read', 0);
    return large;
  }
}

/** Below this many characters lezer's verdict is final (its stack cut needs about 2,700). */
const LARGE_EXPRESSION = 2000;

function parseWithLezer(source: string): Expr {
  // lezer-promql follows Prometheus 3, which dropped holt_winters; a same-length stand-in keeps
  // every offset, and the converter reads names from the original text.
  const tree = parser.parse(source.replace(/\bholt_winters(?=\s*\()/g, 'day_of_month'));
  let error: SyntaxNode | undefined;
  tree.iterate({
    enter: (node) => {
      if (error !== undefined) return false;
      if (node.type.isError) error = node.node;
      return undefined;
    },
  });
  if (error !== undefined) throw new PromqlSyntaxError(describeUnexpected(source, error.from), error.from);
  const top = children(tree.topNode);
  if (top.length !== 1 || top[0] === undefined)
    throw new PromqlSyntaxError(
      top.length === 0 ? 'no expression found in input' : 'unexpected expression after the first',
      top[1]?.from ?? 0,
    );
  return new Converter(source).expr(top[0]);
}

function describeUnexpected(source: string, offset: number): string {
  const rest = source.slice(offset);
  if (rest.trim() === '') return 'unexpected end of input';
  const token =
    /^\s*([A-Za-z_:][\w:]*|\d[\w.]*|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s])/.exec(rest)?.[1] ??
    rest.trim()[0] ??
    '';
  return `unexpected ${JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token)}`;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling)
    if (child.name !== 'LineComment') out.push(child);
  return out;
}

class Converter {
  constructor(private readonly source: string) {}

  private text(node: SyntaxNode): string {
    return this.source.slice(node.from, node.to);
  }

  private span(node: SyntaxNode): Span {
    return { start: node.from, end: node.to };
  }

  private fail(node: SyntaxNode, message: string): never {
    throw new PromqlSyntaxError(message, node.from);
  }

  private newer(node: SyntaxNode, what: string, version = '3'): never {
    this.fail(node, `${what} needs Prometheus ${version}; obsgen's output must load in Prometheus 2.42`);
  }

  expr(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'ParenExpr':
        return { type: 'paren', expr: this.expr(this.only(node)), span: this.span(node) };
      case 'NumberDurationLiteral':
      case 'inf':
      case 'nan':
        return { type: 'number', value: this.number(node), span: this.span(node) };
      case 'StringLiteral':
        return { type: 'string', value: this.string(node), span: this.span(node) };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'SubqueryExpr':
        return this.subquery(node);
      case 'OffsetExpr':
      case 'StepInvariantExpr':
        return this.modifier(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'UnaryExpr': {
        const [op, operand] = children(node);
        if (op === undefined || operand === undefined) this.fail(node, 'incomplete unary expression');
        const negative = this.text(op).trim() === '-';
        const expr = this.expr(operand);
        // A sign on a number literal is part of the number, as Prometheus' parser folds it: lezer
        // reads `-2` as a literal in some places and as a unary minus in others.
        if (expr.type === 'number')
          return { type: 'number', value: negative ? -expr.value : expr.value, span: this.span(node) };
        return { type: 'unary', op: negative ? '-' : '+', expr, span: this.span(node) };
      }
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return this.newer(node, 'anchored/smoothed range selectors');
      default:
        return this.fail(node, `unexpected ${node.name}`);
    }
  }

  private only(node: SyntaxNode): SyntaxNode {
    const [first, second] = children(node);
    if (first === undefined) this.fail(node, 'empty expression');
    if (second !== undefined) this.fail(second, 'unexpected expression');
    return first;
  }

  private number(node: SyntaxNode): number {
    const text = this.text(node);
    if (!NUMBER.test(text)) {
      if (parseDuration(text) !== undefined) this.newer(node, `a duration (${text}) where a number is expected`);
      this.fail(node, `bad number syntax: ${JSON.stringify(text)}`);
    }
    const lower = text.toLowerCase().replace(/^\+/, '');
    if (lower === 'inf') return Number.POSITIVE_INFINITY;
    if (lower === '-inf') return Number.NEGATIVE_INFINITY;
    if (lower.endsWith('nan')) return Number.NaN;
    if (/^-?0x/.test(lower)) return (lower.startsWith('-') ? -1 : 1) * parseInt(lower.replace(/^-?0x/, ''), 16);
    return Number(text);
  }

  private string(node: SyntaxNode): string {
    try {
      return unquote(this.text(node));
    } catch (error) {
      return this.fail(node, `invalid string literal: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private duration(node: SyntaxNode, what: string): number {
    const parts = children(node);
    const literal =
      parts.length === 1 && parts[0]?.name === 'NumberDurationLiteralInDurationContext' ? parts[0] : undefined;
    if (literal === undefined) this.newer(node, `arithmetic in the ${what}`);
    const text = this.text(literal);
    const seconds = parseDuration(text);
    if (seconds === undefined) {
      if (NUMBER.test(text)) this.newer(literal, `a plain number (${text}) as the ${what}`);
      this.fail(literal, `bad duration syntax: ${JSON.stringify(text)}`);
    }
    if (seconds <= 0) this.fail(literal, 'duration must be greater than 0');
    return seconds;
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    let name: string | undefined;
    const matchers: Matcher[] = [];
    for (const child of children(node)) {
      if (child.name === 'Identifier') name = this.text(child);
      else if (child.name === 'LabelMatchers') matchers.push(...children(child).map((m) => this.matcher(m)));
      else this.fail(child, `unexpected ${child.name} in a selector`);
    }
    const nameMatchers = matchers.filter((m) => m.label === '__name__');
    if (name !== undefined && nameMatchers.length > 0)
      this.fail(
        node,
        `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(nameMatchers[0]?.value)}`,
      );
    if (name === undefined && matchers.every((m) => matchesEmpty(m) !== false)) {
      this.fail(node, 'vector selector must contain at least one non-empty matcher');
    }
    return { type: 'vector', name, matchers, span: this.span(node) };
  }

  private matcher(node: SyntaxNode): Matcher {
    if (node.name === 'QuotedLabelMatcher' || node.name === 'QuotedLabelName')
      this.newer(node, 'quoted (UTF-8) label names');
    if (node.name !== 'UnquotedLabelMatcher') this.fail(node, `unexpected ${node.name} in label matchers`);
    const [label, op, value] = children(node);
    if (label === undefined || op === undefined || value === undefined) this.fail(node, 'incomplete label matcher');
    const opNode = children(op)[0];
    const matchOp = opNode === undefined ? undefined : MATCH_OPS[opNode.name];
    if (matchOp === undefined) this.fail(op, `unexpected matcher operator ${this.text(op)}`);
    const matcher: Matcher = { label: this.text(label), op: matchOp, value: this.string(value), span: this.span(node) };
    if (matchOp === '=~' || matchOp === '!~') {
      const translated = translateRe2(matcher.value);
      if (translated !== undefined && !translated.ok)
        this.fail(value, `invalid regular expression ${JSON.stringify(matcher.value)}: ${translated.error}`);
    }
    return matcher;
  }

  private matrixSelector(node: SyntaxNode): Expr {
    const [vector, range] = children(node);
    if (vector?.name !== 'VectorSelector' || range === undefined)
      this.fail(node, 'ranges only allowed for vector selectors');
    return {
      type: 'matrix',
      vector: this.vectorSelector(vector),
      range: this.duration(range, 'range'),
      span: this.span(node),
    };
  }

  private subquery(node: SyntaxNode): Expr {
    const [inner, range, step] = children(node);
    if (inner === undefined || range === undefined) this.fail(node, 'incomplete subquery');
    return {
      type: 'subquery',
      expr: this.expr(inner),
      range: this.duration(range, 'subquery range'),
      ...(step === undefined ? {} : { step: this.duration(step, 'subquery step') }),
      span: this.span(node),
    };
  }

  /**
   * `offset` and `@` attach to the selector or subquery they follow, each at most once.
   * lezer-promql hangs a trailing modifier on a whole binary expression (`a - b offset 5m`);
   * Prometheus binds it to the nearest operand, so it is pushed down to the rightmost one.
   */
  private modifier(node: SyntaxNode): Expr {
    const target = children(node)[0];
    if (target === undefined) this.fail(node, 'incomplete modifier');
    return this.pushModifier(node, this.expr(target));
  }

  private pushModifier(node: SyntaxNode, inner: Expr): Expr {
    if (inner.type === 'binary') return { ...inner, rhs: this.pushModifier(node, inner.rhs), span: this.span(node) };
    if (inner.type === 'unary') return { ...inner, expr: this.pushModifier(node, inner.expr), span: this.span(node) };
    const parts = children(node);
    const kind = node.name === 'OffsetExpr' ? 'offset' : '@';
    const holder =
      inner.type === 'matrix' ? inner.vector : inner.type === 'vector' || inner.type === 'subquery' ? inner : undefined;
    if (holder === undefined)
      this.fail(
        node,
        `${kind} modifier must be preceded by an instant vector selector or range vector selector or a subquery`,
      );
    if (kind === 'offset') {
      if (holder.offset !== undefined) this.fail(node, 'offset may not be set multiple times');
      const durationNode = parts.find((p) => p.name === 'OffsetDurationExpr');
      if (durationNode === undefined) this.fail(node, 'offset needs a duration');
      const text = this.text(durationNode).replace(/\s+/g, '');
      const negative = text.startsWith('-');
      const seconds = parseDuration(text.replace(/^[-+]/, ''));
      if (seconds === undefined) {
        if (NUMBER.test(text)) this.newer(durationNode, `a plain number (${text}) as the offset`);
        this.newer(durationNode, 'arithmetic in the offset');
      }
      return withModifier(inner, { offset: negative ? -seconds : seconds }, this.span(node));
    }
    if (holder.at !== undefined) this.fail(node, '@ <timestamp> may not be set multiple times');
    const atNode = parts[parts.length - 1];
    if (atNode === undefined) this.fail(node, '@ needs a timestamp');
    let at: AtModifier;
    const preprocessor = atNode.name === 'AtModifierPreprocessors' ? children(atNode)[0]?.name : atNode.name;
    if (preprocessor === 'AtStart') at = 'start';
    else if (preprocessor === 'AtEnd') at = 'end';
    else if (atNode.name === 'NumberDurationLiteral') at = this.number(atNode);
    else this.fail(atNode, 'unexpected @ modifier argument');
    return withModifier(inner, { at }, this.span(node));
  }

  private call(node: SyntaxNode): Expr {
    const [identifier, body] = children(node);
    if (identifier === undefined || body === undefined) this.fail(node, 'incomplete function call');
    const func = this.text(identifier);
    if (Object.hasOwn(NEWER_FUNCTIONS, func)) this.newer(identifier, `function ${func}()`, NEWER_FUNCTIONS[func]);
    return { type: 'call', func, args: children(body).map((arg) => this.expr(arg)), span: this.span(node) };
  }

  private aggregate(node: SyntaxNode): Expr {
    let op: AggregateOp | undefined;
    let grouping: Grouping | undefined;
    let args: Expr[] = [];
    for (const child of children(node)) {
      if (child.name === 'AggregateOp') {
        const name = this.text(child).toLowerCase();
        if (!(AGGREGATE_OPS as readonly string[]).includes(name))
          this.newer(child, `aggregation ${name}`, name.startsWith('limit') ? '2.54 with an experimental flag' : '3');
        op = name as AggregateOp;
      } else if (child.name === 'AggregateModifier') {
        const [keyword, labels] = children(child);
        grouping = {
          without: keyword?.name === 'Without',
          labels: labels === undefined ? [] : this.groupingLabels(labels),
        };
      } else if (child.name === 'FunctionCallBody') {
        args = children(child).map((arg) => this.expr(arg));
      } else this.fail(child, `unexpected ${child.name} in an aggregation`);
    }
    if (op === undefined) this.fail(node, 'aggregation operator expected');
    const expected = PARAM_AGGREGATES.has(op) ? 2 : 1;
    if (args.length !== expected)
      this.fail(
        node,
        `wrong number of arguments for aggregate expression provided, expected ${expected}, got ${args.length}`,
      );
    const expr = args[args.length - 1]!;
    return {
      type: 'aggregate',
      op,
      ...(expected === 2 ? { param: args[0]! } : {}),
      expr,
      ...(grouping === undefined ? {} : { grouping }),
      span: this.span(node),
    };
  }

  private groupingLabels(node: SyntaxNode): string[] {
    return children(node).map((label) => {
      if (label.name !== 'LabelName') this.newer(label, 'quoted (UTF-8) label names');
      return this.text(label);
    });
  }

  private binary(node: SyntaxNode): Expr {
    const parts = children(node);
    const lhs = parts[0];
    const rhs = parts[parts.length - 1];
    const opNode = parts[1];
    const op = opNode === undefined ? undefined : BINARY_OPS[opNode.name];
    if (lhs === undefined || rhs === undefined || op === undefined) this.fail(node, 'incomplete binary expression');
    let bool = false;
    let matching: VectorMatching | undefined;
    for (const modifier of parts.slice(2, -1)) {
      if (modifier.name === 'BoolModifier') bool = true;
      else if (modifier.name === 'MatchingModifierClause') matching = this.matching(modifier);
      else if (modifier.name === 'FillModifier') this.newer(modifier, 'fill modifiers');
      else this.fail(modifier, `unexpected ${modifier.name} in a binary expression`);
    }
    return {
      type: 'binary',
      op,
      lhs: this.expr(lhs),
      rhs: this.expr(rhs),
      bool,
      ...(matching === undefined ? {} : { matching }),
      span: this.span(node),
    };
  }

  private matching(node: SyntaxNode): VectorMatching {
    let on = false;
    let labels: string[] = [];
    let group: VectorMatching['group'];
    for (const child of children(node)) {
      if (child.name === 'On' || child.name === 'Ignoring') on = child.name === 'On';
      else if (child.name === 'GroupingLabels') {
        if (group === undefined) labels = this.groupingLabels(child);
        else group = { side: group.side, include: this.groupingLabels(child) };
      } else if (child.name === 'GroupLeft' || child.name === 'GroupRight')
        group = { side: child.name === 'GroupLeft' ? 'left' : 'right', include: [] };
      else if (child.name === 'FillModifier' || child.name.startsWith('Fill')) this.newer(child, 'fill modifiers');
      else this.fail(child, `unexpected ${child.name} in vector matching`);
    }
    for (const label of group?.include ?? []) {
      if (on && labels.includes(label))
        this.fail(node, `label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`);
    }
    return { on, labels, ...(group === undefined ? {} : { group }) };
  }
}

function withModifier(inner: Expr, modifier: { offset?: number; at?: AtModifier }, span: Span): Expr {
  if (inner.type === 'matrix') return { ...inner, vector: { ...inner.vector, ...modifier }, span };
  if (inner.type === 'vector' || inner.type === 'subquery') return { ...inner, ...modifier, span };
  return inner;
}

/** Whether a matcher accepts the empty string (true), rejects it (false), or cannot be decided. */
function matchesEmpty(matcher: Matcher): boolean | undefined {
  switch (matcher.op) {
    case '=':
      return matcher.value === '';
    case '!=':
      return matcher.value !== '';
    case '=~':
      return re2Matches(matcher.value, '');
    case '!~': {
      const matches = re2Matches(matcher.value, '');
      return matches === undefined ? undefined : !matches;
    }
  }
}

/** The expression, or undefined when it is not PromQL (any other error is obsgen's and is thrown). */
export function tryParsePromql(text: string): Expr | undefined {
  try {
    return parsePromql(text);
  } catch (error) {
    if (error instanceof PromqlSyntaxError) return undefined;
    throw error;
  }
}
