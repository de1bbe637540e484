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
  /** `verify` and `import catalog`: the live Prometheus and how to read it. */
  readonly live: LiveOptions;
}

/** How `verify` and `import catalog` reach a Prometheus; credentials are file paths, never values. */
export interface LiveOptions {
  readonly prometheus: string | undefined;
  /** A series selector, `{job="shop"}`, narrowing what is read. */
  readonly match: string | undefined;
  /** How far back a series counts as live, e.g. 1h. */
  readonly window: string | undefined;
  readonly bearerTokenFile: string | undefined;
  readonly basicAuthFile: string | undefined;
  readonly caFile: string | undefined;
  readonly insecureSkipVerify: boolean;
  /** Seconds per request. */
  readonly timeout: string | undefined;
  /** `backtest` and `diff`: how far back alerts are evaluated, e.g. 7d. */
  readonly range: string | undefined;
  /** `diff` only: evidence from synthetic history in a local Prometheus when no --prometheus is given. */
  readonly synthetic: boolean;
  /** `verify` only: the bounded labels whose bounds it may rewrite to what production shows. */
  readonly update: string | undefined;
}
