import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../compile/output-file.ts';
import { unsafeOutputPath } from '../pipeline/output-path.ts';
import { makeDirectories } from './make-directories.ts';

/**
 * Writes files into a staging directory as the compilers produce them, so a compiled file's
 * text can be dropped from memory early and the staging directory is complete when the checks
 * end.
 *
 * Synchronous on purpose: writing on a worker thread (each batch packed into one transferred
 * UTF-8 buffer) overlapped the disk with compilation but cost more than it saved on a 2-core
 * machine. On the 1,000-system fleet it added ~3 s of CPU (encoding, buffers, competing with
 * V8's GC helper threads) against ~1.3 s for writing the strings directly (`npm run bench`).
 */
export class StagingWriter {
  private readonly made = new Set<string>();

  constructor(readonly root: string) {
    rmSync(root, { recursive: true, force: true });
    makeDirectories(root);
    this.made.add(root);
  }

  write(files: readonly OutputFile[]): void {
    for (const file of files) {
      const destination = this.destination(file.path);
      const directory = path.dirname(destination);
      if (!this.made.has(directory)) {
        makeDirectories(directory);
        this.made.add(directory);
      }
      // 'wx': never through something already there (a link, or a second file of one path).
      writeFileSync(destination, file.content, { flag: 'wx' });
    }
  }

  /**
   * Where a file goes, refused unless it is inside the staging directory. The compile stage's
   * output guard already refused such paths with a finding; this is the second line of defence.
   */
  private destination(relative: string): string {
    const unsafe = unsafeOutputPath(relative);
    const destination = path.resolve(this.root, ...relative.split('/'));
    const inside = path.relative(this.root, destination);
    if (unsafe !== undefined || inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new Error(
        `refusing to write ${JSON.stringify(relative)} outside ${this.root}${unsafe === undefined ? '' : `: it ${unsafe}`}`,
      );
    }
    return destination;
  }

  /** Removes the staging directory (the build is not written). */
  discard(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
