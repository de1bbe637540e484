import { mkdirSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { OutputFile } from '../compile/output-file.ts';

/**
 * Writes files into a staging directory on a worker thread, so disk writes (a fraction of a
 * millisecond each, thousands for a large fleet) overlap the compilation of the next batch.
 * The worker is plain JavaScript: it only creates directories and writes files.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const made = new Set();
parentPort.on('message', (message) => {
  try {
    if (message === 'end') { parentPort.postMessage({ done: true }); return; }
    for (const file of message) {
      const destination = path.join(workerData.root, ...file.path.split('/'));
      const directory = path.dirname(destination);
      if (!made.has(directory)) { mkdirSync(directory, { recursive: true }); made.add(directory); }
      writeFileSync(destination, file.content);
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

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
    this.worker.postMessage(files.map((file) => ({ path: file.path, content: file.content })));
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
