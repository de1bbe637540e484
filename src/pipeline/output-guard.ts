import type { Finding } from '../finding.ts';
import type { SourceLocation } from '../model/source-location.ts';
import type { OutputFile, OutputOrigin } from '../compile/output-file.ts';
import { unsafeOutputPath } from './output-path.ts';

/** A definition whose name may end up in a path: anything with a `name` and a source location. */
type NamedDefinition = OutputOrigin;

/**
 * The one gate between the compilers and the sink: every generated file passes it, whatever
 * kind of definition it came from, so no path outside the output directory (or colliding with
 * another output) reaches a writer. A refused file becomes an error finding at the definition
 * whose name made the path; the build then writes nothing.
 */
export class OutputGuard {
  /** Each admitted path, with the definition that made it where known. */
  readonly #claimed = new Map<string, OutputOrigin | undefined>();
  readonly #findings: Finding[] = [];
  /** One unsafe-path finding per culprit, however many files its name spoils. */
  readonly #reported = new Set<string>();

  /**
   * The files of `batch` that are safe to hand on. `producer` is the definitions the batch was
   * compiled from (a system, or the project), searched for the culprit only when a file is refused.
   */
  admit(batch: readonly OutputFile[], producer: unknown, fallback: SourceLocation): OutputFile[] {
    const admitted: OutputFile[] = [];
    for (const file of batch) {
      const unsafe = unsafeOutputPath(file.path);
      if (unsafe !== undefined) {
        const culprit = culpritOf(file, producer);
        const key = culprit === undefined ? file.path : `${culprit.name}\0${culprit.at.file}:${culprit.at.line}`;
        if (this.#reported.has(key)) continue;
        this.#reported.add(key);
        this.#findings.push({
          rule: 'output/unsafe-path',
          severity: 'error',
          message: `${culprit === undefined ? 'A name' : `The name ${JSON.stringify(culprit.name)}`} makes the output path ${JSON.stringify(file.path)}, which ${unsafe}; nothing is written.`,
          subject: file.path,
          at: culprit?.at ?? fallback,
          hint: "Names that become file names (systems, rule groups, alerts, SLOs, dashboards) use letters, digits, '-', '_' and '.', and are not empty.",
        });
        continue;
      }
      if (this.#claimed.has(file.path)) {
        const earlier = this.#claimed.get(file.path) ?? nameInPath(file.path, producer);
        const later = file.origin ?? nameInPath(file.path, producer);
        const key = `collision\0${describe(earlier)}\0${describe(later)}`;
        if (this.#reported.has(key)) continue;
        this.#reported.add(key);
        this.#findings.push({
          rule: 'output/collision',
          severity: 'error',
          message: `${describe(earlier)} and ${describe(later)} both make ${file.path}: one would overwrite the other.`,
          subject: file.path,
          at: earlier?.at ?? later?.at ?? fallback,
          hint: 'Rename one of them; the names obsgen generates beside yours (slos, slo-<name>) are taken.',
        });
        continue;
      }
      this.#claimed.set(file.path, file.origin);
      admitted.push(file);
    }
    return admitted;
  }

  get findings(): readonly Finding[] {
    return this.#findings;
  }
}

function describe(origin: OutputOrigin | undefined): string {
  return origin === undefined ? 'a definition' : `${JSON.stringify(origin.name)} (${origin.at.file}:${origin.at.line})`;
}

/** Who made an unsafe path: a name that is no safe file name, else the file's own definition. */
function culpritOf(file: OutputFile, producer: unknown): OutputOrigin | undefined {
  if (file.origin !== undefined && unsafeOutputPath(file.origin.name) !== undefined) return file.origin;
  return nameInPath(file.path, producer, true) ?? file.origin ?? nameInPath(file.path, producer);
}

/**
 * The definition whose name the path spells. A name that is itself no safe file name is the
 * likely culprit (found whole, or by its start where a compiler shortened it, as in uids);
 * otherwise the longest name the path contains.
 */
function nameInPath(path: string, producer: unknown, suspectsOnly = false): NamedDefinition | undefined {
  const named = namedDefinitions(producer);
  const suspects = named.filter((definition) => unsafeOutputPath(definition.name) !== undefined);
  const spelled =
    suspects.find((definition) => definition.name !== '' && path.includes(definition.name)) ??
    suspects.find((definition) => definition.name.length >= 8 && path.includes(definition.name.slice(0, 8)));
  if (spelled !== undefined) return spelled;
  const empty = suspects.find((definition) => definition.name.trim() === '');
  if (empty !== undefined || suspectsOnly) return empty;
  // A name that is a whole file or folder name (less extensions) before one that is only part of
  // one, and the file before its folders (grafana/shop/slos.json is the dashboard's, not the system's).
  const stems = path.split('/').map((segment) => segment.split('.')[0]);
  const rank = (definition: NamedDefinition): number =>
    (stems.lastIndexOf(definition.name) + 1) * 100_000 + definition.name.length;
  return named
    .filter((definition) => definition.name !== '' && path.includes(definition.name))
    .sort((a, b) => rank(b) - rank(a))[0];
}

function namedDefinitions(root: unknown): NamedDefinition[] {
  const found: NamedDefinition[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string' && isLocation(record.at)) found.push({ name: record.name, at: record.at });
    for (const key of Object.keys(record)) if (key !== 'at') visit(record[key], depth + 1);
  };
  visit(root, 0);
  return found;
}

function isLocation(value: unknown): value is SourceLocation {
  return typeof value === 'object' && value !== null && 'file' in value && 'line' in value;
}
