/**
 * A YAML emitter for obsgen's generated documents (maps, lists, strings, numbers, booleans).
 * The `yaml` package builds a full document model per file, which dominated large builds;
 * this writes block style directly. A string is plain only when it cannot be read as anything
 * else by a YAML 1.1 or 1.2 reader (go-yaml in Prometheus, `yaml` here); otherwise it is
 * double-quoted with JSON escapes, which YAML double-quoted scalars accept. test/yaml-emitter
 * proves every generated file parses back to what was emitted.
 */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

export function emitYaml(value: YamlValue): string {
  const lines: string[] = [];
  emitBlock(value, 0, lines);
  return `${lines.join('\n')}\n`;
}

function emitBlock(value: YamlValue, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (isList(value)) {
    if (value.length === 0) lines.push(`${pad}[]`);
    for (const item of value) emitListItem(item, indent, lines);
    return;
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter((entry): entry is [string, YamlValue] => entry[1] !== undefined);
    if (entries.length === 0) lines.push(`${pad}{}`);
    for (const [key, item] of entries) emitEntry(key, item, indent, lines);
    return;
  }
  lines.push(`${pad}${scalar(value)}`);
}

function emitEntry(key: string, value: YamlValue, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  const k = scalar(key);
  if (isList(value)) {
    if (value.length === 0) lines.push(`${pad}${k}: []`);
    else {
      lines.push(`${pad}${k}:`);
      for (const item of value) emitListItem(item, indent + 2, lines);
    }
  } else if (isMap(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) lines.push(`${pad}${k}: {}`);
    else {
      lines.push(`${pad}${k}:`);
      emitBlock(value, indent + 2, lines);
    }
  } else lines.push(`${pad}${k}: ${scalar(value)}`);
}

/** `- ` then the item; a map's first entry shares the dash's line, as YAML people write it. */
function emitListItem(item: YamlValue, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (isMap(item) && Object.values(item).some((v) => v !== undefined)) {
    const start = lines.length;
    emitBlock(item, indent + 2, lines);
    lines[start] = `${pad}- ${lines[start]!.slice(indent + 2)}`;
  } else if (isList(item) && item.length > 0) {
    const start = lines.length;
    emitBlock(item, indent + 2, lines);
    lines[start] = `${pad}- ${lines[start]!.slice(indent + 2)}`;
  } else lines.push(`${pad}- ${isMap(item) ? '{}' : isList(item) ? '[]' : scalar(item)}`);
}

function isList(value: YamlValue): value is readonly YamlValue[] {
  return Array.isArray(value);
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue | undefined } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
/** Starts like a number, date, or sexagesimal number in either YAML version. */
const NUMERIC_START = /^[-+.]?[0-9]/;
/** A Prometheus duration: not numeric in YAML, and nicer unquoted (`for: 5m`). */
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  return plainSafe(value) ? value : JSON.stringify(value);
}

/**
 * Whether a string can be written plain. One pass over its characters: no leading or trailing
 * space, no control or special line-break characters, no `: ` or ` #`, no trailing colon.
 */
function plainSafe(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  if (DURATION.test(text)) return true;
  const first = text.charCodeAt(0);
  if (first === 32 || text.charCodeAt(length - 1) === 32 || text.charCodeAt(length - 1) === 58) return false;
  if (RESERVED.test(text) || NUMERIC_START.test(text) || INDICATOR_START.test(text)) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return false;
    if (c === 58 && text.charCodeAt(i + 1) === 32) return false; // ": "
    if (c === 32 && text.charCodeAt(i + 1) === 35) return false; // " #"
  }
  return !/^\.(?:inf|nan)$/i.test(text);
}
