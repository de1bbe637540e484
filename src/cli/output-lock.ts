import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { makeDirectories } from './make-directories.ts';
import { isProcessAlive } from './process-alive.ts';

/** How long a build waits for another one writing the same output (OBSGEN_LOCK_TIMEOUT_MS overrides). */
const DEFAULT_WAIT_MS = 120_000;
const POLL_MS = 150;
/** A lock file still empty this long after it was made belongs to a writer that died at once. */
const EMPTY_LOCK_GRACE_MS = 5_000;

export class OutputLockTimeout extends Error {}

interface Holder {
  readonly pid: number;
  readonly host: string;
}

/**
 * Runs `work` holding `.<out>.lock` beside the output directory, so two builds of one output
 * (an editor hook and a terminal, two CI steps) take turns instead of deleting each other's
 * staging trees. A lock whose process is gone is taken over; a live one is waited for.
 */
export async function withOutputLock<T>(
  directory: string,
  work: () => Promise<T>,
  onWait: (holder: Holder) => void,
): Promise<T> {
  const target = path.resolve(directory);
  const lock = path.join(path.dirname(target), `.${path.basename(target)}.lock`);
  // `--out build/generated` in a fresh checkout: the parent is created, as mkdir -p would.
  makeDirectories(path.dirname(target));
  const waitMs = Number(process.env.OBSGEN_LOCK_TIMEOUT_MS ?? DEFAULT_WAIT_MS);
  const started = Date.now();
  let announced = false;
  for (;;) {
    if (tryAcquire(lock)) break;
    const holder = readHolder(lock);
    if (holder === 'stale') {
      removeStale(lock);
      continue;
    }
    if (Date.now() - started >= waitMs) {
      throw new OutputLockTimeout(
        `another obsgen build (pid ${holder?.pid ?? 'unknown'}) has been writing ${directory}/ for over ${Math.round(waitMs / 1000)} s (lock ${lock}); try again when it ends, or remove the lock if no build is running.`,
      );
    }
    if (!announced && holder !== undefined) {
      onWait(holder);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const release = (): void => removeStale(lock);
  process.once('exit', release);
  try {
    return await work();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}

function tryAcquire(lock: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, JSON.stringify({ pid: process.pid, host: hostname() }));
  } finally {
    closeSync(descriptor);
  }
  return true;
}

/** The lock's holder; 'stale' when its process is gone; undefined while it is being written. */
function readHolder(lock: string): Holder | 'stale' | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return undefined; // released in between: the next attempt takes it
  }
  if (text === '') {
    try {
      return Date.now() - statSync(lock).mtimeMs > EMPTY_LOCK_GRACE_MS ? 'stale' : undefined;
    } catch {
      return undefined;
    }
  }
  let holder: Holder;
  try {
    holder = JSON.parse(text) as Holder;
  } catch {
    return 'stale';
  }
  // Another machine's process (a shared file system) cannot be probed: wait for it.
  if (holder.host !== hostname()) return holder;
  return isProcessAlive(holder.pid) ? holder : 'stale';
}

function removeStale(lock: string): void {
  try {
    unlinkSync(lock);
  } catch {
    // Already gone.
  }
}
