import { formatDuration } from '../../model/duration.ts';
import { evidenceHeadline, evidenceLine, receiverLine, sloLines } from './backtest-evidence.ts';
import type { EntityChange, ReviewDiff, SeriesChange, StaleCap } from './review-diff.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** A section of the diff: its title, how many changes, and one line per change. */
export interface DiffSection {
  readonly id: string;
  readonly title: string;
  readonly count: string;
  readonly lines: readonly string[];
}

const MAX_VALUE = 300;

/** A value as a reviewer reads it inline: code, cut at 300 characters. */
function shown(value: string): string {
  if (value === '') return '∅';
  const cut = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  return `\`${cut.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function number(value: number): string {
  return Number.isFinite(value) ? groupedNumber(value) : 'unbounded';
}

/** `+40 (×2.0, 12 % of the budget)`. */
function seriesDelta(change: Pick<SeriesChange, 'before' | 'after' | 'budget'>): string {
  const delta = change.after - change.before;
  const factor =
    change.before > 0 && Number.isFinite(change.after)
      ? ` ×${(change.after / change.before).toFixed(change.after / change.before >= 10 ? 0 : 1)}`
      : '';
  const budget =
    change.budget !== undefined && Number.isFinite(change.after)
      ? `, ${((100 * change.after) / change.budget).toFixed(1)} % of the budget`
      : '';
  return `${number(change.before)} → ${number(change.after)} (${delta >= 0 ? '+' : ''}${number(delta)}${factor}${budget})`;
}

function entityLine(change: EntityChange): string {
  if (change.kind === 'added')
    return `**added** \`${change.key}\`${change.fields.length > 0 ? `: ${change.fields.map((f) => `${f.field} ${shown(f.after)}`).join('; ')}` : ''}`;
  if (change.kind === 'removed') return `**removed** \`${change.key}\``;
  return `**changed** \`${change.key}\`: ${change.fields.map((f) => `${f.field} ${shown(f.before)} → ${shown(f.after)}`).join('; ')}`;
}

function counts(changes: readonly { readonly kind: string }[]): string {
  const by = (kind: string) => changes.filter((c) => c.kind === kind).length;
  return (['added', 'changed', 'removed'] as const)
    .map((kind) => [kind, by(kind)] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** The diff's sections, in the order a reviewer reads them; empty sections left out. */
export function diffSections(diff: ReviewDiff): DiffSection[] {
  const entity = (id: string, title: string, changes: readonly EntityChange[]): DiffSection => ({
    id,
    title,
    count: counts(changes),
    lines: changes.map(entityLine),
  });
  const series: DiffSection = {
    id: 'series',
    title: 'Series estimate',
    count: plural(diff.series.filter((s) => s.metric !== undefined).length, 'metric'),
    lines: diff.series.map((s) =>
      s.metric === undefined
        ? `**${s.system}** (system): ${seriesDelta(s)}`
        : `\`${s.system}/${s.metric}\`: ${seriesDelta(s)}${s.causes.length > 0 ? ` — ${s.causes.join('; ')}` : ''}`,
    ),
  };
  const catalog: DiffSection = {
    id: 'catalog',
    title: 'Catalog',
    count: [counts(diff.catalog), diff.staleCaps.length > 0 ? plural(diff.staleCaps.length, 'stale cap') : '']
      .filter(Boolean)
      .join(', '),
    lines: [...diff.staleCaps.map(staleCapLine), ...diff.catalog.map(entityLine)],
  };
  const backtest: DiffSection | undefined =
    diff.backtest === undefined
      ? undefined
      : {
          id: 'backtest',
          title: `Backtest on the last ${formatDuration(diff.backtest.rangeSeconds)} of ${diff.backtest.source}`,
          count: [
            plural(diff.backtest.alerts.length, 'alert'),
            ...(diff.backtest.slos.length > 0 ? [plural(diff.backtest.slos.length, 'SLO')] : []),
          ].join(', '),
          lines: [
            ...(diff.backtest.synthetic
              ? [
                  '**Synthetic**: history generated from the catalogs (a daily pattern, two planted incidents), not production; pass `--prometheus` for real evidence',
                ]
              : []),
            ...diff.backtest.alerts.map((evidence) => evidenceLine(evidence, diff.backtest!.rangeSeconds)),
            ...diff.backtest.receivers
              .filter((r) => r.before !== r.after)
              .map((r) => receiverLine(r, diff.backtest!.rangeSeconds)),
            ...diff.backtest.slos.flatMap((slo) => sloLines(slo, diff.backtest!.rangeSeconds)),
          ],
        };
  return [
    entity('systems', 'Systems', diff.systems),
    entity('alerts', 'Alerts', diff.alerts),
    ...(backtest === undefined ? [] : [backtest]),
    series,
    catalog,
    entity('slos', 'SLOs', diff.slos),
    entity('dashboards', 'Dashboards', diff.dashboards),
    entity('recordings', 'Recording rules', diff.recordings),
    entity('collectors', 'Collector pipelines', diff.collectors),
    entity('cloudwatch', 'CloudWatch resources', diff.cloudwatch),
  ].filter((section) => section.lines.length > 0);
}

/** A combinations cap that stayed while its labels multiplied. */
function staleCapLine(cap: StaleCap): string {
  return `**cap may be stale** \`${cap.key}\`: combinations cap ${number(cap.cap)} unchanged while the labels' product grew ${number(cap.before)} → ${number(cap.after)}${cap.causes.length > 0 ? ` (${cap.causes.join('; ')})` : ''}; the series estimate still uses the cap`;
}

/** The headline: the changes a reviewer must not miss, in one sentence. */
export function headline(diff: ReviewDiff): string {
  const items: string[] = [];
  for (const change of diff.alerts) {
    if (change.kind !== 'changed') items.push(`alert ${change.key} ${change.kind}`);
    else {
      const threshold = change.fields.find(
        (f) => f.field === 'threshold' || f.field === 'severity' || f.field === 'for',
      );
      if (threshold !== undefined)
        items.push(`${change.key} ${threshold.field} ${threshold.before || '∅'} → ${threshold.after || '∅'}`);
    }
  }
  if (diff.backtest !== undefined) items.push(...evidenceHeadline(diff.backtest));
  for (const change of diff.series)
    if (change.metric !== undefined && change.before > 0 && change.after >= 2 * change.before)
      items.push(
        `${change.system}/${change.metric} series ${seriesDelta(change)}${change.causes.length > 0 ? ` (${change.causes[0]})` : ''}`,
      );
  for (const change of diff.slos) {
    const budget = change.fields.find((f) => f.field === 'error budget');
    if (change.kind === 'changed' && budget !== undefined)
      items.push(`SLO ${change.key} error budget ${budget.before} → ${budget.after}`);
    else if (change.kind !== 'changed') items.push(`SLO ${change.key} ${change.kind}`);
  }
  for (const change of diff.dashboards) {
    const removed = change.fields.filter((f) => f.after === 'removed').length;
    if (change.kind !== 'changed') items.push(`dashboard ${change.key} ${change.kind}`);
    else if (removed > 0) items.push(`dashboard ${change.key}: ${removed} panel${removed === 1 ? '' : 's'} removed`);
  }
  for (const cap of diff.staleCaps) items.push(`${cap.key} combinations cap ${number(cap.cap)} may be stale`);
  const rerouted = diff.alerts.filter(
    (change) => change.kind === 'changed' && change.fields.some((f) => f.field === 'receivers'),
  ).length;
  if (rerouted > 0) items.push(`${rerouted} alert${rerouted === 1 ? '' : 's'} reach other receivers`);
  const { before, after } = diff.totalSeries;
  if (before !== after) items.push(`total series ${number(before)} → ${number(after)}`);
  return items.length === 0
    ? 'no change that needs attention'
    : items.slice(0, 8).join(' · ') + (items.length > 8 ? ` · and ${items.length - 8} more` : '');
}
