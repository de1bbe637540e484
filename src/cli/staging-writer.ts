import { rmSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { OutputFile } from '../compile/output-file.ts';
import { unsafeOutputPath } from '../pipeline/output-path.ts';
import {
  CONTROL_SLOTS,
  FILE_WRITING_THREAD,
  MESSAGES_DONE,
  RING_BYTES_IN_USE,
  THREAD_STOPPED,
  type WriteFailure,
  type WriteStep,
  type WritingThreadData,
} from './file-writing-thread.ts';
import { makeDirectories } from './make-directories.ts';

/** The text on its way to the disk at most: what the writing costs in memory, whatever is written. */
const DEFAULT_RING_BYTES = 16 * 1024 * 1024;

/**
 * Writes files into a staging directory as the compilers produce them, so a compiled file's
 * text can be dropped from memory early and the staging directory is complete when the checks
 * end.
 *
 * On a thread of its own: creating a file costs the kernel 0.2-0.5 ms on the 2-core machine
 * (`cp -r` of the 1,000-system fleet's 23,000 files takes 4-6 s, all system time), which on the
 * main thread added to the compilation; on a second thread it overlaps it (`npm run bench`). The
 * text goes to the thread as UTF-8 through one shared ring of bytes, reused from file to file:
 * on this machine fresh memory is slow (a page fault costs ~11 µs), and the strings themselves,
 * copied to the thread, made it touch ~260 MB more for the fleet. Callers `finish` before reading
 * the tree.
 */
export class StagingWriter {
  private readonly made = new Set<string>();
  private readonly ring: Uint8Array;
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  private readonly encoder = new TextEncoder();
  private readonly port: MessagePort;
  private readonly thread: Worker;
  /** Where the next chunk goes in the ring. */
  private at = 0;
  /** Steps not yet posted to the thread. */
  private steps: WriteStep[] = [];
  private posted = 0;
  private failure: WriteFailure | undefined;

  constructor(
    readonly root: string,
    ringBytes = DEFAULT_RING_BYTES,
  ) {
    // UTF-8 characters are up to four bytes, and a chunk never splits one.
    if (!Number.isInteger(ringBytes) || ringBytes < 4)
      throw new RangeError(`a ring of ${ringBytes} bytes holds no character`);
    rmSync(root, { recursive: true, force: true });
    makeDirectories(root);
    this.made.add(root);
    this.ring = new Uint8Array(new SharedArrayBuffer(ringBytes));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: WritingThreadData = {
      ring: this.ring.buffer as SharedArrayBuffer,
      control: this.control.buffer as SharedArrayBuffer,
      port: port2,
    };
    this.thread = new Worker(FILE_WRITING_THREAD, { eval: true, workerData: data, transferList: [port2] });
    // Never what keeps the process running: `finish` waits for the writing, not for the thread.
    this.thread.unref();
  }

  /**
   * Queues the files for writing; throws at once for a path outside the staging directory, and
   * for a write that has already failed (the rest are not written).
   */
  write(files: readonly OutputFile[]): void {
    this.throwIfFailed();
    for (const file of files) {
      this.steps.push({ step: 'open', path: this.placed(file.path) });
      this.encode(file.content);
      this.steps.push({ step: 'close' });
    }
    this.post();
  }

  /**
   * Queues copies of files of `directory` (an earlier build's output) as they are, by their
   * relative paths: files the build produced with the text they already have.
   */
  copy(relativePaths: readonly string[], directory: string): void {
    this.throwIfFailed();
    for (const relative of relativePaths)
      this.steps.push({
        step: 'copy',
        from: path.join(directory, ...relative.split('/')),
        path: this.placed(relative),
      });
    this.post();
  }

  /** Waits until every queued file is written and stops the thread; throws the first write that failed. */
  finish(): void {
    try {
      this.post();
      this.waitUntilWritten();
    } finally {
      void this.thread.terminate();
    }
    this.throwIfFailed();
  }

  /** Removes the staging directory (the build is not written), once the thread has stopped writing. */
  discard(): void {
    this.steps = [];
    try {
      this.waitUntilWritten();
    } catch {
      // The thread stopped: it writes nothing more either, and the directory still goes.
    } finally {
      void this.thread.terminate();
      rmSync(this.root, { recursive: true, force: true });
    }
  }

  /** `text` as UTF-8 chunks of the ring, each where the ring has room (waiting for the thread when it has none). */
  private encode(text: string): void {
    const size = this.ring.length;
    let rest = text;
    while (rest.length > 0) {
      const toEnd = size - this.at;
      const room = Math.min(toEnd, size - Atomics.load(this.control, RING_BYTES_IN_USE));
      const { read, written } =
        room === 0
          ? { read: 0, written: 0 }
          : this.encoder.encodeInto(rest, this.ring.subarray(this.at, this.at + room));
      if (written > 0) {
        Atomics.add(this.control, RING_BYTES_IN_USE, written);
        this.steps.push({ step: 'chunk', offset: this.at, length: written });
        this.at = (this.at + written) % size;
        rest = rest.slice(read);
      } else if (room === toEnd && room < size) {
        // The ring's end is free but too short for the next character: skipped, freed as if written.
        Atomics.add(this.control, RING_BYTES_IN_USE, room);
        this.steps.push({ step: 'free', length: room });
        this.at = 0;
      } else {
        // The thread still holds the bytes that would be needed: hand it what is queued, and wait.
        this.post();
        this.waitForRoom();
      }
    }
  }

  private post(): void {
    if (this.steps.length === 0) return;
    this.port.postMessage(this.steps);
    this.steps = [];
    this.posted++;
  }

  private waitForRoom(): void {
    const inUse = Atomics.load(this.control, RING_BYTES_IN_USE);
    if (inUse === 0) return;
    this.assertRunning();
    Atomics.wait(this.control, RING_BYTES_IN_USE, inUse);
  }

  /** Blocks until the thread has taken every posted message; a thread that stopped before is an error. */
  private waitUntilWritten(): void {
    for (;;) {
      const done = Atomics.load(this.control, MESSAGES_DONE);
      if (done === this.posted) return;
      this.assertRunning();
      Atomics.wait(this.control, MESSAGES_DONE, done);
    }
  }

  private assertRunning(): void {
    if (Atomics.load(this.control, THREAD_STOPPED) === 1)
      throw new Error('the file-writing thread stopped before writing everything');
  }

  /** A file's destination, once the directories it needs that no earlier file created are queued (outermost first). */
  private placed(relative: string): string {
    const destination = this.destination(relative);
    const missing: string[] = [];
    for (let level = path.dirname(destination); !this.made.has(level); level = path.dirname(level)) missing.push(level);
    for (const level of missing.reverse()) {
      this.made.add(level);
      this.steps.push({ step: 'directory', path: level });
    }
    return destination;
  }

  private throwIfFailed(): void {
    this.failure ??= receiveMessageOnPort(this.port)?.message as WriteFailure | undefined;
    if (this.failure === undefined) return;
    const { message, ...details } = this.failure;
    throw Object.assign(new Error(message), details);
  }

  /**
   * Where a file goes, refused unless it is inside the staging directory. The compile stage's
   * output guard already refused such paths with a finding; this is the second line of defence.
   */
  private destination(relative: string): string {
    const unsafe = unsafeOutputPath(relative);
    const destination = path.resolve(this.root, ...relative.split('/'));
    const inside = path.relative(this.root, destination);
    if (unsafe !== undefined || inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new Error(
        `refusing to write ${JSON.stringify(relative)} outside ${this.root}${unsafe === undefined ? '' : `: it ${unsafe}`}`,
      );
    }
    return destination;
  }
}
