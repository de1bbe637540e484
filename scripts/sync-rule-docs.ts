// Rewrites the rule table of docs/checks.md from the registry, the one source of each rule's
// text: rows keep their order, new rules join after the last row of their prefix, removed
// rules go. test/docs.test.ts fails while the table differs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { META_RULES, RULES } from '../src/check/registry.ts';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/checks.md');
const ROW = /^\| `([a-z-]+\/[a-z0-9-]+)` \| .* \|$/;
const rules = new Map<string, string>([...RULES, ...META_RULES].map((rule) => [rule.id, rule.description]));
const lines = readFileSync(file, 'utf8').split('\n');
const documented = lines
  .filter((line) => ROW.test(line))
  .map((line) => ROW.exec(line)![1]!)
  .filter((id) => rules.has(id));
for (const id of rules.keys()) {
  if (documented.includes(id)) continue;
  const prefix = id.split('/')[0]!;
  const last = documented
    .map((known, index) => [known, index] as const)
    .filter(([known]) => known.startsWith(`${prefix}/`))
    .pop();
  documented.splice(last === undefined ? documented.length : last[1] + 1, 0, id);
}
const first = lines.findIndex((line) => ROW.test(line));
const end = first + lines.slice(first).findIndex((line) => !ROW.test(line));
const table = documented.map((id) => `| \`${id}\` | ${rules.get(id)!.replace(/\|/g, '\\|')} |`);
writeFileSync(file, [...lines.slice(0, first), ...table, ...lines.slice(end)].join('\n'));
