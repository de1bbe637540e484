import type { LogsQueryText } from '../model/cloudwatch.ts';
import type { LogGroup, LogSchema } from '../model/log-schema.ts';
import { captureLocation } from '../model/source-location.ts';
import { fieldSource } from './ast.ts';

/** Fields CloudWatch adds to every event. */
export type SystemField = '@timestamp' | '@message' | '@logStream' | '@log' | '@ingestionTime';

/** A rendered piece of a query: conditions and aggregations built by the helpers below. */
export interface Fragment {
  readonly text: string;
}

const field = fieldSource;
const literal = (value: string | number | boolean): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

// Conditions for filter().
export const present = <F extends string>(name: F): Fragment => ({ text: `ispresent(${field(name)})` });
export const eq = <F extends string>(name: F, value: string | number | boolean): Fragment => ({
  text: `${field(name)} = ${literal(value)}`,
});
export const ne = <F extends string>(name: F, value: string | number | boolean): Fragment => ({
  text: `${field(name)} != ${literal(value)}`,
});
export const gt = <F extends string>(name: F, value: number): Fragment => ({ text: `${field(name)} > ${value}` });
export const gte = <F extends string>(name: F, value: number): Fragment => ({ text: `${field(name)} >= ${value}` });
export const lt = <F extends string>(name: F, value: number): Fragment => ({ text: `${field(name)} < ${value}` });
export const like = <F extends string>(name: F, pattern: RegExp | string): Fragment => ({
  text: `${field(name)} like ${pattern instanceof RegExp ? `/${pattern.source}/` : literal(pattern)}`,
});
export const oneOf = <F extends string>(name: F, values: readonly (string | number)[]): Fragment => ({
  text: `${field(name)} in [${values.map(literal).join(', ')}]`,
});
/** `{{name}}`: a parameter the console asks for when the saved query runs. */
export const param = (name: string): Fragment => ({ text: `{{${name}}}` });
export const eqParam = <F extends string>(name: F, parameter: string): Fragment => ({
  text: `${field(name)} = ${param(parameter).text}`,
});
export const and = (...parts: readonly Fragment[]): Fragment => ({
  text: parts.map((p) => `(${p.text})`).join(' and '),
});
export const or = (...parts: readonly Fragment[]): Fragment => ({ text: parts.map((p) => `(${p.text})`).join(' or ') });

// Aggregations for stats().
export const count = (): Fragment => ({ text: 'count(*)' });
export const countDistinct = <F extends string>(name: F): Fragment => ({ text: `count_distinct(${field(name)})` });
export const avg = <F extends string>(name: F): Fragment => ({ text: `avg(${field(name)})` });
export const sum = <F extends string>(name: F): Fragment => ({ text: `sum(${field(name)})` });
export const max = <F extends string>(name: F): Fragment => ({ text: `max(${field(name)})` });
export const pct = <F extends string>(name: F, percentile: number): Fragment => ({
  text: `pct(${field(name)}, ${percentile})`,
});
export const bin = (period: `${number}${'s' | 'm' | 'h' | 'd'}`): Fragment => ({ text: `bin(${period})` });

/**
 * A typed Logs Insights builder: field names come from the log group's schema (plus CloudWatch's
 * @-fields), names created by stats are usable downstream. It renders text, which the build parses
 * and checks like a hand-written query.
 */
export class InsightsQuery<F extends string> {
  private constructor(
    private readonly commands: readonly string[],
    private readonly at = captureLocation(),
  ) {}

  static from<P extends string>(_source: LogGroup<P> | LogSchema<P>): InsightsQuery<P | SystemField> {
    return new InsightsQuery<P | SystemField>([]);
  }

  private with<G extends string>(command: string): InsightsQuery<G> {
    return new InsightsQuery<G>([...this.commands, command], this.at);
  }

  fields(...names: readonly F[]): InsightsQuery<F> {
    return this.with(`fields ${names.map(field).join(', ')}`);
  }

  filter(condition: Fragment): InsightsQuery<F> {
    return this.with(`filter ${condition.text}`);
  }

  /** `stats a as name, … by f, …`: afterwards only the names and group keys exist. */
  stats<A extends string, B extends F>(
    aggregates: Readonly<Record<A, Fragment>>,
    by: readonly (B | Fragment)[] = [],
  ): InsightsQuery<A | B> {
    const list = (Object.entries(aggregates) as [A, Fragment][])
      .map(([name, aggregate]) => `${aggregate.text} as ${field(name)}`)
      .join(', ');
    const keys = by.map((key) => (typeof key === 'string' ? field(key) : key.text)).join(', ');
    return this.with(`stats ${list}${keys === '' ? '' : ` by ${keys}`}`);
  }

  sort(name: F, order: 'asc' | 'desc' = 'desc'): InsightsQuery<F> {
    return this.with(`sort ${field(name)} ${order}`);
  }

  limit(n: number): InsightsQuery<F> {
    return this.with(`limit ${Math.trunc(n)}`);
  }

  dedup(...names: readonly F[]): InsightsQuery<F> {
    return this.with(`dedup ${names.map(field).join(', ')}`);
  }

  /** The query text, one command per line. */
  build(): LogsQueryText {
    return { text: this.commands.join('\n| '), at: this.at };
  }
}

export const insights = InsightsQuery.from;
