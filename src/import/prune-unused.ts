/**
 * Drops what the module does not use — names of the import line, `const m` without a typed query —
 * so tsc's noUnusedLocals stays quiet. PromQL text and strings are not code: `rate(` in them is not a use.
 */
export function prune(source: string): string {
  const start = source.indexOf('\n', source.indexOf("from 'obsgen'"));
  // Comments are whole lines here; strings never span lines (stringLiteral escapes); PromQL
  // templates may. Each is emptied before the names are looked for.
  const code = source
    .slice(start)
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''")
    .replace(/`(?:[^`\\]|\\.)*`/g, '``');
  const usesM = /\bm(?:\.|\[)/.test(code);
  const pruned = usesM ? source : source.replace(/^const m = [^\n]*\n\n?/m, '');
  return pruned.replace(/^import \{ ([^}]*) \} from 'obsgen';$/m, (_, names: string) => {
    // Every name imported is called or tags a template: name( or name`.
    const used = names.split(', ').filter((name) => new RegExp(`\\b${name}[(\`]`).test(code));
    return `import { ${used.join(', ')} } from 'obsgen';`;
  });
}
