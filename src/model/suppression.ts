import { listOf, objectOf, optional, required, type OptionalField } from './input/shape.ts';

/**
 * A finding silenced in code, next to its subject, with the reason a reviewer will read.
 * There is no command-line or config-file way to silence a finding.
 */
export interface Allow {
  readonly rule: string;
  readonly reason: string;
}

/** The shape of every `allow` list: entries with a rule and a reason, nothing else. */
export const ALLOW_LIST: OptionalField = optional(
  listOf(objectOf<Allow>('an allow entry', { rule: required(), reason: required() })),
);
