import type { OutputFormat } from './format-findings.ts';

/** The options every command receives, parsed from the command line by main. */
export interface CommonOptions {
  readonly definitions: string;
  readonly out: string;
  readonly format: OutputFormat;
  /** `promql` only: the system whose catalog resolves names first. */
  readonly system: string | undefined;
  /** `test` only: print what promtool computes for every alert test case. */
  readonly explain: boolean;
  /** `test` only: run the test cases of one system, or of one alert. */
  readonly only: string | undefined;
  /** `diff` only: the git ref whose definitions are the base (default HEAD). */
  readonly base: string | undefined;
  /** `diff` only: markdown (default), json or html. */
  readonly diffFormat: 'markdown' | 'json' | 'html';
  /** `diff` only: `--fail-on` as written. */
  readonly failOn: string | undefined;
  /** Fail (exit 1) with more warnings than this; undefined allows any number. */
  readonly maxWarnings: number | undefined;
  readonly positionals: readonly string[];
}
