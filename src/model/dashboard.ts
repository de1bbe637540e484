import type { PanelBuilder as BarChartBuilder } from '@grafana/grafana-foundation-sdk/barchart';
import type { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import type { PanelBuilder as GaugeBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import type { PanelBuilder as HeatmapBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import type { PanelBuilder as LogsBuilder } from '@grafana/grafana-foundation-sdk/logs';
import type { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import type { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import type { PanelBuilder as TextBuilder } from '@grafana/grafana-foundation-sdk/text';
import type { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Query } from '../promql/builder.ts';
import type { MetricKind } from './metric-spec.ts';
import type { LabelMatcher } from './selector.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import type { Allow } from './suppression.ts';

/** Panel types the seeds call for (Grafana plugin ids). */
export type PanelType =
  'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'barchart' | 'table' | 'heatmap' | 'logs' | 'text';

/** A catalog metric or a selector of one (`m.x`, `m.x.where({…})`), charted as is: gauges. */
type SeriesSource =
  | { readonly kind: MetricKind; readonly key: string; readonly name: string; readonly system: string }
  | { readonly metric: { readonly name: string }; readonly matchers: readonly LabelMatcher[] };

/**
 * A panel query: a typed PromQL query (rate ranges become `$__rate_interval`), a catalog series,
 * or PromQL text as Grafana runs it, with `$variables` (checked after expansion).
 */
export type PanelQuery = Query | SeriesSource | string;

/** A CloudWatch metric (AWS namespaces such as AWS/ECS), read through Grafana's CloudWatch data source. */
export interface CloudWatchMetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic: 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount' | `p${number}`;
  /** Default: the data source's region. */
  readonly region?: string;
  /** Seconds, or empty for Grafana's automatic period. */
  readonly period?: number;
}

export interface PanelTarget {
  readonly query: PanelQuery | { readonly cloudwatch: CloudWatchMetricQuery };
  /** Legend template, e.g. `{{service_name}}`. */
  readonly legend?: string;
  /** An instant query (stat, gauge, table panels of current values). */
  readonly instant?: boolean;
}

/** Display text (and colour) for a value or a range of values, e.g. 1 → "up", 0 → "down". */
export type ValueMapping =
  | { readonly value: string | number; readonly text: string; readonly color?: string }
  | { readonly from: number | null; readonly to: number | null; readonly text: string; readonly color?: string };

/** A link in the dashboard's header: to a URL, or to the dashboards carrying some tags. */
export type DashboardLinkSpec =
  | { readonly title: string; readonly url: string; readonly keepTime?: boolean }
  | { readonly title: string; readonly tags: readonly string[]; readonly asDropdown?: boolean };

interface Threshold {
  readonly value: number;
  readonly color: string;
}

/** Grid position in Grafana's 24-column grid; omitted panels are laid out left to right. */
interface GridPosition {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The foundation SDK's builder of each panel type, as the `sdk` pass-through receives it. */
export interface PanelSdkBuilders {
  readonly timeseries: TimeseriesBuilder;
  readonly stat: StatBuilder;
  readonly gauge: GaugeBuilder;
  readonly bargauge: BarGaugeBuilder;
  readonly barchart: BarChartBuilder;
  readonly table: TableBuilder;
  readonly heatmap: HeatmapBuilder;
  readonly logs: LogsBuilder;
  readonly text: TextBuilder;
}

export interface PanelOptions<T extends PanelType = PanelType> {
  /** Why the panel exists and how to read it (shown as the panel's info tooltip). */
  readonly description?: string;
  /** Grafana unit id: `reqps`, `s`, `bytes`, `percentunit`, `short`, … */
  readonly unit?: string;
  readonly legend?: string;
  readonly instant?: boolean;
  /** Colour steps; the first is the base colour. */
  readonly thresholds?: readonly Threshold[];
  readonly mappings?: readonly ValueMapping[];
  /** Time series: draw the thresholds as dashed lines (burn-rate factors, objectives). */
  readonly thresholdLines?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Width in grid columns (default 12, or 24 for text and logs panels). */
  readonly width?: number;
  readonly height?: number;
  readonly gridPos?: GridPosition;
  /** Logs panels: the Loki data source query (LogQL), instead of PromQL. */
  readonly logql?: string;
  /** Text panels: Markdown. */
  readonly content?: string;
  /**
   * The escape hatch: called with the panel's foundation SDK builder after obsgen has applied
   * everything above, for options the typed subset lacks (line width, fill, legend placement,
   * overrides, …). What it sets is in the generated JSON and is linted like the rest.
   */
  sdk?(builder: PanelSdkBuilders[T]): void;
}

export interface Panel {
  readonly type: PanelType;
  readonly title: string;
  readonly targets: readonly PanelTarget[];
  readonly options: PanelOptions;
  readonly at: SourceLocation;
}

export interface Row {
  readonly title: string;
  readonly panels: readonly Panel[];
  readonly collapsed: boolean;
}

/** Template variables: the datasource variable is always added; these come after it. */
export type Variable =
  | {
      readonly kind: 'query';
      readonly name: string;
      readonly label?: string;
      readonly query: string;
      readonly multi?: boolean;
      readonly includeAll?: boolean;
    }
  | {
      readonly kind: 'custom';
      readonly name: string;
      readonly label?: string;
      readonly values: readonly string[];
      readonly multi?: boolean;
      readonly includeAll?: boolean;
    }
  | { readonly kind: 'interval'; readonly name: string; readonly label?: string; readonly values: readonly string[] };

export interface DashboardSpec {
  readonly title: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly variables?: readonly Variable[];
  readonly links?: readonly DashboardLinkSpec[];
  readonly rows: readonly Row[];
  /** Default time range, e.g. `now-6h`. */
  readonly from?: string;
  readonly refresh?: string;
  readonly allow?: readonly Allow[];
}

export interface Dashboard {
  /** Identifier within the system: the file name and the base of the uid. */
  readonly name: string;
  readonly spec: DashboardSpec;
  /** Set on dashboards obsgen derives (SLOs). */
  readonly origin?: 'slo';
  readonly at: SourceLocation;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Declares a Grafana dashboard of a system. */
export function dashboard(name: string, spec: DashboardSpec): Dashboard {
  if (!NAME.test(name))
    throw new Error(
      `dashboard name "${name}" must be lower-case words joined by hyphens (it becomes the file name and uid)`,
    );
  return { name, spec, at: captureLocation() };
}

/** A row of panels; collapsed rows hold their panels until opened. */
export function row(title: string, panels: readonly Panel[], options: { readonly collapsed?: boolean } = {}): Row {
  return { title, panels, collapsed: options.collapsed ?? false };
}

type Targets = PanelQuery | PanelTarget | readonly (PanelQuery | PanelTarget)[];

function targetsOf(targets: Targets): PanelTarget[] {
  const list = Array.isArray(targets)
    ? (targets as readonly (PanelQuery | PanelTarget)[])
    : [targets as PanelQuery | PanelTarget];
  return list.map((t) => (typeof t === 'string' || !('query' in t) ? { query: t } : t));
}

/** A CloudWatch metric as a panel target. */
export function cloudwatchMetric(metric: CloudWatchMetricQuery, legend?: string): PanelTarget {
  return { query: { cloudwatch: metric }, ...(legend === undefined ? {} : { legend }) };
}

function panelOf<T extends PanelType>(type: T) {
  return (title: string, targets: Targets, options: PanelOptions<T> = {}): Panel => ({
    type,
    title,
    targets: targetsOf(targets),
    options,
    at: captureLocation(),
  });
}

export const timeseries = panelOf('timeseries');
export const stat = panelOf('stat');
/** A gauge panel (named apart from the catalog's gauge metric kind). */
export const gaugePanel = panelOf('gauge');
export const barGauge = panelOf('bargauge');
export const barChart = panelOf('barchart');
export const table = panelOf('table');
export const heatmap = panelOf('heatmap');

/** A logs panel on the Loki data source (`logql`). */
export function logs(title: string, logql: string, options: Omit<PanelOptions<'logs'>, 'logql'> = {}): Panel {
  return { type: 'logs', title, targets: [], options: { ...options, logql }, at: captureLocation() };
}

/** A Markdown text panel. */
export function text(title: string, content: string, options: Omit<PanelOptions<'text'>, 'content'> = {}): Panel {
  return { type: 'text', title, targets: [], options: { ...options, content }, at: captureLocation() };
}
