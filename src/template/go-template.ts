/**
 * Go text/template, as Prometheus uses it for alert labels and annotations: a parser for the
 * whole syntax (to report errors and the `$labels.x` references) and an evaluator for the
 * subset alert annotations use (pipelines, if/else, comparison and humanize functions).
 */
import { boundedMemo } from '../bounded-memo.ts';

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export type Operand =
  | { readonly kind: 'field'; readonly root: string; readonly path: readonly string[]; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'identifier'; readonly name: string; readonly offset: number }
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline };

/** `operand operand …`: a function call when the first operand is an identifier. */
export interface Command {
  readonly operands: readonly Operand[];
}

export interface Pipeline {
  readonly declare: string | undefined;
  readonly commands: readonly Command[];
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pipeline: Pipeline }
  | {
      readonly kind: 'if' | 'with' | 'range';
      readonly pipeline: Pipeline;
      readonly then: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[];
    }
  | { readonly kind: 'template'; readonly name: string; readonly pipeline: Pipeline | undefined }
  | { readonly kind: 'define'; readonly name: string; readonly body: readonly TemplateNode[] };

const GO_BUILTINS = [
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'html',
  'js',
  'urlquery',
  'call',
];

/** Go's builtins plus Prometheus' template functions (2.42). */
const TEMPLATE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...GO_BUILTINS,
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'args',
  'reReplaceAll',
  'safeHtml',
  'match',
  'title',
  'toUpper',
  'toLower',
  'graphLink',
  'tableLink',
  'sortByLabel',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'pathPrefix',
  'externalURL',
  'parseDuration',
  'stripPort',
  'toTime',
]);

/** Variables Prometheus defines for alert templates, and the dot's fields. */
const TEMPLATE_VARIABLES: ReadonlySet<string> = new Set(['$', '$labels', '$externalLabels', '$externalURL', '$value']);

/** Which functions and variables a template may use: Prometheus alert templates or Alertmanager notifications. */
export interface TemplateDialect {
  readonly name: string;
  readonly functions: ReadonlySet<string>;
  readonly variables: ReadonlySet<string>;
}

const PROMETHEUS_TEMPLATES: TemplateDialect = {
  name: 'prometheus',
  functions: TEMPLATE_FUNCTIONS,
  variables: TEMPLATE_VARIABLES,
};

/** Alertmanager 0.25's notification templates: Go's builtins and template.DefaultFuncs. */
export const ALERTMANAGER_TEMPLATES: TemplateDialect = {
  name: 'alertmanager',
  functions: new Set([
    ...GO_BUILTINS,
    'toUpper',
    'toLower',
    'title',
    'join',
    'match',
    'safeHtml',
    'reReplaceAll',
    'stringSlice',
  ]),
  variables: new Set(['$']),
};

interface Token {
  readonly type:
    | 'field'
    | 'variable'
    | 'identifier'
    | 'string'
    | 'number'
    | 'pipe'
    | 'open'
    | 'close'
    | 'declare'
    | 'assign'
    | 'comma';
  readonly text: string;
  readonly offset: number;
}

/** Dialects by name, for the cache key. */
const DIALECTS = new Map<string, TemplateDialect>();

/** Parses once per distinct template (and dialect); bounded so a long-lived process cannot grow without end. */
const parsedTemplate = boundedMemo<string, readonly TemplateNode[] | TemplateError>(20_000, (key) => {
  // The key is `<dialect name>\0<source>`: a name has no NUL, a source may.
  const split = key.indexOf('\u0000');
  const dialect = DIALECTS.get(key.slice(0, split))!;
  const source = key.slice(split + 1);
  try {
    const parser = new Parser(source, dialect);
    const nodes = parser.list(new Set());
    if (parser.pendingEnd !== undefined)
      throw new TemplateError(`unexpected {{${parser.pendingEnd}}}`, parser.position);
    return Object.freeze(nodes);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return error;
  }
});

/**
 * Parses a template; throws TemplateError with the offset of the first problem. Parsing is pure
 * and the same annotation is read by several checks and every test case, so results are cached.
 */
export function parseTemplate(
  source: string,
  dialect: TemplateDialect = PROMETHEUS_TEMPLATES,
): readonly TemplateNode[] {
  DIALECTS.set(dialect.name, dialect);
  const result = parsedTemplate(`${dialect.name}\u0000${source}`);
  if (result instanceof TemplateError) throw result;
  return result;
}

class Parser {
  position = 0;
  pendingEnd: string | undefined;
  private trimNext = false;
  private readonly variables: string[];

  constructor(
    private readonly source: string,
    private readonly dialect: TemplateDialect,
  ) {
    this.variables = [...dialect.variables];
  }

  /** Nodes until one of `stops` ({{end}}, {{else}}) or the end of input. */
  list(stops: ReadonlySet<string>): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    this.pendingEnd = undefined;
    while (this.position < this.source.length) {
      const open = this.source.indexOf('{{', this.position);
      let text = this.source.slice(this.position, open < 0 ? undefined : open);
      if (this.trimNext) text = text.replace(/^\s+/, '');
      this.trimNext = false;
      const trimBefore = open >= 0 && /^\{\{- /.test(this.source.slice(open, open + 4));
      if (trimBefore) text = text.replace(/\s+$/, '');
      if (text !== '') nodes.push({ kind: 'text', text });
      if (open < 0) {
        this.position = this.source.length;
        break;
      }
      const start = open + (trimBefore ? 3 : 2);
      const close = this.findClose(start);
      const trimAfter = /\s-$/.test(this.source.slice(start, close)) && this.source[close - 1] === '-';
      const inner = this.source.slice(start, trimAfter ? close - 1 : close);
      this.position = close + 2;
      this.trimNext = trimAfter;
      if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(inner)) continue;
      const keyword = /^\s*(if|else|end|range|with|define|template|block|break|continue)\b/.exec(inner)?.[1];
      if (keyword === 'end' || keyword === 'else') {
        if (!stops.has(keyword)) throw new TemplateError(`unexpected {{${keyword}}}`, open);
        this.pendingEnd = inner.trim();
        return nodes;
      }
      if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
        nodes.push(this.control(keyword, inner.replace(/^\s*\w+/, ''), start));
        continue;
      }
      if (keyword === 'define' || keyword === 'block') {
        const name = /^\s*\w+\s+("(?:[^"\\]|\\.)*")/.exec(inner)?.[1];
        if (name === undefined) throw new TemplateError(`{{${keyword}}} needs a quoted name`, start);
        const body = this.list(new Set(['end']));
        this.expectEnd(open);
        nodes.push({ kind: 'define', name: JSON.parse(name) as string, body });
        continue;
      }
      if (keyword === 'template') {
        const match = /^\s*template\s+("(?:[^"\\]|\\.)*")(.*)$/s.exec(inner);
        if (match?.[1] === undefined) throw new TemplateError('{{template}} needs a quoted name', start);
        const rest = match[2] ?? '';
        nodes.push({
          kind: 'template',
          name: JSON.parse(match[1]) as string,
          pipeline: rest.trim() === '' ? undefined : this.pipeline(rest, start + inner.indexOf(rest)),
        });
        continue;
      }
      if (keyword === 'break' || keyword === 'continue') continue;
      nodes.push({ kind: 'action', pipeline: this.pipeline(inner, start) });
    }
    return nodes;
  }

  private control(kind: 'if' | 'with' | 'range', header: string, offset: number): TemplateNode {
    const pipeline = this.pipeline(header, offset);
    const then = this.list(new Set(['else', 'end']));
    let otherwise: TemplateNode[] = [];
    if (this.pendingEnd?.startsWith('else')) {
      const elseIf = /^else\s+(if|with)\b(.*)$/s.exec(this.pendingEnd);
      if (elseIf !== null) otherwise = [this.control(elseIf[1] as 'if' | 'with', elseIf[2] ?? '', this.position)];
      else {
        otherwise = this.list(new Set(['end']));
        this.expectEnd(offset);
      }
    } else this.expectEnd(offset);
    return { kind, pipeline, then, otherwise };
  }

  private expectEnd(offset: number): void {
    if (this.pendingEnd !== 'end') throw new TemplateError('unexpected EOF: missing {{end}}', offset);
    this.pendingEnd = undefined;
  }

  private findClose(from: number): number {
    let i = from;
    while (i < this.source.length) {
      const c = this.source[i];
      if (c === '"' || c === '`') {
        const end = c === '`' ? this.source.indexOf('`', i + 1) : findStringEnd(this.source, i);
        if (end < 0) throw new TemplateError('unterminated quoted string', i);
        i = end + 1;
        continue;
      }
      if (c === '}' && this.source[i + 1] === '}') return i;
      i++;
    }
    throw new TemplateError('unclosed action', from - 2);
  }

  private pipeline(text: string, offset: number): Pipeline {
    const tokens = tokenize(text, offset);
    let declare: string | undefined;
    if (tokens[0]?.type === 'variable' && (tokens[1]?.type === 'declare' || tokens[1]?.type === 'assign')) {
      declare = tokens[0].text;
      if (tokens[1].type === 'declare') this.variables.push(declare);
      tokens.splice(0, 2);
    }
    const [commands, rest] = this.commands(tokens, offset);
    if (rest.length > 0)
      throw new TemplateError(`unexpected ${rest[0]?.text ?? ''} in action`, rest[0]?.offset ?? offset);
    if (commands.length === 0) throw new TemplateError('missing value for command', offset);
    return { declare, commands };
  }

  private commands(tokens: Token[], offset: number): [Command[], Token[]] {
    const commands: Command[] = [];
    let operands: Operand[] = [];
    let rest = tokens;
    while (rest.length > 0) {
      const token = rest[0]!;
      if (token.type === 'close') break;
      rest = rest.slice(1);
      if (token.type === 'pipe') {
        if (operands.length === 0) throw new TemplateError('missing command before |', token.offset);
        commands.push({ operands });
        operands = [];
        continue;
      }
      if (token.type === 'open') {
        const [inner, after] = this.commands(rest, token.offset);
        if (after[0]?.type !== 'close') throw new TemplateError('unclosed left paren', token.offset);
        rest = after.slice(1);
        let operand: Operand = { kind: 'pipeline', pipeline: { declare: undefined, commands: inner } };
        while (rest[0]?.type === 'field' && rest[0].offset === (after[0]?.offset ?? -2) + 1) {
          operand = {
            kind: 'pipeline',
            pipeline: { declare: undefined, commands: [{ operands: [operand, this.operand(rest[0])] }] },
          };
          rest = rest.slice(1);
        }
        operands.push(operand);
        continue;
      }
      operands.push(this.operand(token));
    }
    if (operands.length > 0) commands.push({ operands });
    for (const command of commands.slice(1)) {
      if (command.operands[0]?.kind !== 'identifier')
        throw new TemplateError('non-function in a pipeline stage', offset);
    }
    return [commands, rest];
  }

  private operand(token: Token): Operand {
    switch (token.type) {
      case 'string':
        return {
          kind: 'string',
          value: token.text.startsWith('`') ? token.text.slice(1, -1) : (JSON.parse(token.text) as string),
        };
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'field': {
        const path = token.text.split('.').slice(1);
        return { kind: 'field', root: '.', path: path.filter((p) => p !== ''), offset: token.offset };
      }
      case 'variable': {
        const [root = '$', ...path] = token.text.split('.');
        if (!this.variables.includes(root)) throw new TemplateError(`undefined variable "${root}"`, token.offset);
        return { kind: 'field', root, path, offset: token.offset };
      }
      case 'identifier':
        if (token.text === 'true' || token.text === 'false') return { kind: 'bool', value: token.text === 'true' };
        if (token.text === 'nil') return { kind: 'nil' };
        if (!this.dialect.functions.has(token.text))
          throw new TemplateError(`function "${token.text}" not defined`, token.offset);
        return { kind: 'identifier', name: token.text, offset: token.offset };
      default:
        throw new TemplateError(`unexpected ${JSON.stringify(token.text)} in operand`, token.offset);
    }
  }
}

function findStringEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '"') return i;
    else if (source[i] === '\n') return -1;
  }
  return -1;
}

function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|(\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|(\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*|\.)|("(?:[^"\\\n]|\\.)*"|`[^`]*`)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\|)|(\()|(\))|(:=)|(=)|(,)|(.)/gy;
  for (let match = pattern.exec(text); match !== null && match[0] !== ''; match = pattern.exec(text)) {
    const at = offset + match.index;
    if (match[1] !== undefined) tokens.push({ type: 'variable', text: match[1], offset: at });
    else if (match[2] !== undefined) tokens.push({ type: 'field', text: match[2], offset: at });
    else if (match[3] !== undefined) tokens.push({ type: 'string', text: match[3], offset: at });
    else if (match[4] !== undefined) tokens.push({ type: 'number', text: match[4], offset: at });
    else if (match[5] !== undefined) tokens.push({ type: 'identifier', text: match[5], offset: at });
    else if (match[6] !== undefined) tokens.push({ type: 'pipe', text: '|', offset: at });
    else if (match[7] !== undefined) tokens.push({ type: 'open', text: '(', offset: at });
    else if (match[8] !== undefined) tokens.push({ type: 'close', text: ')', offset: at });
    else if (match[9] !== undefined) tokens.push({ type: 'declare', text: ':=', offset: at });
    else if (match[10] !== undefined) tokens.push({ type: 'assign', text: '=', offset: at });
    else if (match[11] !== undefined) tokens.push({ type: 'comma', text: ',', offset: at });
    else if (match[12] !== undefined) throw new TemplateError(`unexpected ${JSON.stringify(match[12])} in action`, at);
  }
  return tokens;
}

/** Every `$labels.x` / `.Labels.x` a template reads, with offsets. */
type FieldOperand = Extract<Operand, { kind: 'field' }>;

/** Every field (`$x.y`, `.X.y`) the template reads, in every action, branch and definition. */
function fieldOperands(nodes: readonly TemplateNode[]): FieldOperand[] {
  const found: FieldOperand[] = [];
  const visitOperand = (operand: Operand): void => {
    if (operand.kind === 'field') found.push(operand);
    else if (operand.kind === 'pipeline') visitPipeline(operand.pipeline);
  };
  const visitPipeline = (pipeline: Pipeline): void => {
    for (const command of pipeline.commands) command.operands.forEach(visitOperand);
  };
  const visit = (list: readonly TemplateNode[]): void => {
    for (const node of list) {
      if (node.kind === 'action') visitPipeline(node.pipeline);
      else if (node.kind === 'if' || node.kind === 'with' || node.kind === 'range') {
        visitPipeline(node.pipeline);
        visit(node.then);
        visit(node.otherwise);
      } else if (node.kind === 'define') visit(node.body);
      else if (node.kind === 'template' && node.pipeline !== undefined) visitPipeline(node.pipeline);
    }
  };
  visit(nodes);
  return found;
}

/** `$labels.x` and `.Labels.x` references, with the label they read. */
export function labelReferences(nodes: readonly TemplateNode[]): { readonly label: string; readonly offset: number }[] {
  return fieldOperands(nodes).flatMap((operand) => {
    const isLabels =
      (operand.root === '$labels' && operand.path.length >= 1) ||
      (operand.root === '.' && operand.path[0] === 'Labels' && operand.path.length >= 2);
    const label = operand.root === '$labels' ? operand.path[0] : operand.path[1];
    return isLabels && label !== undefined ? [{ label, offset: operand.offset }] : [];
  });
}

/** Whether the template reads the alert's value (`$value`, `.Value`). */
export function readsValue(nodes: readonly TemplateNode[]): boolean {
  return fieldOperands(nodes).some(
    (operand) =>
      (operand.root === '$value' && operand.path.length === 0) || (operand.root === '.' && operand.path[0] === 'Value'),
  );
}

/** Whether a template has any action at all (a static text needs no templating). */
export function hasActions(nodes: readonly TemplateNode[]): boolean {
  return nodes.some((node) => node.kind !== 'text');
}

/** The names `{{ template "name" }}` invokes, in order of first use (nested blocks and defines included). */
export function templateCalls(nodes: readonly TemplateNode[]): string[] {
  const names: string[] = [];
  const visit = (list: readonly TemplateNode[]): void => {
    for (const node of list) {
      if (node.kind === 'template' && !names.includes(node.name)) names.push(node.name);
      else if (node.kind === 'define') visit(node.body);
      else if (node.kind === 'if' || node.kind === 'with' || node.kind === 'range') {
        visit(node.then);
        visit(node.otherwise);
      }
    }
  };
  visit(nodes);
  return names;
}
