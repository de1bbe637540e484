import { html, htmlPage } from '../review/html-page.ts';
import type { PreviewDashboard, PreviewPanel } from './dashboard-panels.ts';

/** Grafana's grid on a 1,200 px page: 24 columns of 50 px, rows of 30 px. */
const COLUMN_PX = 50;
const ROW_PX = 30;
/** A panel's title bar, margins, border and padding, taken from its height and width. */
const TITLE_PX = 34;
const PADDING_PX = 18;

/** The pixels a panel's figure gets inside its grid cell. */
export function figureSize(panel: PreviewPanel): { width: number; height: number } {
  return {
    width: Math.max(120, panel.gridPos.w * COLUMN_PX - PADDING_PX),
    height: Math.max(80, panel.gridPos.h * ROW_PX - TITLE_PX - PADDING_PX),
  };
}

/** Where the data came from, shown on every page: a server, or synthetic history. */
export interface PreviewSource {
  readonly source: string;
  /** Unix seconds the previews end at. */
  readonly end: number;
  readonly synthetic: boolean;
}

/** The grid and panel style every page showing drawn panels adds. */
export const PREVIEW_STYLE = `
.board{display:grid;grid-template-columns:repeat(24,${COLUMN_PX}px);grid-auto-rows:${ROW_PX}px;gap:0;width:${24 * COLUMN_PX}px}
.panel{margin:3px;background:#fff;border:1px solid #dde1e7;border-radius:4px;overflow:hidden;display:flex;flex-direction:column}
.panel h3{font-size:13px;margin:0;padding:6px 8px 2px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.panel .figure{flex:1;padding:0 3px 3px;overflow:hidden}
.no-data,.not-drawn{color:#6b7280;text-align:center;margin-top:24px}.more{color:#6b7280;font-size:11px;margin:0 6px}
.panel-table{font-size:12px}.panel-table .value{text-align:right}.panel-text{white-space:pre-wrap;font-size:12px;padding:4px}
#dashboard{overflow-x:auto}
.synthetic{background:#fff4e0;border:1px solid #a15c00;color:#a15c00;padding:6px 10px;border-radius:4px;font-weight:600}`;

function banner(source: PreviewSource, rangeSeconds: number | undefined): string {
  const at = new Date(source.end * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const range = rangeSeconds === undefined ? '' : ` over the last ${hours(rangeSeconds)}`;
  return source.synthetic
    ? `<p class="synthetic">Synthetic: drawn from history generated from the catalog, not from a real Prometheus${html(range)}, ending ${html(at)}.</p>`
    : `<p class="muted">Data from ${html(source.source)}${html(range)}, ending ${html(at)}.</p>`;
}

const hours = (seconds: number) => (seconds % 86_400 === 0 ? `${seconds / 86_400}d` : `${seconds / 3600}h`);

/** One dashboard with every panel drawn, placed on Grafana's grid. */
export function previewPage(
  system: string,
  dashboard: PreviewDashboard,
  figures: readonly { readonly panel: PreviewPanel; readonly figure: string }[],
  source: PreviewSource,
): string {
  const body = `<section id="dashboard"><h2>${html(dashboard.title)} <span class="muted">(${html(system)})</span></h2>${banner(source, dashboard.rangeSeconds)}<p><a href="../index.html">All dashboards</a></p>${previewBoard(figures)}</section>`;
  return htmlPage(`${dashboard.title} (preview)`, [['dashboard', dashboard.title]], body, PREVIEW_STYLE);
}

/** Drawn panels on Grafana's grid (the page must carry PREVIEW_STYLE). */
export function previewBoard(figures: readonly { readonly panel: PreviewPanel; readonly figure: string }[]): string {
  const panels = figures.map(
    ({ panel, figure }) =>
      `<div class="panel" data-type="${html(panel.type)}" style="grid-column:${panel.gridPos.x + 1} / span ${panel.gridPos.w};grid-row:${panel.gridPos.y + 1} / span ${panel.gridPos.h}"><h3>${html(panel.title)}</h3><div class="figure">${figure}</div></div>`,
  );
  return `<div class="board">${panels.join('')}</div>`;
}

/** The index: each dashboard with how many panels have data, linking its page. */
export function previewIndex(
  entries: readonly {
    readonly system: string;
    readonly title: string;
    readonly file: string;
    readonly panels: number;
    readonly withData: number;
  }[],
  source: PreviewSource,
): string {
  const rows = entries.map(
    (e) =>
      `<tr><td>${html(e.system)}</td><td><a href="${html(e.file)}">${html(e.title)}</a></td><td>${e.withData} of ${e.panels}</td></tr>`,
  );
  const body = `<section id="dashboards"><h2>Dashboards</h2>${banner(source, undefined)}<table><thead><tr><th>System</th><th>Dashboard</th><th>Panels with data</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
  return htmlPage('obsgen preview', [['dashboards', 'Dashboards']], body, PREVIEW_STYLE);
}
