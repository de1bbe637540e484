import { parse as parseYaml } from 'yaml';

/**
 * A configuration-provider reference in a collector configuration value, as the collector's
 * confmap resolves it before any component reads its settings:
 * - `${scheme:opaque}`: a provider (`env`, `file`, `yaml`, `http`, `https`, …); `env` takes a
 *   default after `:-` (`${env:LIMIT:-512}`);
 * - `${NAME}`: the shorthand for `${env:NAME}`;
 * - `$NAME`: bare, no longer expanded by current collectors (left as text);
 * `$$` is the escape for a literal `$` and starts no reference.
 */
export type ConfigReference =
  | {
      readonly kind: 'provider';
      readonly text: string;
      readonly scheme: string;
      readonly opaque: string;
      /** The `env` provider's default, as written (`${env:X:-default}`). */
      readonly fallback?: string;
    }
  | { readonly kind: 'shorthand'; readonly text: string; readonly name: string }
  | { readonly kind: 'bare'; readonly text: string; readonly name: string };

/** The providers of the core and contrib distributions. */
export const KNOWN_PROVIDERS: ReadonlySet<string> = new Set([
  'env',
  'file',
  'yaml',
  'http',
  'https',
  's3',
  'secretsmanager',
  'googlesecretmanager',
  'aes',
]);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** Every reference in a value, in order; escaped `$$` and plain text are skipped. */
export function configReferences(value: string): ConfigReference[] {
  const found: ConfigReference[] = [];
  let at = 0;
  while (at < value.length) {
    const dollar = value.indexOf('$', at);
    if (dollar < 0) break;
    const next = value[dollar + 1];
    if (next === '$') {
      at = dollar + 2;
      continue;
    }
    if (next === '{') {
      const close = value.indexOf('}', dollar + 2);
      if (close < 0) break;
      const body = value.slice(dollar + 2, close);
      const text = value.slice(dollar, close + 1);
      const colon = body.indexOf(':');
      if (colon > 0 && SCHEME.test(body.slice(0, colon))) {
        const scheme = body.slice(0, colon);
        const opaque = body.slice(colon + 1);
        const withDefault = scheme === 'env' ? /^([^:]*):-(.*)$/s.exec(opaque) : null;
        found.push(
          withDefault === null
            ? { kind: 'provider', text, scheme, opaque }
            : { kind: 'provider', text, scheme, opaque: withDefault[1]!, fallback: withDefault[2]! },
        );
      } else if (ENV_NAME.test(body)) found.push({ kind: 'shorthand', text, name: body });
      at = close + 1;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(dollar + 1));
    if (bare !== null) found.push({ kind: 'bare', text: `$${bare[0]}`, name: bare[0] });
    at = dollar + 1 + (bare?.[0].length ?? 0);
  }
  return found;
}

/** The reference a value consists of, whole (the collector then types the resolved value as YAML). */
function wholeReference(value: string): ConfigReference | undefined {
  const references = configReferences(value);
  const only = references[0];
  return references.length === 1 && only !== undefined && only.kind !== 'bare' && only.text === value.trim()
    ? only
    : undefined;
}

/**
 * The configuration as a component sees it for type checks: a value that is one reference with a
 * default becomes the default, read as YAML (`${env:LIMIT:-512}` is the number 512); a value that is
 * one reference without a default cannot be known here, and its path is listed so that no type
 * problem is reported for it.
 */
export function resolvedForSchema(value: unknown): { readonly value: unknown; readonly unknownPaths: string[] } {
  const unknownPaths: string[] = [];
  const walk = (node: unknown, path: readonly (string | number)[]): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, [...path, key])]));
    if (typeof node !== 'string') return node;
    const reference = wholeReference(node);
    if (reference === undefined) return node;
    if (reference.kind === 'provider' && reference.fallback !== undefined) return defaultValue(reference.fallback);
    unknownPaths.push(path.join('.'));
    return node;
  };
  return { value: walk(value, []), unknownPaths };
}

function defaultValue(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return text;
  }
}
