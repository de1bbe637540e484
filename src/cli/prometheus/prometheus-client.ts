import { readFileSync } from 'node:fs';
import type Http from 'node:http';
import type Https from 'node:https';
import { requireCommonJs } from '../../commonjs-packages.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** How to reach a Prometheus (or Mimir, Thanos) query API, as the command line and environment give it. */
export interface PrometheusConnection {
  /** The server's base URL, e.g. http://prometheus:9090 or https://mimir/prometheus. */
  readonly url: string;
  /** `Authorization: Bearer …`, read from a file or an environment variable; never printed. */
  readonly bearerToken?: string;
  /** `user:password` for basic auth, read from a file; never printed. */
  readonly basicAuth?: string;
  /** PEM file of the CA that signed the server's certificate. */
  readonly caFile?: string;
  /** Accept any certificate (a test server); off unless asked for. */
  readonly insecureSkipVerify?: boolean;
  /** Milliseconds a request may take. */
  readonly timeoutMs: number;
  /** Extra headers, e.g. X-Scope-OrgID for Mimir. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A failure the user can act on, said in one line (no stack): unreachable, refused, a limit hit. */
export class PrometheusError extends Error {}

/** Samples (the server's own count) a run may make a Prometheus read, whatever the command. */
export const MAX_SAMPLES_PER_RUN = 1_000_000_000;

/** What a run asked of the server: a user sees it, and a bench compares it. */
export interface RequestTally {
  requests: number;
  bytes: number;
  /** Samples the server's queries read (its own statistics, when it gives them). */
  samples: number;
}

/** The part of the Prometheus HTTP API obsgen reads. Read-only: GET, or POST of a form for long selectors. */
export class PrometheusClient {
  readonly tally: RequestTally = { requests: 0, bytes: 0, samples: 0 };
  private readonly base: URL;
  private readonly agent: Http.Agent;
  private readonly transport: typeof Http | typeof Https;

  constructor(private readonly connection: PrometheusConnection) {
    let base: URL;
    try {
      base = new URL(connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
    } catch {
      throw new PrometheusError(`--prometheus ${connection.url} is not a URL`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:')
      throw new PrometheusError(`--prometheus ${connection.url}: only http and https are supported`);
    if (base.username !== '' || base.password !== '')
      throw new PrometheusError('--prometheus: put credentials in --basic-auth-file, not in the URL');
    this.base = base;
    // Loaded here, not with the bundle: only the commands that read a Prometheus pay for the HTTP stack.
    const http = requireCommonJs('node:http') as typeof Http;
    const https = requireCommonJs('node:https') as typeof Https;
    this.transport = base.protocol === 'https:' ? https : http;
    this.agent =
      base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ...(connection.caFile === undefined ? {} : { ca: readCa(connection.caFile) }),
            rejectUnauthorized: connection.insecureSkipVerify !== true,
          })
        : new http.Agent({ keepAlive: true });
  }

  /** `data` of an API answer; a non-success answer is a PrometheusError saying what the server said. */
  async api<T>(endpoint: string, params: readonly (readonly [string, string])[] = []): Promise<T> {
    // Queries ask for the server's statistics: the samples they read are part of what a run costs it.
    const query = endpoint === 'query' || endpoint === 'query_range';
    const form = new URLSearchParams([
      ...params.map(([k, v]): [string, string] => [k, v]),
      ...(query ? [['stats', 'all'] as [string, string]] : []),
    ]);
    const body = form.toString();
    // Long selector lists go as a form body: servers cap the URL's length.
    const post = body.length > 4000;
    const url = new URL(`api/v1/${endpoint}`, this.base);
    if (!post && body !== '') url.search = body;
    const { status, text } = await this.request(url, post ? body : undefined);
    let parsed: { status?: string; data?: T; error?: string; errorType?: string } | undefined;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (status === 401 || status === 403)
      throw new PrometheusError(
        `${this.where(endpoint)}: HTTP ${status}: the credentials were refused (check --bearer-token-file, --basic-auth-file or OBSGEN_PROMETHEUS_TOKEN)`,
      );
    if (parsed?.status !== 'success') {
      const said = parsed?.error ?? text.slice(0, 200).replace(/\s+/g, ' ');
      const limit = /max-samples|too many samples|limit|exceeded/i.test(said)
        ? ' — a server limit was hit; narrow --match or raise the limit, nothing partial is used'
        : '';
      throw new PrometheusError(`${this.where(endpoint)}: HTTP ${status}: ${said}${limit}`);
    }
    const read = (parsed.data as { stats?: { samples?: { totalQueryableSamples?: unknown } } } | undefined)?.stats
      ?.samples?.totalQueryableSamples;
    if (typeof read === 'number') this.tally.samples += read;
    if (this.tally.samples > MAX_SAMPLES_PER_RUN)
      throw new PrometheusError(
        `stopped: the server read ${groupedNumber(this.tally.samples)} samples for this run, over the ${groupedNumber(MAX_SAMPLES_PER_RUN)} a run may ask of a production Prometheus; narrow --range or --system`,
      );
    return parsed.data as T;
  }

  /** An instant query's vector: each result's labels and value. */
  async vector(query: string, time: number): Promise<{ metric: Record<string, string>; value: number }[]> {
    const data = await this.api<{
      resultType: string;
      result: { metric: Record<string, string>; value: [number, string] }[];
    }>('query', [
      ['query', query],
      ['time', String(time)],
    ]);
    if (data.resultType !== 'vector') throw new PrometheusError(`query ${query} did not return a vector`);
    return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** A range query's matrix: each series' labels and its points, values as numbers (NaN kept). */
  async matrix(
    query: string,
    range: { readonly start: number; readonly end: number; readonly step: number },
  ): Promise<{ metric: Record<string, string>; values: [number, number][] }[]> {
    const data = await this.api<{ result: { metric: Record<string, string>; values: [number, string][] }[] }>(
      'query_range',
      [
        ['query', query],
        ['start', String(range.start)],
        ['end', String(range.end)],
        ['step', String(range.step)],
      ],
    );
    return data.result.map((r) => ({ metric: r.metric, values: r.values.map(([t, v]) => [t, Number(v)]) }));
  }

  close(): void {
    this.agent.destroy();
  }

  private where(endpoint: string): string {
    return `${this.base.origin}${this.base.pathname}api/v1/${endpoint}`;
  }

  private request(url: URL, form: string | undefined): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(this.connection.headers ?? {}) };
    if (this.connection.bearerToken !== undefined) headers.Authorization = `Bearer ${this.connection.bearerToken}`;
    else if (this.connection.basicAuth !== undefined)
      headers.Authorization = `Basic ${Buffer.from(this.connection.basicAuth).toString('base64')}`;
    if (form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const transport = this.transport;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        { method: form === undefined ? 'GET' : 'POST', headers, agent: this.agent, timeout: this.connection.timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const buffer = Buffer.concat(chunks);
            this.tally.requests++;
            this.tally.bytes += buffer.length;
            resolve({ status: response.statusCode ?? 0, text: buffer.toString('utf8') });
          });
          response.on('error', (error) => reject(new PrometheusError(`${url.origin}: ${error.message}`)));
        },
      );
      request.on('timeout', () => {
        request.destroy();
        reject(
          new PrometheusError(`${url.origin}: no answer within ${this.connection.timeoutMs / 1000} s (--timeout)`),
        );
      });
      request.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          new PrometheusError(
            error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EHOSTUNREACH'
              ? `${url.origin} is unreachable (${error.code})`
              : `${url.origin}: ${error.message}`,
          ),
        ),
      );
      if (form !== undefined) request.write(form);
      request.end();
    });
  }
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new PrometheusError(`cannot read --ca-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * The connection as the options give it: credentials from a file (--bearer-token-file,
 * --basic-auth-file) or from OBSGEN_PROMETHEUS_TOKEN; a file that cannot be read is a PrometheusError.
 */
export function prometheusConnection(options: {
  readonly url: string;
  readonly bearerTokenFile?: string;
  readonly basicAuthFile?: string;
  readonly caFile?: string;
  readonly insecureSkipVerify?: boolean;
  readonly timeout?: string;
  readonly environment: NodeJS.ProcessEnv;
}): PrometheusConnection {
  const read = (file: string, what: string): string => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new PrometheusError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  const seconds = options.timeout === undefined ? 30 : Number(options.timeout.replace(/s$/, ''));
  if (!(seconds > 0)) throw new PrometheusError(`--timeout takes seconds (30 or 30s), not "${options.timeout}"`);
  const token =
    options.bearerTokenFile !== undefined
      ? read(options.bearerTokenFile, '--bearer-token-file')
      : options.environment.OBSGEN_PROMETHEUS_TOKEN || undefined;
  const basic = options.basicAuthFile === undefined ? undefined : read(options.basicAuthFile, '--basic-auth-file');
  if (basic !== undefined && !/^[^\n:]+:[^\n]*$/.test(basic))
    throw new PrometheusError('--basic-auth-file holds user:password on one line');
  // Read now, so a wrong path is said before anything is asked of the server.
  if (options.caFile !== undefined) readCa(options.caFile);
  const org = options.environment.OBSGEN_PROMETHEUS_ORG_ID;
  return {
    url: options.url,
    ...(token === undefined ? {} : { bearerToken: token }),
    ...(basic === undefined ? {} : { basicAuth: basic }),
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
    insecureSkipVerify: options.insecureSkipVerify === true,
    timeoutMs: seconds * 1000,
    ...(org === undefined || org === '' ? {} : { headers: { 'X-Scope-OrgID': org } }),
  };
}
