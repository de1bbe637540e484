import type { Binary, Expr, Span } from './ast.ts';

/**
 * Large expressions, parsed by splitting them where the grammar allows: lezer's LR parser cuts
 * its stack at a fixed depth, so a sum of ~450 terms or ~2,800 nested parentheses, which
 * Prometheus accepts, would read as a syntax error. At the lowest-precedence binary operators
 * outside any bracket the text splits into operands; each operand (short again) and each
 * operator with its modifiers (`on(…)`, `group_left(…)`, `bool`) are parsed by `parseSmall`, so
 * every verdict and node still comes from the one grammar. Undefined when the text does not
 * split (the caller keeps lezer's verdict).
 */
export function parseLarge(source: string, parseSmall: (text: string) => Expr): Expr | undefined {
  return parseAt(source, 0, parseSmall);
}

/** Prometheus' binary precedence, lowest first; `^` alone is right-associative. */
const LEVELS: readonly (readonly string[])[] = [
  ['or'],
  ['and', 'unless'],
  ['==', '!=', '<=', '<', '>=', '>'],
  ['+', '-'],
  ['*', '/', '%', 'atan2'],
  ['^'],
];
const KEYWORD_OPERATORS = new Set(['and', 'or', 'unless', 'atan2']);
const MODIFIERS = new Set(['bool', 'on', 'ignoring', 'group_left', 'group_right']);

interface Operator {
  readonly op: string;
  readonly level: number;
  /** The operator with its modifiers, as written. */
  readonly start: number;
  readonly end: number;
}

function parseAt(text: string, offset: number, parseSmall: (text: string) => Expr): Expr | undefined {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  if (body === '') return undefined;
  const base = offset + lead;
  const operators = topLevelOperators(body);
  if (operators === undefined) return undefined;
  if (operators.length === 0) {
    const layers = wrappingParentheses(body);
    if (layers === 0)
      return body.length < SMALL || callShape(body) === undefined
        ? shift(parseSmall(body), base)
        : parseCall(body, base, parseSmall);
    let inner = parseAt(body.slice(layers, body.length - layers), base + layers, parseSmall);
    if (inner === undefined) return undefined;
    for (let layer = layers - 1; layer >= 0; layer--)
      inner = { type: 'paren', expr: inner, span: { start: base + layer, end: base + body.length - layer } };
    return inner;
  }
  const lowest = Math.min(...operators.map((o) => o.level));
  const splits = operators.filter((o) => o.level === lowest);
  // A unary sign binds looser than ^: -a ^ b is -(a ^ b).
  if (lowest === LEVELS.length - 1 && (body.startsWith('-') || body.startsWith('+'))) {
    const inner = parseAt(body.slice(1), base + 1, parseSmall);
    return inner === undefined
      ? undefined
      : { type: 'unary', op: body[0] === '-' ? '-' : '+', expr: inner, span: { start: base, end: base + body.length } };
  }
  const operands: Expr[] = [];
  let from = 0;
  for (const split of [...splits, undefined]) {
    const to = split === undefined ? body.length : split.start;
    const operand = parseAt(body.slice(from, to), base + from, parseSmall);
    if (operand === undefined) return undefined;
    operands.push(operand);
    if (split !== undefined) from = split.end;
  }
  const join = (lhs: Expr, split: Operator, rhs: Expr): Expr => {
    // The operator and its modifiers, read by the grammar between two stand-in operands.
    const probe = parseSmall(`x ${body.slice(split.start, split.end)} y`);
    if (probe.type !== 'binary') throw new Error('an operator probe did not parse as a binary expression');
    const { op, bool, matching } = probe as Binary;
    return {
      type: 'binary',
      op,
      lhs,
      rhs,
      bool,
      ...(matching === undefined ? {} : { matching }),
      span: { start: spanOf(lhs).start, end: spanOf(rhs).end },
    };
  };
  if (lowest === LEVELS.length - 1) {
    let acc = operands[operands.length - 1]!;
    for (let index = splits.length - 1; index >= 0; index--) acc = join(operands[index]!, splits[index]!, acc);
    return acc;
  }
  let acc = operands[0]!;
  for (const [index, split] of splits.entries()) acc = join(acc, split, operands[index + 1]!);
  return acc;
}

/** Text this short goes to the grammar whole. */
const SMALL = 1000;
const PLACEHOLDER = '__obsgen_argument_';

/**
 * `f(args)` or `sum by (l) (args)` spanning the whole text: the call is read with each argument
 * standing in as a placeholder selector, and each argument is parsed in its place.
 */
function parseCall(text: string, start: number, parseSmall: (text: string) => Expr): Expr | undefined {
  // Wrappers around one argument (sum(sum(sum(…)))) are peeled in a loop, not a recursion.
  const wrappers: { readonly template: string; readonly base: number; readonly length: number }[] = [];
  let body = text;
  let base = start;
  for (;;) {
    const call = callShape(body);
    if (call === undefined) break;
    const { open, args } = call;
    if (args.length !== 1 || body.length < SMALL) {
      const parsed = args.map(([from, to]) => parseAt(body.slice(from, to), base + from, parseSmall));
      if (parsed.some((arg) => arg === undefined)) return undefined;
      return unwrap(
        wrappers,
        fillCall(shift(parseSmall(template(body, open, args.length)), base), parsed as Expr[], base, body.length),
        parseSmall,
      );
    }
    const [from, to] = args[0]!;
    wrappers.push({ template: template(body, open, 1), base, length: body.length });
    const lead = body.slice(from, to).length - body.slice(from, to).trimStart().length;
    base += from + lead;
    body = body.slice(from, to).trim();
    if (body.length < SMALL || wrappingParentheses(body) > 0 || (topLevelOperators(body)?.length ?? 0) > 0) break;
  }
  const inner = wrappers.length === 0 ? shift(parseSmall(body), base) : parseAt(body, base, parseSmall);
  return inner === undefined ? undefined : unwrap(wrappers, inner, parseSmall);
}

/** Puts `inner` back into the peeled wrappers, innermost first. */
function unwrap(
  wrappers: readonly { readonly template: string; readonly base: number; readonly length: number }[],
  inner: Expr,
  parseSmall: (text: string) => Expr,
): Expr {
  let expr = inner;
  for (let index = wrappers.length - 1; index >= 0; index--) {
    const wrapper = wrappers[index]!;
    expr = fillCall(shift(parseSmall(wrapper.template), wrapper.base), [expr], wrapper.base, wrapper.length);
  }
  return expr;
}

/** `f(args)` or `sum by (l) (args)` spanning the whole text: where its argument list opens, and each argument. */
function callShape(body: string): { readonly open: number; readonly args: [number, number][] } | undefined {
  if (!body.endsWith(')')) return undefined;
  let open = -1;
  for (let index = 0; index < body.length; index++) {
    if (body[index] !== '(') continue;
    const close = closingOf(body, index);
    if (close === body.length - 1) open = index;
    if (close !== undefined) index = close;
  }
  if (open <= 0) return undefined;
  return { open, args: topLevelCommas(body, open + 1, body.length - 1) };
}

function template(body: string, open: number, count: number): string {
  return `${body.slice(0, open)}(${Array.from({ length: count }, (_, index) => `${PLACEHOLDER}${index}`).join(', ')})`;
}

/** The call read from its template, with each placeholder selector replaced by its argument. */
function fillCall(call: Expr, args: readonly Expr[], base: number, length: number): Expr {
  const span = { start: base, end: base + length };
  const fill = (node: Expr): Expr =>
    node.type === 'vector' && node.name?.startsWith(PLACEHOLDER)
      ? args[Number(node.name.slice(PLACEHOLDER.length))]!
      : node;
  if (call.type === 'call') return { ...call, args: call.args.map(fill), span };
  if (call.type === 'aggregate')
    return { ...call, ...(call.param === undefined ? {} : { param: fill(call.param) }), expr: fill(call.expr), span };
  throw new Error('a call template did not parse as a call');
}

/** [from, to) of each argument between `from` and `to`, split at commas outside brackets. */
function topLevelCommas(text: string, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let start = from;
  for (let index = from; index < to; index++) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === '`') index = endOfString(text, index);
    else if (char === '(' || char === '[' || char === '{') index = closingOf(text, index) ?? to;
    else if (char === ',') {
      parts.push([start, index]);
      start = index + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

function spanOf(expr: Expr): Span {
  return expr.span ?? { start: 0, end: 0 };
}

/** How many pairs of parentheses wrap the whole text. */
function wrappingParentheses(text: string): number {
  let layers = 0;
  for (;;) {
    const inner = text.slice(layers, text.length - layers);
    if (!inner.startsWith('(') || !inner.endsWith(')') || closingOf(inner, 0) !== inner.length - 1) return layers;
    layers++;
  }
}

/** The index of the bracket closing the one at `open`, skipping strings and comments. */
function closingOf(text: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === '`') {
      index = endOfString(text, index);
      continue;
    }
    if (char === '#') {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return undefined;
}

function endOfString(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\' && quote !== '`') index++;
    else if (text[index] === quote) return index;
  }
  return text.length;
}

/** The binary operators outside any bracket, with their modifiers; undefined when brackets do not balance. */
function topLevelOperators(text: string): Operator[] | undefined {
  const operators: Operator[] = [];
  let operandEnded = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === '#') {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      index = endOfString(text, index) + 1;
      operandEnded = true;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') {
      const close = closingOf(text, index);
      if (close === undefined) return undefined;
      index = close + 1;
      operandEnded = true;
      continue;
    }
    if (char === ')' || char === ']' || char === '}') return undefined;
    const word = /^[A-Za-z_:][\w:]*/.exec(text.slice(index))?.[0];
    if (word !== undefined) {
      const lower = word.toLowerCase();
      if (operandEnded && KEYWORD_OPERATORS.has(lower)) {
        operators.push(withModifiers(text, index, index + word.length, lower));
        index = operators[operators.length - 1]!.end;
        operandEnded = false;
        continue;
      }
      index += word.length;
      operandEnded = !['by', 'without', 'offset'].includes(lower);
      continue;
    }
    const number = /^(?:0x[0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?(?:ms|[smhdwy])?(?:\d+(?:ms|[smhdwy]))*)/.exec(
      text.slice(index),
    )?.[0];
    if (number !== undefined && number !== '') {
      index += number.length;
      operandEnded = true;
      continue;
    }
    const symbol = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '^'].find((candidate) =>
      text.startsWith(candidate, index),
    );
    if (symbol !== undefined && operandEnded) {
      operators.push(withModifiers(text, index, index + symbol.length, symbol));
      index = operators[operators.length - 1]!.end;
      operandEnded = false;
      continue;
    }
    // A unary sign, or `@`: part of the operand that follows or precedes.
    index++;
  }
  return operators;
}

/** The operator at [start, end) with the modifiers written after it. */
function withModifiers(text: string, start: number, end: number, op: string): Operator {
  let cursor = end;
  for (;;) {
    const rest = text.slice(cursor);
    const space = rest.length - rest.trimStart().length;
    const word = /^[A-Za-z_]\w*/.exec(rest.trimStart())?.[0];
    if (word === undefined || !MODIFIERS.has(word.toLowerCase())) break;
    cursor += space + word.length;
    const after = text.slice(cursor);
    const gap = after.length - after.trimStart().length;
    if (after.trimStart().startsWith('(')) cursor = (closingOf(text, cursor + gap) ?? text.length - 1) + 1;
  }
  return { op, level: LEVELS.findIndex((level) => level.includes(op)), start, end: cursor };
}

/** Moves every span of a parsed operand by its place in the whole text (iteratively: operands may be deep). */
function shift(expr: Expr, offset: number): Expr {
  if (offset === 0) return expr;
  const moved = (node: object): object => {
    const entries = Object.entries(node).map(([key, value]) => {
      if (key === 'span' && value !== undefined)
        return [key, { start: (value as Span).start + offset, end: (value as Span).end + offset }];
      if (Array.isArray(value))
        return [key, value.map((item) => (typeof item === 'object' && item !== null ? moved(item) : item))];
      if (typeof value === 'object' && value !== null) return [key, moved(value)];
      return [key, value];
    });
    return Object.fromEntries(entries);
  };
  return moved(expr) as Expr;
}
