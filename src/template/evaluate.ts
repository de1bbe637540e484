import { goSprintf, formatGoFloat, humanize, humanize1024, humanizeDuration, humanizePercentage } from './go-format.ts';
import type { Command, Operand, Pipeline, TemplateNode } from './go-template.ts';

/** What Prometheus passes to alert templates. */
export interface AlertTemplateData {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly externalURL?: string;
}

/** A construct outside the evaluated subset (e.g. `query`, which needs a Prometheus). */
export class UnsupportedTemplate extends Error {}

type Value = string | number | boolean | undefined | Readonly<Record<string, string>>;

/** Renders a parsed template with alert data, exactly as Prometheus would for the supported subset. */
export function evaluateTemplate(nodes: readonly TemplateNode[], data: AlertTemplateData): string {
  return new Evaluation(data).render(nodes);
}

/**
 * One rendering's state: the variables and `.`. A class rather than closures, because builds
 * render tens of thousands of expected alerts and the closures cost a measurable share.
 */
class Evaluation {
  private readonly variables: Map<string, Value>;
  private readonly dot: Readonly<Record<string, Value>>;

  constructor(data: AlertTemplateData) {
    this.variables = new Map<string, Value>([
      ['$labels', data.labels],
      ['$value', data.value],
      ['$externalLabels', data.externalLabels ?? {}],
      ['$externalURL', data.externalURL ?? ''],
    ]);
    this.dot = {
      Labels: data.labels,
      Value: data.value,
      ExternalLabels: data.externalLabels ?? {},
      ExternalURL: data.externalURL ?? '',
    };
  }

  render(list: readonly TemplateNode[]): string {
    let out = '';
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          out += node.text;
          break;
        case 'action': {
          const value = this.pipeline(node.pipeline);
          if (node.pipeline.declare === undefined) out += print(value);
          break;
        }
        case 'if':
          out += truthy(this.pipeline(node.pipeline)) ? this.render(node.then) : this.render(node.otherwise);
          break;
        case 'with': {
          const value = this.pipeline(node.pipeline);
          out += truthy(value) ? this.render(node.then) : this.render(node.otherwise);
          break;
        }
        default:
          throw new UnsupportedTemplate(`{{${node.kind}}} is not evaluated by obsgen`);
      }
    }
    return out;
  }

  private pipeline(p: Pipeline): Value {
    let result: Value = undefined;
    for (let i = 0; i < p.commands.length; i++) result = this.run(p.commands[i]!, i === 0 ? [] : [result]);
    if (p.declare !== undefined) this.variables.set(p.declare, result);
    return result;
  }

  private run(command: Command, piped: readonly Value[]): Value {
    const [head, ...rest] = command.operands;
    if (head === undefined) return undefined;
    if (head.kind === 'identifier') return call(head.name, [...rest.map((o) => this.operand(o)), ...piped]);
    if (rest.length > 0 || piped.length > 0) throw new UnsupportedTemplate('arguments to a non-function');
    return this.operand(head);
  }

  private operand(o: Operand): Value {
    switch (o.kind) {
      case 'string':
      case 'number':
      case 'bool':
        return o.value;
      case 'nil':
        return undefined;
      case 'pipeline':
        return this.pipeline(o.pipeline);
      case 'identifier':
        return call(o.name, []);
      case 'field': {
        let current: Value = o.root === '.' ? (this.dot as unknown as Value) : this.variables.get(o.root);
        for (const key of o.path) {
          // Prometheus sets missingkey=zero: an absent label reads as "".
          current =
            typeof current === 'object' && current !== null
              ? ((current as Record<string, Value>)[key] ?? '')
              : undefined;
        }
        return current;
      }
    }
  }
}

function call(name: string, args: readonly Value[]): Value {
  const number = (i: number): number => {
    const v = args[i];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    throw new UnsupportedTemplate(`${name} of a non-number`);
  };
  switch (name) {
    case 'humanize':
      return humanize(number(0));
    case 'humanize1024':
      return humanize1024(number(0));
    case 'humanizePercentage':
      return humanizePercentage(number(0));
    case 'humanizeDuration':
      return humanizeDuration(number(0));
    case 'printf':
      return goSprintf(String(args[0] ?? ''), args.slice(1));
    case 'print':
      return args.map(print).join('');
    case 'toUpper':
      return String(args[0] ?? '').toUpperCase();
    case 'toLower':
      return String(args[0] ?? '').toLowerCase();
    case 'title':
      return String(args[0] ?? '').replace(/\b\w/g, (c) => c.toUpperCase());
    case 'stripPort':
      return String(args[0] ?? '').replace(/:\d+$/, '');
    case 'not':
      return !truthy(args[0]);
    case 'and':
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'or':
      return args.find((a) => truthy(a)) ?? args[args.length - 1];
    case 'eq':
      return args.slice(1).some((a) => a === args[0]);
    case 'ne':
      return args[0] !== args[1];
    case 'lt':
      return compare(args) < 0;
    case 'le':
      return compare(args) <= 0;
    case 'gt':
      return compare(args) > 0;
    case 'ge':
      return compare(args) >= 0;
    case 'len':
      return typeof args[0] === 'string'
        ? args[0].length
        : typeof args[0] === 'object' && args[0] !== null
          ? Object.keys(args[0]).length
          : 0;
    default:
      throw new UnsupportedTemplate(`${name} is not evaluated by obsgen`);
  }
}

function compare(args: readonly Value[]): number {
  const [a, b] = args;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new UnsupportedTemplate('comparison of different types');
}

function truthy(value: Value): boolean {
  if (value === undefined || value === false || value === 0 || value === '') return false;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** How text/template prints a value (fmt's %v). */
function print(value: Value): string {
  if (value === undefined) return '<no value>';
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'object')
    return `map[${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${v}`)
      .join(' ')}]`;
  return String(value);
}
