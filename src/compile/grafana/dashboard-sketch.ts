import type {
  Dashboard as DashboardJson,
  Panel as PanelJson,
  RowPanel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { escapeXml } from '../../text/xml-escape.ts';

const COLUMN = 40; // px per grid column (24 columns)
const UNIT = 30; // px per grid row unit
const MARGIN = 8;

/** A title that fits its box: Grafana truncates too, at roughly 7 px per character. */
function fit(text: string, width: number): string {
  const max = Math.max(3, Math.floor((width - 12) / 7));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A layout sketch of a dashboard as SVG: rows, panel boxes at their grid positions, titles and
 * panel types. Deterministic text, so a pull request shows a layout change as a readable diff.
 */
export function dashboardSketch(json: DashboardJson): string {
  const panels: (PanelJson | RowPanel)[] = [];
  for (const panel of json.panels ?? []) {
    panels.push(panel);
    if (panel.type === 'row' && 'panels' in panel && panel.collapsed === true) panels.push(...panel.panels);
  }
  const bottom = Math.max(1, ...panels.map((p) => (p.gridPos?.y ?? 0) + (p.gridPos?.h ?? 1)));
  const width = 24 * COLUMN + 2 * MARGIN;
  const height = bottom * UNIT + 2 * MARGIN + 32;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `  <title>${escapeXml(json.title ?? '')}</title>`,
    `  <rect width="${width}" height="${height}" fill="#111217"/>`,
    `  <text x="${MARGIN}" y="${MARGIN + 16}" fill="#ccccdc" font-size="16">${escapeXml(json.title ?? '')} (uid ${escapeXml(json.uid ?? '?')})</text>`,
  ];
  for (const panel of panels) {
    const pos = panel.gridPos ?? { x: 0, y: 0, w: 12, h: 8 };
    const x = MARGIN + pos.x * COLUMN;
    const y = MARGIN + 32 + pos.y * UNIT;
    const w = pos.w * COLUMN;
    const h = pos.h * UNIT;
    const title = panel.title ?? '';
    if (panel.type === 'row') {
      out.push(`  <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#22252b"/>`);
      out.push(
        `  <text x="${x + 6}" y="${y + h / 2 + 4}" fill="#ccccdc" font-weight="bold">${escapeXml(fit(`▾ ${title}`, w))}</text>`,
      );
      continue;
    }
    out.push(
      `  <rect x="${x + 2}" y="${y + 2}" width="${w - 4}" height="${h - 4}" rx="3" fill="#181b1f" stroke="#2f3238"/>`,
    );
    out.push(`  <text x="${x + 8}" y="${y + 18}" fill="#ccccdc">${escapeXml(fit(title, w))}</text>`);
    out.push(
      `  <text x="${x + 8}" y="${y + h - 10}" fill="#8e8e8e" font-size="10">${escapeXml(`${panel.type ?? ''} #${panel.id ?? '?'}`)}</text>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
