import * as z from 'zod';

// zod compiles a parser for each object schema (new Function) the first time it parses with it:
// for a run that parses each schema a few times, compiling costs more than it saves (~20 ms of
// every check). Configured here, where the schema modules import zod from, before any defines one.
z.config({ jitless: true });

export * from 'zod';
