import { defined } from '../input/definition-input.ts';
import { positional } from '../input/shape.ts';
import { captureLocation } from '../source-location.ts';

const SECRET_FILE = positional('secretFile', 'path');
const DEPLOY_TIME = positional('deployTime', 'variable');

/** A credential read from a file on the Alertmanager host (written as the field's `*_file` variant). */
export interface SecretFile {
  readonly kind: 'secret-file';
  readonly path: string;
}

/** A value substituted when the configuration is deployed (written as `${NAME}`, e.g. for envsubst). */
export interface DeployTimeValue {
  readonly kind: 'deploy-time';
  readonly variable: string;
}

/**
 * Where a credential comes from. A plain string is the credential itself: obsgen reports it
 * (alertmanager/literal-secret), as the generated file is committed and reviewed in pull requests.
 */
export type Secret = SecretFile | DeployTimeValue | string;

/** `routing_key_file: <path>` and the like: the key stays on the host, out of the repository. */
export function secretFile(path: string): SecretFile {
  return defined({ kind: 'secret-file', path }, SECRET_FILE, [path], captureLocation());
}

/** `${NAME}`: the deploy step substitutes it (`envsubst`, Helm, the Mimir API client). */
export function deployTime(variable: string): DeployTimeValue {
  return defined({ kind: 'deploy-time', variable }, DEPLOY_TIME, [variable], captureLocation());
}

/** The placeholder a deploy-time value is written as. */
export function placeholder(value: DeployTimeValue): string {
  return `\${${value.variable}}`;
}
