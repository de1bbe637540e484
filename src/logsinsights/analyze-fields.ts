import { fieldSource, type Command, type Expr, type LogsQuery } from './ast.ts';
import { logsFunction, type LogValueType } from './functions.ts';
import { CLOUDWATCH_SYSTEM_FIELDS, type LogFieldSpec } from '../model/log-schema.ts';
import { closest } from '../text/closest.ts';

export interface FieldProblem {
  readonly rule: 'cloudwatch/unknown-field' | 'cloudwatch/field-type' | 'cloudwatch/parse-aliases';
  readonly message: string;
  readonly offset: number;
  readonly hint: string;
}

/** What the query may refer to at one point of the pipeline, and what type each name has. */
type Scope = Map<string, LogValueType>;

/**
 * Follows the query through its commands: `parse`, `fields … as`, `display … as` and `stats … as`
 * create fields downstream, and `stats` replaces the scope with its output. Without a schema
 * (third-party queries) only the checks that need none run (parse aliases).
 */
export function analyzeFields(query: LogsQuery, schema: ReadonlyMap<string, LogFieldSpec> | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const objects = new Set<string>();
  for (const path of schema?.keys() ?? []) {
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i++) objects.add(parts.slice(0, i).join('.'));
  }
  const run = (commands: readonly Command[], start: Scope | undefined): void => {
    const typeOf = (expr: Expr, current: Scope | undefined): LogValueType =>
      inferType(expr, current, objects, problems, (subquery) => {
        // A subquery over another log group (SOURCE) reads fields no schema here describes.
        const elsewhere = subquery.source !== undefined || subquery.commands.some((c) => c.command === 'source');
        run(subquery.commands, elsewhere || schema === undefined ? undefined : initialScope(schema));
      });
    let scope = start;
    for (const command of commands) scope = applyCommand(command, scope, typeOf, problems);
  };
  run(query.commands, schema === undefined ? undefined : initialScope(schema));
  return problems;
}

function initialScope(schema: ReadonlyMap<string, LogFieldSpec>): Scope {
  const scope: Scope = new Map();
  for (const [name, spec] of CLOUDWATCH_SYSTEM_FIELDS) scope.set(name, spec.type);
  for (const [name, spec] of schema) scope.set(name, spec.type);
  return scope;
}

function applyCommand(
  command: Command,
  scope: Scope | undefined,
  typeOf: (expr: Expr, scope: Scope | undefined) => LogValueType,
  problems: FieldProblem[],
): Scope | undefined {
  switch (command.command) {
    case 'fields':
    case 'display': {
      const next = scope === undefined ? undefined : new Map(scope);
      for (const item of command.items) {
        const type = typeOf(item.expr, scope);
        if (next !== undefined && item.alias !== undefined) next.set(item.alias.name, type);
      }
      return next;
    }
    case 'filter':
    case 'filterIndex':
      typeOf(command.condition, scope);
      return scope;
    case 'stats': {
      // A stats command may use the names its earlier aggregates define (a - b as diff).
      const local = scope === undefined ? undefined : new Map(scope);
      const output: Scope = new Map();
      for (const group of command.by) {
        const type = typeOf(group.expr, scope);
        output.set(group.alias?.name ?? (group.expr.kind === 'field' ? group.expr.name : exprText(group.expr)), type);
      }
      for (const aggregate of command.aggregates) {
        const type = typeOf(aggregate.expr, local);
        const name = aggregate.alias?.name ?? exprText(aggregate.expr);
        local?.set(name, type);
        output.set(name, type);
      }
      return scope === undefined ? undefined : output;
    }
    case 'sort':
      for (const key of command.keys) typeOf(key.expr, scope);
      return scope;
    case 'limit':
    case 'diff':
    case 'source':
    case 'anomaly':
      return scope;
    case 'unnest': {
      typeOf(command.field, scope);
      // Each record holds one item of the list, of a type only the data knows.
      const next = scope === undefined ? undefined : new Map(scope);
      next?.set(command.into.name, 'unknown');
      return next;
    }
    case 'dedup':
      for (const field of command.fields) typeOf(field, scope);
      return scope;
    case 'join': {
      // The left side's fields are its own under <left>.; the joined log group's are not in any
      // schema obsgen holds, so from here on fields are not checked.
      for (const [a, b] of command.keys) {
        const own = [a, b].find((key) => key.startsWith(`${command.left}.`));
        if (own !== undefined)
          typeOf(
            { kind: 'field', name: own.slice(command.left.length + 1), start: command.start, end: command.end },
            scope,
          );
      }
      return undefined;
    }
    case 'lookup': {
      for (const match of command.matches) typeOf(match.logField, scope);
      // The table's columns are CSV text, converted on use like parsed fields.
      const next = scope === undefined ? undefined : new Map(scope);
      for (const output of command.outputs) next?.set(output.name, 'unknown');
      return next;
    }
    case 'addtotals': {
      for (const field of command.fields) typeOf(field, scope);
      if (scope === undefined || command.totalField === undefined) return scope;
      return new Map(scope).set(command.totalField, 'number');
    }
    case 'unmask':
    case 'pattern':
      typeOf(command.field, scope);
      return scope;
    case 'parse': {
      typeOf(command.source, scope);
      const next = scope === undefined ? undefined : new Map(scope);
      if (command.pattern.kind === 'string') {
        const stars = (command.pattern.value.match(/\*/g) ?? []).length;
        if (stars !== command.aliases.length) {
          problems.push({
            rule: 'cloudwatch/parse-aliases',
            message: `parse pattern has ${stars} * but ${command.aliases.length} name${command.aliases.length === 1 ? '' : 's'} after as`,
            offset: command.pattern.start,
            hint: 'Give one name per * in the order they appear; each * captures one field.',
          });
        }
        // Parsed values are text that Logs Insights converts on use, so they are not typed.
        for (const alias of command.aliases) next?.set(alias.name, 'unknown');
      } else {
        const groups = [...command.pattern.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
        if (command.aliases.length > 0) {
          problems.push({
            rule: 'cloudwatch/parse-aliases',
            message: 'parse with a /regex/ names its fields with (?<name>…) groups; names after as are not used',
            offset: command.aliases[0]!.start,
            hint: 'Remove the as list and name each capture group (?<name>…).',
          });
        } else if (groups.length === 0) {
          problems.push({
            rule: 'cloudwatch/parse-aliases',
            message: 'parse /regex/ has no named capture group, so it creates no field',
            offset: command.pattern.start,
            hint: 'Name each capture group: /latency=(?<latency>\\d+)/.',
          });
        }
        for (const group of groups) next?.set(group, 'unknown');
      }
      return next;
    }
  }
}

function inferType(
  expr: Expr,
  scope: Scope | undefined,
  objects: ReadonlySet<string>,
  problems: FieldProblem[],
  subquery: (expr: Extract<Expr, { kind: 'subquery' }>) => void,
): LogValueType {
  const recurse = (e: Expr): LogValueType => inferType(e, scope, objects, problems, subquery);
  switch (expr.kind) {
    case 'field': {
      if (scope === undefined) return 'unknown';
      const type = scope.get(expr.name);
      if (type !== undefined) return type;
      // A JSON object (request) is a field too: ispresent(request) is valid.
      if (objects.has(expr.name)) return 'unknown';
      // j.status_code of a value made in the query (jsonParse, unnest): a shape only the data knows.
      if (madeStructure(expr.name, scope)) return 'unknown';
      problems.push({
        rule: 'cloudwatch/unknown-field',
        message: `field ${expr.name} is not in the log schema or created earlier in the query`,
        offset: expr.start,
        hint: suggestField(expr.name, scope),
      });
      return 'unknown';
    }
    case 'number':
      return 'number';
    case 'string':
    case 'regex':
      return 'string';
    case 'duration':
    case 'placeholder':
    case 'list':
      if (expr.kind === 'list') expr.items.forEach(recurse);
      return 'unknown';
    case 'call': {
      const fn = logsFunction(expr.name);
      const types = expr.args.map(recurse);
      for (const index of fn?.numericArgs ?? []) {
        const arg = expr.args[index];
        const type = types[index];
        // Booleans count as 1 and 0 (sum(ispresent(x)) is a common idiom); only text is wrong.
        if (arg !== undefined && type === 'string') {
          problems.push({
            rule: 'cloudwatch/field-type',
            message: `${expr.name}() needs a number, but ${exprText(arg)} is a ${type}`,
            offset: arg.start,
            hint: 'Aggregate or compute on a numeric field, or parse the number out of the text first.',
          });
        }
      }
      if ((expr.name === 'min' || expr.name === 'max') && types[0] === 'string') {
        problems.push({
          rule: 'cloudwatch/field-type',
          message: `${expr.name}() needs a number or timestamp, but ${exprText(expr.args[0]!)} is a ${types[0]}`,
          offset: expr.args[0]!.start,
          hint: 'Use a numeric or timestamp field.',
        });
      }
      return fn?.returns ?? 'unknown';
    }
    case 'binary': {
      const left = recurse(expr.left);
      const right = recurse(expr.right);
      if (expr.op === 'and' || expr.op === 'or') return 'boolean';
      const ordering = ['<', '<=', '>', '>='].includes(expr.op);
      const arithmetic = ['+', '-', '*', '/', '%', '^'].includes(expr.op);
      if (ordering || arithmetic) {
        for (const [side, type] of [
          [expr.left, left],
          [expr.right, right],
        ] as const) {
          if (type === 'string') {
            // Timestamps order against each other and against dates as text; only non-numbers are wrong.
            if (ordering && (left === 'timestamp' || right === 'timestamp')) continue;
            problems.push({
              rule: 'cloudwatch/field-type',
              message: `${ordering ? 'numeric comparison' : 'arithmetic'} ${expr.op} on ${exprText(side)}, which is a ${type}`,
              offset: side.start,
              hint: 'Compare numbers with numeric fields; for text use = , like or in.',
            });
          }
        }
        return arithmetic ? 'number' : 'boolean';
      }
      return 'boolean';
    }
    case 'unary':
      return expr.op === 'not' ? (recurse(expr.operand), 'boolean') : recurse(expr.operand);
    case 'like':
      recurse(expr.subject);
      recurse(expr.pattern);
      return 'boolean';
    case 'in':
      recurse(expr.subject);
      recurse(expr.list);
      return 'boolean';
    case 'subquery':
      subquery(expr);
      return 'unknown';
    case 'member':
      recurse(expr.object);
      if (typeof expr.key !== 'string') recurse(expr.key);
      return 'unknown';
  }
}

/** Whether a dotted name reads into a field of unknown type that the query created (or a JSON value). */
function madeStructure(name: string, scope: Scope): boolean {
  const parts = name.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const type = scope.get(parts.slice(0, i).join('.'));
    if (type !== undefined) return type === 'unknown';
  }
  return false;
}

/** The text Logs Insights names an unaliased expression by, e.g. `count(*)`, `bin(5m)`. */
function exprText(expr: Expr): string {
  switch (expr.kind) {
    case 'field':
      return fieldSource(expr.name);
    case 'number':
    case 'duration':
      return expr.text;
    case 'string':
      return `${expr.quote}${expr.value}${expr.quote}`;
    case 'regex':
      return `/${expr.source}/`;
    case 'placeholder':
      return `{{${expr.name}}}`;
    case 'list':
      return `[${expr.items.map(exprText).join(', ')}]`;
    case 'call':
      return `${expr.name}(${expr.star ? '*' : expr.args.map(exprText).join(', ')})`;
    case 'binary':
      return `${exprText(expr.left)} ${expr.op} ${exprText(expr.right)}`;
    case 'unary':
      return expr.op === 'not' ? `not ${exprText(expr.operand)}` : `-${exprText(expr.operand)}`;
    case 'like':
      return `${exprText(expr.subject)} ${expr.negated ? 'not like' : 'like'} ${exprText(expr.pattern)}`;
    case 'in':
      return `${exprText(expr.subject)} ${expr.negated ? 'not in' : 'in'} ${exprText(expr.list)}`;
    case 'subquery':
      return '( … )';
    case 'member':
      return typeof expr.key === 'string'
        ? `${exprText(expr.object)}.${fieldSource(expr.key)}`
        : `${exprText(expr.object)}[${exprText(expr.key)}]`;
  }
}

function suggestField(name: string, scope: Scope): string {
  const lower = name.toLowerCase();
  const candidates = [...scope.keys()];
  const close =
    candidates.find((c) => c.toLowerCase() === lower) ??
    candidates.find((c) => c.toLowerCase().endsWith(`.${lower}`)) ??
    closest(name, candidates);
  return close === undefined
    ? 'Declare the field in the log schema, or create it earlier with parse or as.'
    : `Did you mean ${close}? Field names are case-sensitive.`;
}
