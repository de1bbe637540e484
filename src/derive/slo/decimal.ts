/**
 * Exact decimal arithmetic for SLO numbers: objectives are written in decimal (99.9) and must
 * reach the rule files as the decimals people wrote (0.001, not 0.0009999999999999432).
 * A value is an integer scaled by a power of ten.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export function decimal(value: number | string): Decimal {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`not a decimal: ${text}`);
  const fraction = match[3] ?? '';
  return normalize({ units: BigInt(`${match[1]}${match[2] || '0'}${fraction}`), scale: fraction.length });
}

/** A number's shortest decimal spelling, without exponent. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = '', exponent = '0'] = text.split(/e/i);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const point =
    (mantissa.replace(/^-/, '').indexOf('.') + 1 || mantissa.replace(/^-/, '').length + 1) - 1 + Number(exponent);
  const padded =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${padded}` : padded;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function normalize(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ units: x - y, scale });
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return normalize({ units: a.units * b.units, scale: a.scale + b.scale });
}

/** Division rounded to `digits` decimals (exact when the quotient terminates within them). */
export function divide(a: Decimal, b: Decimal, digits = 12): Decimal {
  const [x, y] = align(a, b);
  if (y === 0n) throw new Error('division by zero');
  const scaled = (x * 10n ** BigInt(digits) * 2n + y) / (2n * y);
  return normalize({ units: scaled, scale: digits });
}

export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function toText(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const text = d.scale === 0 ? digits : `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  return negative ? `-${text}` : text;
}

/** The double nearest the decimal; its shortest spelling is the decimal itself for ≤ 15 digits. */
export function toNumber(d: Decimal): number {
  return Number(toText(d));
}
