/** A token of the Logs Insights query language; offsets index the query text. */
export interface Token {
  readonly type:
    | 'ident'
    | 'backtick'
    | 'number'
    | 'duration'
    | 'string'
    | 'regex'
    | 'placeholder'
    | 'op'
    | 'pipe'
    | 'comma'
    | 'colon'
    | 'dot'
    | 'lparen'
    | 'rparen'
    | 'lbracket'
    | 'rbracket'
    | 'eof';
  readonly text: string;
  /** Decoded value: string contents, regex source, backtick name, placeholder name. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export class LogsSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const OPERATORS = ['=~', '!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '%', '^'];
const IDENT_START = /[A-Za-z_@$]/;
const IDENT_PART = /[A-Za-z0-9_@$]/;
// Tokens after which `/` divides; anywhere else it opens a regular expression.
const OPERAND_END = new Set<Token['type']>([
  'ident',
  'backtick',
  'number',
  'duration',
  'string',
  'regex',
  'placeholder',
  'rparen',
  'rbracket',
]);

/** Splits a query into tokens; `#` comments and whitespace are dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (type: Token['type'], start: number, end: number, value = text.slice(start, end)): void => {
    tokens.push({ type, text: text.slice(start, end), value, start, end });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '|') {
      push('pipe', i, ++i);
    } else if (c === ',') {
      push('comma', i, ++i);
    } else if (c === ':') {
      // Only SOURCE's logGroups(selector: […]) uses it.
      push('colon', i, ++i);
    } else if (c === '.' && accessesMember(tokens, i, text[i + 1] ?? '')) {
      push('dot', i, ++i);
    } else if (c === '(') {
      push('lparen', i, ++i);
    } else if (c === ')') {
      push('rparen', i, ++i);
    } else if (c === '[') {
      push('lbracket', i, ++i);
    } else if (c === ']') {
      push('rbracket', i, ++i);
    } else if (c === '"' || c === "'") {
      const start = i;
      const [value, end] = quoted(text, i, c, 'string');
      i = end;
      push('string', start, end, value);
    } else if (c === '`') {
      const start = i;
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw new LogsSyntaxError('unclosed backtick field name', start);
      i = close + 1;
      push('backtick', start, i, text.slice(start + 1, close));
    } else if (c === '{' && text[i + 1] === '{') {
      const start = i;
      const close = text.indexOf('}}', i + 2);
      if (close < 0) throw new LogsSyntaxError('unclosed {{placeholder}}', start);
      const name = text.slice(i + 2, close).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw new LogsSyntaxError(`invalid placeholder name "${name}"`, start);
      i = close + 2;
      push('placeholder', start, i, name);
    } else if (c === '/' && opensRegex(tokens)) {
      const start = i;
      const [value, end] = quoted(text, i, '/', 'regular expression');
      i = end;
      push('regex', start, end, value);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const start = i;
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      }
      if (/[eE]/.test(text[i] ?? '') && /[0-9+-]/.test(text[i + 1] ?? '')) {
        i += 2;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      }
      if (/[A-Za-z]/.test(text[i] ?? '')) {
        // 5m, 1h, 30sec: a duration, as bin() and datefloor() take.
        while (i < text.length && /[A-Za-z]/.test(text[i]!)) i++;
        push('duration', start, i);
      } else {
        push('number', start, i);
      }
    } else if (IDENT_START.test(c)) {
      const start = i;
      i++;
      while (i < text.length && (IDENT_PART.test(text[i]!) || (text[i] === '.' && IDENT_PART.test(text[i + 1] ?? ''))))
        i++;
      push('ident', start, i);
    } else {
      const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
      if (op === undefined) throw new LogsSyntaxError(`unexpected character "${c}"`, i);
      push('op', i, (i += op.length));
    }
  }
  tokens.push({ type: 'eof', text: '', value: '', start: text.length, end: text.length });
  return tokens;
}

/** list[0].name, map.(a name in backticks): a dot right after a field or index, before a name. */
function accessesMember(tokens: readonly Token[], at: number, following: string): boolean {
  const previous = tokens.at(-1);
  return (
    previous !== undefined &&
    previous.end === at &&
    ['ident', 'backtick', 'rbracket'].includes(previous.type) &&
    (IDENT_START.test(following) || following === '`')
  );
}

const WORDS_BEFORE_OPERAND = new Set([
  'like',
  'not',
  'and',
  'or',
  'in',
  'by',
  'as',
  'filter',
  'fields',
  'display',
  'stats',
  'sort',
  'dedup',
]);

/** Whether a `/` here opens a regex rather than dividing: after an operator or keyword, or as parse's pattern. */
function opensRegex(tokens: readonly Token[]): boolean {
  const previous = tokens.at(-1);
  if (previous === undefined || !OPERAND_END.has(previous.type)) return true;
  if (previous.type === 'ident' && WORDS_BEFORE_OPERAND.has(previous.text.toLowerCase())) return true;
  // `parse <field> /regex/`: the pattern follows the source field of a parse command.
  const command = tokens.at(-2);
  const beforeCommand = tokens.at(-3);
  return (
    command?.type === 'ident' &&
    command.text.toLowerCase() === 'parse' &&
    (beforeCommand === undefined || beforeCommand.type === 'pipe')
  );
}

/** Reads a delimited literal from `start`; backslash escapes the next character. */
function quoted(text: string, start: number, delimiter: string, what: string): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      // Regexes keep their escapes (\d, \S); strings decode them.
      value += delimiter === '/' ? c + text[i + 1]! : text[i + 1]!;
      i += 2;
    } else if (c === delimiter) {
      return [value, i + 1];
    } else if (c === '\n' && delimiter !== '/') {
      break;
    } else {
      value += c;
      i++;
    }
  }
  throw new LogsSyntaxError(`unclosed ${what}: the ${delimiter} opened here is never closed`, start);
}
