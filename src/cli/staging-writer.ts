import { rmSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { OutputFile } from '../compile/output-file.ts';
import { unsafeOutputPath } from '../pipeline/output-path.ts';
import {
  BACKLOG,
  FILE_WRITING_THREAD,
  STOPPED,
  type WriteBatch,
  type WriteFailure,
  type WritingThreadData,
} from './file-writing-thread.ts';
import { makeDirectories } from './make-directories.ts';

/** Characters posted and not yet written before `write` waits for the thread (bounds the memory held). */
const BACKLOG_LIMIT = 64 * 1024 * 1024;

/**
 * Writes files into a staging directory as the compilers produce them, so a compiled file's
 * text can be dropped from memory early and the staging directory is complete when the checks
 * end.
 *
 * On a thread of its own: creating a file costs the kernel 0.2-0.5 ms on the 2-core machine
 * (`cp -r` of the 1,000-system fleet's 23,000 files takes 4-6 s, all system time), which on the
 * main thread added to the compilation; on a second thread it overlaps it (the fleet's build
 * 18-26 s → 14-18 s, alternating; `npm run bench`). Callers `finish` before reading the tree.
 */
export class StagingWriter {
  private readonly made = new Set<string>();
  private readonly backlog = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private readonly failures: MessagePort;
  private readonly thread: Worker;
  private failure: WriteFailure | undefined;

  constructor(readonly root: string) {
    rmSync(root, { recursive: true, force: true });
    makeDirectories(root);
    this.made.add(root);
    const { port1, port2 } = new MessageChannel();
    this.failures = port1;
    const data: WritingThreadData = { backlog: this.backlog.buffer as SharedArrayBuffer, port: port2 };
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
    const batch: { directories: string[]; paths: string[]; contents: string[]; weight: number } = {
      directories: [],
      paths: [],
      contents: [],
      weight: 1,
    };
    for (const file of files) {
      const destination = this.destination(file.path);
      batch.directories.push(...this.missingDirectories(path.dirname(destination)));
      batch.paths.push(destination);
      batch.contents.push(file.content);
      batch.weight += file.content.length;
    }
    Atomics.add(this.backlog, BACKLOG, batch.weight);
    this.failures.postMessage(batch satisfies WriteBatch);
    this.waitUntil(BACKLOG_LIMIT);
  }

  /** Waits until every queued file is written and stops the thread; throws the first write that failed. */
  finish(): void {
    try {
      this.waitUntil(0);
    } finally {
      void this.thread.terminate();
    }
    this.throwIfFailed();
  }

  /** Removes the staging directory (the build is not written), once the thread has stopped writing. */
  discard(): void {
    try {
      this.waitUntil(0);
    } finally {
      void this.thread.terminate();
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The directories below the staging root that `directory` needs and no earlier batch created, outermost first. */
  private missingDirectories(directory: string): string[] {
    const missing: string[] = [];
    for (let level = directory; !this.made.has(level); level = path.dirname(level)) missing.push(level);
    for (const level of missing) this.made.add(level);
    return missing.reverse();
  }

  /** Blocks until at most `limit` is left to write; a thread that stopped with more left is an error. */
  private waitUntil(limit: number): void {
    for (;;) {
      const pending = Atomics.load(this.backlog, BACKLOG);
      if (pending <= limit) return;
      if (Atomics.load(this.backlog, STOPPED) === 1)
        throw new Error('the file-writing thread stopped before writing everything');
      Atomics.wait(this.backlog, BACKLOG, pending);
    }
  }

  private throwIfFailed(): void {
    this.failure ??= receiveMessageOnPort(this.failures)?.message as WriteFailure | undefined;
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
