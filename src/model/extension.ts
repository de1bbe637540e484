import type { Severity } from '../finding.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';
import { defined } from './input/definition-input.ts';
import { inputShape, objectOf, param, plain, positional, required } from './input/shape.ts';
import type { System } from './system.ts';

/** What a project-specific check reports; `at` defaults to the system's definition. */
export interface CheckFinding {
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
  /** What it is about, `system/kind/name`; an `allow` on this subject silences it. Default: the system's catalog. */
  readonly subject?: string;
  readonly at?: SourceLocation;
}

/** A team's own check: run on each system as written, its findings reported like obsgen's. */
export interface ProjectCheck {
  /** `<team>/<name>`, e.g. `acme/team-label`; it names the check in findings and `allow` entries. */
  readonly id: string;
  readonly description: string;
  readonly check: (system: System) => readonly CheckFinding[];
  readonly at: SourceLocation;
}

/** A team's own output: files written below `<out>/<name>/`, through the same guard as obsgen's. */
export interface ProjectOutput {
  readonly name: string;
  /** Paths relative to `<out>/<name>/`, `/`-separated. */
  readonly files: (system: System) => readonly { readonly path: string; readonly content: string }[];
  readonly at: SourceLocation;
}

/** Declares a project-specific check (`project({ checks: [...] })`). */
interface ProjectCheckSpec {
  readonly description: string;
  readonly check: (system: System) => readonly CheckFinding[];
}

export function projectCheck(id: string, spec: ProjectCheckSpec): ProjectCheck {
  const at = captureLocation();
  return defined({ id, description: spec.description, check: spec.check, at }, CHECK, [id, spec], at);
}

const CHECK = inputShape('projectCheck', [
  plain('id'),
  param('spec', objectOf<ProjectCheckSpec>('a project check', { description: required(), check: required() })),
]);

/** Declares a project-specific output (`project({ outputs: [...] })`). */
export function projectOutput(
  name: string,
  files: (system: System) => readonly { readonly path: string; readonly content: string }[],
): ProjectOutput {
  const at = captureLocation();
  return defined({ name, files, at }, positional('projectOutput', 'name', 'files'), [name, files], at);
}
