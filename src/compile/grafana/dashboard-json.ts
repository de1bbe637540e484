import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as grafana from '@grafana/grafana-foundation-sdk/dashboard';
import type { MetricsQueryBuilder } from '@grafana/grafana-foundation-sdk/cloudwatch';
import type { PanelBuilder as TextPanelBuilder } from '@grafana/grafana-foundation-sdk/text';
import type { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import {
  barchart,
  bargauge,
  cloudwatch,
  common,
  dashboard as sdk,
  gauge,
  heatmap,
  logs,
  loki,
  prometheus,
  stat,
  table,
  text as textPanel,
  timeseries,
} from './foundation-sdk.ts';
import type {
  CloudWatchMetricQuery,
  Dashboard,
  DashboardLinkSpec,
  Panel,
  PanelOptions,
  PanelQuery,
  PanelSdkBuilders,
  PanelTarget,
  PanelType,
  ValueMapping,
  Variable,
} from '../../model/dashboard.ts';
import type { System } from '../../model/system.ts';
import { queryText, toAst, type Query, type RawPromql } from '../../promql/builder.ts';
import type { Metric, Selector } from '../../model/catalog.ts';
import { renderPromql } from '../../promql/render.ts';
import { withRateInterval } from './rate-interval.ts';
import { uidOf } from '../../derive/artifact-names.ts';

const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;
const LOKI_DATASOURCE = { type: 'loki', uid: '${logs_datasource}' } as const;
const CLOUDWATCH_DATASOURCE = { type: 'cloudwatch', uid: '${cloudwatch_datasource}' } as const;

/** The builder methods every panel type shares (the SDK generates one class per panel plugin). */
interface PanelBuilder extends cog.Builder<grafana.Panel> {
  title(title: string): this;
  description(description: string): this;
  datasource(datasource: { type: string; uid: string }): this;
  withTarget(target: cog.Builder<cog.Dataquery>): this;
  id(id: number): this;
  gridPos(gridPos: grafana.GridPos): this;
  height(h: number): this;
  span(w: number): this;
  unit(unit: string): this;
  min(min: number): this;
  max(max: number): this;
  thresholds(thresholds: cog.Builder<grafana.ThresholdsConfig>): this;
  mappings(mappings: grafana.ValueMapping[]): this;
}

const BUILDERS: Readonly<Record<PanelType, () => PanelBuilder>> = {
  timeseries: () => new timeseries.PanelBuilder(),
  stat: () => new stat.PanelBuilder(),
  gauge: () => new gauge.PanelBuilder(),
  bargauge: () => new bargauge.PanelBuilder(),
  barchart: () => new barchart.PanelBuilder(),
  table: () => new table.PanelBuilder(),
  heatmap: () => new heatmap.PanelBuilder(),
  logs: () => new logs.PanelBuilder(),
  text: () => new textPanel.PanelBuilder(),
};

/** PromQL as the panel sends it: typed queries rendered with `$__rate_interval`. */
function panelQueryText(query: PanelQuery): string {
  if (typeof query === 'string') return query;
  if (!('ast' in query)) return renderPromql(toAst(query as Metric | Selector));
  const raw = query as Query & Partial<RawPromql>;
  // Unparseable raw text is kept as written, for the checks to report.
  return raw.text !== undefined ? queryText(raw) : renderPromql(withRateInterval(raw.ast));
}

/** The classic dashboard model (schemaVersion 42) of one definition, built with the foundation SDK. */
export function dashboardJson(system: System, dashboard: Dashboard): grafana.Dashboard {
  const spec = dashboard.spec;
  const builder = new sdk.DashboardBuilder(spec.title)
    .uid(uidOf(system.name, dashboard))
    .tags([system.name, ...(spec.tags ?? [])])
    .readonly() // editable: false — the definitions are the source; edits in Grafana would be lost
    .time({ from: spec.from ?? 'now-6h', to: 'now' })
    .refresh(spec.refresh ?? '1m')
    .timezone('browser')
    .withVariable(new sdk.DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));
  if (spec.description !== undefined) builder.description(spec.description);
  if (usesLoki(dashboard))
    builder.withVariable(new sdk.DatasourceVariableBuilder('logs_datasource').label('Logs data source').type('loki'));
  if (usesCloudWatch(dashboard))
    builder.withVariable(
      new sdk.DatasourceVariableBuilder('cloudwatch_datasource').label('CloudWatch data source').type('cloudwatch'),
    );
  for (const variable of spec.variables ?? []) builder.withVariable(variableBuilder(variable));
  for (const link of spec.links ?? []) builder.link(linkBuilder(link));
  let id = 0;
  for (const row of spec.rows) {
    const rowBuilder = new sdk.RowBuilder(row.title).id(++id).collapsed(row.collapsed);
    if (row.collapsed) {
      // A collapsed row carries its panels; an open row is followed by them (Grafana's model).
      for (const panel of row.panels) rowBuilder.withPanel(panelBuilder(panel, ++id));
      builder.withRow(rowBuilder);
    } else {
      builder.withRow(rowBuilder);
      for (const panel of row.panels) builder.withPanel(panelBuilder(panel, ++id));
    }
  }
  return builder.build();
}

function isCloudWatch(
  target: PanelTarget,
): target is PanelTarget & { readonly query: { readonly cloudwatch: CloudWatchMetricQuery } } {
  return typeof target.query === 'object' && 'cloudwatch' in target.query;
}

function usesCloudWatch(dashboard: Dashboard): boolean {
  return dashboard.spec.rows.some((row) => row.panels.some((panel) => panel.targets.some(isCloudWatch)));
}

function linkBuilder(link: DashboardLinkSpec): grafana.DashboardLinkBuilder {
  if ('url' in link)
    return new sdk.DashboardLinkBuilder(link.title)
      .type(sdk.DashboardLinkType.Link)
      .url(link.url)
      .keepTime(link.keepTime ?? true)
      .includeVars(false)
      .targetBlank(false)
      .asDropdown(false)
      .tags([]);
  return new sdk.DashboardLinkBuilder(link.title)
    .type(sdk.DashboardLinkType.Dashboards)
    .tags([...link.tags])
    .asDropdown(link.asDropdown ?? true)
    .keepTime(true)
    .includeVars(false)
    .targetBlank(false);
}

function valueMapping(mapping: ValueMapping, index: number): grafana.ValueMapping {
  const result = { text: mapping.text, index, ...(mapping.color === undefined ? {} : { color: mapping.color }) };
  if ('value' in mapping) return { type: sdk.MappingType.ValueToText, options: { [String(mapping.value)]: result } };
  return { type: sdk.MappingType.RangeToText, options: { from: mapping.from, to: mapping.to, result } };
}

function usesLoki(dashboard: Dashboard): boolean {
  return dashboard.spec.rows.some((row) => row.panels.some((panel) => panel.type === 'logs'));
}

function variableBuilder(variable: Variable): cog.Builder<grafana.VariableModel> {
  switch (variable.kind) {
    case 'query': {
      const b = new sdk.QueryVariableBuilder(variable.name)
        .label(variable.label ?? variable.name)
        .datasource(PROMETHEUS_DATASOURCE)
        .query(variable.query)
        .definition(variable.query)
        .refresh(sdk.VariableRefresh.OnTimeRangeChanged)
        .sort(sdk.VariableSort.AlphabeticalAsc)
        .multi(variable.multi ?? false)
        .includeAll(variable.includeAll ?? false);
      return b;
    }
    case 'custom':
      return new sdk.CustomVariableBuilder(variable.name)
        .label(variable.label ?? variable.name)
        .values(variable.values.join(','))
        .multi(variable.multi ?? false)
        .includeAll(variable.includeAll ?? false);
    case 'interval':
      return new sdk.IntervalVariableBuilder(variable.name)
        .label(variable.label ?? variable.name)
        .values(variable.values.join(','));
    case 'textbox':
      return new sdk.TextBoxVariableBuilder(variable.name)
        .label(variable.label ?? variable.name)
        .defaultValue(variable.value)
        .current({ text: variable.value, value: variable.value });
    case 'constant':
      return new sdk.ConstantVariableBuilder(variable.name).value(variable.value);
  }
}

function panelBuilder(panel: Panel, id: number): PanelBuilder {
  const o = panel.options;
  const b = BUILDERS[panel.type]().title(panel.title).id(id);
  if (o.description !== undefined) b.description(o.description);
  if (o.gridPos !== undefined) b.gridPos(o.gridPos);
  else b.span(o.width ?? (panel.type === 'text' || panel.type === 'logs' ? 24 : 12)).height(o.height ?? 8);
  if (panel.type === 'text') {
    (b as unknown as TextPanelBuilder).content(o.content ?? '');
    return withPassThrough(b, o);
  }
  if (panel.type === 'logs') {
    b.datasource(LOKI_DATASOURCE).withTarget(new loki.DataqueryBuilder().expr(o.logql ?? '').refId('A'));
    return withPassThrough(b, o);
  }
  const cloudwatchPanel = panel.targets.length > 0 && panel.targets.every(isCloudWatch);
  b.datasource(cloudwatchPanel ? CLOUDWATCH_DATASOURCE : PROMETHEUS_DATASOURCE);
  if (o.unit !== undefined) b.unit(o.unit);
  if (o.mappings !== undefined && o.mappings.length > 0) b.mappings(o.mappings.map(valueMapping));
  if (o.min !== undefined) b.min(o.min);
  if (o.max !== undefined) b.max(o.max);
  if (o.thresholds !== undefined && o.thresholds.length > 0) {
    const steps = o.thresholds.map((t, i) => ({ value: i === 0 ? null : t.value, color: t.color }));
    b.thresholds(new sdk.ThresholdsConfigBuilder().mode(sdk.ThresholdsMode.Absolute).steps(steps));
    if (o.thresholdLines === true && panel.type === 'timeseries') {
      (b as unknown as TimeseriesPanelBuilder).thresholdsStyle(
        new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed),
      );
    }
  }
  panel.targets.forEach((target, i) => {
    if (isCloudWatch(target)) {
      b.withTarget(cloudwatchQuery(target.query.cloudwatch, target.legend ?? o.legend, String.fromCharCode(65 + i)));
      return;
    }
    const q = new prometheus.DataqueryBuilder()
      .expr(panelQueryText(target.query as PanelQuery))
      .refId(String.fromCharCode(65 + i));
    const legend = target.legend ?? o.legend;
    if (legend !== undefined) q.legendFormat(legend);
    if (
      target.instant ??
      o.instant ??
      (panel.type === 'stat' || panel.type === 'gauge' || panel.type === 'bargauge' || panel.type === 'table')
    )
      q.instant();
    else q.range();
    if (panel.type === 'heatmap') q.format(prometheus.PromQueryFormat.Heatmap);
    b.withTarget(q);
  });
  return withPassThrough(b, o);
}

/** The definition's `sdk` callback runs last, on the builder of the panel's own type. */
function withPassThrough(builder: PanelBuilder, options: PanelOptions): PanelBuilder {
  options.sdk?.(builder as unknown as PanelSdkBuilders[PanelType]);
  return builder;
}

function cloudwatchQuery(
  metric: CloudWatchMetricQuery,
  legend: string | undefined,
  refId: string,
): MetricsQueryBuilder {
  const q = new cloudwatch.MetricsQueryBuilder()
    .queryMode(cloudwatch.QueryMode.Metrics)
    .metricQueryType(cloudwatch.MetricQueryType.Search)
    .metricEditorMode(cloudwatch.MetricEditorMode.Builder)
    .namespace(metric.namespace)
    .metricName(metric.metricName)
    .dimensions(Object.fromEntries(Object.entries(metric.dimensions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))))
    .matchExact(true)
    .statistic(metric.statistic)
    .region(metric.region ?? 'default')
    .period(metric.period === undefined ? '' : String(metric.period))
    .refId(refId);
  if (legend !== undefined) q.label(legend);
  return q;
}
