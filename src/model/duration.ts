import { boundedMemo } from '../bounded-memo.ts';

/** A Prometheus duration such as `15s`, `5m`, `1h30m`, `30d`. */
export type Duration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'}${string}`;

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};
/** Prometheus' own grammar (model.ParseDuration): each unit at most once, largest first. */
const DURATION = /^(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;
const PART = /(\d+)(ms|s|m|h|d|w|y)/g;

/** Seconds in a Prometheus duration, or undefined when it is not one. */
export const parseDuration: (text: string) => number | undefined = boundedMemo(10_000, parse);

function parse(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text === '0') return 0;
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const match of text.matchAll(PART)) seconds += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0);
  return seconds;
}

/** The shortest Prometheus spelling of a whole number of seconds (`90` → `1m30s`). */
export const formatDuration: (totalSeconds: number) => Duration = boundedMemo(10_000, format);

function format(totalSeconds: number): Duration {
  if (totalSeconds === 0) return '0s';
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const [unit, size] of [
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (unit === 'w' && rest % 604800 !== 0) continue; // 30d reads better than 4w2d
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  if (rest > 0) parts.push(`${Math.round(rest * 1000)}ms`);
  return parts.join('') as Duration;
}
