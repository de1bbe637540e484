import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    writer.finish();
    for (const file of files) expect(readFileSync(path.join(root, file.path), 'utf8')).toBe(file.content);
  });

  it.each([4, 7, 64])(
    'through a ring of %i bytes: text split into chunks that never cut a character, wrapping round, files larger than the ring',
    (ringBytes) => {
      const root = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-staging-')), 'out');
      scratch.push(path.dirname(root));
      const writer = new StagingWriter(root, ringBytes);
      const files = Array.from({ length: 40 }, (_, index) => ({
        path: `d${index % 3}/f${index}.txt`,
        content: `${'aé😀€'.repeat(index)}${index % 5 === 0 ? '' : 'x'.repeat(index * 3)}`,
      }));
      for (let start = 0; start < files.length; start += 7) writer.write(files.slice(start, start + 7));
      writer.finish();
      for (const file of files) expect(readFileSync(path.join(root, file.path), 'utf8')).toBe(file.content);
    },
  );

  it('finish reports the first write that failed, as the file system said it, and nothing queued after it is written', () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-staging-')), 'out');
    scratch.push(path.dirname(root));
    const writer = new StagingWriter(root);
    writeFileSync(path.join(root, 'taken.txt'), 'already here');
    writer.write([{ path: 'taken.txt', content: 'x' }]);
    writer.write([{ path: 'later/after.txt', content: 'y' }]);
    let failure: NodeJS.ErrnoException | undefined;
    try {
      writer.finish();
    } catch (error) {
      failure = error as NodeJS.ErrnoException;
    }
    expect(failure).toMatchObject({ code: 'EEXIST', syscall: 'open', path: path.join(root, 'taken.txt') });
    expect(readFileSync(path.join(root, 'taken.txt'), 'utf8')).toBe('already here');
    expect(existsSync(path.join(root, 'later'))).toBe(false);
    expect(() => writer.write([{ path: 'again.txt', content: 'z' }])).toThrow(/EEXIST/);
    writer.discard();
    expect(existsSync(root)).toBe(false);
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
