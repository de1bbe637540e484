import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProject } from '../src/pipeline/build-project.ts';
import { catalog, collector, counter, oneOf, project, system, unbounded } from '../src/index.ts';
import { validateCollector } from '../src/otel/validate-collector.ts';
import { CORPORA, corpusDir } from './support/corpus.ts';
import { REPO } from './support/cli.ts';

const rulesOf = (yaml: string, strict = true) =>
  validateCollector(parse(yaml), { strict }).map((i) => `${i.severity} ${i.rule}`);

describe.each(CORPORA)('the real collector configs of test/%s', (corpus) => {
  const dir = corpusDir('otel-collector', corpus);
  const files = readdirSync(dir).sort();

  it('are the configs its README counts', () => {
    expect(files).toHaveLength({ corpus: 29, 'corpus-2': 28 }[corpus]);
  });

  it.each(files)('%s validates with no error finding', (file) => {
    const issues = validateCollector(parse(readFileSync(path.join(dir, file), 'utf8')), { strict: false });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('explains its warnings: unused components, ${VAR} shorthands, batch not last, a demo password', () => {
    const rules = new Set(
      files.flatMap((file) =>
        validateCollector(parse(readFileSync(path.join(dir, file), 'utf8')), { strict: false }).map((i) => i.rule),
      ),
    );
    expect([...rules].sort()).toEqual(
      {
        corpus: ['otel/env-syntax', 'otel/literal-secret', 'otel/processor-order', 'otel/unused-component'],
        'corpus-2': ['otel/unused-component'],
      }[corpus],
    );
  });
});

describe('configuration-provider references, resolved as the collector resolves them', () => {
  const config = (processors: string, exporters = 'debug:') =>
    `receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n${processors}\nexporters:\n  ${exporters}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [memory_limiter]\n      exporters: [debug]\n`;
  const limiter = (limit: string) => `  memory_limiter:\n    check_interval: 1s\n    limit_mib: ${limit}`;
  const problems = (yaml: string) => validateCollector(parse(yaml)).map((i) => `${i.severity} ${i.rule}: ${i.message}`);

  it.each(['${env:SPLUNK_MEMORY_LIMIT_MIB}', '${SPLUNK_MEMORY_LIMIT_MIB}', '${file:/etc/limit}', '${env:LIMIT:-512}'])(
    'a whole value %s in a number field is resolved before it is typed',
    (reference) => {
      expect(problems(config(limiter(`"${reference}"`))).filter((p) => p.includes('invalid-config'))).toEqual([]);
    },
  );

  it('a whole value in an enum field too; its default is held to the type', () => {
    const verbosity = (value: string) => config(limiter('512'), `debug:\n    verbosity: "${value}"`);
    expect(problems(verbosity('${env:LOG_VERBOSITY}')).filter((p) => p.startsWith('error'))).toEqual([]);
    expect(problems(verbosity('${env:LOG_VERBOSITY:-detailed}')).filter((p) => p.startsWith('error'))).toEqual([]);
    expect(problems(verbosity('${env:LOG_VERBOSITY:-loud}'))).toEqual([
      expect.stringMatching(/^error otel\/invalid-config: exporters: debug\.verbosity: /),
    ]);
    expect(problems(config(limiter('"${env:LIMIT:-lots}"')))).toEqual([
      expect.stringMatching(/^error otel\/invalid-config: processors: memory_limiter\.limit_mib: /),
    ]);
  });

  it('a reference inside a longer text stays text; a literal number field with text is still an error', () => {
    expect(problems(config(limiter('"${env:LIMIT}MiB"')))).toEqual([
      expect.stringMatching(/^error otel\/invalid-config: processors: memory_limiter\.limit_mib: /),
    ]);
  });

  it('$$ is the escape for a literal $: $$1, $${VAR} and $$VAR are not references', () => {
    const relabel = (replacement: string) =>
      config(limiter('512'), `debug:\n  prometheusremotewrite:\n    endpoint: "http://x/${replacement}"`);
    for (const escaped of ['$$1', '$${HOME}', '$$HOME', 'a$$$$b'])
      expect(problems(relabel(escaped)).filter((p) => p.includes('env-syntax'))).toEqual([]);
    expect(problems(relabel('$HOME'))).toContainEqual(
      expect.stringContaining('error otel/env-syntax: exporters.prometheusremotewrite.endpoint: $HOME is not expanded'),
    );
    expect(problems(relabel('$$${env:HOME}')).filter((p) => p.includes('env-syntax'))).toEqual([]);
  });

  it('a provider the distribution does not have is named; the shorthand is a warning', () => {
    const found = problems(config(limiter('"${vault:secret/limit}"')));
    expect(found).toContainEqual(
      expect.stringContaining(
        'warning otel/env-syntax: processors.memory_limiter.limit_mib: ${vault:secret/limit} names the configuration provider "vault"',
      ),
    );
    expect(problems(config(limiter('"${LIMIT}"')))).toContainEqual(
      expect.stringContaining(
        'warning otel/env-syntax: processors.memory_limiter.limit_mib: ${LIMIT} relies on the shorthand',
      ),
    );
  });
});

describe("AI Teams' collector config as the document writes it", () => {
  const yaml = readFileSync(path.join(REPO, 'test/fixtures/seeds/ai-teams-collector-as-written.yaml'), 'utf8');

  it('reports the removed exporters, the missing check_interval, ${VAR} references and the 8888 clash', () => {
    expect([...new Set(rulesOf(yaml))].sort()).toEqual([
      'error otel/deprecated-component',
      'error otel/port-conflict',
      'error otel/required-field',
      'warning otel/env-syntax',
    ]);
    const messages = validateCollector(parse(yaml))
      .map((i) => i.message)
      .join('\n');
    expect(messages).toContain('exporters: jaeger — the jaeger exporter was removed in v0.85');
    expect(messages).toContain('exporters: loki/grafana-cloud — the loki exporter was removed');
    expect(messages).toContain('memory_limiter has no check_interval');
    expect(messages).toContain('${ENVIRONMENT} relies on the shorthand');
  });
});

const BASE = `receivers: { otlp: { protocols: { grpc: {} } } }
processors: { memory_limiter: { check_interval: 1s, limit_mib: 512 }, batch: {} }
exporters: { debug: {} }`;

describe('each otel/* rule on a minimal config', () => {
  it.each([
    [
      'otel/structure',
      `${BASE}\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [debug, nope] } } }`,
    ],
    [
      'otel/structure',
      `${BASE}\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter, batch, batch], exporters: [debug] } } }`,
    ],
    [
      'otel/structure',
      `${BASE}\nservice: { pipelines: { traces: { receivers: [otlp], exporters: [] }, metrics: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [debug] } } }`,
    ],
    [
      'otel/structure',
      `${BASE}\nconnectors: { spanmetrics: {} }\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [debug, spanmetrics] } } }`,
    ],
    [
      'otel/deprecated-component',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nexporters: { logging: {} }\nservice: { pipelines: { traces: { receivers: [otlp], exporters: [logging] } } }`,
    ],
    [
      'otel/unknown-component',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nexporters: { carrier_pigeon: {} }\nservice: { pipelines: { traces: { receivers: [otlp], exporters: [carrier_pigeon] } } }`,
    ],
    [
      'otel/invalid-config',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nprocessors: { batch: { timeout: soon } }\nexporters: { debug: {} }\nservice: { pipelines: { traces: { receivers: [otlp], processors: [batch], exporters: [debug] } } }`,
    ],
    [
      'otel/required-field',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nprocessors: { memory_limiter: { limit_mib: 512 } }\nexporters: { debug: {} }\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter], exporters: [debug] } } }`,
    ],
    [
      'otel/env-syntax',
      `receivers: { otlp: { protocols: { grpc: { endpoint: "$HOST:4317" } } } }\nexporters: { debug: {} }\nservice: { pipelines: { traces: { receivers: [otlp], exporters: [debug] } } }`,
    ],
    [
      'otel/literal-secret',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nexporters: { otlphttp: { endpoint: "https://x", headers: { authorization: "Bearer abc123" } } }\nservice: { pipelines: { traces: { receivers: [otlp], exporters: [otlphttp] } } }`,
    ],
    [
      'otel/unused-component',
      `${BASE}\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter], exporters: [debug] } } }`,
    ],
    [
      'otel/processor-order',
      `${BASE}\nservice: { pipelines: { traces: { receivers: [otlp], processors: [batch, memory_limiter], exporters: [debug] } } }`,
    ],
    [
      'otel/port-conflict',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nexporters: { prometheus: { endpoint: "0.0.0.0:8888" } }\nservice: { pipelines: { metrics: { receivers: [otlp], exporters: [prometheus] } } }`,
    ],
    [
      'otel/structure',
      `${BASE}\nconnectors: { spanmetrics: {} }\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [spanmetrics] }, logs: { receivers: [spanmetrics], exporters: [debug] } } }`,
    ],
    [
      'otel/structure',
      `receivers: { otlp: { protocols: { grpc: {} } } }\nexporters: { debug: {}, prometheus: { endpoint: "0.0.0.0:8889" } }\nservice: { pipelines: { logs: { receivers: [otlp], exporters: [debug, prometheus] } } }`,
    ],
  ])('%s', (rule, yaml) => {
    expect([...new Set(validateCollector(parse(yaml), { strict: true }).map((i) => i.rule))]).toEqual([rule]);
  });

  it("a team's own collector: a pipeline fed by receivers without memory_limiter (warning)", () => {
    const yaml = `${BASE}\nconnectors: { spanmetrics: {} }\nservice: { pipelines: { traces: { receivers: [otlp], processors: [batch], exporters: [spanmetrics] }, metrics: { receivers: [spanmetrics], exporters: [debug] } } }`;
    expect(
      validateCollector(parse(yaml), { requireMemoryLimiter: true })
        .filter((i) => i.rule === 'otel/processor-order')
        .map((i) => `${i.severity} ${i.message.split(':')[0]}`),
    ).toEqual(['warning Pipeline traces has no memory_limiter']);
  });

  it('accepts a connector between signals it supports', () => {
    expect(
      rulesOf(
        `${BASE}\nconnectors: { spanmetrics: {} }\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [spanmetrics] }, metrics: { receivers: [spanmetrics], exporters: [debug] } } }`,
      ),
    ).toEqual([]);
  });

  it('a correct config has no finding', () => {
    expect(
      rulesOf(
        `${BASE}\nservice: { pipelines: { traces: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [debug] } } }`,
      ),
    ).toEqual([]);
  });
});

describe('cardinality/drop-not-applied', () => {
  const shop = catalog('shop', {
    scrapeInterval: '15s',
    instances: 1,
    labels: { method: oneOf('GET'), user_id: unbounded('one per user') },
    metrics: {
      logins_total: counter({
        otel: 'logins',
        help: 'Logins.',
        labels: ['method', 'user_id'],
        drop: { user_id: 'collector' },
      }),
    },
  });
  it('is an error when the system has no collector to drop the label in', () => {
    const compiled = compileProject(project({ systems: [system({ catalog: shop })] }));
    expect(compiled.findings.map((f) => `${f.rule} ${f.subject}`)).toEqual([
      'cardinality/drop-not-applied shop/metric/logins_total',
    ]);
  });
  it('is satisfied by a collector with a metrics pipeline to Prometheus', () => {
    const compiled = compileProject(
      project({
        systems: [
          system({
            catalog: shop,
            collector: collector({
              receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
              processors: { memory_limiter: { check_interval: '1s', limit_mib: 256 }, batch: {} },
              exporters: { prometheus: { endpoint: '0.0.0.0:8889' } },
              pipelines: {
                metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['prometheus'] },
              },
            }),
          }),
        ],
      }),
    );
    expect(compiled.findings).toEqual([]);
    expect(compiled.files.find((f) => f.path === 'otel/shop/collector.yaml')?.content).toContain(
      'delete_key(attributes, "user_id") where metric.name == "logins"',
    );
  });
});

describe('real-world component forms', () => {
  it('an empty body is the component defaults (awsemf:, batch:, health_check:)', () => {
    const config = parse(
      `receivers: {otlp: {protocols: {grpc: }}}\nexporters: {awsemf: , debug: }\nprocessors: {batch: }\nextensions: {health_check: }\nservice: {extensions: [health_check], pipelines: {metrics: {receivers: [otlp], processors: [batch], exporters: [awsemf, debug]}}}`,
    );
    expect(validateCollector(config)).toEqual([]);
  });

  it('an empty body still needs what the component cannot run without', () => {
    const config = parse(
      `receivers: {otlp: {protocols: {grpc: }}}\nprocessors: {memory_limiter: , batch: }\nexporters: {debug: }\nservice: {pipelines: {logs: {receivers: [otlp], processors: [memory_limiter, batch], exporters: [debug]}}}`,
    );
    const findings = validateCollector(config);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings)
      expect(`${finding.rule} ${finding.message}`).toMatch(/^otel\/required-field processors: memory_limiter has no /);
  });

  it('knows the contrib components real configurations use: receiver_creator, the otlpjson connector, observers', () => {
    const config = parse(`
extensions: {k8s_observer: {}}
receivers: {otlp: {protocols: {http: {}}}, receiver_creator: {watch_observers: [k8s_observer], receivers: {}}}
connectors: {otlpjson: }
exporters: {debug: {}}
service:
  extensions: [k8s_observer]
  pipelines:
    logs/raw: {receivers: [otlp], exporters: [otlpjson]}
    metrics: {receivers: [otlpjson, receiver_creator], exporters: [debug]}`);
    expect(validateCollector(config)).toEqual([]);
  });
});

describe('otel/literal-secret in any field or header', () => {
  const exporter = (body: string) =>
    parse(
      `receivers: {otlp: {protocols: {grpc: }}}\nexporters:\n  otlphttp:\n${body}\nservice: {pipelines: {traces: {receivers: [otlp], exporters: [otlphttp]}}}`,
    );
  const secrets = (body: string) =>
    validateCollector(exporter(body))
      .filter((f) => f.rule === 'otel/literal-secret')
      .map((f) => f.message);
  it.each([
    [
      'a vendor header (X-Honeycomb-Team)',
      '    endpoint: https://api.honeycomb.io\n    headers: {X-Honeycomb-Team: abcdef123456}',
    ],
    ['a vendor header (DD-API-KEY)', '    endpoint: https://x\n    headers: {DD-API-KEY: 0123456789abcdef}'],
    ['a password in a URL', '    endpoint: https://user:hunter2@collector.example.com'],
    ['a bearer token in any field', '    endpoint: https://x\n    headers: {X-Custom: "Bearer abcdefghijklmnop"}'],
    ['a client secret', '    endpoint: https://x\n    auth: {client_secret: s3cr3t-value}'],
    ['an AWS access key id anywhere', '    endpoint: https://x\n    headers: {X-Note: AKIAABCDEFGHIJKLMNOP}'],
  ])('%s is an error', (_what, body) => {
    expect(secrets(body)).toHaveLength(1);
  });
  it.each([
    [
      'environment references',
      '    endpoint: https://x\n    headers: {DD-API-KEY: "${env:DD_API_KEY}", authorization: "Bearer ${env:TOKEN}"}',
    ],
    ['a tenant header that is no credential', '    endpoint: https://x\n    headers: {X-Scope-OrgID: tenant1}'],
    ['a URL with a user and no password', '    endpoint: https://user@collector.example.com'],
  ])('%s pass', (_what, body) => {
    expect(secrets(body)).toEqual([]);
  });
});
