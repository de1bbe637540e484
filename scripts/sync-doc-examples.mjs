#!/usr/bin/env node
// Copies each embedded example file into the Markdown that embeds it: a ```ts block right after
// `<!-- example: <path> -->`. test/docs.test.ts fails while any block differs from its file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pages = [
  'README.md',
  ...readdirSync(path.join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
for (const page of pages) {
  const text = readFileSync(path.join(repo, page), 'utf8');
  const synced = text.replace(
    /(<!-- example: (\S+) -->\n```ts\n)[\s\S]*?(```\n)/g,
    (_, open, file, close) => `${open}${readFileSync(path.join(repo, file), 'utf8')}${close}`,
  );
  if (synced !== text) {
    writeFileSync(path.join(repo, page), synced);
    console.log(`synced ${page}`);
  }
}
