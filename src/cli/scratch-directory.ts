import { accessSync, constants, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Room a scratch directory in memory must have free to be chosen (promtool's test TSDBs are small). */
const MEMORY_SCRATCH_MIN_FREE = 512 * 1024 * 1024;

/**
 * Where short-lived scratch files go: `/dev/shm` (memory) when it exists, is writable and has room,
 * else the system's temporary directory. promtool creates and removes a TSDB on disk for every test
 * case; in memory that costs ~10 % less (measured in npm run bench).
 */
export function scratchDirectory(): string {
  try {
    const shm = '/dev/shm';
    accessSync(shm, constants.W_OK);
    const stats = statfsSync(shm);
    if (stats.bavail * stats.bsize >= MEMORY_SCRATCH_MIN_FREE) return shm;
  } catch {
    // No /dev/shm here (macOS, Windows) or not writable: the system's directory.
  }
  return tmpdir();
}
