import { boundedMemo } from '../bounded-memo.ts';

/**
 * A YAML emitter for obsgen's generated documents (maps, lists, strings, numbers, booleans).
 * The `yaml` package builds a full document model per file, which dominated large builds;
 * this writes block style directly. A string is plain only when it cannot be read as anything
 * else by a YAML 1.1 or 1.2 reader (go-yaml in Prometheus, `yaml` here); otherwise it is
 * double-quoted with JSON escapes, which YAML double-quoted scalars accept. test/yaml-emitter
 * proves every generated file parses back to what was emitted.
 */
export type YamlValue =
  string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

export function emitYaml(value: YamlValue): string {
  const writer = new YamlWriter();
  writer.block(value, 0, '');
  return writer.text;
}

/**
 * Appends lines to one string. `lead` is what starts a block's first line: its indentation, or
 * the `- ` of the list item it opens (same width), so no line is written twice. Builds emit
 * hundreds of megabytes of YAML, so this avoids per-line arrays, slices and padding strings.
 */
class YamlWriter {
  text = '';

  block(value: YamlValue, indent: number, lead: string): void {
    if (isList(value)) {
      if (value.length === 0) this.text += `${lead}[]\n`;
      for (let i = 0; i < value.length; i++) this.listItem(value[i]!, indent, i === 0 ? lead : pad(indent));
      return;
    }
    if (isMap(value)) {
      let first = true;
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item === undefined) continue;
        this.entry(key, item, indent, first ? lead : pad(indent));
        first = false;
      }
      if (first) this.text += `${lead}{}\n`;
      return;
    }
    this.text += `${lead}${scalar(value)}\n`;
  }

  private entry(key: string, value: YamlValue, indent: number, lead: string): void {
    const k = scalar(key);
    if (isList(value)) {
      if (value.length === 0) this.text += `${lead}${k}: []\n`;
      else {
        this.text += `${lead}${k}:\n`;
        for (const item of value) this.listItem(item, indent + 2, pad(indent + 2));
      }
    } else if (isMap(value)) {
      if (!hasDefinedValue(value)) this.text += `${lead}${k}: {}\n`;
      else {
        this.text += `${lead}${k}:\n`;
        this.block(value, indent + 2, pad(indent + 2));
      }
    } else if (typeof value === 'string' && blockSafe(value)) this.literal(`${lead}${k}:`, value, indent + 2);
    else this.text += `${lead}${k}: ${scalar(value)}\n`;
  }

  /** A multi-line string as a literal block (`|`), so embedded documents read and diff line by line. */
  private literal(head: string, text: string, indent: number): void {
    const trailing = /\n*$/.exec(text)![0].length;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    // A reader takes the indentation from the first non-empty line: one that starts with a blank needs it stated.
    const indicator = /^\n*[ ]/.test(text) ? '2' : '';
    this.text += `${head} |${indicator}${chomp}\n`;
    const body = trailing === 0 ? text : text.slice(0, -1);
    const prefix = pad(indent);
    for (const line of body.split('\n')) this.text += line === '' ? '\n' : `${prefix}${line}\n`;
  }

  /** `- ` then the item; a map's first entry shares the dash's line, as YAML people write it. */
  private listItem(item: YamlValue, indent: number, lead: string): void {
    const dash = `${lead}- `;
    if ((isMap(item) && hasDefinedValue(item)) || (isList(item) && item.length > 0)) this.block(item, indent + 2, dash);
    else this.text += `${dash}${isMap(item) ? '{}' : isList(item) ? '[]' : scalar(item)}\n`;
  }
}

const PADS: string[] = [];
function pad(indent: number): string {
  return (PADS[indent] ??= ' '.repeat(indent));
}

function hasDefinedValue(map: { readonly [key: string]: YamlValue | undefined }): boolean {
  for (const key of Object.keys(map)) if (map[key] !== undefined) return true;
  return false;
}

function isList(value: YamlValue): value is readonly YamlValue[] {
  return Array.isArray(value);
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue | undefined } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a string is written as a literal block: it has a line break, and every character is one
 * a block keeps as it is (no carriage return, other control or special line-break character), and
 * no line is blanks alone (a block cannot tell them from its indentation).
 */
function blockSafe(text: string): boolean {
  if (!text.includes('\n') || !/\S/.test(text) || /^[ \t]+$/m.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10 && c !== 9) || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff)
      return false;
  }
  return true;
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
  return value.length > 64 ? stringScalar(value) : shortStringScalar(value);
}

function stringScalar(text: string): string {
  return plainSafe(text) ? text : JSON.stringify(text);
}

/** Keys, label values and durations repeat across thousands of files; their spellings are reused. */
const shortStringScalar = boundedMemo(50_000, stringScalar);

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
