// A throwaway git repository holding one definitions file committed as the base, depending on
// obsgen as a user's project would (node_modules/obsgen is this package): what `obsgen diff`
// tests edit as a pull request would.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO, tempDir } from './cli.ts';

export interface DefinitionsRepository {
  readonly directory: string;
  /** definitions/index.ts inside it. */
  readonly definitions: string;
  git(...args: string[]): string;
  /** Replaces `from` (which must be there) with `to` in the definitions. */
  edit(from: string, to: string): void;
}

export function definitionsRepository(prefix: string, fixture: string): DefinitionsRepository {
  const directory = tempDir(prefix);
  const definitions = path.join(directory, 'definitions/index.ts');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, encoding: 'utf8' });
  mkdirSync(path.join(directory, 'definitions'));
  mkdirSync(path.join(directory, 'node_modules'));
  symlinkSync(REPO, path.join(directory, 'node_modules/obsgen'), 'dir');
  writeFileSync(path.join(directory, 'package.json'), '{ "name": "team-observability", "private": true }\n');
  writeFileSync(path.join(directory, '.gitignore'), 'node_modules\n');
  copyFileSync(path.join(REPO, fixture), definitions);
  git('init', '--quiet');
  git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'add', '.');
  git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '--quiet', '-m', 'base');
  return {
    directory,
    definitions,
    git,
    edit(from, to) {
      const text = readFileSync(definitions, 'utf8');
      expect(text, `the fixture contains ${from}`).toContain(from);
      writeFileSync(definitions, text.replace(from, to));
    },
  };
}
