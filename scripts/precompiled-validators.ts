// Validators as ajv standalone code, written next to the bundle by scripts/build-package.mjs so
// obsgen does not compile them on every run: the CloudFormation and Terraform resource schemas,
// and the GrafanaDashboard spec.
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { VALIDATOR_OPTIONS, validatorSchemas } from '../src/aws/resource-schema.ts';
import { GRAFANA_DASHBOARD_SPEC_SCHEMA } from '../src/kubernetes/grafana-dashboard-schema.ts';

/** A CommonJS module exporting `{ cfn: { <type>: validate }, tf: { <type>: validate } }`. */
export function standaloneValidators(): string {
  const { cfn, tf } = validatorSchemas();
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS, code: { source: true, esm: false } });
  const exports: Record<string, string> = {};
  const keys = { cfn: new Map<string, string>(), tf: new Map<string, string>() };
  for (const [kind, schemas] of [
    ['cfn', cfn],
    ['tf', tf],
  ] as const) {
    [...schemas].forEach(([type, schema], index) => {
      const name = `${kind}${index}`;
      ajv.addSchema(schema, name);
      exports[name] = name;
      keys[kind].set(type, name);
    });
  }
  // A CommonJS module: its default import is module.exports, whose `default` is the function.
  const code = standalone.default(ajv, exports);
  const table = (kind: 'cfn' | 'tf') =>
    `{ ${[...keys[kind]].map(([type, name]) => `${JSON.stringify(type)}: exports.${name}`).join(', ')} }`;
  return `${code}\nmodule.exports = { cfn: ${table('cfn')}, tf: ${table('tf')} };\n`;
}

/** A CommonJS module exporting the GrafanaDashboard spec's validate function. */
export function grafanaDashboardValidator(): string {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: false } });
  return standalone.default(ajv, ajv.compile(GRAFANA_DASHBOARD_SPEC_SCHEMA));
}
