import { setFlagsFromString } from 'node:v8';

/** From this many systems a run lets V8's young generation keep growing (measured: docs/benchmarks.md). */
const GROWING_FROM_SYSTEMS = 150;
/** V8's default growth factor of the young generation. */
const DEFAULT_GROWTH = 2;
/**
 * The growth factor obsgen last set, on `process` under this symbol: bin/compile-cache.cjs reads it
 * to compile cached code under V8's default flags (V8 rejects a code cache made under other flags).
 */
const GROWTH = Symbol.for('obsgen.youngGenerationGrowth');

/**
 * Whether V8's young generation may grow past the size loading obsgen left it at (4 MB
 * semi-spaces), once the definitions say how large the project is. Fresh memory is slow to touch
 * (a page fault costs ~11 µs on the 2-core machine), so a small project runs faster in the young
 * generation it has; a large one needs room, or what lives for one system's build is promoted and
 * its large old generation is marked again and again.
 */
export function sizeYoungGeneration(systems: number): void {
  setGrowth(systems >= GROWING_FROM_SYSTEMS ? DEFAULT_GROWTH : 1);
}

/** V8's own growth of the young generation, as the run started with. */
export function restoreYoungGeneration(): void {
  setGrowth(DEFAULT_GROWTH);
}

function setGrowth(factor: number): void {
  setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  (process as unknown as Record<symbol, number>)[GROWTH] = factor;
}
