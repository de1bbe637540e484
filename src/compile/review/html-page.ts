import { escapeXml } from '../../text/xml-escape.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** HTML-escaped text. */
export const html = escapeXml;

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
nav a{color:#9cc3ff;margin-right:16px}main{padding:8px 24px 48px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:12px 16px;margin:16px 0}
h2{font-size:17px;margin:4px 0 12px}h3{font-size:15px;margin:16px 0 8px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e6e9ee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5}code{font:12px ui-monospace,monospace;word-break:break-all}
.sev-critical{color:#b3261e;font-weight:600}.sev-warning{color:#a15c00}.sev-info{color:#3056a8}
.added{background:#e6f4ea}.removed{background:#fce8e6}.changed{background:#fff4e0}
figure{margin:8px 0}figure svg{max-width:100%;height:auto;border:1px solid #dde1e7}
.sketches{display:flex;gap:12px;flex-wrap:wrap}.sketches figure{flex:1 1 420px}
#filter{padding:4px 8px;width:280px}.muted{color:#6b7280}`;

/** The script: a filter over table rows. No network, nothing outside this file. */
const SCRIPT = `
document.getElementById('filter')?.addEventListener('input', (event) => {
  const text = event.target.value.toLowerCase();
  for (const row of document.querySelectorAll('tbody tr')) row.hidden = text !== '' && !row.textContent.toLowerCase().includes(text);
});`;

/** A self-contained page: inline style and script, no external asset; `style` adds to the page's own. */
export function htmlPage(title: string, nav: readonly (readonly [string, string])[], body: string, style = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${STYLE}${style}</style>
</head>
<body>
<header><h1>${html(title)}</h1><nav>${nav.map(([id, label]) => `<a href="#${id}">${html(label)}</a>`).join('')}<input id="filter" type="search" placeholder="Filter rows" aria-label="Filter rows"></nav></header>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** A horizontal bar chart (SVG): each bar against an optional limit line. */
export function barChart(
  bars: readonly { readonly label: string; readonly value: number; readonly limit?: number }[],
  id: string,
): string {
  const finite = bars.map((b) => (Number.isFinite(b.value) ? b.value : 0));
  const max = Math.max(1, ...finite, ...bars.map((b) => b.limit ?? 0));
  const row = 22;
  const labelWidth = 260;
  const width = 720;
  const scale = (value: number): number => ((width - labelWidth - 80) * value) / max;
  const rows = bars.map((bar, index) => {
    const y = index * row + 4;
    const value = Number.isFinite(bar.value) ? bar.value : 0;
    const over = bar.limit !== undefined && value > bar.limit;
    const limit =
      bar.limit === undefined
        ? ''
        : `<line class="limit" x1="${labelWidth + scale(bar.limit)}" x2="${labelWidth + scale(bar.limit)}" y1="${y - 2}" y2="${y + row - 4}" stroke="#b3261e" stroke-dasharray="3,2"/>`;
    return `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${html(bar.label)}</text><rect class="bar" x="${labelWidth}" y="${y}" width="${Math.max(1, scale(value))}" height="${row - 8}" fill="${over ? '#b3261e' : '#3d7bd9'}"/>${limit}<text x="${labelWidth + scale(value) + 6}" y="${y + 13}">${Number.isFinite(bar.value) ? groupedNumber(bar.value) : 'unbounded'}</text>`;
  });
  return `<svg id="${html(id)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bars.length * row + 8}" font-size="12" font-family="system-ui,sans-serif">${rows.join('')}</svg>`;
}
