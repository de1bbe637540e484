import { describe, expect, it } from 'vitest';
import { groupedNumber } from '../src/text/grouped-number.ts';

/** A reproducible stream of doubles (mulberry32), so a failure names the value it met. */
function randoms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('groupedNumber', () => {
  it('writes what toLocaleString("en-US") writes, for the values reports and findings show', () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      999,
      1000,
      1234567,
      0.5,
      0.0005,
      0.0004999,
      1.0005,
      2.0005,
      1.9995,
      999.9995,
      999999.9999,
      0.1 + 0.2,
      1e-7,
      5e-4,
      1e15,
      123456789012345680000,
      1e21,
      1234567890123456 * 1e10,
      2 ** 53,
      -1234.5678,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Infinity,
      -Infinity,
      NaN,
      86.4,
      43.2,
    ];
    const next = randoms(28);
    const values = [...edges];
    for (let i = 0; i < 20_000; i++) {
      const magnitude = 10 ** Math.floor(next() * 30 - 8);
      const value = next() * magnitude * (next() < 0.2 ? -1 : 1);
      values.push(value, Math.round(value), Math.round(value * 1000) / 1000, Math.round(value * 10) / 10);
    }
    const wrong = values
      .filter((value) => groupedNumber(value) !== value.toLocaleString('en-US'))
      .map((value) => `${value}: ${groupedNumber(value)} ≠ ${value.toLocaleString('en-US')}`);
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
