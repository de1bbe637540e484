// The package's code caches (bin/compile-cache.cjs): one per file version and set of Node flags,
// written after a run. What is kept of them, so a package's .cache/ does not grow without end.
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const { pruneCaches, RUNTIMES_KEPT } = createRequire(import.meta.url)('../bin/compile-cache.cjs') as {
  pruneCaches: (directory: string, base: string, sourceKey: string) => void;
  RUNTIMES_KEPT: number;
};

describe('code caches kept', () => {
  it('are the most recently written few per file version; earlier versions and other files are told apart', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'caches-'));
    const made = (name: string, secondsAgo: number): string => {
      writeFileSync(path.join(directory, name), 'cache');
      const at = Date.now() / 1000 - secondsAgo;
      utimesSync(path.join(directory, name), at, at);
      return name;
    };
    const runtimes = Array.from({ length: RUNTIMES_KEPT + 3 }, (_, index) =>
      made(`jiti.cjs-190082-1796555324391-${String(index).padStart(12, '0')}.v8`, 100 * index),
    );
    const earlierVersion = made('jiti.cjs-190000-1796555324000-000000000000.v8', 0);
    const otherFile = made('obsgen.cjs-1758820-1796617672570-000000000000.v8', 10_000);
    const unrelated = made('bench-live.json', 10_000);

    pruneCaches(directory, 'jiti.cjs', 'jiti.cjs-190082-1796555324391-');

    expect(readdirSync(directory).sort()).toEqual([...runtimes.slice(0, RUNTIMES_KEPT), otherFile, unrelated].sort());
    expect(readdirSync(directory)).not.toContain(earlierVersion);
  });
});
