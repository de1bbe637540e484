import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { Ajv } from '../commonjs-packages.ts';
import { describeSchemaError } from '../text/schema-error.ts';
import { DASHBOARD_FOLDERS, DASHBOARD_SOURCES, GRAFANA_DASHBOARD_SPEC_SCHEMA } from './grafana-dashboard-schema.ts';
import { metadataProblems, utf8Bytes, type ObjectMetadata } from './object-meta.ts';

/** A Kubernetes object as obsgen writes it. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMetadata;
  readonly [field: string]: unknown;
}

export interface ResourceProblem {
  /** `error`: the API server refuses it; `warning`: a common way of applying it fails. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
/** The API server refuses a ConfigMap whose data is larger (etcd's object limit, less room). */
const CONFIG_MAP_DATA_BYTES = 1024 * 1024;
/** `kubectl apply` (client-side) copies the object into an annotation, which may hold this much. */
const LAST_APPLIED_BYTES = 256 * 1024;

/**
 * Why the API server (or the operator's CRD) would refuse `object`: its kind's published schema
 * (PrometheusRule from prometheus-operator's API types and ConfigMap from Kubernetes' OpenAPI, as
 * the kubernetes-models packages compile them; GrafanaDashboard from its CRD), the metadata rules
 * and the size limits. Empty when it would be accepted.
 */
export function resourceProblems(object: KubernetesObject): ResourceProblem[] {
  const errors = [...metadataProblems(object.metadata), ...schemaProblems(object)];
  const problems: ResourceProblem[] = errors.map((message) => ({ severity: 'error', message }));
  const bytes = utf8Bytes(JSON.stringify(object));
  if (bytes > LAST_APPLIED_BYTES)
    problems.push({
      severity: 'warning',
      message: `is ${bytes} bytes: \`kubectl apply\` without --server-side fails on objects over ${LAST_APPLIED_BYTES} bytes (its last-applied annotation is too long)`,
    });
  return problems;
}

function schemaProblems(object: KubernetesObject): string[] {
  const key = `${object.apiVersion} ${object.kind}`;
  switch (key) {
    case 'monitoring.coreos.com/v1 PrometheusRule':
      return modelProblems(key, object);
    case 'v1 ConfigMap':
      return [...modelProblems(key, object), ...configMapDataProblems(object)];
    case 'grafana.integreatly.org/v1beta1 GrafanaDashboard': {
      const validate = grafanaDashboardSpec();
      const problems = validate(object.spec)
        ? []
        : (validate.errors ?? []).map((error) =>
            describeSchemaError({ ...error, instancePath: `/spec${error.instancePath}` }, '(the object)'),
          );
      return [...problems, ...oneOfProblems(object.spec)];
    }
    default:
      return [`no schema for ${key}`];
  }
}

/** A kubernetes-models class validates with its compiled schema and throws a ValidationError listing ajv's errors. */
function modelProblems(key: string, object: KubernetesObject): string[] {
  validators ??= loadModelValidators();
  try {
    validators.get(key)!(object);
    return [];
  } catch (error) {
    const errors = (error as { errors?: Parameters<typeof describeSchemaError>[0][] }).errors;
    if (errors === undefined) throw error;
    return errors.map((e) => describeSchemaError(e, '(the object)'));
  }
}

/** The GrafanaDashboard CRD's rules across fields: one source of the dashboard, at most one folder. */
function oneOfProblems(spec: unknown): string[] {
  if (typeof spec !== 'object' || spec === null) return [];
  const sources = DASHBOARD_SOURCES.filter((field) => field in spec);
  const folders = DASHBOARD_FOLDERS.filter((field) => field in spec);
  const problems: string[] = [];
  if (sources.length !== 1)
    problems.push(
      `spec must set exactly one of ${DASHBOARD_SOURCES.join(', ')} (it sets ${sources.length === 0 ? 'none' : sources.join(', ')})`,
    );
  if (folders.length > 1) problems.push(`spec sets ${folders.join(' and ')}; the CRD allows at most one`);
  return problems;
}

function configMapDataProblems(object: KubernetesObject): string[] {
  const data = (object.data ?? {}) as Record<string, string>;
  const problems: string[] = [];
  let bytes = 0;
  for (const [key, value] of Object.entries(data)) {
    if (key.length > 253 || !CONFIG_MAP_KEY.test(key))
      problems.push(`data key ${JSON.stringify(key)} is not a valid ConfigMap key (letters, digits, "-", "_" and ".")`);
    bytes += utf8Bytes(key) + (typeof value === 'string' ? utf8Bytes(value) : 0);
  }
  if (bytes > CONFIG_MAP_DATA_BYTES)
    problems.push(`data is ${bytes} bytes; a ConfigMap holds at most ${CONFIG_MAP_DATA_BYTES}`);
  return problems;
}

let validators: ReadonlyMap<string, (object: object) => void> | undefined;

/**
 * kubernetes-models is ESM-only, which definitions loaded as CommonJS cannot require, so its
 * validators are always read from their own CommonJS bundle (src/kubernetes/model-validators.ts,
 * built by scripts/build-package.mjs): beside the package bundle, or in dist/ from the sources.
 */
function loadModelValidators(): ReadonlyMap<string, (object: object) => void> {
  const built = requireBuilt<{ modelValidators(): ReadonlyMap<string, (object: object) => void> }>(
    'kubernetes-validators.cjs',
  );
  if (built === undefined)
    throw new Error('dist/kubernetes-validators.cjs is missing: run node scripts/build-package.mjs');
  return built.modelValidators();
}

/** A file scripts/build-package.mjs writes: beside the package bundle, or in dist/ from the sources. */
function requireBuilt<T>(name: string): T | undefined {
  const load = createRequire(import.meta.url);
  for (const file of [`./${name}`, `../../dist/${name}`]) {
    try {
      return load(file) as T;
    } catch (error) {
      const missing = (error as { code?: string }).code === 'MODULE_NOT_FOUND' && String(error).includes(file);
      if (!missing) throw error;
    }
  }
  return undefined;
}
let grafanaDashboardValidator: ValidateFunction | undefined;

/** Precompiled beside the bundle (ajv standalone, scripts/precompiled-validators.ts); compiled here when absent. */
function grafanaDashboardSpec(): ValidateFunction {
  grafanaDashboardValidator ??=
    requireBuilt<ValidateFunction>('grafana-dashboard-validator.cjs') ??
    new Ajv({ allErrors: true, strict: false }).compile(GRAFANA_DASHBOARD_SPEC_SCHEMA);
  return grafanaDashboardValidator;
}
