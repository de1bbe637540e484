import { parseDuration } from '../../model/duration.ts';
import type { LiveOptions } from '../common-options.ts';
import type { Project, System } from '../../model/system.ts';
import type { ValidSystem } from '../../model/valid-system.ts';
import { validSystem } from '../../validate/system-values.ts';
import { DefinitionsLoadError, loadDefinitions } from '../load-definitions.ts';
import { PrometheusClient, PrometheusError, prometheusConnection } from './prometheus-client.ts';
import { withSyntheticPrometheus } from './synthetic-prometheus.ts';
import { groupedNumber } from '../../text/grouped-number.ts';

/** What every command reading a live Prometheus needs: a client, the selector, the window, the time. */
export interface LiveReading {
  readonly client: PrometheusClient;
  /** Matchers without braces (`job="shop"`), or '' for none. */
  readonly selector: string;
  readonly windowSeconds: number;
  readonly time: number;
  /** The server as shown to users: its URL without query or credentials. */
  readonly source: string;
  /** Whether the server is a local one on synthetic history (every result says so). */
  readonly synthetic: boolean;
}

/** The reading the options ask for; a wrong option is a PrometheusError (exit 2, one line). */
function liveReading(options: LiveOptions, command: string): LiveReading {
  if (options.prometheus === undefined) throw new PrometheusError(`${command} needs --prometheus <url>`);
  const connection = prometheusConnection({
    url: options.prometheus,
    ...(options.bearerTokenFile === undefined ? {} : { bearerTokenFile: options.bearerTokenFile }),
    ...(options.basicAuthFile === undefined ? {} : { basicAuthFile: options.basicAuthFile }),
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
    insecureSkipVerify: options.insecureSkipVerify,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    environment: process.env,
  });
  const windowSeconds = parseDuration(options.window ?? '1h');
  if (windowSeconds === undefined || windowSeconds <= 0)
    throw new PrometheusError(`--window takes a duration such as 1h or 30m, not "${options.window}"`);
  const selector = selectorMatchers(options.match);
  const client = new PrometheusClient(connection);
  const url = new URL(connection.url);
  return {
    client,
    selector,
    windowSeconds,
    time: Math.floor(Date.now() / 1000),
    source: `${url.origin}${url.pathname}`.replace(/\/$/, ''),
    synthetic: false,
  };
}

/**
 * What a command prepares before reading (its definitions, admitted; its options checked), once:
 * its run reads it, and without --prometheus `synthetic` says which systems' history to generate
 * and how far back.
 */
export interface LivePreparation<P> {
  readonly load: () => Promise<P>;
  readonly synthetic?: (prepared: P) => {
    readonly systems: readonly ValidSystem[];
    readonly rangeSeconds: number;
  };
}

/**
 * Runs a command that reads a Prometheus: what the user can act on (an option, the server, the
 * definitions) is exit 2 in one line, and the connections are closed however it ends.
 */
export async function withLiveReading<P = undefined>(
  options: LiveOptions,
  command: string,
  run: (reading: LiveReading, prepared: P) => Promise<number>,
  preparation?: LivePreparation<P>,
): Promise<number> {
  let reading: LiveReading | undefined;
  try {
    const prepared = (preparation === undefined ? undefined : await preparation.load()) as P;
    if (options.prometheus === undefined && preparation?.synthetic !== undefined) {
      // No server given: a local one on history generated from the catalogs, said everywhere.
      const { systems, rangeSeconds } = preparation.synthetic(prepared);
      return await withSyntheticPrometheus(systems, rangeSeconds, async ({ url, range }) => {
        process.stderr.write(
          `obsgen: no --prometheus: reading synthetic history generated from the catalogs (${range.stepSeconds} s steps, the last ${(range.end - range.start) / 3600} h, two planted incidents)\n`,
        );
        reading = {
          ...liveReading({ ...options, prometheus: url }, command),
          time: range.end,
          source: 'synthetic history',
          synthetic: true,
        };
        return await run(reading, prepared);
      });
    }
    reading = liveReading(options, command);
    return await run(reading, prepared);
  } catch (error) {
    if (error instanceof PrometheusError || error instanceof DefinitionsLoadError) {
      process.stderr.write(`obsgen: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    reading?.client.close();
  }
}

/**
 * The systems a command reading a Prometheus works on (all, or `--system`'s), as the validation
 * stage admits them: a rule or SLO it refuses is left out, and said on stderr, never dropped silently.
 */
export async function liveSystems(definitionsFile: string, only: string | undefined): Promise<ValidSystem[]> {
  return admittedSystems(systemsNamed(await loadDefinitions(definitionsFile), only, definitionsFile));
}

/** The project's systems, or only `--system`'s; naming none that exists is a PrometheusError (exit 2). */
export function systemsNamed(project: Project, only: string | undefined, definitionsFile: string): System[] {
  const written = project.systems.filter((s) => only === undefined || s.name === only);
  if (written.length === 0) throw new PrometheusError(`no system named ${only} in ${definitionsFile}`);
  return written;
}

/** `--range` in seconds (default 7d); anything else is a PrometheusError (exit 2, one line). */
export function rangeSeconds(options: LiveOptions): number {
  const seconds = parseDuration(options.range ?? '7d');
  if (seconds === undefined || seconds <= 0)
    throw new PrometheusError(`--range takes a duration such as 7d or 24h, not "${options.range}"`);
  return seconds;
}

/** Systems as the validation stage admits them; what it refuses is said on stderr. */
export function admittedSystems(written: readonly System[], label = ''): ValidSystem[] {
  return written.map((system) => {
    const valid = validSystem(system);
    if (valid.findings.length > 0)
      process.stderr.write(
        `obsgen: ${label}${system.name}: ${valid.findings.length} rule or SLO value${valid.findings.length === 1 ? '' : 's'} Prometheus would reject, left out (obsgen check says which)\n`,
      );
    return valid.system;
  });
}

/** What a run asked of the server, as users read it: `N requests, K KiB, S samples read`. */
export function tallyText(reading: LiveReading): string {
  const { requests, bytes, samples } = reading.client.tally;
  return `${requests} requests, ${(bytes / 1024).toFixed(0)} KiB${samples > 0 ? `, ${groupedNumber(samples)} samples read` : ''}`;
}

/** `{job="shop", env!="dev"}` → `job="shop", env!="dev"`: the matchers every read adds. */
function selectorMatchers(match: string | undefined): string {
  if (match === undefined) return '';
  const trimmed = match.trim();
  if (!/^\{.*\}$/s.test(trimmed))
    throw new PrometheusError(`--match takes a series selector in braces, e.g. '{job="shop"}', not ${match}`);
  return trimmed.slice(1, -1).trim();
}
