import type { AlertEvidence, DiffBacktest, ReceiverEvidence, SloEvidence } from '../../live/backtest-results.ts';
import type { AlertBacktest } from '../../live/backtest-results.ts';
import { formatDuration } from '../../model/duration.ts';
import { html } from './html-page.ts';
import { spanText } from '../../text/span-text.ts';

const perWeek = (result: AlertBacktest): string => result.summary.perWeek.toFixed(1);

/** What one side did over the range, alone (an added or removed alert). */
function alone(result: AlertBacktest): string {
  const { summary } = result;
  return `${perWeek(result)} a week (${summary.episodes} episode${summary.episodes === 1 ? '' : 's'}, firing ${spanText(summary.firingSeconds)}${summary.flapping > 0 ? `, ${summary.flapping} flapping` : ''})`;
}

/** How much later (or earlier) the change fires once the condition holds, from the median delays. */
function delayChange(before: AlertBacktest, after: AlertBacktest): string | undefined {
  const b = before.summary.medianDelaySeconds;
  const a = after.summary.medianDelaySeconds;
  if (a === undefined || b === undefined || a === b) return undefined;
  return `first fires ${spanText(Math.abs(a - b))} ${a > b ? 'later' : 'earlier'}`;
}

/**
 * One line per alert for the pull-request comment:
 * "`shop/HighErrors`: fires 14.0 → 3.0 a week on the last 7d; firing 5.2 h → 1.1 h; first fires 4 min later".
 */
export function evidenceLine(evidence: AlertEvidence, rangeSeconds: number): string {
  const { key, before, after } = evidence;
  const range = formatDuration(rangeSeconds);
  const reads =
    evidence.reads.length > 0 ? ` (reads the changed ${evidence.reads.map((r) => `\`${r}\``).join(', ')})` : '';
  const skipped = [before, after].find((side) => side?.notEvaluated !== undefined);
  if (skipped !== undefined)
    return `\`${key}\`: not backtested${skipped === before ? ' as the base defines it' : ''}: ${skipped.notEvaluated}${reads}`;
  if (before === undefined && after !== undefined)
    return `**added** \`${key}\`: would have fired ${alone(after)} on the last ${range}${reads}`;
  if (after === undefined && before !== undefined)
    return `**removed** \`${key}\`: fired ${alone(before)} on the last ${range}`;
  const b = before!;
  const a = after!;
  const parts = [
    `fires ${perWeek(b)} → ${perWeek(a)} a week on the last ${range}`,
    `firing ${spanText(b.summary.firingSeconds)} → ${spanText(a.summary.firingSeconds)}`,
    delayChange(b, a),
    b.summary.flapping !== a.summary.flapping ? `flapping ${b.summary.flapping} → ${a.summary.flapping}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return `\`${key}\`: ${parts.join('; ')}${reads}`;
}

/** The headline's items: alerts whose rate of firing the change moves. */
export function evidenceHeadline(backtest: DiffBacktest): string[] {
  return backtest.alerts.flatMap(({ key, before, after }) =>
    before !== undefined &&
    after !== undefined &&
    before.notEvaluated === undefined &&
    after.notEvaluated === undefined &&
    perWeek(before) !== perWeek(after)
      ? [`${key} fires ${perWeek(before)} → ${perWeek(after)} a week${backtest.synthetic ? ' (synthetic)' : ''}`]
      : [],
  );
}

const WIDTH = 900;
const LABEL = 70;
const ROW = 22;
const TICKS = 18;
const CHART = 110;

/** Colours of the two sides: the base's value muted, the change's strong. */
const SIDES = [
  { label: 'before', line: '#9aa3ad', threshold: '#6b7280' },
  { label: 'after', line: '#3d7bd9', threshold: '#b3261e' },
] as const;

/**
 * An alert before and after over the range, as an SVG a reviewer reads at a glance: the value
 * its condition compares (a line per series, the threshold dashed; base muted, change strong)
 * and, below, one row per side with a bar per episode (light while pending, dark while firing).
 */
export function evidenceTimeline(evidence: AlertEvidence, backtest: DiffBacktest): string {
  const start = backtest.end - backtest.rangeSeconds;
  const x = (t: number) => LABEL + ((WIDTH - LABEL - 10) * Math.max(0, t - start)) / backtest.rangeSeconds;
  const sides = [evidence.before, evidence.after] as const;
  const chart = valueChart(sides, x);
  const top = TICKS + (chart === '' ? 0 : CHART + 8);
  const rows = sides.map((result, index) => {
    const y = top + index * ROW;
    const bars = (result?.episodes ?? []).map((episode) => {
      const end = x(episode.resolvedAt ?? backtest.end);
      const title = `fired ${new Date(episode.firedAt * 1000).toISOString()} for ${spanText((episode.resolvedAt ?? backtest.end) - episode.firedAt)}`;
      return `<rect class="pending" x="${x(episode.activeAt).toFixed(1)}" y="${y}" width="${Math.max(1, x(episode.firedAt) - x(episode.activeAt)).toFixed(1)}" height="14" fill="#f2b8b5"/><rect class="firing" x="${x(episode.firedAt).toFixed(1)}" y="${y}" width="${Math.max(1.5, end - x(episode.firedAt)).toFixed(1)}" height="14" fill="#b3261e"><title>${html(title)}</title></rect>`;
    });
    const note =
      result === undefined
        ? `<text x="${LABEL + 6}" y="${y + 11}" fill="#6b7280">(no such alert)</text>`
        : result.notEvaluated !== undefined
          ? `<text x="${LABEL + 6}" y="${y + 11}" fill="#6b7280">(not backtested)</text>`
          : '';
    return `<text x="${LABEL - 6}" y="${y + 11}" text-anchor="end">${SIDES[index]!.label}</text><line x1="${LABEL}" x2="${WIDTH - 10}" y1="${y + 7}" y2="${y + 7}" stroke="#dde1e7"/>${bars.join('')}${note}`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const t = start + share * backtest.rangeSeconds;
    const anchor = share === 0 ? 'start' : share === 1 ? 'end' : 'middle';
    return `<text x="${x(t).toFixed(1)}" y="10" text-anchor="${anchor}" fill="#6b7280">${new Date(t * 1000).toISOString().slice(5, 16).replace('T', ' ')} UTC</text>`;
  });
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top + 2 * ROW}" font-size="11" font-family="system-ui,sans-serif" role="img" aria-label="${html(`${evidence.key}: value and firing, before and after`)}">${ticks.join('')}${chart}${rows.join('')}</svg>`;
}

/** The condition's value before and after with their thresholds; '' when neither side has one. */
function valueChart(sides: readonly (AlertBacktest | undefined)[], x: (t: number) => number): string {
  const values = sides.map((side) => side?.value);
  if (values.every((value) => value === undefined)) return '';
  const all = values.flatMap((value) =>
    value === undefined ? [] : [value.threshold, ...value.series.flatMap((s) => s.points.map(([, v]) => v))],
  );
  const low = Math.min(0, ...all);
  const high = Math.max(...all) * 1.1 || 1;
  const y = (v: number) => TICKS + CHART - (CHART * (v - low)) / (high - low);
  const parts: string[] = [
    `<line x1="${LABEL}" x2="${WIDTH - 10}" y1="${y(low).toFixed(1)}" y2="${y(low).toFixed(1)}" stroke="#dde1e7"/>`,
    `<text x="${LABEL - 6}" y="${(y(high) + 8).toFixed(1)}" text-anchor="end" fill="#6b7280">${axisNumber(high)}</text>`,
    `<text x="${LABEL - 6}" y="${y(low).toFixed(1)}" text-anchor="end" fill="#6b7280">${axisNumber(low)}</text>`,
  ];
  values.forEach((value, index) => {
    if (value === undefined) return;
    const side = SIDES[index]!;
    for (const series of value.series) {
      const path = series.points
        .map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`)
        .join('');
      parts.push(
        `<path class="value ${side.label}" d="${path}" fill="none" stroke="${side.line}" stroke-width="1.5"><title>${html(`${side.label}: ${labelText(series.labels)}`)}</title></path>`,
      );
    }
    parts.push(
      `<line class="threshold ${side.label}" x1="${LABEL}" x2="${WIDTH - 10}" y1="${y(value.threshold).toFixed(1)}" y2="${y(value.threshold).toFixed(1)}" stroke="${side.threshold}" stroke-dasharray="5,3"><title>${html(`${side.label}: ${value.op} ${value.threshold}`)}</title></line>`,
      `<text x="${WIDTH - 12}" y="${(y(value.threshold) - 3).toFixed(1)}" text-anchor="end" fill="${side.threshold}">${side.label} ${html(value.op)} ${axisNumber(value.threshold)}${value.total > value.series.length ? ` (${value.series.length} of ${value.total} series)` : ''}</text>`,
    );
  });
  return parts.join('');
}

function axisNumber(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.01 && value !== 0)
    ? value.toPrecision(2)
    : String(Number(value.toFixed(3)));
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).filter(([name]) => name !== '__name__');
  return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
}

/** A receiver's pages a week from the changed alerts: "`pager`: 14.0 → 3.0 pages a week from these alerts". */
export function receiverLine(receiver: ReceiverEvidence, rangeSeconds: number): string {
  const shown = (value: number | undefined) => (value === undefined ? 'no routing' : value.toFixed(1));
  return `\`${receiver.receiver}\`: ${shown(receiver.before)} → ${shown(receiver.after)} pages a week from these alerts on the last ${formatDuration(rangeSeconds)}`;
}

/**
 * A changed SLO's objectives over the range, before and after: "`shop/availability`: 0.21 % of
 * events bad; burn rate 2.10 → 0.42; period budget spent 49.0 % → 9.80 % on the last 7d".
 */
export function sloLines(slo: SloEvidence, rangeSeconds: number): string[] {
  const percent = (value: number | null | undefined) =>
    value === null || value === undefined ? '–' : `${(value * 100).toPrecision(3)} %`;
  const rate = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(2));
  const tiers = [...new Set([...slo.before, ...slo.after].map((objective) => objective.tier))];
  return tiers.map((tier) => {
    const before = slo.before.find((objective) => objective.tier === tier);
    const after = slo.after.find((objective) => objective.tier === tier);
    const bad = after?.errorRatio ?? before?.errorRatio;
    return (
      `\`${slo.key}\`${tier === undefined ? '' : ` {${tier}}`}: objective ${percent(before?.objective)} → ${percent(after?.objective)}; ` +
      `${percent(bad)} of events bad; burn rate ${rate(before?.burnRate)} → ${rate(after?.burnRate)}; ` +
      `period budget spent ${percent(before?.periodBudgetSpent)} → ${percent(after?.periodBudgetSpent)} on the last ${formatDuration(rangeSeconds)}`
    );
  });
}
