/** A length of time as a reviewer reads it: `1.5 h` from an hour up, `12 min` below. */
export function spanText(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;
}
