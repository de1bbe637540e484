import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runObsgen(env: Readonly<Record<string, string>>, args: readonly string[]): CliResult {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/obsgen.cjs'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the obsgen CLI from the repository root, as `npx obsgen` does; `.withEnv` adds variables. */
export const obsgen = Object.assign((...args: string[]): CliResult => runObsgen({}, args), {
  withEnv:
    (env: Readonly<Record<string, string>>) =>
    (...args: string[]): CliResult =>
      runObsgen(env, args),
});

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `obsgen-${prefix}-`));
}

/** Every file below a directory with its bytes and mode, to prove a failed build touched nothing. */
export function snapshot(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(directory, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else
        files[child] =
          `${statSync(path.join(directory, child)).mtimeMs} ${readFileSync(path.join(directory, child), 'utf8')}`;
    }
  };
  walk('');
  return files;
}
