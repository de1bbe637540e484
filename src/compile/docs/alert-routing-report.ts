import type { AlertmanagerFacts } from '../../derive/alertmanager/alertmanager-facts.ts';
import { routesOf } from '../../derive/alertmanager/route-alert.ts';
import { matcherList, matcherText } from '../../derive/alertmanager/route-matchers.ts';
import type { Route } from '../../model/alertmanager/route.ts';
import { escapeXml } from '../../text/xml-escape.ts';
import type { OutputFile } from '../output-file.ts';
import type { RoutingTest } from '../alertmanager/routing-tests.ts';

const ROW = 22;
const INDENT = 24;
const CHAR = 7; // px per character of the 12 px monospace font

/** `reports/alert-routing.svg`: the routing tree, then every alert and the receivers it reaches. */
export function alertRoutingReport(facts: AlertmanagerFacts, tests: readonly RoutingTest[]): OutputFile[] {
  const counts = new Map<Route, number>();
  for (const routing of facts.routings)
    for (const match of routing.matches) counts.set(match.route, (counts.get(match.route) ?? 0) + 1);
  const lines: { depth: number; text: string; kind: 'route' | 'heading' | 'alert' | 'dead' }[] = [
    { depth: 0, text: 'Routing tree (matchers → receiver; alerts that end there)', kind: 'heading' },
  ];
  let inherited = facts.config.route.receiver.name;
  for (const { route, path } of routesOf(facts.config.route)) {
    const receiver =
      route.receiver?.name ?? [...path].reverse().find((r) => r.receiver !== undefined)?.receiver?.name ?? inherited;
    if (path.length === 1) inherited = receiver;
    const matchers =
      path.length === 1 ? 'root (catch-all)' : matcherList(route.matchers).map(matcherText).join(', ') || 'every alert';
    const ended = counts.get(route) ?? 0;
    const flags = [
      route.continue === true ? 'continue' : '',
      route.activeTimeIntervals?.length ? `active: ${route.activeTimeIntervals.map((i) => i.name).join(', ')}` : '',
      route.muteTimeIntervals?.length ? `muted: ${route.muteTimeIntervals.map((i) => i.name).join(', ')}` : '',
    ].filter(Boolean);
    lines.push({
      depth: path.length - 1,
      text: `${matchers} → ${receiver}${flags.length ? ` [${flags.join('; ')}]` : ''} (${ended} alert${ended === 1 ? '' : 's'})`,
      kind: ended === 0 && (route.routes ?? []).length === 0 ? 'dead' : 'route',
    });
  }
  lines.push({ depth: 0, text: '', kind: 'heading' }, { depth: 0, text: 'Alert → receivers', kind: 'heading' });
  for (const test of tests)
    lines.push({
      depth: 0,
      text: `${test.alert} {${Object.entries(test.labels)
        .filter(([k]) => k !== 'alertname')
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ')}} → ${test.receivers.join(', ')}`,
      kind: 'alert',
    });
  const width = Math.max(400, ...lines.map((line) => 16 + line.depth * INDENT + line.text.length * CHAR)) + 16;
  const height = lines.length * ROW + 16;
  const body = lines.map((line, index) => {
    const y = 8 + (index + 1) * ROW - 6;
    const x = 16 + line.depth * INDENT;
    const fill =
      line.kind === 'heading' ? '#111' : line.kind === 'dead' ? '#b00' : line.kind === 'alert' ? '#333' : '#1a4d8f';
    const weight = line.kind === 'heading' ? ' font-weight="bold"' : '';
    const connector =
      line.kind === 'route' || line.kind === 'dead'
        ? line.depth > 0
          ? `<line x1="${x - INDENT + 6}" y1="${y - 14}" x2="${x - INDENT + 6}" y2="${y - 4}" stroke="#999"/><line x1="${x - INDENT + 6}" y1="${y - 4}" x2="${x - 4}" y2="${y - 4}" stroke="#999"/>`
          : ''
        : '';
    return `${connector}<text x="${x}" y="${y}" fill="${fill}"${weight}>${escapeXml(line.text)}</text>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12">\n<rect width="100%" height="100%" fill="#fff"/>\n${body.join('\n')}\n</svg>\n`;
  return [{ path: 'reports/alert-routing.svg', content: svg }];
}
