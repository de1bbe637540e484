import { parseLogsInsights, type LogsParseResult } from '../logsinsights/parser.ts';
import type { LogsQueryText } from '../model/cloudwatch.ts';
import type { System } from '../model/system.ts';

/** Each Logs Insights query of a system parsed once: the CloudFormation compiler and the checks read it. */
export type LogsQueryParses = ReadonlyMap<LogsQueryText, LogsParseResult>;

/** The system's saved queries and the queries its CloudWatch dashboards' log widgets run. */
export function parseLogsQueries(system: System): LogsQueryParses {
  const parses = new Map<LogsQueryText, LogsParseResult>();
  const cw = system.cloudwatch;
  if (cw === undefined) return parses;
  const texts = [
    ...cw.queries.map((query) => query.query),
    ...cw.dashboards.flatMap((dashboard) =>
      dashboard.widgets.flatMap((widget) => (widget.type === 'log' ? [widget.query.query] : [])),
    ),
  ];
  for (const text of texts) if (!parses.has(text)) parses.set(text, parseLogsInsights(text.text));
  return parses;
}

/** The parse of one of the system's queries (parsed on the spot if the system did not list it). */
export function parseOf(parses: LogsQueryParses, text: LogsQueryText): LogsParseResult {
  return parses.get(text) ?? parseLogsInsights(text.text);
}
