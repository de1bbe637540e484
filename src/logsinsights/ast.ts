/** Offsets into the query text, 0-based, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | (Span & { readonly kind: 'field'; readonly name: string })
  /** A map's attribute (.name, or a name in backticks) or a list's item ([index]) of a structured value. */
  | (Span & { readonly kind: 'member'; readonly object: Expr; readonly key: string | Expr })
  | (Span & { readonly kind: 'number'; readonly value: number; readonly text: string })
  | (Span & { readonly kind: 'string'; readonly value: string; readonly quote: "'" | '"' })
  | (Span & { readonly kind: 'regex'; readonly source: string })
  | (Span & { readonly kind: 'duration'; readonly amount: number; readonly unit: string; readonly text: string })
  | (Span & { readonly kind: 'placeholder'; readonly name: string })
  | (Span & { readonly kind: 'list'; readonly items: readonly Expr[] })
  | (Span & { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly star: boolean })
  | (Span & { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr })
  | (Span & { readonly kind: 'unary'; readonly op: 'not' | '-'; readonly operand: Expr })
  | (Span & { readonly kind: 'like'; readonly negated: boolean; readonly subject: Expr; readonly pattern: Expr })
  | (Span & { readonly kind: 'in'; readonly negated: boolean; readonly subject: Expr; readonly list: Expr })
  /** `filter f in ( <query> )`: a nested query, over `source` when it names one, else the query's own groups. */
  | (Span & { readonly kind: 'subquery'; readonly source: string | undefined; readonly commands: readonly Command[] });

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '+' | '-' | '*' | '/' | '%' | '^';

/** An expression with an optional `as` name: projections, stats aggregates, group keys. */
export interface Named extends Span {
  readonly expr: Expr;
  readonly alias: (Span & { readonly name: string }) | undefined;
}

export interface SortKey extends Span {
  readonly expr: Expr;
  readonly order: 'asc' | 'desc' | undefined;
}

export type Command =
  | (Span & { readonly command: 'fields' | 'display'; readonly items: readonly Named[] })
  | (Span & { readonly command: 'filter' | 'filterIndex'; readonly condition: Expr })
  | (Span & {
      readonly command: 'source';
      readonly selectors: readonly { readonly name: string; readonly values: readonly string[] }[];
    })
  | (Span & { readonly command: 'unnest'; readonly field: Expr; readonly into: Span & { readonly name: string } })
  | (Span & { readonly command: 'anomaly' })
  | (Span & { readonly command: 'stats'; readonly aggregates: readonly Named[]; readonly by: readonly Named[] })
  | (Span & { readonly command: 'sort'; readonly keys: readonly SortKey[] })
  | (Span & { readonly command: 'limit'; readonly count: number })
  | (Span & {
      readonly command: 'parse';
      readonly source: Expr;
      readonly pattern: Extract<Expr, { kind: 'string' | 'regex' }>;
      readonly aliases: readonly (Span & { readonly name: string })[];
    })
  | (Span & { readonly command: 'dedup'; readonly fields: readonly Expr[] })
  /** Events of another log group joined on keys; fields are then `<left>.<field>` and `<right>.<field>`. */
  | (Span & {
      readonly command: 'join';
      readonly type: 'inner' | 'left';
      readonly left: string;
      readonly right: string;
      readonly keys: readonly (readonly [string, string])[];
      readonly source: string;
    })
  /** Sums numeric fields into `totalField` per record (undefined with row=false); col=true adds a summary row. */
  | (Span & {
      readonly command: 'addtotals';
      readonly totalField: string | undefined;
      readonly fields: readonly Expr[];
    })
  /** Fields of an uploaded CSV table, matched on `<lookup field> as <log field>`, appended by OUTPUT. */
  | (Span & {
      readonly command: 'lookup';
      readonly table: string;
      readonly matches: readonly { readonly tableField: string; readonly logField: Expr }[];
      readonly outputs: readonly (Span & { readonly name: string })[];
    })
  | (Span & { readonly command: 'unmask' | 'pattern'; readonly field: Expr })
  | (Span & { readonly command: 'diff'; readonly period: string | undefined });

export interface LogsQuery {
  readonly text: string;
  readonly commands: readonly Command[];
}

const BACKTICK = '\u0060';

/** How a field is written in a query: as is when it is a plain (dotted) name, else in backticks. */
export function fieldSource(name: string): string {
  return /^[A-Za-z_@$][A-Za-z0-9_@$.]*$/.test(name) ? name : BACKTICK + name.split(BACKTICK).join('') + BACKTICK;
}
