// The performance targets of issue 28, held against the tree before that work in the same run:
// `obsgen check` on definitions/ under 0.5 s wall, `obsgen build` of the 1,000-system fleet under
// 10 s. The baseline tree is checked out beside this one (a git worktree), gets the same fleet
// generator (its public API is the same), and the two trees' runs alternate, so a machine whose
// speed drifts through the minutes slows both alike: the ratio is the figure to trust, the
// absolute times are this machine's.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The last commit before issue 28's first change (b21a87f, SARIF findings). */
export const DEFAULT_BASELINE = 'aa81c32';
const CHECK_TARGET_MS = 500;
const FLEET_TARGET_MS = 10_000;
const FLEET_SIZE = 1000;

interface Tree {
  readonly name: string;
  readonly root: string;
  /** `node <options> <bin>` as the tree's own `npm run check` starts obsgen. */
  readonly command: readonly string[];
}

export interface TargetSample {
  readonly what: string;
  readonly targetMs: number;
  readonly baselineMs: number;
  readonly currentMs: number;
}

function run(command: string, args: readonly string[], cwd: string): void {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}: ${result.stdout}${result.stderr}`,
    );
}

/**
 * How a tree's package.json `script` (`… && node <options> <bin> …`, after building the bundle)
 * starts obsgen: its node options and its bin, so a benchmark measures what that script runs.
 */
export function scriptStart(root: string, script: 'build' | 'check'): { options: string[]; bin: string } {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };
  const bin = manifest.bin.obsgen!;
  const words = (manifest.scripts[script] ?? '').split('&&').at(-1)!.trim().split(/\s+/);
  if (words[0] !== 'node' || !words.includes(bin))
    throw new Error(`npm run ${script} does not start ${bin} with node: ${manifest.scripts[script]}`);
  return { options: words.slice(1, words.indexOf(bin)).filter((word) => word.startsWith('--')), bin };
}

function treeCommand(name: string, root: string): Tree {
  const { options, bin } = scriptStart(root, 'check');
  return { name, root, command: [...options, path.join(root, bin)] };
}

function wallMs(tree: Tree, args: readonly string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...tree.command, ...args], {
    cwd: tree.root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${tree.name}: obsgen ${args.join(' ')} exited ${result.status}: ${result.stdout}${result.stderr}`);
  return elapsed;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Both targets, alternating the baseline and the current tree `runs` times each (after a run of
 * each that writes its code caches). The baseline shares node_modules when its lockfile is this
 * tree's, else installs its own.
 */
export function benchTargets(repo: string, baselineRef: string, runs: number): TargetSample[] {
  const scratch = mkdtempSync(path.join(tmpdir(), 'obsgen-targets-'));
  const worktree = path.join(scratch, 'baseline');
  try {
    run('git', ['worktree', 'add', '--detach', worktree, baselineRef], repo);
    const sameLock = spawnSync('git', ['diff', '--quiet', baselineRef, 'HEAD', '--', 'package-lock.json'], {
      cwd: repo,
    });
    if (sameLock.status === 0) symlinkSync(path.join(repo, 'node_modules'), path.join(worktree, 'node_modules'));
    else run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], worktree);
    for (const file of ['scripts/fleet.ts', 'scripts/fleet-definitions.ts'])
      copyFileSync(path.join(repo, file), path.join(worktree, file));
    for (const root of [worktree, repo]) run(process.execPath, ['scripts/build-package.mjs'], root);
    const trees = [treeCommand(`baseline ${baselineRef}`, worktree), treeCommand('current', repo)];
    const checkArgs = ['check'];
    const fleetArgs = (tree: Tree, index: number) => [
      'build',
      '--definitions',
      'scripts/fleet-definitions.ts',
      '--out',
      path.join(scratch, `fleet-${tree === trees[0] ? 'baseline' : 'current'}-${index}`),
    ];
    const fleetEnv = { OBSGEN_FLEET_SIZE: String(FLEET_SIZE) };
    for (const tree of trees) wallMs(tree, checkArgs);
    const checks = trees.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) trees.forEach((tree, t) => checks[t]!.push(wallMs(tree, checkArgs)));
    const fleets = trees.map(() => [] as number[]);
    for (let i = 0; i < runs; i++)
      trees.forEach((tree, t) => {
        fleets[t]!.push(wallMs(tree, fleetArgs(tree, i), fleetEnv));
        rmSync(fleetArgs(tree, i).at(-1)!, { recursive: true, force: true });
      });
    return [
      {
        what: '`obsgen check` on definitions/',
        targetMs: CHECK_TARGET_MS,
        baselineMs: median(checks[0]!),
        currentMs: median(checks[1]!),
      },
      {
        what: `\`obsgen build\` of the ${FLEET_SIZE.toLocaleString('en-US')}-system fleet`,
        targetMs: FLEET_TARGET_MS,
        baselineMs: median(fleets[0]!),
        currentMs: median(fleets[1]!),
      },
    ];
  } finally {
    if (existsSync(worktree)) spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repo });
    rmSync(scratch, { recursive: true, force: true });
  }
}
