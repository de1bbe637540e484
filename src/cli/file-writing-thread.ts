import type * as fs from 'node:fs';
import type * as threads from 'node:worker_threads';

/**
 * One step of writing, in order: create a directory; copy a file as it is; open a new file; write
 * a chunk of the ring to the open file; free ring bytes nothing is written from (the unusable end
 * of the ring); close the open file.
 */
export type WriteStep =
  | { readonly step: 'directory'; readonly path: string }
  | { readonly step: 'copy'; readonly from: string; readonly path: string }
  | { readonly step: 'open'; readonly path: string }
  | { readonly step: 'chunk'; readonly offset: number; readonly length: number }
  | { readonly step: 'free'; readonly length: number }
  | { readonly step: 'close' };

/** The first write that failed, as the writing thread reports it. */
export interface WriteFailure {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
}

/** Positions in the shared control array. */
export const RING_BYTES_IN_USE = 0;
export const THREAD_STOPPED = 1;
export const MESSAGES_DONE = 2;
export const CONTROL_SLOTS = 3;

/** What the writing thread is started with. */
export interface WritingThreadData {
  /** The file text, UTF-8, as the writer put it; a chunk's bytes are free again once written. */
  readonly ring: SharedArrayBuffer;
  /** Int32s at RING_BYTES_IN_USE, THREAD_STOPPED, MESSAGES_DONE. */
  readonly control: SharedArrayBuffer;
  readonly port: threads.MessagePort;
}

/**
 * The writing thread: takes each message's steps in order ('wx', COPYFILE_EXCL: a file is never
 * written through something already there), frees each chunk's ring bytes once written, and counts the message
 * done. After the first failure it reports it once and writes nothing more, but still frees and
 * counts, so the writer never waits for it in vain. Runs as text in a worker (FILE_WRITING_THREAD),
 * so it uses nothing but its parameters and globals (hence the control positions written out).
 */
function writingThread(files: typeof fs, { workerData }: typeof threads, exiting: (then: () => void) => void): void {
  const { ring, control, port } = workerData as WritingThreadData;
  const bytes = new Uint8Array(ring);
  // 0: ring bytes in use, 1: thread stopped, 2: messages done.
  const state = new Int32Array(control);
  // However the thread ends, a writer waiting for it wakes and sees it.
  exiting(() => {
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 0);
    Atomics.notify(state, 2);
  });
  let failed = false;
  let open: number | undefined;
  const take = (step: WriteStep): void => {
    if (step.step === 'directory') files.mkdirSync(step.path);
    else if (step.step === 'copy') files.copyFileSync(step.from, step.path, files.constants.COPYFILE_EXCL);
    else if (step.step === 'open') open = files.openSync(step.path, 'wx');
    else if (step.step === 'chunk')
      for (let written = 0; written < step.length;)
        written += files.writeSync(open!, bytes, step.offset + written, step.length - written);
    else if (step.step === 'close') {
      files.closeSync(open!);
      open = undefined;
    }
  };
  port.on('message', (steps: readonly WriteStep[]) => {
    for (const step of steps) {
      try {
        if (!failed) take(step);
      } catch (error) {
        failed = true;
        if (open !== undefined)
          try {
            files.closeSync(open);
          } catch {
            // The failure reported is the first one.
          }
        open = undefined;
        const { message, code, syscall, path } = error as NodeJS.ErrnoException;
        const failure: WriteFailure = { message, code, syscall, path };
        port.postMessage(failure);
      } finally {
        if (step.step === 'chunk' || step.step === 'free') {
          Atomics.sub(state, 0, step.length);
          Atomics.notify(state, 0);
        }
      }
    }
    Atomics.add(state, 2, 1);
    Atomics.notify(state, 2);
  });
}

/**
 * The writing thread's code for `new Worker(…, { eval: true })`: the function's own text, so the
 * sources and the bundle run the same code with nothing built beside them.
 */
export const FILE_WRITING_THREAD = `(${writingThread.toString()})(require('node:fs'), require('node:worker_threads'), (then) => process.on('exit', then));`;
