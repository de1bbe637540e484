/** The longest file-name segment obsgen writes (file systems allow 255 bytes; room for suffixes). */
const MAX_SEGMENT_BYTES = 200;
const MAX_PATH_BYTES = 1024;
/** Control characters, and what Windows or shells make special in a file name. */
const FORBIDDEN = /[\p{Cc}\\<>:"|?*]/u;

/**
 * Why a generated file's path (relative, `/`-separated) is not safe to write below the output
 * directory, or undefined when it is: the one rule every name that becomes a path meets.
 */
export function unsafeOutputPath(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (path.startsWith('/')) return 'is absolute';
  if (utf8Bytes(path) > MAX_PATH_BYTES) return `is longer than ${MAX_PATH_BYTES} bytes`;
  for (const segment of path.split('/')) {
    if (segment === '') return 'has an empty name in it';
    if (segment === '.' || segment === '..') return `has "${segment}" in it, which leaves its folder`;
    if (utf8Bytes(segment) > MAX_SEGMENT_BYTES) return `has a file name longer than ${MAX_SEGMENT_BYTES} bytes`;
    if (segment.startsWith('.'))
      return `has a file name starting with "." (${JSON.stringify(segment)}): an empty name, or a hidden file`;
    if (segment.endsWith(' ')) return `has a file name ending in a space (${JSON.stringify(segment)})`;
    if (FORBIDDEN.test(segment)) return `has a character a file name should not have in ${JSON.stringify(segment)}`;
  }
  return undefined;
}

const encoder = new TextEncoder();
function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}
