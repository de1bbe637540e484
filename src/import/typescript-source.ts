/** Pieces of TypeScript source an import writes: literals, property keys, template literals. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function stringLiteral(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** `object.key`, or `object['key']` when the key is not an identifier. */
export function memberAccess(object: string, key: string): string {
  return IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${stringLiteral(key)}]`;
}

/** A record of strings as an object literal on one line: `{ severity: 'critical', team: 'db' }`. */
export function stringRecord(record: Readonly<Record<string, string>>): string {
  const entries = Object.entries(record);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, value]) => `${propertyKey(key)}: ${stringLiteral(value)}`).join(', ')} }`;
}

/** Text inside a template literal, exactly: backslashes, backticks and `${` escaped. */
export function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** A `// review:` comment line for a guess the import made. */
export function reviewComment(indent: string, text: string): string {
  return `${indent}// review: ${text.replace(/\n/g, ' ')}\n`;
}
