import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` that fails instead of looping: Node's recursive mkdir retries forever where a
 * file system answers ENOENT for a directory it will never create (/proc, /sys).
 */
export function makeDirectories(directory: string): void {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    try {
      if (!statSync(current).isDirectory())
        throw Object.assign(new Error(`${current} is not a directory`), {
          code: 'ENOTDIR',
          syscall: 'mkdir',
          path: current,
        });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      const parent = path.dirname(current);
      if (parent === current) throw error;
      current = parent;
    }
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
