import type { BinaryOp, Command, Expr, LogsQuery, Named, SortKey, Span } from './ast.ts';
import { BIN_UNITS, logsFunction, logsFunctionNames } from './functions.ts';
import { LogsSyntaxError, tokenize, type Token } from './lexer.ts';
import { closest } from '../text/closest.ts';
import { textSpan } from '../finding.ts';

export interface LogsSyntaxProblem {
  readonly message: string;
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
}

export type LogsParseResult =
  { readonly ok: true; readonly query: LogsQuery } | { readonly ok: false; readonly error: LogsSyntaxProblem };

const COMMANDS = [
  'fields',
  'display',
  'filter',
  'stats',
  'sort',
  'limit',
  'parse',
  'dedup',
  'unmask',
  'pattern',
  'diff',
  'filterindex',
  'source',
  'unnest',
  'anomaly',
  'addtotals',
  'join',
  'lookup',
] as const;
/** addtotals' options (AWS reference, CWL_QuerySyntax-Addtotals): fieldname=Name, row=bool, col=bool. */
const ADDTOTALS_OPTIONS = ['fieldname', 'row', 'col'];
/** The selectors `SOURCE logGroups(…)` takes, each a list of strings (AWS reference, CWL_QuerySyntax-Source). */
const SOURCE_SELECTORS = ['namePrefix', 'accountIdentifiers', 'class', 'logGroupClass'];
const DIFF_PERIODS = ['previousDay', 'previousWeek', 'previousMonth'];
/** Words that end an expression, so a field with one of these names needs backticks. */
const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);

/**
 * Parses a Logs Insights query. Keywords and command names are case-insensitive, as the service
 * reads them; the first syntax error is reported with its line and column.
 */
export function parseLogsInsights(text: string): LogsParseResult {
  try {
    return { ok: true, query: new Parser(text).query() };
  } catch (error) {
    if (!(error instanceof LogsSyntaxError)) throw error;
    const { line, column } = textSpan(text, error.offset);
    return { ok: false, error: { message: error.message, offset: error.offset, line, column } };
  }
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private inFilter = false;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  query(): LogsQuery {
    if (this.peek().type === 'eof') throw new LogsSyntaxError('empty query', 0);
    const commands = this.pipeline();
    const rest = this.peek();
    if (rest.type !== 'eof') throw this.unexpected(rest, 'expected | or the end of the query');
    return { text: this.text, commands };
  }

  /** Commands separated by |, up to whatever follows the last one (the end, or a subquery's `)`). */
  private pipeline(): Command[] {
    const commands: Command[] = [this.command()];
    while (this.peek().type === 'pipe') {
      this.next();
      commands.push(this.command());
    }
    const misplaced = commands.slice(1).find((command) => command.command === 'source');
    if (misplaced !== undefined)
      throw new LogsSyntaxError('SOURCE selects the log groups and comes first in a query', misplaced.start);
    return commands;
  }

  /**
   * `( [SOURCE '<log group>' |] <command> | … )` after `in` (AWS reference, CWL_QuerySyntax-Subqueries);
   * the opening parenthesis is already read.
   */
  private subquery(open: Token): Expr {
    let source: string | undefined;
    if (this.peek().type === 'ident' && this.peek().text.toLowerCase() === 'source' && this.peek(1).type === 'string') {
      this.next();
      source = this.next().value;
      if (this.peek().type !== 'pipe')
        throw this.unexpected(this.peek(), "a subquery's SOURCE is followed by | and its commands");
      this.next();
    }
    // The nested query's own commands decide where its subqueries may be.
    const before = this.inFilter;
    this.inFilter = false;
    const commands = this.pipeline();
    this.inFilter = before;
    const close = this.expect('rparen', 'expected | or ) to close the subquery');
    return { kind: 'subquery', source, commands, start: open.start, end: close.end };
  }

  /** Parses with `in ( subquery )` allowed: the reference defines subqueries in filter only. */
  private subqueriesAllowed<T>(parse: () => T): T {
    const before = this.inFilter;
    this.inFilter = true;
    try {
      return parse();
    } finally {
      this.inFilter = before;
    }
  }

  private command(): Command {
    const token = this.next();
    const name = token.type === 'ident' ? COMMANDS.find((c) => c === token.text.toLowerCase()) : undefined;
    if (name === undefined) throw this.unexpected(token, `expected a command (${COMMANDS.join(', ')})`);
    const start = token.start;
    const done = <T extends object>(body: T): T & Span => {
      const command = { ...body, start, end: this.tokens[this.i - 1]!.end };
      rejectMisplacedAggregates(command as unknown as Command);
      return command;
    };
    switch (name) {
      case 'fields':
      case 'display':
        return done({ command: name, items: this.list(() => this.named()) });
      case 'filter':
        return done({ command: name, condition: this.subqueriesAllowed(() => this.expr()) });
      case 'stats': {
        const aggregates = this.list(() => this.named());
        const by = this.keyword('by') ? this.list(() => this.named()) : [];
        return done({ command: name, aggregates, by });
      }
      case 'sort':
        return done({ command: name, keys: this.list(() => this.sortKey()) });
      case 'limit': {
        const count = this.next();
        if (count.type !== 'number' || !/^\d+$/.test(count.text))
          throw this.unexpected(count, 'limit takes a whole number');
        return done({ command: name, count: Number(count.text) });
      }
      case 'parse': {
        const source = this.primary();
        const pattern = this.next();
        if (pattern.type !== 'string' && pattern.type !== 'regex')
          throw this.unexpected(pattern, 'parse takes a "glob * pattern" or a /regex/ after the field');
        const patternExpr: Extract<Expr, { kind: 'string' | 'regex' }> =
          pattern.type === 'string'
            ? {
                kind: 'string',
                value: pattern.value,
                quote: pattern.text[0] === "'" ? "'" : '"',
                start: pattern.start,
                end: pattern.end,
              }
            : { kind: 'regex', source: pattern.value, start: pattern.start, end: pattern.end };
        const aliases = this.keyword('as') ? this.list(() => this.alias()) : [];
        return done({ command: name, source, pattern: patternExpr, aliases });
      }
      case 'dedup':
        return done({ command: name, fields: this.list(() => this.expr()) });
      case 'addtotals':
        return done({ command: name, ...this.addtotals() });
      case 'join':
        return done({ command: name, ...this.join() });
      case 'lookup':
        return done({ command: name, ...this.lookup() });
      case 'unmask':
      case 'pattern':
        return done({ command: name, field: this.expr() });
      case 'filterindex':
        // Same condition grammar as filter; the service uses it to pick log groups by field index.
        return done({ command: 'filterIndex', condition: this.expr() });
      case 'source':
        return done({ command: 'source', selectors: this.logGroups() });
      case 'unnest': {
        const field = this.primary();
        if (!this.keyword('into')) throw this.unexpected(this.peek(), 'unnest takes a field, then into <name>');
        return done({ command: name, field, into: this.alias() });
      }
      case 'anomaly':
        return done({ command: name });
      case 'diff': {
        const next = this.peek();
        const period =
          next.type === 'ident' ? DIFF_PERIODS.find((p) => p.toLowerCase() === next.text.toLowerCase()) : undefined;
        if (period !== undefined) this.next();
        return done({ command: name, period });
      }
    }
  }

  /** `logGroups(selector: ['a', 'b'], …)`, the argument of SOURCE. */
  private logGroups(): { readonly name: string; readonly values: readonly string[] }[] {
    const head = this.next();
    if (head.type !== 'ident' || head.text !== 'logGroups') throw this.unexpected(head, 'SOURCE takes logGroups(…)');
    this.expect('lparen', 'logGroups(');
    const selectors: { name: string; values: string[] }[] = [];
    while (this.peek().type !== 'rparen') {
      if (selectors.length > 0) this.expect('comma', 'a comma between selectors');
      const key = this.next();
      const name = key.type === 'ident' ? SOURCE_SELECTORS.find((s) => s === key.text) : undefined;
      if (name === undefined) throw this.unexpected(key, `a logGroups selector (${SOURCE_SELECTORS.join(', ')})`);
      this.expect('colon', `${name}:`);
      const list = this.primary();
      if (list.kind !== 'list' || list.items.some((item) => item.kind !== 'string'))
        throw new LogsSyntaxError(`${name} takes a list of strings: ${name}: ['…']`, list.start);
      selectors.push({ name, values: list.items.map((item) => (item.kind === 'string' ? item.value : '')) });
    }
    this.next();
    return selectors;
  }

  private named(): Named {
    const expr = this.expr();
    const alias = this.keyword('as') ? this.alias() : undefined;
    return { expr, alias, start: expr.start, end: alias?.end ?? expr.end };
  }

  private alias(): Span & { name: string } {
    const token = this.next();
    if (token.type === 'backtick') return { name: token.value, start: token.start, end: token.end };
    if (token.type !== 'ident' || KEYWORDS.has(token.text.toLowerCase()))
      throw this.unexpected(token, 'expected a name after as');
    return { name: token.text, start: token.start, end: token.end };
  }

  private sortKey(): SortKey {
    const expr = this.expr();
    const next = this.peek();
    const order =
      next.type === 'ident' && /^(asc|desc)$/i.test(next.text)
        ? (this.next().text.toLowerCase() as 'asc' | 'desc')
        : undefined;
    return { expr, order, start: expr.start, end: order === undefined ? expr.end : next.end };
  }

  /** `[fieldname=Name] [row=bool] [col=bool] [field, …]`: options first, then the fields to sum (default all). */
  private addtotals(): { totalField: string | undefined; fields: readonly Expr[] } {
    let totalField: string | undefined = 'Total';
    while (this.peek().type === 'ident' && this.peek(1).type === 'op' && this.peek(1).text === '=') {
      const option = this.next();
      const key = option.text.toLowerCase();
      if (!ADDTOTALS_OPTIONS.includes(key))
        throw this.unexpected(option, `an addtotals option (${ADDTOTALS_OPTIONS.join(', ')})`);
      this.next();
      const value = this.next();
      if (key === 'fieldname') {
        if (value.type !== 'ident' && value.type !== 'backtick') throw this.unexpected(value, 'a field name');
        totalField = value.value;
      } else if (value.type !== 'ident' || !['true', 'false'].includes(value.text.toLowerCase())) {
        throw this.unexpected(value, `${key}=true or ${key}=false`);
      } else if (key === 'row' && value.text.toLowerCase() === 'false') {
        totalField = undefined;
      }
    }
    const atEnd = this.peek().type === 'pipe' || this.peek().type === 'eof';
    return { totalField, fields: atEnd ? [] : this.list(() => this.expr()) };
  }

  /**
   * `join [type=inner|left] left=<alias> right=<alias> where <left>.<field>=<right>.<field> [and …]
   * (SOURCE '<log group>')` (AWS reference, CWL_QuerySyntax-Join).
   */
  private join(): {
    type: 'inner' | 'left';
    left: string;
    right: string;
    keys: readonly (readonly [string, string])[];
    source: string;
  } {
    const options = new Map<string, string>();
    while (this.peek().type === 'ident' && this.peek(1).type === 'op' && this.peek(1).text === '=') {
      const option = this.next();
      const key = option.text.toLowerCase();
      if (!['type', 'left', 'right'].includes(key) || options.has(key))
        throw this.unexpected(option, 'a join option (type, left, right), each once');
      this.next();
      const value = this.next();
      if (value.type !== 'ident') throw this.unexpected(value, `a name after ${key}=`);
      if (key === 'type' && !['inner', 'left'].includes(value.text.toLowerCase()))
        throw this.unexpected(value, 'type=inner or type=left');
      options.set(key, key === 'type' ? value.text.toLowerCase() : value.text);
    }
    const left = options.get('left');
    const right = options.get('right');
    if (left === undefined || right === undefined)
      throw this.unexpected(this.peek(), 'join names both sides: left=<alias> right=<alias>');
    if (!this.keyword('where')) throw this.unexpected(this.peek(), 'join … where <left>.<field>=<right>.<field>');
    const keys: [string, string][] = [];
    do {
      const a = this.next();
      const eq = this.next();
      const b = this.next();
      const side = (t: Token, alias: string) => t.type === 'ident' && t.text.startsWith(`${alias}.`);
      if (
        eq.type !== 'op' ||
        eq.text !== '=' ||
        !(side(a, left) || side(a, right)) ||
        !(side(b, left) || side(b, right))
      )
        throw this.unexpected(a, `a join key: ${left}.<field>=${right}.<field>`);
      keys.push([a.text, b.text]);
    } while (this.keyword('and'));
    this.expect('lparen', "(SOURCE '<log group>')");
    const source = this.next();
    if (source.type !== 'ident' || source.text.toLowerCase() !== 'source')
      throw this.unexpected(source, "(SOURCE '<log group>')");
    const group = this.next();
    if (group.type !== 'string') throw this.unexpected(group, 'the log group to join, as a string');
    this.expect('rparen', ')');
    return { type: (options.get('type') ?? 'inner') as 'inner' | 'left', left, right, keys, source: group.value };
  }

  /**
   * `lookup <table> <table field> as <log field> [, …] OUTPUT <table field> [, …]`
   * (AWS reference, CWL_QuerySyntax-Lookup; OUTPUT is the one output mode it defines).
   */
  private lookup(): {
    table: string;
    matches: { tableField: string; logField: Expr }[];
    outputs: (Span & { name: string })[];
  } {
    const table = this.tableName();
    const matches = this.list(() => {
      const tableField = this.alias();
      if (!this.keyword('as')) throw this.unexpected(this.peek(), `as <the log field that ${tableField.name} matches>`);
      return { tableField: tableField.name, logField: this.primary() };
    });
    if (!this.keyword('output')) throw this.unexpected(this.peek(), 'OUTPUT <table field>, … after the matched fields');
    const outputs = this.list(() => this.alias());
    return { table, matches, outputs };
  }

  /** A lookup table's name: letters, digits, - and _, which the lexer splits at each -. */
  private tableName(): string {
    const first = this.next();
    let end = first.end;
    while (this.peek().start === end && ['ident', 'number', 'op'].includes(this.peek().type)) end = this.next().end;
    const name = this.text.slice(first.start, end);
    if (first.type !== 'ident' || !/^[A-Za-z0-9_-]+$/.test(name))
      throw this.unexpected(first, "lookup takes the lookup table's name (letters, digits, - and _)");
    return name;
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.peek().type === 'comma') {
      this.next();
      items.push(item());
    }
    return items;
  }

  // Precedence, lowest first: or, and, not, comparison/like/in, + -, * / %, ^, unary minus.
  private expr(): Expr {
    let left = this.and();
    while (this.keyword('or')) left = binary('or', left, this.and());
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.keyword('and')) left = binary('and', left, this.not());
    return left;
  }

  private not(): Expr {
    const token = this.peek();
    if (this.keyword('not')) {
      const operand = this.not();
      return { kind: 'unary', op: 'not', operand, start: token.start, end: operand.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    if (token.type === 'op' && ['=', '!=', '<', '<=', '>', '>=', '=~'].includes(token.text)) {
      this.next();
      const right = this.additive();
      if (token.text === '=~' && right.kind !== 'regex' && right.kind !== 'string')
        throw new LogsSyntaxError('=~ takes a /regex/ or a "string" on its right', right.start);
      return binary(token.text as BinaryOp, left, right);
    }
    const negated =
      token.type === 'ident' &&
      token.text.toLowerCase() === 'not' &&
      /^(like|in)$/i.test(this.peek(1).text) &&
      this.peek(1).type === 'ident';
    if (negated) this.next();
    if (this.keyword('like')) {
      const pattern = this.primary();
      if (pattern.kind !== 'string' && pattern.kind !== 'regex' && pattern.kind !== 'placeholder')
        throw new LogsSyntaxError('like takes a "string" or a /regex/', pattern.start);
      return { kind: 'like', negated, subject: left, pattern, start: left.start, end: pattern.end };
    }
    if (this.keyword('in')) {
      // `in (` opens a subquery: a parenthesised value is not a list.
      const opens = this.peek().type === 'lparen';
      if (opens && !this.inFilter)
        throw new LogsSyntaxError('a ( subquery ) is allowed only in filter', this.peek().start);
      const list = opens ? this.subquery(this.next()) : this.primary();
      if (list.kind !== 'list' && list.kind !== 'placeholder' && list.kind !== 'subquery')
        throw new LogsSyntaxError('in takes a [list, of, values] or a ( subquery )', list.start);
      return { kind: 'in', negated, subject: left, list, start: left.start, end: list.end };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.peek(); t.type === 'op' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.next();
      left = binary(t.text as BinaryOp, left, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.power();
    for (
      let t = this.peek();
      t.type === 'op' && (t.text === '*' || t.text === '/' || t.text === '%');
      t = this.peek()
    ) {
      this.next();
      left = binary(t.text as BinaryOp, left, this.power());
    }
    return left;
  }

  private power(): Expr {
    const left = this.unary();
    const t = this.peek();
    if (t.type === 'op' && t.text === '^') {
      this.next();
      return binary('^', left, this.power());
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.type === 'op' && t.text === '-') {
      this.next();
      const operand = this.unary();
      return { kind: 'unary', op: '-', operand, start: t.start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: Number(t.text), text: t.text, start: t.start, end: t.end };
      case 'duration': {
        const [, amount, unit] = /^([0-9.]+)([A-Za-z]+)$/.exec(t.text) ?? [];
        if (amount === undefined || unit === undefined || !BIN_UNITS.has(unit.toLowerCase()))
          throw new LogsSyntaxError(
            `unknown time unit in ${t.text}; use ms, s, m, h, d, w, mo, q or y (or sec, min, hr, …)`,
            t.start,
          );
        return { kind: 'duration', amount: Number(amount), unit, text: t.text, start: t.start, end: t.end };
      }
      case 'string':
        return { kind: 'string', value: t.value, quote: t.text[0] === "'" ? "'" : '"', start: t.start, end: t.end };
      case 'regex':
        return { kind: 'regex', source: t.value, start: t.start, end: t.end };
      case 'placeholder':
        return { kind: 'placeholder', name: t.value, start: t.start, end: t.end };
      case 'backtick':
        return this.members({ kind: 'field', name: t.value, start: t.start, end: t.end });
      case 'lparen': {
        const inner = this.expr();
        this.expect('rparen', 'expected )');
        return inner;
      }
      case 'lbracket': {
        const items = this.peek().type === 'rbracket' ? [] : this.list(() => this.expr());
        const close = this.expect('rbracket', 'expected ] to close the list');
        return { kind: 'list', items, start: t.start, end: close.end };
      }
      case 'ident': {
        if (KEYWORDS.has(t.text.toLowerCase())) throw this.unexpected(t, 'expected a field, value or function');
        if (this.peek().type === 'lparen') return this.call(t);
        return this.members({ kind: 'field', name: t.text, start: t.start, end: t.end });
      }
      default:
        throw this.unexpected(t, 'expected a field, value or function');
    }
  }

  /** Structure access written right after a field: .name, a name in backticks, [index] (CWL_QuerySyntax-structure-types). */
  private members(object: Expr): Expr {
    let expr = object;
    for (let t = this.peek(); t.start === expr.end && (t.type === 'dot' || t.type === 'lbracket'); t = this.peek()) {
      this.next();
      if (t.type === 'dot') {
        const key = this.next();
        if (key.type !== 'ident' && key.type !== 'backtick') throw this.unexpected(key, 'a name after .');
        expr = { kind: 'member', object: expr, key: key.value, start: expr.start, end: key.end };
      } else {
        const index = this.expr();
        const close = this.expect('rbracket', 'expected ] after the index');
        expr = { kind: 'member', object: expr, key: index, start: expr.start, end: close.end };
      }
    }
    return expr;
  }

  private call(name: Token): Expr {
    this.next();
    const fn = logsFunction(name.text);
    if (fn === undefined) throw new LogsSyntaxError(`unknown function ${name.text}()${suggest(name.text)}`, name.start);
    let star = false;
    let args: Expr[] = [];
    const t = this.peek();
    if (t.type === 'op' && t.text === '*' && this.peek(1).type === 'rparen') {
      this.next();
      star = true;
    } else if (t.type !== 'rparen') {
      args = this.list(() => this.expr());
    }
    const close = this.expect('rparen', `expected ) to close ${fn.name}(`);
    const count = args.length + (star ? 1 : 0);
    if (count < fn.minArgs || count > fn.maxArgs) {
      const wanted =
        fn.minArgs === fn.maxArgs
          ? `${fn.minArgs}`
          : fn.maxArgs === Number.POSITIVE_INFINITY
            ? `at least ${fn.minArgs}`
            : `${fn.minArgs} to ${fn.maxArgs}`;
      throw new LogsSyntaxError(
        `${fn.name}() takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${count}`,
        name.start,
      );
    }
    return { kind: 'call', name: fn.name, args, star, start: name.start, end: close.end };
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t.type === 'ident' && t.text.toLowerCase() === word) {
      this.next();
      return true;
    }
    return false;
  }

  private expect(type: Token['type'], message: string): Token {
    const t = this.next();
    if (t.type !== type) throw this.unexpected(t, message);
    return t;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private unexpected(t: Token, expected: string): LogsSyntaxError {
    return new LogsSyntaxError(
      `${t.type === 'eof' ? 'unexpected end of query' : `unexpected "${t.text}"`}: ${expected}`,
      t.start,
    );
  }
}

/** Aggregations belong to stats' aggregate list; elsewhere the service rejects the query. */
function rejectMisplacedAggregates(command: Command): void {
  const outside: Expr[] =
    command.command === 'stats'
      ? command.by.map((b) => b.expr)
      : command.command === 'fields' || command.command === 'display'
        ? command.items.map((item) => item.expr)
        : command.command === 'filter' || command.command === 'filterIndex'
          ? [command.condition]
          : command.command === 'sort'
            ? command.keys.map((key) => key.expr)
            : command.command === 'dedup'
              ? [...command.fields]
              : command.command === 'unmask' || command.command === 'pattern' || command.command === 'unnest'
                ? [command.field]
                : command.command === 'parse'
                  ? [command.source]
                  : [];
  for (const expr of outside) {
    const call = findAggregate(expr);
    if (call !== undefined) {
      const where = command.command === 'stats' ? 'a stats by clause' : command.command;
      throw new LogsSyntaxError(
        `${call.name}() is an aggregation and cannot be used in ${where}; compute it in stats with a name (stats ${call.name}(…) as n) and use the name`,
        call.start,
      );
    }
  }
}

function findAggregate(expr: Expr): (Expr & { kind: 'call' }) | undefined {
  switch (expr.kind) {
    case 'call':
      return logsFunction(expr.name)?.aggregate === true
        ? expr
        : expr.args.map(findAggregate).find((found) => found !== undefined);
    case 'binary':
      return findAggregate(expr.left) ?? findAggregate(expr.right);
    case 'unary':
      return findAggregate(expr.operand);
    case 'like':
      return findAggregate(expr.subject);
    case 'in':
      return findAggregate(expr.subject);
    case 'list':
      return expr.items.map(findAggregate).find((found) => found !== undefined);
    case 'member':
      return findAggregate(expr.object) ?? (typeof expr.key === 'string' ? undefined : findAggregate(expr.key));
    // A subquery's own commands were checked when it was parsed.
    default:
      return undefined;
  }
}

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, start: left.start, end: right.end };
}

function suggest(name: string): string {
  const names = logsFunctionNames();
  const match = closest(
    name.toLowerCase(),
    names.map((n) => n.toLowerCase()),
  );
  return match === undefined ? '' : `; did you mean ${names.find((n) => n.toLowerCase() === match)}()?`;
}
