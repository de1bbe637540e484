import { groupedNumber } from '../../text/grouped-number.ts';
/** A GitHub-flavoured markdown table; `align` marks right-aligned (numeric) columns. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (rightAligned.includes(i) ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A whole number with thousands separators, or ∞. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? groupedNumber(Math.round(value)) : '∞';
}

export function formatShare(part: number, whole: number | undefined): string {
  if (whole === undefined || whole === 0) return '–';
  if (!Number.isFinite(part)) return '∞';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
