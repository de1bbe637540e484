import type { LogsQueryText } from '../model/cloudwatch.ts';
import type { Expr, LogsQuery } from './ast.ts';
import { parseLogsInsights, type LogsParseResult } from './parser.ts';

const parsed = new WeakMap<LogsQueryText, LogsParseResult>();

/** The parse of a definition's query, once per build: the checks and the compilers both read it. */
export function parseSavedQuery(query: LogsQueryText): LogsParseResult {
  let result = parsed.get(query);
  if (result === undefined) {
    result = parseLogsInsights(query.text);
    parsed.set(query, result);
  }
  return result;
}

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
