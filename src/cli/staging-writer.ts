import { mkdirSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { OutputFile } from '../compile/output-file.ts';

/**
 * Writes files into a staging directory on a worker thread, so disk writes (a fraction of a
 * millisecond each, thousands for a large fleet) overlap the compilation of the next batch.
 * The worker is plain JavaScript: it only creates directories and writes files.
 *
 * A batch travels as one UTF-8 buffer that is transferred, not copied: on a 1,000-system fleet
 * cloning the strings cost the main thread ~1.1 s (encoding costs ~0.3 s) and a second copy of
 * the output in memory (peak RSS 250 MB lower this way; wall time unchanged within noise).
 * `ends` holds, per file, the end offsets of its path and of its content in the buffer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const made = new Set();
const decoder = new TextDecoder();
parentPort.on('message', (message) => {
  try {
    if (message === 'end') { parentPort.postMessage({ done: true }); return; }
    const bytes = new Uint8Array(message.buffer);
    let offset = 0;
    for (let i = 0; i < message.ends.length; i += 2) {
      const name = decoder.decode(bytes.subarray(offset, message.ends[i]));
      const content = bytes.subarray(message.ends[i], message.ends[i + 1]);
      offset = message.ends[i + 1];
      const destination = path.join(workerData.root, ...name.split('/'));
      const directory = path.dirname(destination);
      if (!made.has(directory)) { mkdirSync(directory, { recursive: true }); made.add(directory); }
      writeFileSync(destination, content);
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

const encoder = new TextEncoder();

/** One buffer with each file's path then content, and the end offset of each. */
function packBatch(files: readonly OutputFile[]): { buffer: ArrayBuffer; ends: Uint32Array } {
  const size = files.reduce((total, file) => total + Buffer.byteLength(file.path) + Buffer.byteLength(file.content), 0);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const ends = new Uint32Array(files.length * 2);
  let offset = 0;
  files.forEach((file, i) => {
    offset += encoder.encodeInto(file.path, bytes.subarray(offset)).written;
    ends[2 * i] = offset;
    offset += encoder.encodeInto(file.content, bytes.subarray(offset)).written;
    ends[2 * i + 1] = offset;
  });
  return { buffer, ends };
}

export class StagingWriter {
  private readonly worker: Worker;
  private failure: string | undefined;

  constructor(readonly root: string) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root } });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error !== undefined) this.failure ??= message.error;
    });
  }

  write(files: readonly OutputFile[]): void {
    const batch = packBatch(files);
    this.worker.postMessage(batch, [batch.buffer, batch.ends.buffer as ArrayBuffer]);
  }

  /** Waits until every file is written; throws what the worker could not write. */
  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.worker.on('message', (message: { done?: boolean }) => {
        if (message.done === true) resolve();
      });
      this.worker.on('error', reject);
      this.worker.postMessage('end');
    });
    await this.worker.terminate();
    if (this.failure !== undefined) throw new Error(`writing ${this.root} failed: ${this.failure}`);
  }

  /** Stops and removes the staging directory (the build is not written). */
  async discard(): Promise<void> {
    await this.worker.terminate();
    rmSync(this.root, { recursive: true, force: true });
  }
}
