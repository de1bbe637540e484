/**
 * A number as `toLocaleString('en-US')` writes it (`1,234,567.891`: thousands grouped, at most three
 * fraction digits rounded half away from zero, `∞`, `NaN`), without ICU: the first locale-aware
 * format of a process loads ICU's locale data, ~25 ms of every `obsgen check`.
 */
export function groupedNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (!Number.isFinite(value)) return `${sign}∞`;
  const [whole, fraction] = roundedDecimal(Math.abs(value));
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${fraction === '' ? '' : `.${fraction}`}`;
}

/** The shortest decimal that reads back as `value` (what ICU formats), rounded to three fraction digits. */
function roundedDecimal(value: number): [whole: string, fraction: string] {
  const [mantissa, exponentText] = String(value).split('e') as [string, string | undefined];
  const [intPart, fracPart = ''] = mantissa.split('.') as [string, string | undefined];
  const digits = `${intPart}${fracPart}`;
  // Where the decimal point falls within `digits`.
  const point = intPart.length + Number(exponentText ?? 0);
  const padded = point <= 0 ? `${'0'.repeat(1 - point)}${digits}` : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  let whole = padded.slice(0, at);
  const rest = padded.slice(at);
  let fraction = rest.slice(0, 3);
  if ((rest[3] ?? '0') >= '5') {
    const carried = increment(`${whole}${fraction.padEnd(3, '0')}`);
    whole = carried.slice(0, carried.length - 3);
    fraction = carried.slice(-3);
  }
  return [whole.replace(/^0+(?=\d)/, ''), fraction.replace(/0+$/, '')];
}

/** A string of decimal digits plus one. */
function increment(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}
