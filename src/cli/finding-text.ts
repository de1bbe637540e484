import type { Finding } from '../finding.ts';
import { sourceExcerpt } from './source-excerpt.ts';

/** A finding as one block of text for annotations: the message, the source line with its span underlined, the hint. */
export function findingText(f: Finding): string {
  return [f.message, ...(f.source === undefined ? [] : sourceExcerpt(f.source)), `Hint: ${f.hint}`].join('\n');
}
