import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Why a base tree could not be made (not a git repository, an unknown ref): exit 2 with it. */
export class BaseTreeError extends Error {}

function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new BaseTreeError(
      `git ${args.join(' ')}: ${stderr || (error instanceof Error ? error.message : String(error))}`,
    );
  }
}

/**
 * Runs `work` on a temporary git worktree of `ref` (the repository's tree at that commit), whose
 * definitions resolve packages — obsgen among them — through this checkout's node_modules, so
 * both sides are built by the same obsgen. The worktree is removed afterwards, whatever happens.
 */
export async function withBaseTree<T>(ref: string, work: (root: string, repository: string) => Promise<T>): Promise<T> {
  const repository = git(['rev-parse', '--show-toplevel'], process.cwd());
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repository);
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-base-'));
  const tree = path.join(scratch, 'tree');
  git(['worktree', 'add', '--detach', '--quiet', tree, commit], repository);
  try {
    const modules = path.join(repository, 'node_modules');
    if (existsSync(modules) && !existsSync(path.join(tree, 'node_modules')))
      symlinkSync(modules, path.join(tree, 'node_modules'), 'dir');
    // obsgen's own repository: its definitions import obsgen by name, which is this checkout's bundle.
    const manifest = path.join(repository, 'package.json');
    const own =
      existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'obsgen';
    if (own && existsSync(path.join(repository, 'dist'))) {
      rmSync(path.join(tree, 'dist'), { recursive: true, force: true });
      symlinkSync(path.join(repository, 'dist'), path.join(tree, 'dist'), 'dir');
    }
    return await work(tree, repository);
  } finally {
    try {
      git(['worktree', 'remove', '--force', tree], repository);
    } catch {
      git(['worktree', 'prune'], repository);
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}
