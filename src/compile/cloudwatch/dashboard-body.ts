import type { CloudWatchDashboard, CloudWatchWidget, LogsQueryDefinition, MetricStat } from '../../model/cloudwatch.ts';
import { metricIdentity } from './alarm-properties.ts';
import { queryText } from './query-text.ts';

const GRID_WIDTH = 24;

/** The Logs Insights text a log widget runs: its log groups as SOURCE clauses, then the query. */
function widgetQuery(query: LogsQueryDefinition): string {
  return [...query.logGroups.map((group) => `SOURCE '${group.name}'`), queryText(query).replace(/\n/g, ' ')].join(
    ' | ',
  );
}

/** A CloudWatch dashboard body (the DashboardBody JSON); widgets flow left to right in rows. */
export function dashboardBody(dashboard: CloudWatchDashboard, region: string): string {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const widgets = dashboard.widgets.map((widget) => {
    if (x + widget.width > GRID_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = {
      type: widget.type,
      x,
      y,
      width: widget.width,
      height: widget.height,
      properties: widgetProperties(widget, region),
    };
    x += widget.width;
    rowHeight = Math.max(rowHeight, widget.height);
    return placed;
  });
  return JSON.stringify({ widgets });
}

function widgetProperties(widget: CloudWatchWidget, region: string): Record<string, unknown> {
  switch (widget.type) {
    case 'metric':
      return {
        title: widget.title,
        region,
        view: widget.view,
        stacked: widget.stacked,
        metrics: widget.metrics.map(metricArray),
      };
    case 'log':
      return { title: widget.title, region, view: widget.view, query: widgetQuery(widget.query) };
    case 'text':
      return { markdown: widget.markdown };
  }
}

/** The dashboard metric array: namespace, name, dimension name/value pairs, then rendering options. */
function metricArray(stat: MetricStat): unknown[] {
  const { namespace, metricName } = metricIdentity(stat);
  const dimensions = Object.keys(stat.dimensions)
    .sort()
    .flatMap((name) => [name, stat.dimensions[name]!]);
  return [
    namespace,
    metricName,
    ...dimensions,
    { stat: stat.statistic, period: stat.period, ...(stat.label === undefined ? {} : { label: stat.label }) },
  ];
}
