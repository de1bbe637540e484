import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { OBSGEN_CODE_DIRECTORIES } from '../obsgen-root.ts';
import { boundedMemo } from '../bounded-memo.ts';

/** Where a person wrote a definition: file relative to the working directory, 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

const FRAME = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):\d+\)?\s*$/;

/**
 * The location of the first stack frame outside obsgen's own code, i.e. the definition call
 * a user wrote. jiti compiles the definitions line for line, so the line is the `.ts` line.
 *
 * Read at once from V8's structured frames (no stack text is formatted), so the frames die young:
 * kept for later, they held ~1 KB per location (33 MB for a 1,000-system project). A few frames
 * are captured first (a builder is called from the definitions a frame or two below); only when
 * all of them are obsgen's, node_modules' or Node's own is the deeper stack taken.
 */
export function captureLocation(): SourceLocation {
  const near = callerOutside(captureLocation, NEAR_FRAMES);
  const found = near === DEEPER ? callerOutside(captureLocation, ALL_FRAMES) : near;
  return found === undefined || found === DEEPER ? UNKNOWN_LOCATION : found;
}

/**
 * Frames captured first: a builder's caller is one or two frames below it (in definitions/ and the
 * fleet); a caller deeper in a package's helpers costs a second capture of up to ALL_FRAMES.
 */
const NEAR_FRAMES = 4;
const ALL_FRAMES = 64;

const DEFINITION_LOCATION = Symbol.for('obsgen.definitionLocation');

/** Told apart from "no user frame": every frame captured was obsgen's, and there were more. */
const DEEPER = Symbol('deeper');

/** The first frame below `above` in a user's file, among the `limit` frames under it. */
function callerOutside(
  above: (...args: never[]) => unknown,
  limit: number,
): SourceLocation | typeof DEEPER | undefined {
  const { stackTraceLimit, prepareStackTrace } = Error;
  try {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = structuredFrames;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, above);
    // Read here: V8 hands prepareStackTrace the frames when `stack` is first read.
    const frames = holder.stack as readonly NodeJS.CallSite[];
    let index = 0;
    let file: string | undefined;
    for (; index < frames.length && file === undefined; index++) file = userFile(frames[index]!.getFileName());
    if (file === undefined) return frames.length >= limit ? DEEPER : undefined;
    const unmapped = new DefinitionLocation(file, frames[index - 1]!.getLineNumber() ?? 0);
    if (!mapsPositions(prepareStackTrace)) return unmapped;
    // Under a stack formatter that maps positions (a test runner's, Node's source maps), the line
    // is the one it writes: the stack as it formats it, down to that frame.
    Error.stackTraceLimit = index;
    Error.prepareStackTrace = prepareStackTrace;
    const mapped = formattedStack(above);
    const found = mapped === undefined ? undefined : userFrameInStack(mapped);
    return found === undefined ? unmapped : new DefinitionLocation(found.file, found.line);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
}

/** The stack below `above` as the installed formatter writes it; undefined when it fails or writes no text. */
function formattedStack(above: (...args: never[]) => unknown): string | undefined {
  const formatted: { stack?: unknown } = {};
  Error.captureStackTrace(formatted, above);
  try {
    return typeof formatted.stack === 'string' ? formatted.stack : undefined;
  } catch {
    // A formatter someone installed threw: the frame's own position is still right for jiti's line-for-line code.
    return undefined;
  }
}

/**
 * Whether stacks may be written with other positions than V8's frames hold: a formatter someone
 * installed (source-map-support, a test runner), or Node's own with source maps enabled
 * (`--enable-source-maps`, tsx; unknown before Node 20.7, so maybe).
 */
function mapsPositions(formatter: ErrorConstructor['prepareStackTrace']): boolean {
  const nodeOwn = formatter === undefined || formatter.name === NODE_FORMATTER;
  return !nodeOwn || (process as { readonly sourceMapsEnabled?: boolean }).sourceMapsEnabled !== false;
}

/** The name of Node's own `Error.prepareStackTrace` (Node 20.x defines it; earlier ones leave it undefined). */
const NODE_FORMATTER = 'ErrorPrepareStackTrace';

/**
 * A location `captureLocation` made: a plain `{ file, line }` to read, serialise and compare, told
 * apart by a registered symbol on its prototype (not instanceof: definitions that import obsgen's
 * sources make their locations with another copy of this class than the CLI's bundle walks them
 * with), so walks over definitions skip the tens of thousands a project holds.
 */
class DefinitionLocation implements SourceLocation {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number) {
    this.file = file;
    this.line = line;
  }

  static {
    Object.defineProperty(DefinitionLocation.prototype, DEFINITION_LOCATION, { value: true });
  }
}

export function isDefinitionLocation(value: unknown): boolean {
  return typeof value === 'object' && value !== null && DEFINITION_LOCATION in value;
}

/** V8's frames as they are, for `Error.prepareStackTrace`. */
const structuredFrames = (_error: Error, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames;

/** A frame's file relative to the working directory, or undefined for obsgen's, node_modules' and Node's own. */
function userFile(name: string | null | undefined): string | undefined {
  if (name === null || name === undefined) return undefined;
  const cwd = process.cwd();
  if (cwd !== userFiles.cwd) userFiles = { cwd, of: boundedMemo(10_000, userFileIn) };
  return userFiles.of(name) ?? undefined;
}

/** Per frame file name, in the working directory: a project has few files, and every definition asks. */
let userFiles = { cwd: '', of: boundedMemo(10_000, userFileIn) };

/** `userFile` uncached; null (one lookup on a hit, unlike undefined) for a file that is not a user's. */
function userFileIn(name: string): string | null {
  const absolute = name.startsWith('file://') ? fileURLToPath(name) : name;
  return !path.isAbsolute(absolute) ||
    OBSGEN_CODE_DIRECTORIES.some((code) => absolute.startsWith(code)) ||
    absolute.includes(`${path.sep}node_modules${path.sep}`)
    ? null
    : relativeToCwd(absolute);
}

/** The first frame of a stack outside obsgen's own code, `node_modules` and Node internals. */
export function userFrameInStack(stack: string): SourceLocation | undefined {
  for (const frame of stack.split('\n').slice(1)) {
    const match = FRAME.exec(frame.trim());
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const file = userFile(match[1]);
    if (file !== undefined) return { file, line: Number(match[2]) };
  }
  return undefined;
}

const UNKNOWN_LOCATION: SourceLocation = Object.freeze({ file: '<unknown>', line: 0 });

export function relativeToCwd(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative.startsWith('..') ? absolute : relative).split(path.sep).join('/');
}
