import { stringLiteral } from './typescript-source.ts';

/** `allow` entries an import writes, by subject (`<system>/alert/<name>`, `<system>/metric/<name>`, …). */
export type ImportAllows = ReadonlyMap<string, readonly { readonly rule: string; readonly reason: string }[]>;

/** `allow: [...]` for a subject's accepted findings, or undefined when it has none. */
export function allowSource(
  entries: readonly { readonly rule: string; readonly reason: string }[] | undefined,
): string | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  return `allow: [${entries.map((e) => `{ rule: ${stringLiteral(e.rule)}, reason: ${stringLiteral(e.reason)} }`).join(', ')}]`;
}
