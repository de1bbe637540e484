import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { OBSGEN_CODE_DIRECTORIES } from '../obsgen-root.ts';

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
 * V8 records the frames when the Error is made but formats (and source-maps) them only when
 * `stack` is read, which costs ~50 µs; few locations are ever printed, so reading is deferred
 * to the first access of `file` or `line`.
 */
export function captureLocation(): SourceLocation {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const holder = new Error();
  Error.stackTraceLimit = previousLimit;
  return new CapturedLocation(holder);
}

/**
 * A location read from its captured stack on first access. One shared pair of accessors for
 * every instance (a definitions module makes tens of thousands of locations; two closures each
 * cost ~4 µs and their memory).
 */
const CAPTURED = Symbol.for('obsgen.capturedLocation');

class CapturedLocation implements SourceLocation {
  declare readonly [CAPTURED]: true;
  declare readonly file: string;
  declare readonly line: number;
  #stack: Error | undefined;
  #resolved: SourceLocation | undefined;

  constructor(stack: Error) {
    this.#stack = stack;
    // Own enumerable accessors, so the location serialises and compares like a plain { file, line }.
    Object.defineProperties(this, CapturedLocation.#accessors);
  }

  static {
    // On the prototype, not enumerable: a location still serialises as { file, line }.
    Object.defineProperty(CapturedLocation.prototype, CAPTURED, { value: true });
  }

  #resolve(): SourceLocation {
    if (this.#resolved === undefined) {
      this.#resolved = userFrameInStack(this.#stack?.stack ?? '') ?? UNKNOWN_LOCATION;
      this.#stack = undefined;
    }
    return this.#resolved;
  }

  static readonly #accessors: PropertyDescriptorMap = {
    file: {
      enumerable: true,
      get(this: CapturedLocation) {
        return this.#resolve().file;
      },
    },
    line: {
      enumerable: true,
      get(this: CapturedLocation) {
        return this.#resolve().line;
      },
    },
  };
}

/**
 * A location still holding its stack: reading it formats the stack, so walks over definitions skip
 * it. Told by a registered symbol, not instanceof: definitions that import obsgen's sources make
 * their locations with another copy of this class than the CLI's bundle walks them with.
 */
export function isCapturedLocation(value: unknown): boolean {
  return typeof value === 'object' && value !== null && CAPTURED in value;
}

/** The first frame of a stack outside obsgen's own code, `node_modules` and Node internals. */
export function userFrameInStack(stack: string): SourceLocation | undefined {
  for (const frame of stack.split('\n').slice(1)) {
    const at = parseFrame(frame);
    if (!at) continue;
    if (
      OBSGEN_CODE_DIRECTORIES.some((code) => at.absolute.startsWith(code)) ||
      at.absolute.includes(`${path.sep}node_modules${path.sep}`)
    )
      continue;
    return { file: relativeToCwd(at.absolute), line: at.line };
  }
  return undefined;
}

const UNKNOWN_LOCATION: SourceLocation = Object.freeze({ file: '<unknown>', line: 0 });

function parseFrame(frame: string): { absolute: string; line: number } | undefined {
  const match = FRAME.exec(frame.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const raw = match[1];
  const absolute = raw.startsWith('file://') ? fileURLToPath(raw) : raw;
  return { absolute, line: Number(match[2]) };
}

export function relativeToCwd(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative.startsWith('..') ? absolute : relative).split(path.sep).join('/');
}
