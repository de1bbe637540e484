import { parseDuration } from '../../model/duration.ts';
import type { LiveOptions } from '../common-options.ts';
import { PrometheusClient, PrometheusError, prometheusConnection } from './prometheus-client.ts';

/** What every command reading a live Prometheus needs: a client, the selector, the window, the time. */
export interface LiveReading {
  readonly client: PrometheusClient;
  /** Matchers without braces (`job="shop"`), or '' for none. */
  readonly selector: string;
  readonly windowSeconds: number;
  readonly time: number;
  /** The server as shown to users: its URL without query or credentials. */
  readonly source: string;
}

/** The reading the options ask for; a wrong option is a PrometheusError (exit 2, one line). */
export function liveReading(options: LiveOptions, command: string): LiveReading {
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
  };
}

/** `{job="shop", env!="dev"}` → `job="shop", env!="dev"`: the matchers every read adds. */
function selectorMatchers(match: string | undefined): string {
  if (match === undefined) return '';
  const trimmed = match.trim();
  if (!/^\{.*\}$/s.test(trimmed))
    throw new PrometheusError(`--match takes a series selector in braces, e.g. '{job="shop"}', not ${match}`);
  return trimmed.slice(1, -1).trim();
}
