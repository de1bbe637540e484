/**
 * PromQL string literals follow Go: "…" and '…' interpret escapes (an unknown escape is an
 * error, so a regex `\d` must be written `\\d`); `…` is raw.
 */
export function unquote(literal: string): string {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) throw new Error('unterminated string');
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quote) throw new Error(`unescaped ${quote} in string`);
    if (c === '\n') throw new Error('newline in string');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
      case "'":
        if (e !== quote) throw new Error(`unknown escape sequence \\${e}`);
        out += e;
        break;
      case 'x':
        out += String.fromCharCode(hex(body.slice(i + 1, i + 3), 2));
        i += 2;
        break;
      case 'u':
        out += String.fromCodePoint(hex(body.slice(i + 1, i + 5), 4));
        i += 4;
        break;
      case 'U':
        out += String.fromCodePoint(hex(body.slice(i + 1, i + 9), 8));
        i += 8;
        break;
      default:
        if (e !== undefined && /[0-7]/.test(e)) {
          const digits = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(digits)) throw new Error('invalid octal escape');
          out += String.fromCharCode(parseInt(digits, 8));
          i += 2;
          break;
        }
        throw new Error(`unknown escape sequence \\${e ?? ''}`);
    }
  }
  return out;
}

function hex(digits: string, length: number): number {
  if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) throw new Error('invalid hex escape');
  return parseInt(digits, 16);
}

/** A double-quoted PromQL string that unquotes back to `value`. */
export function quote(value: string): string {
  let out = '"';
  for (const c of value) {
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c < ' ') out += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return `${out}"`;
}
