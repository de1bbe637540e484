/** Twice what was measured, rounded up to a round number, so ordinary growth does not fail verify. */
export function roomToGrow(measured: number): number {
  const target = Math.max(10, measured * 2);
  const step = 10 ** Math.max(0, Math.floor(Math.log10(target)) - 1);
  return Math.ceil(target / step) * step;
}
