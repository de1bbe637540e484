import type { PanelBuilder as BarChartBuilder } from '@grafana/grafana-foundation-sdk/barchart';
import type { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import type { PanelBuilder as GaugeBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import type { PanelBuilder as HeatmapBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import type { PanelBuilder as LogsBuilder } from '@grafana/grafana-foundation-sdk/logs';
import type { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import type { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import type { PanelBuilder as TextBuilder } from '@grafana/grafana-foundation-sdk/text';
import type { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Query } from '../promql/ast.ts';
import type { MetricKind } from './metric-spec.ts';
import type { LabelMatcher } from './selector.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { ALLOW_LIST, type Allow } from './suppression.ts';
import { defined } from './input/definition-input.ts';
import { isQueryLike } from './query-like.ts';
import {
  ANY,
  choice,
  inputShape,
  listOf,
  mapOf,
  objectOf,
  optional,
  param,
  plain,
  required,
  type FieldsOf,
  type Shape,
} from './input/shape.ts';

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
  | { readonly kind: 'interval'; readonly name: string; readonly label?: string; readonly values: readonly string[] }
  /** A value the viewer types (Grafana's textbox), starting at `value`. */
  | { readonly kind: 'textbox'; readonly name: string; readonly label?: string; readonly value: string }
  /** A fixed value, hidden from the viewer (Grafana's constant). */
  | { readonly kind: 'constant'; readonly name: string; readonly value: string };

export interface DashboardSpec {
  readonly title: string;
  /**
   * Grafana's uid (at most 40 of a-z, A-Z, 0-9, - and _); default `<system>-<name>`. Keep an
   * imported dashboard's, so links and bookmarks to it keep working.
   */
  readonly uid?: string;
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

const cloudwatchMetricQuery = objectOf<CloudWatchMetricQuery>('a CloudWatch metric query', {
  namespace: required(),
  metricName: required(),
  dimensions: optional(mapOf()),
  statistic: required(),
  region: optional(),
  period: optional(),
});
const panelTarget = objectOf<PanelTarget>('a panel target', {
  query: required(
    choice((value) =>
      'cloudwatch' in value && !('ast' in value)
        ? objectOf<{ cloudwatch: unknown }>('a CloudWatch target', { cloudwatch: required(cloudwatchMetricQuery) })
        : ANY,
    ),
  ),
  legend: optional(),
  instant: optional(),
});
// A target is a query (typed, a catalog series, text) or a target object, alone or in a list.
const targetShape: Shape = choice((value) => (isQueryLike(value) ? ANY : panelTarget));
const targetsShape: Shape = choice((value) => (Array.isArray(value) ? listOf(targetShape) : targetShape));
const valueMapping: Shape = choice((value) =>
  'from' in value || 'to' in value
    ? objectOf<{ from: unknown; to: unknown; text: string; color?: string }>('a range mapping', {
        from: required(),
        to: required(),
        text: required(),
        color: optional(),
      })
    : objectOf<{ value: unknown; text: string; color?: string }>('a value mapping', {
        value: required(),
        text: required(),
        color: optional(),
      }),
);
const panelFields: FieldsOf<PanelOptions> = {
  description: optional(),
  unit: optional(),
  legend: optional(),
  instant: optional(),
  thresholds: optional(listOf(objectOf<Threshold>('a threshold', { value: required(), color: required() }))),
  mappings: optional(listOf(valueMapping)),
  thresholdLines: optional(),
  min: optional(),
  max: optional(),
  width: optional(),
  height: optional(),
  gridPos: optional(
    objectOf<GridPosition>('a grid position', { x: required(), y: required(), w: required(), h: required() }),
  ),
  logql: optional(),
  content: optional(),
  sdk: optional(),
};
const panelShape = (constructor: string) =>
  inputShape(constructor, [
    plain('title'),
    param('targets', targetsShape),
    param('options', objectOf<PanelOptions>('panel options', panelFields)),
  ]);
const { logql: _logql, ...logsFields } = panelFields;
const { content: _content, ...textFields } = panelFields;
const variable: Shape = choice((value) => {
  switch (value['kind']) {
    case 'custom':
      return objectOf<Extract<Variable, { kind: 'custom' }>>('a custom variable', {
        kind: required(),
        name: required(),
        label: optional(),
        values: required(),
        multi: optional(),
        includeAll: optional(),
      });
    case 'interval':
      return objectOf<Extract<Variable, { kind: 'interval' }>>('an interval variable', {
        kind: required(),
        name: required(),
        label: optional(),
        values: required(),
      });
    case 'textbox':
      return objectOf<Extract<Variable, { kind: 'textbox' }>>('a textbox variable', {
        kind: required(),
        name: required(),
        label: optional(),
        value: required(),
      });
    case 'constant':
      return objectOf<Extract<Variable, { kind: 'constant' }>>('a constant variable', {
        kind: required(),
        name: required(),
        value: required(),
      });
    default:
      return objectOf<Extract<Variable, { kind: 'query' }>>('a query variable', {
        kind: required(),
        name: required(),
        label: optional(),
        query: required(),
        multi: optional(),
        includeAll: optional(),
      });
  }
});
const link: Shape = choice((value) =>
  'tags' in value
    ? objectOf<Extract<DashboardLinkSpec, { tags: unknown }>>('a tags link', {
        title: required(),
        tags: required(),
        asDropdown: optional(),
      })
    : objectOf<Extract<DashboardLinkSpec, { url: string }>>('a link', {
        title: required(),
        url: required(),
        keepTime: optional(),
      }),
);
const SHAPES = {
  dashboard: inputShape('dashboard', [
    plain('name'),
    param(
      'spec',
      objectOf<DashboardSpec>('a dashboard', {
        title: required(),
        uid: optional(),
        description: optional(),
        tags: optional(),
        variables: optional(listOf(variable)),
        links: optional(listOf(link)),
        rows: required(),
        from: optional(),
        refresh: optional(),
        allow: ALLOW_LIST,
      }),
    ),
  ]),
  row: inputShape('row', [
    plain('title'),
    plain('panels'),
    param('options', objectOf<{ collapsed?: boolean }>('row options', { collapsed: optional() })),
  ]),
  cloudwatchMetric: inputShape('cloudwatchMetric', [param('metric', cloudwatchMetricQuery), plain('legend')]),
  logs: inputShape('logs', [
    plain('title'),
    plain('logql'),
    param('options', objectOf<Omit<PanelOptions, 'logql'>>('panel options', logsFields)),
  ]),
  text: inputShape('text', [
    plain('title'),
    plain('content'),
    param('options', objectOf<Omit<PanelOptions, 'content'>>('panel options', textFields)),
  ]),
} as const;

/** Declares a Grafana dashboard of a system. */
export function dashboard(name: string, spec: DashboardSpec): Dashboard {
  if (!NAME.test(name))
    throw new Error(
      `dashboard name "${name}" must be lower-case words joined by hyphens (it becomes the file name and uid)`,
    );
  const at = captureLocation();
  return defined({ name, spec, at }, SHAPES.dashboard, [name, spec], at);
}

/** A row of panels; collapsed rows hold their panels until opened. */
export function row(title: string, panels: readonly Panel[], options: { readonly collapsed?: boolean } = {}): Row {
  return defined(
    { title, panels, collapsed: options.collapsed ?? false },
    SHAPES.row,
    [title, panels, options],
    captureLocation(),
  );
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
  return defined(
    { query: { cloudwatch: metric }, ...(legend === undefined ? {} : { legend }) },
    SHAPES.cloudwatchMetric,
    [metric, legend],
    captureLocation(),
  );
}

function panelOf<T extends PanelType>(type: T, constructor: string) {
  const shape = panelShape(constructor);
  return (title: string, targets: Targets, options: PanelOptions<T> = {}): Panel => {
    const at = captureLocation();
    return defined({ type, title, targets: targetsOf(targets), options, at }, shape, [title, targets, options], at);
  };
}

export const timeseries = panelOf('timeseries', 'timeseries');
export const stat = panelOf('stat', 'stat');
/** A gauge panel (named apart from the catalog's gauge metric kind). */
export const gaugePanel = panelOf('gauge', 'gaugePanel');
export const barGauge = panelOf('bargauge', 'barGauge');
export const barChart = panelOf('barchart', 'barChart');
export const table = panelOf('table', 'table');
export const heatmap = panelOf('heatmap', 'heatmap');

/** A logs panel on the Loki data source (`logql`). */
export function logs(title: string, logql: string, options: Omit<PanelOptions<'logs'>, 'logql'> = {}): Panel {
  const at = captureLocation();
  return defined(
    { type: 'logs', title, targets: [], options: { ...options, logql }, at },
    SHAPES.logs,
    [title, logql, options],
    at,
  );
}

/** A Markdown text panel. */
export function text(title: string, content: string, options: Omit<PanelOptions<'text'>, 'content'> = {}): Panel {
  const at = captureLocation();
  return defined(
    { type: 'text', title, targets: [], options: { ...options, content }, at },
    SHAPES.text,
    [title, content, options],
    at,
  );
}
