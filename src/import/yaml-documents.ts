import { parseAllDocuments } from 'yaml';
import { ImportError } from './import-error.ts';

/**
 * Every document of a YAML stream as plain values, read as Prometheus and Alertmanager read
 * their files (go-yaml); an ImportError naming the first syntax error when even that fails.
 *
 * go-yaml accepts a quoted scalar whose continuation lines are indented less than its key
 * (`description: "a\nb"` with `b` at column 1), which YAML 1.2 parsers refuse; the leading
 * white space of a continuation line is folded away either way, so such lines are indented
 * under their key and the stream read again.
 */
export function yamlDocuments(text: string): unknown[] {
  const first = parseAllDocuments(text);
  const failed = first.find((document) => document.errors.length > 0);
  if (failed === undefined) return first.map((document) => document.toJS() as unknown);
  const again = parseAllDocuments(indentQuotedContinuations(text));
  if (again.every((document) => document.errors.length === 0))
    return again.map((document) => document.toJS() as unknown);
  throw new ImportError(`not YAML: ${failed.errors[0]!.message.split('\n')[0]}`);
}

/** A quoted scalar opening a block value (`key: "`, `- '`): its indentation and quote. */
const OPENING = /^(\s*)(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?(["'])/;

/** Lines inside a quoted scalar that is still open, indented two columns past the line that opened it. */
function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let open: { readonly quote: string; readonly indent: string } | undefined;
  return lines
    .map((line) => {
      if (open !== undefined) {
        const within = open;
        const continued = line.trim() === '' ? line : `${within.indent}  ${line.trimStart()}`;
        if (closes(line, within.quote, 0)) open = undefined;
        return continued;
      }
      const match = OPENING.exec(line);
      if (match !== null && !closes(line, match[2]!, match[0].length)) open = { quote: match[2]!, indent: match[1]! };
      return line;
    })
    .join('\n');
}

/** Whether `line` closes a scalar quoted with `quote` at or after `from` (`\"` and `''` are escapes). */
function closes(line: string, quote: string, from: number): boolean {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}
