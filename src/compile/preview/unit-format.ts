/**
 * A value as Grafana shows it for a panel's unit: `percentunit` 0.052 → `5.20%`, `s` 0.25 → `250 ms`,
 * `bytes` 2048 → `2.00 KiB`, `reqps` 3 → `3.00 req/s`; other units keep the number with the unit's id.
 */
export function formatValue(value: number, unit: string | undefined, decimals?: number): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = (v: number, d = decimals ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2)) => v.toFixed(d);
  switch (unit) {
    case 'percentunit':
      return `${fixed(value * 100)}%`;
    case 'percent':
      return `${fixed(value)}%`;
    case 's':
      return Math.abs(value) < 1
        ? `${fixed(value * 1000)} ms`
        : Math.abs(value) >= 3600
          ? `${fixed(value / 3600)} h`
          : `${fixed(value)} s`;
    case 'ms':
      return Math.abs(value) >= 1000 ? `${fixed(value / 1000)} s` : `${fixed(value)} ms`;
    case 'bytes':
    case 'decbytes': {
      const base = unit === 'bytes' ? 1024 : 1000;
      const names = unit === 'bytes' ? ['B', 'KiB', 'MiB', 'GiB', 'TiB'] : ['B', 'kB', 'MB', 'GB', 'TB'];
      let scaled = value;
      let index = 0;
      while (Math.abs(scaled) >= base && index < names.length - 1) {
        scaled /= base;
        index++;
      }
      return `${fixed(scaled)} ${names[index]}`;
    }
    case 'reqps':
      return `${fixed(value)} req/s`;
    case 'ops':
      return `${fixed(value)} ops/s`;
    case 'bps':
      return `${fixed(value)} b/s`;
    case undefined:
    case '':
    case 'short':
    case 'none':
      return short(value, decimals);
    default:
      return `${short(value, decimals)} ${unit}`;
  }
}

/** Grafana's `short`: thousands as K, millions as Mil. */
function short(value: number, decimals: number | undefined): string {
  const abs = Math.abs(value);
  const digits = (v: number) => decimals ?? (Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(digits(value / 1e9))} Bil`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(digits(value / 1e6))} Mil`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(digits(value / 1e3))} K`;
  return value.toFixed(digits(value));
}
