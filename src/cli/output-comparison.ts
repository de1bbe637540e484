import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareText } from '../finding.ts';
import type { OutputFile } from '../compile/output-file.ts';

export interface TreeDifference {
  readonly changed: readonly string[];
  readonly missing: readonly string[];
  /** Files on disk that nothing produces any more (orphans). */
  readonly extra: readonly string[];
}

export function isSame(difference: TreeDifference): boolean {
  return difference.changed.length === 0 && difference.missing.length === 0 && difference.extra.length === 0;
}

/**
 * Compares files with an output directory as the build produces them, so their text need not
 * be kept until the build ends (a 1,000-system build produces 170 MB of it). The directory is
 * listed once; a produced file is read back only when a file of its path exists.
 */
export class OutputComparison {
  private readonly existing: ReadonlySet<string>;
  private readonly produced = new Set<string>();
  private readonly changed: string[] = [];
  private readonly missing: string[] = [];

  constructor(private readonly directory: string) {
    this.existing = listTree(directory);
  }

  /** Paths of the files on disk, sorted. */
  get existingPaths(): string[] {
    return [...this.existing].sort(compareText);
  }

  see(files: readonly OutputFile[]): void {
    for (const file of files) {
      // A repeated path (an error finding explains it) is compared once, as its first file.
      if (this.produced.has(file.path)) continue;
      this.produced.add(file.path);
      if (!this.existing.has(file.path)) this.missing.push(file.path);
      else if (readFileSync(path.join(this.directory, file.path), 'utf8') !== file.content)
        this.changed.push(file.path);
    }
  }

  /** Whether every file seen so far is on disk as it was produced. */
  unchangedSoFar(): boolean {
    return this.changed.length === 0 && this.missing.length === 0;
  }

  difference(): TreeDifference {
    return {
      changed: [...this.changed].sort(compareText),
      missing: [...this.missing].sort(compareText),
      extra: [...this.existing].filter((p) => !this.produced.has(p)).sort(compareText),
    };
  }
}

/** Every file below `directory`, as `/`-separated relative paths; empty when it does not exist. */
function listTree(directory: string): Set<string> {
  const files = new Set<string>();
  if (!existsSync(directory)) return files;
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(directory, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files.add(child);
    }
  };
  walk('');
  return files;
}
