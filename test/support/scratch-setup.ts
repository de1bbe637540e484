// Every test file's scratch directories, removed when the file's tests end: the system's temporary
// directory is one of its own for the file (TMPDIR, which os.tmpdir() and the processes a test
// starts read), and so is the repository's .cache/ scratch (repositoryScratch). A test that makes a
// directory and forgets it leaves nothing behind (a run of the suite once left ~200 in /tmp).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REPOSITORY_SCRATCH_VARIABLE } from './repository-scratch.ts';

const systemTemporary = mkdtempSync(path.join(tmpdir(), 'obsgen-test-'));
mkdirSync('.cache', { recursive: true });
const repositoryTemporary = mkdtempSync(path.resolve('.cache/test-'));
const previous = {
  TMPDIR: process.env.TMPDIR,
  [REPOSITORY_SCRATCH_VARIABLE]: process.env[REPOSITORY_SCRATCH_VARIABLE],
};
process.env.TMPDIR = systemTemporary;
process.env[REPOSITORY_SCRATCH_VARIABLE] = repositoryTemporary;

afterAll(() => {
  for (const [name, value] of Object.entries(previous))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  // A process a test started may still be letting go of its files: retried, never failing the file.
  for (const directory of [systemTemporary, repositoryTemporary])
    rmSync(directory, { recursive: true, force: true, maxRetries: 5 });
});
