import type { SystemMeasurement } from './compare-catalog.ts';
import { roomToGrow } from './room-to-grow.ts';

/** A bounded label whose measured values exceed its bound, and the bound to write instead. */
export interface BoundUpdate {
  readonly label: string;
  readonly file: string;
  readonly line: number;
  readonly from: number;
  readonly to: number;
  readonly measured: number;
}

/**
 * The bounds `verify --update <labels>` rewrites: only the labels the user names, only bounded
 * domains production has outgrown, each to twice what was measured (as import writes them).
 */
export function boundUpdates(measured: SystemMeasurement, labels: ReadonlySet<string>): BoundUpdate[] {
  const { catalog } = measured.system;
  const updates: BoundUpdate[] = [];
  for (const label of labels) {
    const domain = catalog.labels[label];
    if (domain?.kind !== 'bounded') continue;
    const most = Math.max(
      0,
      ...catalog.metricList
        .filter((metric) => metric.labels.includes(label))
        .map((metric) => measured.declared.get(metric.name)?.labels.get(label)?.distinct ?? 0),
    );
    if (most <= domain.max) continue;
    updates.push({
      label,
      file: domain.at.file,
      line: domain.at.line,
      from: domain.max,
      to: roomToGrow(most),
      measured: most,
    });
  }
  return updates;
}

/**
 * The source with one `bounded(<from>` on the given line (1-based) changed to `bounded(<to>`;
 * undefined when that line does not hold exactly one such call, so nothing is guessed.
 */
export function rewriteBound(source: string, update: Pick<BoundUpdate, 'line' | 'from' | 'to'>): string | undefined {
  const lines = source.split('\n');
  const text = lines[update.line - 1];
  if (text === undefined) return undefined;
  const pattern = new RegExp(`\\bbounded\\(\\s*${update.from}(?![0-9.])`, 'g');
  const found = text.match(pattern) ?? [];
  if (found.length !== 1) return undefined;
  lines[update.line - 1] = text.replace(pattern, `bounded(${update.to}`);
  return lines.join('\n');
}
