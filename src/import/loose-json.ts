/** Reading documents of unknown shape (YAML or JSON a team wrote): each accessor yields its type or nothing. */
export type Loose = Record<string, unknown>;

export const record = (value: unknown): Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
export const list = (value: unknown): Loose[] => (Array.isArray(value) ? value.map(record) : []);
export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(record(value)).map(([k, v]) => [k, String(v)]));
