/** A Prometheus duration such as `15s`, `5m`, `1h30m`, `30d`. */
export type Duration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'}${string}`;

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
const PART = /(\d+)(ms|s|m|h|d|w|y)/g;

/** Seconds in a Prometheus duration, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const seconds = parse(text);
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(text, seconds);
  return seconds;
}

const parsed = new Map<string, number | undefined>();

function parse(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const match of text.matchAll(PART)) seconds += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0);
  return seconds;
}

/** The shortest Prometheus spelling of a whole number of seconds (`90` → `1m30s`). */
export function formatDuration(totalSeconds: number): Duration {
  let known = formatted.get(totalSeconds);
  if (known === undefined) {
    known = format(totalSeconds);
    // Builds read and write the same few windows hundreds of thousands of times.
    if (formatted.size >= 10_000) formatted.clear();
    formatted.set(totalSeconds, known);
  }
  return known;
}

const formatted = new Map<number, Duration>();

function format(totalSeconds: number): Duration {
  if (totalSeconds === 0) return '0s';
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const [unit, size] of [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
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
