import type { LogsQueryDefinition } from '../../model/cloudwatch.ts';

/** The query as deployed: the indentation of a multi-line template literal removed. */
export function queryText(query: LogsQueryDefinition): string {
  return query.query.text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}
