/**
 * A finding silenced in code, next to its subject, with the reason a reviewer will read.
 * There is no command-line or config-file way to silence a finding.
 */
export interface Allow {
  readonly rule: string;
  readonly reason: string;
}
