/**
 * Go's formatting of float64, as templates print `$value` (`%v`) and as Prometheus' humanize
 * functions print (`%.4g`). Go picks %e when the exponent is below -4 or at least the
 * precision (6 for the shortest form), and drops trailing zeros in %g.
 */
export function formatGoFloat(value: number, precision?: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const negative = value < 0;
  const exponential =
    precision === undefined ? Math.abs(value).toExponential() : Math.abs(value).toExponential(precision - 1);
  const [mantissa = '', exponentText = '0'] = exponential.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const exponent = Number(exponentText);
  const nd = digits.length;
  const dp = exponent + 1;
  let eprec = precision ?? 6;
  if (precision !== undefined && eprec > nd && nd >= dp) eprec = nd;
  let text: string;
  if (exponent < -4 || exponent >= eprec) {
    const fraction = digits.slice(1);
    text = `${digits[0]}${fraction === '' ? '' : `.${fraction}`}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  } else if (dp <= 0) {
    text = `0.${'0'.repeat(-dp)}${digits}`;
  } else if (dp >= nd) {
    text = digits + '0'.repeat(dp - nd);
  } else {
    text = `${digits.slice(0, dp)}.${digits.slice(dp)}`;
  }
  return negative ? `-${text}` : text;
}

const LARGE_PREFIXES = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SMALL_PREFIXES = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

/** Prometheus `humanize`: 4 significant digits with an SI prefix. */
export function humanize(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return formatGoFloat(value, 4);
  let v = value;
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of LARGE_PREFIXES) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
  } else {
    for (const p of SMALL_PREFIXES) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
  }
  return `${formatGoFloat(v, 4)}${prefix}`;
}

/** Prometheus `humanize1024`: binary prefixes. */
export function humanize1024(value: number): string {
  if (Math.abs(value) <= 1 || !Number.isFinite(value)) return formatGoFloat(value, 4);
  let v = value;
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return `${formatGoFloat(v, 4)}${prefix}`;
}

/** Prometheus `humanizePercentage`: a ratio as a percentage with 4 significant digits. */
export function humanizePercentage(value: number): string {
  return `${formatGoFloat(value * 100, 4)}%`;
}

/** Prometheus `humanizeDuration`: seconds as `1d 2h 3m 4s`, or with an SI prefix below a second. */
export function humanizeDuration(value: number): string {
  if (!Number.isFinite(value)) return formatGoFloat(value, 4);
  if (value === 0) return `${formatGoFloat(value, 4)}s`;
  if (Math.abs(value) >= 1) {
    const sign = value < 0 ? '-' : '';
    const v = Math.abs(value);
    const duration = Math.trunc(v);
    const seconds = duration % 60;
    const minutes = Math.trunc(duration / 60) % 60;
    const hours = Math.trunc(duration / 3600) % 24;
    const days = Math.trunc(duration / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatGoFloat(v, 4)}s`;
  }
  let v = value;
  let prefix = '';
  for (const p of SMALL_PREFIXES) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${formatGoFloat(v, 4)}${prefix}s`;
}

/** Go's Sprintf for the verbs alert templates use: %s %v %d %f %e %g with precision, and %%. */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let index = 0;
  return format.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([svdfegq%])/g,
    (_whole, _flags: string, width: string | undefined, precisionText: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      const arg = args[index++];
      const precision = precisionText === undefined ? undefined : Number(precisionText);
      let out: string;
      switch (verb) {
        case 'd':
          out = String(Math.trunc(Number(arg)));
          break;
        case 'f':
          out = Number(arg).toFixed(precision ?? 6);
          break;
        case 'e':
          out = Number(arg)
            .toExponential(precision ?? 6)
            .replace(/e([+-])(\d)$/, 'e$10$2');
          break;
        case 'g':
          out = formatGoFloat(Number(arg), precision);
          break;
        case 'q':
          out = JSON.stringify(String(arg));
          break;
        default:
          out = typeof arg === 'number' ? formatGoFloat(arg) : String(arg ?? '');
      }
      return width === undefined ? out : out.padStart(Number(width));
    },
  );
}
