import { closest } from '../../text/closest.ts';
import type { Shape } from './shape.ts';

/** A key obsgen does not read, a required key with no value, or a value that is not text where text goes, at a path inside one argument. */
export interface ShapeProblem {
  readonly kind: 'unknown-key' | 'missing-value' | 'wrong-type';
  /** Keys and indexes from the argument down to the object holding the key. */
  readonly path: readonly (string | number)[];
  readonly key: string;
  /** The object's name in findings ("an alarm"). */
  readonly what: string;
  /** The keys that object may have. */
  readonly known: readonly string[];
  /** For an unknown key: the known key it is closest to, when it looks like a typo of one. */
  readonly suggestion: string | undefined;
  /** For a wrong type: what was given instead ("an object", "the number 3"). */
  readonly given?: string;
}

/**
 * Every unknown and every missing key of `value` against `shape`, at any depth. A value that is
 * not an object where one is expected is left to the checks that judge values.
 */
export function shapeProblems(value: unknown, shape: Shape, path: readonly (string | number)[] = []): ShapeProblem[] {
  if (shape.kind === 'text')
    return typeof value === 'string'
      ? []
      : [
          {
            kind: 'wrong-type',
            path: path.slice(0, -1),
            key: String(path.at(-1) ?? ''),
            what: 'text',
            known: [],
            suggestion: undefined,
            given: described(value),
          },
        ];
  if (shape.kind === 'any' || typeof value !== 'object' || value === null) return [];
  switch (shape.kind) {
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((item, index) => shapeProblems(item, shape.of, [...path, index]))
        : [];
    case 'map':
      return Array.isArray(value)
        ? []
        : Object.entries(value).flatMap(([key, item]) => shapeProblems(item, shape.of, [...path, key]));
    case 'choice':
      return shapeProblems(value, shape.pick(value as Record<string, unknown>), path);
    case 'object': {
      if (Array.isArray(value)) return [];
      const record = value as Readonly<Record<string, unknown>>;
      const problems: ShapeProblem[] = [];
      for (const key of Object.keys(record)) {
        if (shape.keys.has(key)) continue;
        const known = [...shape.keys];
        problems.push({ kind: 'unknown-key', path, key, what: shape.what, known, suggestion: closest(key, known) });
      }
      for (const [key, field] of Object.entries(shape.fields)) {
        const item = record[key];
        if (item === undefined) {
          if (field.required)
            problems.push({
              kind: 'missing-value',
              path,
              key,
              what: shape.what,
              known: [...shape.keys],
              suggestion: undefined,
            });
        } else problems.push(...shapeProblems(item, field.shape, [...path, key]));
      }
      return problems;
    }
  }
}

/** A value as a finding names it: "an object", "the number 3", "a list". */
function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}
