// obsgen's Kubernetes and OpenSLO output held to the schemas their targets publish (test/schemas,
// sources and licences in its README): grafana-operator's GrafanaDashboard CRD, prometheus-operator's
// PrometheusRule CRD and the OpenSLO v1 JSON schema — not to obsgen's own transcriptions of them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { GRAFANA_DASHBOARD_SPEC_SCHEMA } from '../src/kubernetes/grafana-dashboard-schema.ts';
import definitions from '../definitions/index.ts';
import { deploymentProject } from './fixtures/deployment-project.ts';
import { sloProject } from './fixtures/import/slo-project.ts';

const SCHEMAS = path.resolve(import.meta.dirname, 'schemas');
type Schema = { readonly [key: string]: unknown };

/** A CRD's openAPIV3Schema for its served version, as the API server validates objects with it. */
function crdSchema(file: string): Schema {
  const crd = parseYaml(readFileSync(path.join(SCHEMAS, file), 'utf8')) as {
    spec: { versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[] };
  };
  const version = crd.spec.versions.find((v) => v.served);
  if (version === undefined) throw new Error(`${file} serves no version`);
  return version.schema.openAPIV3Schema;
}

/** OpenAPI v3 as JSON Schema: `nullable` widens the type; Kubernetes' x- keywords are annotations. */
function asJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema).filter(([key]) => !key.startsWith('x-kubernetes-'));
  const converted = Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      key === 'properties' || key === 'patternProperties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, asJsonSchema(v)]))
        : asJsonSchema(value),
    ]),
  ) as Record<string, unknown>;
  if (converted.nullable === true && typeof converted.type === 'string') converted.type = [converted.type, 'null'];
  delete converted.nullable;
  return converted;
}

/** The CRDs' patterns are Go's RE2: an inline `(?i)` is read as the `i` flag, as the API server reads it. */
const goRegExp = Object.assign(
  (pattern: string, flags?: string) => {
    const caseless = /^(\^?)\(\?i\)/.exec(pattern);
    const source = caseless === null ? pattern : `${caseless[1]}${pattern.slice(caseless[0].length)}`;
    return new RegExp(source, `${flags ?? ''}${caseless === null ? '' : 'i'}`);
  },
  { code: 'new RegExp' },
);
const crdAjv = () => new Ajv({ strict: false, allErrors: true, code: { regExp: goRegExp } });

const errorsOf = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

const deployed = compileProject(
  deploymentProject({
    deploy: {
      prometheusOperator: { namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } },
      grafanaOperator: { namespace: 'grafana', instanceSelector: { dashboards: 'grafana' }, resyncPeriod: '10m' },
    },
  }),
);
const objectsOf = (kind: string): { path: string; object: Record<string, unknown> }[] =>
  deployed.files
    .filter((f) => f.path.startsWith('kubernetes/'))
    .flatMap((f) =>
      parseAllDocuments(f.content).map((d) => ({ path: f.path, object: d.toJS() as Record<string, unknown> })),
    )
    .filter(({ object }) => object.kind === kind);

describe("grafana-operator's GrafanaDashboard CRD", () => {
  const schema = crdSchema('grafana-operator_grafana.integreatly.org_grafanadashboards.yaml');
  const validate = crdAjv().compile(asJsonSchema(schema) as object);

  it('accepts every GrafanaDashboard obsgen writes', () => {
    const dashboards = objectsOf('GrafanaDashboard');
    expect(dashboards.length).toBeGreaterThan(0);
    const refused = dashboards.flatMap(({ path: file, object }) =>
      validate(object) ? [] : errorsOf(validate.errors).map((e) => `${file}: ${e}`),
    );
    expect(refused).toEqual([]);
  });

  it("holds obsgen's transcription to it: every field obsgen checks is the CRD's, of the CRD's type", () => {
    const spec = (schema.properties as Record<string, Schema>).spec!;
    const mismatches: string[] = [];
    const compare = (ours: Schema, theirs: Schema, at: string): void => {
      if (ours.type !== undefined && theirs.type !== undefined && ours.type !== theirs.type)
        mismatches.push(`${at}: type ${String(ours.type)} ≠ ${String(theirs.type)}`);
      if (Array.isArray(ours.enum) && Array.isArray(theirs.enum))
        for (const value of ours.enum as unknown[])
          if (!(theirs.enum as unknown[]).includes(value))
            mismatches.push(`${at}: ${String(value)} is not in the CRD's enum`);
      for (const [key, child] of Object.entries((ours.properties ?? {}) as Record<string, Schema>)) {
        const counterpart = ((theirs.properties ?? {}) as Record<string, Schema>)[key];
        if (counterpart === undefined) mismatches.push(`${at}.${key}: not in the CRD`);
        else compare(child, counterpart, `${at}.${key}`);
      }
      if (typeof ours.items === 'object' && typeof theirs.items === 'object')
        compare(ours.items as Schema, theirs.items as Schema, `${at}[]`);
    };
    compare(GRAFANA_DASHBOARD_SPEC_SCHEMA as unknown as Schema, spec, 'spec');
    expect(mismatches).toEqual([]);
    for (const required of (spec.required ?? []) as string[])
      expect(GRAFANA_DASHBOARD_SPEC_SCHEMA.required as readonly string[]).toContain(required);
  });
});

describe("prometheus-operator's PrometheusRule CRD", () => {
  const validate = crdAjv().compile(
    asJsonSchema(crdSchema('prometheus-operator_monitoring.coreos.com_prometheusrules.yaml')) as object,
  );

  it('accepts every PrometheusRule obsgen writes', () => {
    const rules = objectsOf('PrometheusRule');
    expect(rules.length).toBeGreaterThan(0);
    const refused = rules.flatMap(({ path: file, object }) =>
      validate(object) ? [] : errorsOf(validate.errors).map((e) => `${file}: ${e}`),
    );
    expect(refused).toEqual([]);
  });
});

describe('the OpenSLO v1 JSON schema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const parts = path.join(SCHEMAS, 'openslo-v1/parts');
  for (const file of readdirSync(parts))
    ajv.addSchema(JSON.parse(readFileSync(path.join(parts, file), 'utf8')) as object);
  const validate = ajv.compile(
    JSON.parse(readFileSync(path.join(SCHEMAS, 'openslo-v1/openslo.schema.json'), 'utf8')) as object,
  );

  it('accepts every OpenSLO object obsgen exports, for a fixture and for definitions/', () => {
    const exported = (project: Parameters<typeof compileProject>[0]) =>
      compileProject(project)
        .files.filter((f) => f.path.startsWith('openslo/'))
        .flatMap((f) => parseAllDocuments(f.content).map((d) => ({ path: f.path, object: d.toJS() as unknown })));
    const fixture = exported(sloProject);
    // The fixture's SLOs: ratio, latency and events SLIs.
    expect(fixture.filter(({ object }) => (object as { kind?: unknown }).kind === 'SLO')).toHaveLength(
      sloProject.systems[0]!.slos.length,
    );
    const documents = [...fixture, ...exported(definitions)];
    const refused = documents.flatMap(({ path: file, object }) =>
      validate(object)
        ? []
        : errorsOf(validate.errors).map((e) => `${file} ${String((object as { kind?: unknown }).kind)}: ${e}`),
    );
    expect(refused).toEqual([]);
  });

  it('refuses what the specification refuses (the schema is not vacuous here)', () => {
    expect(validate({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'x' }, spec: {} })).toBe(false);
    expect(validate({ apiVersion: 'openslo/v2', kind: 'Service', metadata: { name: 'x' }, spec: {} })).toBe(false);
  });
});
