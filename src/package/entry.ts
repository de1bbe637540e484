/**
 * The one file the package bundles: the public API plus the CLI's entry, so that the CLI and the
 * definitions it loads share one instance of obsgen whatever module system the definitions use.
 */
export * from '../index.ts';
export { main as runCli } from '../cli/main.ts';
