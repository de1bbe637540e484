import type * as fs from 'node:fs';
import type * as threads from 'node:worker_threads';

/** One batch of files for the writing thread: directories to create first, in order, then the files. */
export interface WriteBatch {
  readonly directories: readonly string[];
  readonly paths: readonly string[];
  readonly contents: readonly string[];
  /** What the batch counts for in the shared backlog (its characters, at least 1). */
  readonly weight: number;
}

/** The first write that failed, as the writing thread reports it. */
export interface WriteFailure {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
}

/** What the writing thread is started with. */
export interface WritingThreadData {
  /** Two Int32s: the weight of the batches posted and not yet written; 1 once the thread has stopped. */
  readonly backlog: SharedArrayBuffer;
  readonly port: threads.MessagePort;
}

export const BACKLOG = 0;
export const STOPPED = 1;

/**
 * The writing thread: creates each batch's directories and files ('wx': never through something
 * already there), then takes the batch's weight off the backlog. After the first failure it
 * reports it once and writes nothing more. Runs as text in a worker (FILE_WRITING_THREAD), so it
 * uses nothing but its parameters and globals (hence the literal BACKLOG and STOPPED indices).
 */
function writingThread(files: typeof fs, { workerData }: typeof threads, exiting: (then: () => void) => void): void {
  const { backlog, port } = workerData as WritingThreadData;
  const pending = new Int32Array(backlog);
  // However the thread ends, a writer waiting for the backlog wakes and sees it.
  exiting(() => {
    Atomics.store(pending, 1, 1);
    Atomics.notify(pending, 0);
  });
  let failed = false;
  port.on('message', (batch: WriteBatch) => {
    try {
      if (failed) return;
      for (const directory of batch.directories) files.mkdirSync(directory);
      for (let index = 0; index < batch.paths.length; index++)
        files.writeFileSync(batch.paths[index]!, batch.contents[index]!, { flag: 'wx' });
    } catch (error) {
      failed = true;
      const { message, code, syscall, path } = error as NodeJS.ErrnoException;
      const failure: WriteFailure = { message, code, syscall, path };
      port.postMessage(failure);
    } finally {
      Atomics.sub(pending, 0, batch.weight);
      Atomics.notify(pending, 0);
    }
  });
}

/**
 * The writing thread's code for `new Worker(…, { eval: true })`: the function's own text, so the
 * sources and the bundle run the same code with nothing built beside them.
 */
export const FILE_WRITING_THREAD = `(${writingThread.toString()})(require('node:fs'), require('node:worker_threads'), (then) => process.on('exit', then));`;
