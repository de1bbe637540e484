/** One query of a panel, as Grafana sends it. */
interface PreviewTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string | undefined;
  /** An instant query at the range's end (tables, stats that ask for it). */
  readonly instant: boolean;
}

/** A panel of a generated dashboard, as much as a preview draws. */
export interface PreviewPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  /** Grafana's grid: 24 columns, rows of 30 px. */
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** The data source type (`prometheus`, `loki`, `cloudwatch`), or undefined for none (text). */
  readonly datasource: string | undefined;
  readonly targets: readonly PreviewTarget[];
  readonly unit: string | undefined;
  readonly decimals: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** Colour steps, the base (value null) first. */
  readonly thresholds: readonly { readonly value: number | null; readonly color: string }[];
  /** How a stat, gauge or bar gauge reduces a series to one value (Grafana's default: the last one). */
  readonly reducer: string;
  /** Text panels: their Markdown. */
  readonly content: string | undefined;
}

/** A generated dashboard's title, uid, default range and panels (rows flattened, in grid order). */
export interface PreviewDashboard {
  readonly uid: string;
  readonly title: string;
  /** The default time range's length in seconds (`now-6h` → 21,600). */
  readonly rangeSeconds: number;
  readonly panels: readonly PreviewPanel[];
}

type Json = Readonly<Record<string, unknown>>;

const record = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The system and name of a generated dashboard's file (`grafana/<system>/<name>.json`); undefined for any other file. */
export function dashboardFileKey(path: string): { readonly system: string; readonly name: string } | undefined {
  const match = /^grafana\/([^/]+)\/([^/]+)\.json$/.exec(path);
  return match === null || match[1] === 'provisioning' ? undefined : { system: match[1]!, name: match[2]! };
}

/** Reads the dashboard JSON obsgen generated (what Grafana imports) into what a preview draws. */
export function previewDashboard(json: unknown): PreviewDashboard {
  const dashboard = record(json);
  const from = text(record(dashboard['time'])['from']) ?? 'now-6h';
  const panels = list(dashboard['panels']).flatMap((panel) => [
    record(panel),
    // A collapsed row holds its panels.
    ...list(record(panel)['panels']).map(record),
  ]);
  return {
    uid: text(dashboard['uid']) ?? '',
    title: text(dashboard['title']) ?? '',
    rangeSeconds: relativeSeconds(from) ?? 6 * 3600,
    panels: panels
      .filter((panel) => panel['type'] !== 'row')
      .map(previewPanel)
      .sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x),
  };
}

function previewPanel(panel: Json): PreviewPanel {
  const defaults = record(record(panel['fieldConfig'])['defaults']);
  const grid = record(panel['gridPos']);
  const steps = list(record(defaults['thresholds'])['steps']).map(record);
  const calcs = list(record(record(panel['options'])['reduceOptions'])['calcs']);
  return {
    id: number(panel['id']) ?? 0,
    type: text(panel['type']) ?? '',
    title: text(panel['title']) ?? '',
    gridPos: {
      x: number(grid['x']) ?? 0,
      y: number(grid['y']) ?? 0,
      w: number(grid['w']) ?? 12,
      h: number(grid['h']) ?? 8,
    },
    datasource: text(record(panel['datasource'])['type']),
    targets: list(panel['targets']).flatMap((raw) => {
      const target = record(raw);
      const expr = text(target['expr']);
      return expr === undefined
        ? []
        : [
            {
              refId: text(target['refId']) ?? 'A',
              expr,
              legendFormat: text(target['legendFormat']),
              instant: target['instant'] === true,
            },
          ];
    }),
    unit: text(defaults['unit']),
    decimals: number(defaults['decimals']),
    min: number(defaults['min']),
    max: number(defaults['max']),
    thresholds: steps.map((step) => ({ value: number(step['value']) ?? null, color: text(step['color']) ?? 'green' })),
    reducer: text(calcs[0]) ?? 'lastNotNull',
    content: text(record(panel['options'])['content']),
  };
}

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  M: 2_592_000,
  y: 31_536_000,
};

/** Grafana's relative start (`now-6h`, `now-7d`) as seconds before now; undefined for any other form. */
function relativeSeconds(from: string): number | undefined {
  const match = /^now-(\d+)([smhdwMy])$/.exec(from);
  return match === null ? undefined : Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
