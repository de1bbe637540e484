import type { RuleIdOf } from '../rule-id.ts';
import { componentSignals } from './component-signals.ts';
import { CONTRIB_COMPONENTS } from './contrib-components.ts';
import type { Severity } from '../finding.ts';
import { COMPONENT_SCHEMAS } from './component-schemas.ts';
import { configReferences, KNOWN_PROVIDERS, resolvedForSchema } from './config-references.ts';

/** One problem in a collector configuration; the caller adds the location and subject. */
export interface CollectorIssue {
  readonly rule: RuleIdOf<'otel'>;
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
}

const KINDS = ['receivers', 'processors', 'exporters', 'extensions', 'connectors'] as const;
type Kind = (typeof KINDS)[number];

/** The component id grammar the collector accepts: `type` or `type/name`. */
const ID = /^[a-zA-Z][0-9a-zA-Z_]{0,62}(?:\/[^\s/]+)?$/;
const SIGNALS = new Set(['traces', 'metrics', 'logs', 'profiles']);

/** Components removed from the collector distributions, and what replaces them. */
const REMOVED: Readonly<Record<string, { readonly kind: Kind; readonly since: string; readonly instead: string }>> = {
  jaeger: { kind: 'exporters', since: 'v0.85', instead: 'the otlp exporter to Jaeger (it accepts OTLP on :4317)' },
  jaeger_thrift: { kind: 'exporters', since: 'v0.85', instead: 'the otlp exporter to Jaeger' },
  logging: { kind: 'exporters', since: 'v0.111', instead: 'the debug exporter' },
  loki: { kind: 'exporters', since: 'v0.108 (contrib)', instead: 'otlphttp to Loki\u2019s OTLP endpoint (/otlp)' },
};

const KNOWN: Readonly<Record<Kind, ReadonlySet<string>>> = {
  receivers: new Set(CONTRIB_COMPONENTS.receivers),
  processors: new Set(CONTRIB_COMPONENTS.processors),
  exporters: new Set(CONTRIB_COMPONENTS.exporters),
  extensions: new Set(CONTRIB_COMPONENTS.extensions),
  connectors: new Set(CONTRIB_COMPONENTS.connectors),
};
/** Signal pairs (exporter side → receiver side) each known connector supports; `same` = any signal to itself. */
const CONNECTOR_SIGNALS: Readonly<Record<string, readonly string[] | 'same'>> = {
  spanmetrics: ['traces>metrics'],
  span_metrics: ['traces>metrics'],
  servicegraph: ['traces>metrics'],
  exceptions: ['traces>metrics', 'traces>logs'],
  count: ['traces>metrics', 'metrics>metrics', 'logs>metrics'],
  sum: ['traces>metrics', 'metrics>metrics', 'logs>metrics'],
  signaltometrics: ['traces>metrics', 'metrics>metrics', 'logs>metrics'],
  // Logs whose bodies are OTLP JSON, turned back into the signal they encode.
  otlpjson: ['logs>traces', 'logs>metrics', 'logs>logs'],
  grafanacloud: ['traces>metrics'],
  datadog: ['traces>metrics', 'traces>traces'],
  forward: 'same',
  routing: 'same',
  failover: 'same',
  roundrobin: 'same',
};

const ASSUMED_DISTRIBUTION = 'otelcol-contrib (v0.110 to v0.135)';

/** Why a required field matters, where the collector's own error is cryptic. */
const REQUIRED_WHY: Readonly<Record<string, string>> = {
  'memory_limiter.check_interval': 'memory_limiter fails to start without it (checkInterval must be greater than zero)',
  'otlp.endpoint': 'the otlp exporter has nowhere to send',
  'prometheus.endpoint': 'the prometheus exporter serves on it',
  'prometheusremotewrite.endpoint': 'the remote write URL',
  'tail_sampling.policies': 'without policies tail_sampling keeps nothing deliberately',
};

/** Keys whose values are credentials. */
const SECRET_KEY =
  /(?:^|_)(?:password|passwd|secret|token|api_?key|apikey|authorization|credentials?|(?:access|secret|private|license|signing|account|master|client)_?key)$/i;
/** A header that carries a credential, whatever the vendor calls it (DD-API-KEY, X-Honeycomb-Team, Private-Token, …). */
const SECRET_HEADER = /(?:auth|key|token|secret|password|passwd|team|signature|cookie|session)/i;
/** Values that are credentials wherever they stand: a password in a URL, a bearer or basic token, well-known token formats. */
const SECRET_VALUE: readonly (readonly [RegExp, string])[] = [
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a password in it'],
  [/^(?:Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}$/, 'an authorization token'],
  [
    /https:\/\/hooks\.slack\.com\/services\/[A-Z0-9]+\/[A-Z0-9]+\/[A-Za-z0-9]+/,
    'a Slack webhook URL (the URL is the secret)',
  ],
  [
    /\b(?:xox[abposr]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|sk_live_[A-Za-z0-9]{16,})\b/,
    'a token of a well-known format',
  ],
  [/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, 'a private key'],
];

type Config = Readonly<Record<string, unknown>>;

function isMap(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(id: string): string {
  return id.split('/')[0] ?? id;
}

type Report = (rule: RuleIdOf<'otel'>, severity: Severity, message: string, hint: string) => void;

interface Pipeline {
  readonly id: string;
  readonly signal: string;
  readonly receivers: readonly string[];
  readonly processors: readonly string[];
  readonly exporters: readonly string[];
}

/** The configuration read once into what every rule looks at. */
interface CollectorDocument {
  readonly config: Config;
  readonly components: Readonly<Record<Kind, Config>>;
  readonly pipelines: readonly Pipeline[];
  readonly serviceExtensions: readonly string[];
}

interface ValidationOptions {
  /** obsgen's own output: literal credentials and a misplaced memory_limiter are errors. */
  readonly strict?: boolean;
  /** Report pipelines fed by receivers (not only connectors) without a memory_limiter: for a team's own collector. */
  readonly requireMemoryLimiter?: boolean;
}

/**
 * Validates a collector configuration as the collector does when it loads it (ids, references,
 * pipelines, connectors), and the conventions obsgen adds. Works on any parsed YAML, so the
 * generated configs and third-party ones go through the same rules, one function each.
 */
export function validateCollector(config: unknown, options: ValidationOptions = {}): CollectorIssue[] {
  const issues: CollectorIssue[] = [];
  const report: Report = (rule, severity, message, hint) => {
    issues.push({ rule, severity, message, hint });
  };
  if (!isMap(config)) {
    report(
      'otel/structure',
      'error',
      'The configuration is not a map of sections.',
      'Start from receivers:, processors:, exporters: and service:.',
    );
    return issues;
  }
  const document = readDocument(config);
  const strict = options.strict ?? true;
  checkComponentIds(document, report);
  checkComponentTypes(document, report);
  checkComponentSettings(document, report);
  // Literal credentials are errors in what obsgen generates; third-party examples often carry
  // demo passwords, which are reported as warnings.
  checkValues(config, [], (rule, severity, message, hint) =>
    report(rule, rule === 'otel/literal-secret' && !strict ? 'warning' : severity, message, hint),
  );
  checkPorts(document.components, config, report);
  checkPipelineReferences(document, report);
  checkPipelineSignals(document, report);
  checkProcessorOrder(document, report, strict, options.requireMemoryLimiter === true);
  checkConnectors(document, report);
  checkServiceExtensions(document, report);
  checkUnused(document, report);
  return issues;
}

function readDocument(config: Config): CollectorDocument {
  const components = Object.fromEntries(
    KINDS.map((kind) => [kind, isMap(config[kind]) ? (config[kind] as Config) : {}]),
  ) as Record<Kind, Config>;
  const service = isMap(config.service) ? config.service : undefined;
  const pipelines = service !== undefined && isMap(service.pipelines) ? service.pipelines : {};
  return {
    config,
    components,
    pipelines: Object.entries(pipelines).map(([id, raw]) => {
      const pipeline = isMap(raw) ? raw : {};
      const list = (key: string): string[] =>
        Array.isArray(pipeline[key]) ? (pipeline[key] as unknown[]).map(String) : [];
      return {
        id,
        signal: typeOf(id),
        receivers: list('receivers'),
        processors: list('processors'),
        exporters: list('exporters'),
      };
    }),
    serviceExtensions:
      service !== undefined && Array.isArray(service.extensions) ? (service.extensions as unknown[]).map(String) : [],
  };
}

/** Every component of the document, with its kind and type. */
function eachComponent(document: CollectorDocument): { kind: Kind; id: string; type: string }[] {
  return KINDS.flatMap((kind) => Object.keys(document.components[kind]).map((id) => ({ kind, id, type: typeOf(id) })));
}

/** otel/structure: ids the collector accepts (type or type/name). */
function checkComponentIds(document: CollectorDocument, report: Report): void {
  for (const { kind, id } of eachComponent(document))
    if (!ID.test(id))
      report(
        'otel/structure',
        'error',
        `${kind}: "${id}" is not a valid component id (type or type/name).`,
        'Use letters, digits and underscores for the type, then an optional /name.',
      );
}

/** otel/deprecated-component and otel/unknown-component: types removed from, or absent in, the distribution. */
function checkComponentTypes(document: CollectorDocument, report: Report): void {
  for (const { kind, id, type } of eachComponent(document)) {
    const removed = REMOVED[type];
    if (removed !== undefined && removed.kind === kind)
      report(
        'otel/deprecated-component',
        'error',
        `${kind}: ${id} — the ${type} ${kind.slice(0, -1)} was removed in ${removed.since}; the collector refuses this configuration.`,
        `Use ${removed.instead}.`,
      );
    else if (!KNOWN[kind].has(type))
      report(
        'otel/unknown-component',
        'warning',
        `${kind}: ${id} is not a ${kind.slice(0, -1)} of ${ASSUMED_DISTRIBUTION}.`,
        'Check the spelling, or build a distribution that contains it (ocb).',
      );
  }
}

/** otel/required-field and otel/invalid-config: settings against the component's schema. */
function checkComponentSettings(document: CollectorDocument, report: Report): void {
  for (const { kind, id, type } of eachComponent(document)) {
    const schema = COMPONENT_SCHEMAS[kind]?.[type];
    if (schema === undefined) continue;
    // An empty body (`awsemf:`) is the component's defaults, as the collector reads it. References
    // are resolved first, as the collector does: `${env:LIMIT}` may hold a number.
    const resolved = resolvedForSchema(document.components[kind][id] ?? {});
    const result = schema.safeParse(resolved.value);
    for (const problem of result.success ? [] : result.error.issues) {
      const field = problem.path.join('.');
      if (resolved.unknownPaths.some((path) => field === path || field.startsWith(`${path}.`))) continue;
      const missing = problem.code === 'invalid_type' && /received undefined|undefined/.test(problem.message);
      if (missing)
        report(
          'otel/required-field',
          'error',
          `${kind}: ${id} has no ${field}${REQUIRED_WHY[`${type}.${field}`] === undefined ? '' : `: ${REQUIRED_WHY[`${type}.${field}`]}`}.`,
          `Set ${field}.`,
        );
      else
        report(
          'otel/invalid-config',
          'error',
          `${kind}: ${id}${field === '' ? '' : `.${field}`}: ${problem.message}.`,
          'See the component\u2019s documentation for the accepted values.',
        );
    }
  }
}

/** otel/structure: pipelines that exist, of known signals, with receivers and exporters that are configured. */
function checkPipelineReferences(document: CollectorDocument, report: Report): void {
  const { components } = document;
  if (document.pipelines.length === 0)
    report(
      'otel/structure',
      'error',
      'service.pipelines is empty: the collector needs at least one pipeline.',
      'Add a traces, metrics or logs pipeline.',
    );
  for (const pipeline of document.pipelines) {
    if (!SIGNALS.has(pipeline.signal))
      report(
        'otel/structure',
        'error',
        `Pipeline ${pipeline.id}: unknown signal ${pipeline.signal}.`,
        'Pipeline ids are traces, metrics, logs (or profiles), optionally /name.',
      );
    for (const side of ['receivers', 'exporters'] as const) {
      if (pipeline[side].length === 0)
        report(
          'otel/structure',
          'error',
          `Pipeline ${pipeline.id} has no ${side}.`,
          `A pipeline needs at least one ${side.slice(0, -1)}.`,
        );
      for (const id of pipeline[side])
        if (!Object.hasOwn(components.connectors, id) && !Object.hasOwn(components[side], id))
          report(
            'otel/structure',
            'error',
            `Pipeline ${pipeline.id} references ${side.slice(0, -1)} ${id}, which is not configured.`,
            `Define ${side}: ${id}: or remove it from the pipeline.`,
          );
    }
    const seen = new Set<string>();
    for (const id of pipeline.processors) {
      if (seen.has(id))
        report(
          'otel/structure',
          'error',
          `Pipeline ${pipeline.id} references processor ${id} more than once.`,
          'List each processor once.',
        );
      seen.add(id);
      if (!Object.hasOwn(components.processors, id))
        report(
          'otel/structure',
          'error',
          `Pipeline ${pipeline.id} references processor ${id}, which is not configured.`,
          `Define processors: ${id}: or remove it from the pipeline.`,
        );
    }
  }
}

/** otel/structure: a component in a pipeline of a signal it does not take. */
function checkPipelineSignals(document: CollectorDocument, report: Report): void {
  for (const pipeline of document.pipelines)
    for (const kind of ['receivers', 'processors', 'exporters'] as const)
      for (const id of pipeline[kind]) {
        const accepts = componentSignals(kind, id);
        if (
          accepts === undefined ||
          accepts.includes(pipeline.signal as 'traces') ||
          Object.hasOwn(document.components.connectors, id)
        )
          continue;
        report(
          'otel/structure',
          'error',
          `Pipeline ${pipeline.id} uses ${kind.slice(0, -1)} ${id}, which takes only ${accepts.join(' and ')}: the collector refuses it ("telemetry type is not supported").`,
          `Move ${id} to a ${accepts.join(' or ')} pipeline.`,
        );
      }
}

/** otel/processor-order: memory_limiter first (and present, for a team's own collector), batch last. */
function checkProcessorOrder(
  document: CollectorDocument,
  report: Report,
  strict: boolean,
  requireMemoryLimiter: boolean,
): void {
  for (const pipeline of document.pipelines) {
    const { processors } = pipeline;
    const limiter = processors.findIndex((id) => typeOf(id) === 'memory_limiter');
    // The collector's own guidance: every pipeline of a collector that runs in production.
    const fedByReceivers = pipeline.receivers.some((id) => !Object.hasOwn(document.components.connectors, id));
    if (limiter < 0 && requireMemoryLimiter && fedByReceivers)
      report(
        'otel/processor-order',
        'warning',
        `Pipeline ${pipeline.id} has no memory_limiter: under a burst the collector grows until the kernel kills it, and every signal is lost.`,
        'Add a memory_limiter (check_interval, limit_percentage or limit_mib) as the first processor.',
      );
    if (limiter > 0)
      report(
        'otel/processor-order',
        strict ? 'error' : 'warning',
        `Pipeline ${pipeline.id}: memory_limiter is processor ${limiter + 1}; it protects the collector only when it runs first.`,
        'Put memory_limiter first.',
      );
    const batch = processors.findIndex((id) => typeOf(id) === 'batch');
    const afterBatch = processors
      .slice(batch + 1)
      .filter((id) => !['batch', 'tail_sampling', 'probabilistic_sampler'].includes(typeOf(id)));
    if (batch >= 0 && afterBatch.length > 0)
      report(
        'otel/processor-order',
        'warning',
        `Pipeline ${pipeline.id}: ${afterBatch.join(', ')} run after batch; batch belongs last so exporters get full batches.`,
        'Move batch to the end of the processors.',
      );
  }
}

/** The pipelines a connector feeds (as an exporter) and is fed by (as a receiver). */
function connectorSides(document: CollectorDocument, id: string): { asExporter: string[]; asReceiver: string[] } {
  return {
    asExporter: document.pipelines.filter((p) => p.exporters.includes(id)).map((p) => p.id),
    asReceiver: document.pipelines.filter((p) => p.receivers.includes(id)).map((p) => p.id),
  };
}

/** otel/structure: connectors on both sides, between signals they support. */
function checkConnectors(document: CollectorDocument, report: Report): void {
  for (const id of Object.keys(document.components.connectors)) {
    const { asExporter, asReceiver } = connectorSides(document, id);
    if (asExporter.length === 0 && asReceiver.length === 0) continue;
    if (asExporter.length === 0 || asReceiver.length === 0)
      report(
        'otel/structure',
        'error',
        `Connector ${id} is used as ${asExporter.length === 0 ? 'a receiver' : 'an exporter'} only; a connector must be an exporter in one pipeline and a receiver in another.`,
        'Add it to both sides, or use a plain receiver or exporter.',
      );
    const supported = CONNECTOR_SIGNALS[typeOf(id)];
    if (supported === undefined) continue;
    // The collector accepts a connector when at least one exporter-side/receiver-side signal pair is supported.
    const pairs = asExporter.flatMap((from) => asReceiver.map((to) => [typeOf(from), typeOf(to)] as const));
    const ok = (from: string, to: string): boolean =>
      supported === 'same' ? from === to : supported.includes(`${from}>${to}`);
    for (const [from, to] of pairs.filter(([from, to]) => !ok(from, to))) {
      const accepted =
        supported === 'same'
          ? 'a signal to the same signal'
          : supported.map((pair) => pair.replace('>', ' \u2192 ')).join(', ');
      report(
        'otel/structure',
        'error',
        `Connector ${id} joins a ${from} pipeline to a ${to} pipeline; ${typeOf(id)} supports ${accepted}.`,
        'Connect pipelines of signals the connector supports.',
      );
    }
  }
}

/** otel/structure: service.extensions names configured extensions. */
function checkServiceExtensions(document: CollectorDocument, report: Report): void {
  for (const id of document.serviceExtensions)
    if (!Object.hasOwn(document.components.extensions, id))
      report(
        'otel/structure',
        'error',
        `service.extensions references ${id}, which is not configured.`,
        `Define extensions: ${id}: or remove it from service.extensions.`,
      );
}

/** otel/unused-component: configured components no pipeline (or service.extensions) uses. */
function checkUnused(document: CollectorDocument, report: Report): void {
  const inPipelines = (kind: 'receivers' | 'processors' | 'exporters', id: string): boolean =>
    document.pipelines.some((p) => p[kind].includes(id));
  const used = (kind: Kind, id: string): boolean => {
    if (kind === 'extensions') return document.serviceExtensions.includes(id);
    if (kind === 'connectors') {
      const { asExporter, asReceiver } = connectorSides(document, id);
      return asExporter.length > 0 || asReceiver.length > 0;
    }
    return inPipelines(kind, id);
  };
  for (const { kind, id } of eachComponent(document)) {
    if (used(kind, id)) continue;
    // Extensions used by other components (auth, storage) count as used when referenced anywhere.
    if (kind === 'extensions' && JSON.stringify(document.config).includes(`"${id}"`)) {
      report(
        'otel/unused-component',
        'warning',
        `Extension ${id} is referenced by a component but not enabled in service.extensions.`,
        `Add ${id} to service.extensions.`,
      );
      continue;
    }
    report(
      'otel/unused-component',
      'warning',
      `${kind}: ${id} is configured but no pipeline uses it.`,
      'Remove it, or add it to a pipeline.',
    );
  }
}

/** Where a component listens by default, when its endpoint is not set. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { health_check: 13133, pprof: 1777, zpages: 55679 };

/** Two listeners on one port: the collector fails to start with "address already in use". */
function checkPorts(components: Readonly<Record<Kind, Config>>, config: Config, report: Report): void {
  const listeners = new Map<number, string[]>();
  const listen = (port: number | undefined, who: string): void => {
    if (port === undefined || !Number.isInteger(port)) return;
    listeners.set(port, [...(listeners.get(port) ?? []), who]);
  };
  const portOf = (endpoint: unknown): number | undefined => {
    if (typeof endpoint !== 'string' || endpoint.includes('${')) return undefined;
    const match = /:(\d+)$/.exec(endpoint.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, ''));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  for (const [id, raw] of Object.entries(components.receivers)) {
    const protocols = isMap(raw) && isMap(raw.protocols) ? raw.protocols : undefined;
    for (const [protocol, settings] of Object.entries(protocols ?? {}))
      listen(
        portOf(isMap(settings) ? settings.endpoint : undefined) ??
          (typeOf(id) === 'otlp' ? (protocol === 'grpc' ? 4317 : 4318) : undefined),
        `receivers: ${id} (${protocol})`,
      );
  }
  for (const [id, raw] of Object.entries(components.exporters))
    if (typeOf(id) === 'prometheus') listen(portOf(isMap(raw) ? raw.endpoint : undefined), `exporters: ${id}`);
  for (const [id, raw] of Object.entries(components.extensions))
    listen(portOf(isMap(raw) ? raw.endpoint : undefined) ?? DEFAULT_PORTS[typeOf(id)], `extensions: ${id}`);
  const service = isMap(config.service) ? config.service : {};
  const telemetry = isMap(service.telemetry) && isMap(service.telemetry.metrics) ? service.telemetry.metrics : {};
  const ownMetricsOff = telemetry.level === 'none' || Array.isArray(telemetry.readers);
  if (!ownMetricsOff) listen(portOf(telemetry.address) ?? 8888, "the collector's own metrics (service.telemetry)");
  for (const [port, who] of listeners) {
    if (who.length < 2) continue;
    report(
      'otel/port-conflict',
      'error',
      `Port ${port} is used by ${who.join(' and ')}; the collector fails to start (address already in use).`,
      port === 8888
        ? '8888 is where the collector serves its own metrics: move the prometheus exporter (e.g. to :8889) or set service.telemetry.metrics.'
        : 'Give each listener its own port.',
    );
  }
}

/** Environment references and literal credentials anywhere in the configuration. */
function checkValues(value: unknown, path: readonly string[], report: Report): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkValues(item, [...path, String(index)], report));
    return;
  }
  if (isMap(value)) {
    for (const [key, child] of Object.entries(value)) checkValues(child, [...path, key], report);
    return;
  }
  if (typeof value !== 'string') return;
  const where = path.join('.');
  const references = configReferences(value);
  for (const reference of references) {
    if (reference.kind === 'shorthand')
      report(
        'otel/env-syntax',
        'warning',
        `${where}: ${reference.text} relies on the shorthand; the collector's documented form is \${env:${reference.name}}.`,
        `Write \${env:${reference.name}}.`,
      );
    else if (reference.kind === 'bare')
      report(
        'otel/env-syntax',
        'error',
        `${where}: ${reference.text} is not expanded by current collectors (bare $VAR support was removed).`,
        `Write \${env:${reference.name}} (or $${reference.text} for a literal ${reference.text}).`,
      );
    else if (!KNOWN_PROVIDERS.has(reference.scheme))
      report(
        'otel/env-syntax',
        'warning',
        `${where}: ${reference.text} names the configuration provider "${reference.scheme}", which ${ASSUMED_DISTRIBUTION} does not have.`,
        `Use one of ${[...KNOWN_PROVIDERS].join(', ')}, or write $${reference.text} for the literal text.`,
      );
  }
  const key = path[path.length - 1] ?? '';
  const inHeaders = path.includes('headers');
  const referenced = references.some((reference) => reference.kind !== 'bare');
  const credential = SECRET_KEY.test(key) || (inHeaders && SECRET_HEADER.test(key));
  if (credential && value !== '' && !referenced) {
    report(
      'otel/literal-secret',
      'error',
      `${where} holds a literal credential.`,
      'Read it from the environment: ${env:NAME}.',
    );
    return;
  }
  const secretValue = referenced ? undefined : SECRET_VALUE.find(([pattern]) => pattern.test(value));
  if (secretValue !== undefined)
    report(
      'otel/literal-secret',
      'error',
      `${where} holds ${secretValue[1]}.`,
      'Read it from the environment: ${env:NAME}.',
    );
}
