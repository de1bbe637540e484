import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { StagingWriter } from '../src/cli/staging-writer.ts';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('staging writer', () => {
  it('writes every file byte for byte, multi-byte text and nested directories included', () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-staging-')), 'out');
    scratch.push(path.dirname(root));
    const writer = new StagingWriter(root);
    const files = [
      { path: 'a/ascii.txt', content: 'plain\n' },
      { path: 'b/ünïcode-×.md', content: `burns 14.4× the budget → page ✓\n${'é'.repeat(5000)}😀` },
      { path: 'b/empty.txt', content: '' },
      { path: 'c/d/e/emoji.json', content: '😀'.repeat(3000) },
    ];
    writer.write(files.slice(0, 2));
    writer.write(files.slice(2));
    for (const file of files) expect(readFileSync(path.join(root, file.path), 'utf8')).toBe(file.content);
  });

  it('discard removes the staging directory and everything in it', () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-staging-')), 'out');
    scratch.push(path.dirname(root));
    const writer = new StagingWriter(root);
    writer.write([{ path: 'x/y.txt', content: 'y' }]);
    writer.discard();
    expect(existsSync(root)).toBe(false);
  });
});
