/**
 * The `spec` of grafana-operator's GrafanaDashboard (grafana.integreatly.org/v1beta1) as its CRD's
 * openAPIV3Schema states it (grafana-operator v5, config/crd/bases): the fields obsgen can write,
 * with their types, patterns and the CRD's one-source and one-folder rules (checked beside the schema). Written from the CRD
 * (no package carries it), and strict: a field the CRD does not know is refused, as
 * `kubectl apply --validate=strict` (the default) does.
 */
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const GRAFANA_DASHBOARD_SPEC_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['instanceSelector'],
  properties: {
    instanceSelector: {
      type: 'object',
      additionalProperties: false,
      properties: {
        matchLabels: STRING_MAP,
        matchExpressions: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['key', 'operator'],
            properties: {
              key: { type: 'string' },
              operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
              values: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    json: { type: 'string' },
    gzipJson: { type: 'string' },
    url: { type: 'string' },
    jsonnet: { type: 'string' },
    configMapRef: {
      type: 'object',
      required: ['key'],
      properties: { key: { type: 'string' }, name: { type: 'string' }, optional: { type: 'boolean' } },
    },
    grafanaCom: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, revision: { type: 'integer' } },
    },
    folder: { type: 'string' },
    folderUID: { type: 'string' },
    folderRef: { type: 'string' },
    resyncPeriod: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$' },
    allowCrossNamespaceImport: { type: 'boolean' },
    contentCacheDuration: { type: 'string' },
    datasources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['datasourceName', 'inputName'],
        properties: { datasourceName: { type: 'string' }, inputName: { type: 'string' } },
      },
    },
    plugins: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'version'],
        properties: { name: { type: 'string' }, version: { type: 'string' } },
      },
    },
  },
} as const;

/** The operator takes a dashboard from exactly one of these. */
export const DASHBOARD_SOURCES = ['json', 'gzipJson', 'url', 'jsonnet', 'configMapRef', 'grafanaCom'] as const;
/** The CRD allows at most one of these. */
export const DASHBOARD_FOLDERS = ['folder', 'folderUID', 'folderRef'] as const;
