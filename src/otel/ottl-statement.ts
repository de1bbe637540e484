/**
 * A parser for OTTL statements (the transform processor's language): `editor(args) where condition`.
 * It reads the grammar of the collector's pkg/ottl — paths with keys, literals, lists, maps,
 * converters, named arguments, math and boolean expressions — into a small tree that obsgen
 * evaluates only where it needs to (which attributes a statement deletes or keeps).
 */

export type OttlValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'enum'; readonly name: string }
  | { readonly kind: 'path'; readonly parts: readonly string[]; readonly keys: readonly OttlValue[] }
  | { readonly kind: 'list'; readonly items: readonly OttlValue[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [string, OttlValue])[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly OttlArgument[] }
  | { readonly kind: 'math'; readonly op: string; readonly left: OttlValue; readonly right: OttlValue };

interface OttlArgument {
  readonly name?: string;
  readonly value: OttlValue;
}

export type OttlCondition =
  | { readonly kind: 'and' | 'or'; readonly left: OttlCondition; readonly right: OttlCondition }
  | { readonly kind: 'not'; readonly operand: OttlCondition }
  | { readonly kind: 'compare'; readonly op: string; readonly left: OttlValue; readonly right: OttlValue }
  | { readonly kind: 'value'; readonly value: OttlValue };

export interface OttlStatement {
  readonly editor: string;
  readonly args: readonly OttlArgument[];
  readonly where?: OttlCondition;
}

type Token =
  | { readonly type: 'string'; readonly text: string }
  | { readonly type: 'number'; readonly text: string }
  | { readonly type: 'word'; readonly text: string }
  | { readonly type: 'op'; readonly text: string };

export class OttlSyntaxError extends Error {}

const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '=',
  '+',
  '-',
  '*',
  '/',
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new OttlSyntaxError('unclosed string');
        const d = text[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < text.length) {
          const next = text[i + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      i++;
      tokens.push({ type: 'string', text: value });
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i))![0];
      tokens.push({ type: 'number', text: match });
      i += match.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      tokens.push({ type: 'word', text: match });
      i += match.length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (op === undefined) throw new OttlSyntaxError(`unexpected ${JSON.stringify(c)}`);
      tokens.push({ type: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  statement(): OttlStatement {
    const editor = this.word();
    if (!/^[a-z]/.test(editor)) throw new OttlSyntaxError(`${editor} is not an editor (editors are lower case)`);
    const args = this.arguments();
    let where: OttlCondition | undefined;
    if (this.peekWord('where')) {
      this.at++;
      where = this.or();
    }
    if (this.at < this.tokens.length) throw new OttlSyntaxError(`unexpected ${this.tokens[this.at]!.text}`);
    return where === undefined ? { editor, args } : { editor, args, where };
  }

  private or(): OttlCondition {
    let left = this.and();
    while (this.peekWord('or')) {
      this.at++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): OttlCondition {
    let left = this.not();
    while (this.peekWord('and')) {
      this.at++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): OttlCondition {
    if (this.peekWord('not')) {
      this.at++;
      return { kind: 'not', operand: this.not() };
    }
    if (this.peekOp('(')) {
      // A parenthesised condition, or a parenthesised value being compared: try the condition.
      const start = this.at;
      this.at++;
      try {
        const inner = this.or();
        this.expectOp(')');
        if (!this.peekComparison()) return inner;
      } catch (error) {
        if (!(error instanceof OttlSyntaxError)) throw error;
      }
      this.at = start;
    }
    const left = this.math();
    if (this.peekComparison()) {
      const op = this.tokens[this.at++]!.text;
      return { kind: 'compare', op, left, right: this.math() };
    }
    return { kind: 'value', value: left };
  }

  private math(): OttlValue {
    let left = this.term();
    while (this.peekOp('+') || this.peekOp('-')) {
      const op = this.tokens[this.at++]!.text;
      left = { kind: 'math', op, left, right: this.term() };
    }
    return left;
  }

  private term(): OttlValue {
    let left = this.value();
    while (this.peekOp('*') || this.peekOp('/')) {
      const op = this.tokens[this.at++]!.text;
      left = { kind: 'math', op, left, right: this.value() };
    }
    return left;
  }

  private value(): OttlValue {
    const token = this.tokens[this.at];
    if (token === undefined) throw new OttlSyntaxError('unexpected end of statement');
    if (token.type === 'string') {
      this.at++;
      return { kind: 'string', value: token.text };
    }
    if (token.type === 'number') {
      this.at++;
      return { kind: 'number', value: Number(token.text) };
    }
    if (token.type === 'op') {
      if (token.text === '-' && this.tokens[this.at + 1]?.type === 'number') {
        this.at++;
        return { kind: 'number', value: -Number(this.tokens[this.at++]!.text) };
      }
      if (token.text === '[') return this.list();
      if (token.text === '{') return this.map();
      if (token.text === '(') {
        this.at++;
        const inner = this.math();
        this.expectOp(')');
        return inner;
      }
      throw new OttlSyntaxError(`unexpected ${token.text}`);
    }
    const word = this.word();
    if (word === 'true' || word === 'false') return { kind: 'bool', value: word === 'true' };
    if (word === 'nil') return { kind: 'nil' };
    if (this.peekOp('(')) {
      const args = this.arguments();
      this.keys(); // a converter's result indexed (ParseJSON(body)["x"]) is still the converter's value
      return { kind: 'call', name: word, args };
    }
    if (/^[A-Z][A-Z0-9_]*$/.test(word) && !this.peekOp('.') && !this.peekOp('[')) return { kind: 'enum', name: word };
    const parts = [word];
    while (this.peekOp('.')) {
      this.at++;
      parts.push(this.word());
    }
    return { kind: 'path', parts, keys: this.keys() };
  }

  private keys(): OttlValue[] {
    const keys: OttlValue[] = [];
    while (this.peekOp('[')) {
      this.at++;
      keys.push(this.math());
      this.expectOp(']');
    }
    return keys;
  }

  private arguments(): OttlArgument[] {
    this.expectOp('(');
    const args: OttlArgument[] = [];
    while (!this.peekOp(')')) {
      if (args.length > 0) this.expectOp(',');
      const named = this.tokens[this.at]?.type === 'word' && this.tokens[this.at + 1]?.text === '=';
      if (named) {
        const name = this.word();
        this.at++;
        args.push({ name, value: this.math() });
      } else {
        args.push({ value: this.math() });
      }
    }
    this.at++;
    return args;
  }

  private list(): OttlValue {
    this.expectOp('[');
    const items: OttlValue[] = [];
    while (!this.peekOp(']')) {
      if (items.length > 0) this.expectOp(',');
      items.push(this.math());
    }
    this.at++;
    return { kind: 'list', items };
  }

  private map(): OttlValue {
    this.expectOp('{');
    const entries: [string, OttlValue][] = [];
    while (!this.peekOp('}')) {
      if (entries.length > 0) this.expectOp(',');
      const key = this.tokens[this.at++];
      if (key?.type !== 'string') throw new OttlSyntaxError('a map key must be a string');
      this.expectOp(':');
      entries.push([key.text, this.math()]);
    }
    this.at++;
    return { kind: 'map', entries };
  }

  private word(): string {
    const token = this.tokens[this.at];
    if (token?.type !== 'word') throw new OttlSyntaxError(`expected a name, found ${token?.text ?? 'the end'}`);
    this.at++;
    return token.text;
  }

  private expectOp(op: string): void {
    const token = this.tokens[this.at];
    if (token?.type !== 'op' || token.text !== op)
      throw new OttlSyntaxError(`expected ${op}, found ${token?.text ?? 'the end'}`);
    this.at++;
  }

  private peekOp(op: string): boolean {
    const token = this.tokens[this.at];
    return token?.type === 'op' && token.text === op;
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.at];
    return token?.type === 'word' && token.text === word;
  }

  private peekComparison(): boolean {
    const token = this.tokens[this.at];
    return token?.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(token.text);
  }
}

/** Parses one OTTL statement; throws OttlSyntaxError with what was expected. */
export function parseOttlStatement(text: string): OttlStatement {
  return new Parser(tokenize(text)).statement();
}

/** Parses one OTTL condition (the transform processor's `conditions:` entries). */
export function parseOttlCondition(text: string): OttlCondition {
  const parsed = parseOttlStatement(`noop() where ${text}`);
  return parsed.where!;
}
