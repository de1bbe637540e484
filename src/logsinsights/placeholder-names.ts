import type { Expr, LogsQuery } from './ast.ts';

/** `{{name}}` placeholders of a parsed query, in order of first use. */
export function placeholderNames(query: LogsQuery): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const expr = value as Expr;
      if (expr.kind === 'placeholder' && !names.includes(expr.name)) names.push(expr.name);
      Object.values(value).forEach(visit);
    }
  };
  visit(query.commands);
  return names;
}
