import { createRequire } from 'node:module';

/**
 * CommonJS dependencies, loaded with require. Imported as ESM under the CLI's TypeScript loader
 * (tsx's module hooks), each file of a package costs a round trip to the hook thread; loading
 * these natively saves ~120 ms of every obsgen run. Each package must be loaded only here, so
 * there is one instance of it (zod's classes and ajv's are compared by identity).
 */
const load = createRequire(import.meta.url);

export const { z } = load('zod') as typeof import('zod');
export const { Ajv } = load('ajv') as typeof import('ajv');
export const Handlebars = load('handlebars') as typeof import('handlebars');
