import type { Catalog } from './catalog.ts';
import { captureLocation, type SourceLocation } from './source-location.ts';

/** Everything obsgen knows about one system: its catalog now, rules and dashboards as they are added. */
export interface System {
  readonly name: string;
  readonly description: string | undefined;
  readonly catalog: Catalog;
  readonly at: SourceLocation;
}

export interface SystemSpec {
  readonly catalog: Catalog;
  /** One line for reports and the README table. */
  readonly description?: string;
}

/** Groups one system's definitions; its name is the catalog's system name. */
export function system(spec: SystemSpec): System {
  return { name: spec.catalog.system, description: spec.description, catalog: spec.catalog, at: captureLocation() };
}

const PROJECT = Symbol.for('obsgen.project');

/** The root object a definitions file exports as default. */
export interface Project {
  readonly [PROJECT]: true;
  readonly systems: readonly System[];
  readonly at: SourceLocation;
}

export interface ProjectSpec {
  readonly systems: readonly System[];
}

export function project(spec: ProjectSpec): Project {
  return { [PROJECT]: true, systems: spec.systems, at: captureLocation() };
}

export function isProject(value: unknown): value is Project {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROJECT] === true;
}
