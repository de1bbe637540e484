// A definitions module for the benchmark: a fleet of OBSGEN_FLEET_SIZE generated systems.
import { generateFleet } from './fleet.ts';

const size = Number(process.env.OBSGEN_FLEET_SIZE ?? '100');
if (!Number.isInteger(size) || size < 1)
  throw new Error(`OBSGEN_FLEET_SIZE must be a positive integer, not ${process.env.OBSGEN_FLEET_SIZE}`);

export default generateFleet(size);
