// obsgen verify and obsgen import catalog against Debian's Prometheus, on an hour of history
// backfilled with promtool and an exposition scraped for metadata. The history plants drift from
// test/fixtures/live/shop.ts; verify must find exactly that drift, at the lines now wrong, and a
// catalog imported from the same server must then verify clean.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './support/cli.ts';
import { freePort } from '../src/cli/free-port.ts';
import { obsgenAsync, startLivePrometheus, type LivePrometheus } from './support/live-prometheus.ts';
import { scratch, strictTsc } from './support/strict-tsc.ts';

const FIXTURE = 'test/fixtures/live/shop.ts';
const INSTANCES = ['a:9100', 'b:9100'];
const ROUTES = Array.from({ length: 100 }, (_, i) => `r${i}`);

type Labels = Record<string, string>;
const render = (labels: Labels): string =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

/** Every series of production, each with its own labels. */
function productionSeries(): [string, Labels][] {
  const series: [string, Labels][] = [];
  for (const instance of INSTANCES) {
    const target = { job: 'shop', instance };
    // A bound exceeded 10×: 100 routes where the catalog allows 10.
    for (const route of ROUTES)
      for (const code of ['200', '500']) series.push(['http_requests_total', { ...target, route, code }]);
    // Buckets changed: 0.25 added.
    for (const route of ROUTES.slice(0, 3)) {
      for (const le of ['0.1', '0.25', '0.5', '1', '+Inf'])
        series.push(['request_duration_seconds_bucket', { ...target, route, le }]);
      series.push(['request_duration_seconds_sum', { ...target, route }]);
      series.push(['request_duration_seconds_count', { ...target, route }]);
    }
    // A value outside its domain: queue c.
    for (const queue of ['a', 'b', 'c']) series.push(['queue_depth', { ...target, queue }]);
    // A metric renamed: jobs_total is now jobs_processed_total.
    series.push(['jobs_processed_total', target]);
    // An undeclared label: region.
    for (const cache of ['x', 'y'])
      for (const region of ['eu', 'us']) series.push(['cache_hits_total', { ...target, cache, region }]);
  }
  // One of the two recording rules is loaded (its output exists), the other is not.
  for (const code of ['200', '500']) series.push(['code:http_requests:rate5m', { code }]);
  return series;
}

/** An hour of samples every minute, ending now: OpenMetrics for promtool, series by series. */
function history(end: number): string {
  const lines: string[] = [];
  for (const [name, labels] of productionSeries())
    for (let t = end - 3600; t <= end; t += 60) lines.push(`${name}${render(labels)} ${(end - t) / 60} ${t}`);
  return `${lines.join('\n')}\n# EOF\n`;
}

/** One series of each family with its type and help, as the service's /metrics would show them. */
function exposition(): string {
  const target = { job: 'shop', instance: 'a:9100' };
  const family = (name: string, type: string, help: string, samples: [string, Labels][]) =>
    [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([n, l]) => `${n}${render(l)} 1`)].join('\n');
  return `${[
    family('http_requests_total', 'counter', 'Requests served.', [
      ['http_requests_total', { ...target, route: 'r0', code: '200' }],
    ]),
    family('request_duration_seconds', 'histogram', 'Time to serve a request.', [
      ...['0.1', '0.25', '0.5', '1', '+Inf'].map((le): [string, Labels] => [
        'request_duration_seconds_bucket',
        { ...target, route: 'r0', le },
      ]),
      ['request_duration_seconds_sum', { ...target, route: 'r0' }],
      ['request_duration_seconds_count', { ...target, route: 'r0' }],
    ]),
    family('queue_depth', 'gauge', 'Jobs waiting.', [['queue_depth', { ...target, queue: 'a' }]]),
    family('jobs_processed_total', 'counter', 'Jobs processed.', [['jobs_processed_total', target]]),
    family('cache_hits_total', 'counter', 'Cache hits.', [
      ['cache_hits_total', { ...target, cache: 'x', region: 'eu' }],
    ]),
  ].join('\n')}\n`;
}

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly subject: string;
  readonly message: string;
  readonly at: { readonly file: string; readonly line: number };
}

/** The 1-based line of the fixture that holds `text`. */
function lineOf(text: string): number {
  return (
    readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe('obsgen verify and import catalog against a live Prometheus', () => {
  let prometheus: LivePrometheus;

  beforeAll(async () => {
    prometheus = await startLivePrometheus({
      history: history(Math.floor(Date.now() / 1000) - 30),
      exposition: exposition(),
      families: ['http_requests_total', 'request_duration_seconds', 'queue_depth', 'cache_hits_total'],
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('finds exactly the planted drift, each at the declaration that is now wrong', async () => {
    const run = await obsgenAsync([
      'verify',
      '--definitions',
      FIXTURE,
      '--prometheus',
      prometheus.url,
      '--format',
      'json',
    ]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.status, run.stderr).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    const seen = findings.map((f) => `${f.rule} ${f.subject} ${path.basename(f.at.file)}:${f.at.line}`).sort();
    expect(seen).toEqual(
      [
        `verify/buckets shop/metric/request_duration_seconds shop.ts:${lineOf('request_duration_seconds: histogram(')}`,
        `verify/label-value shop/label/queue shop.ts:${lineOf("queue: oneOf('a', 'b')")}`,
        `verify/missing-metric shop/metric/jobs_total shop.ts:${lineOf('jobs_total: counter(')}`,
        `verify/over-bound shop/label/route shop.ts:${lineOf('route: bounded(10')}`,
        `verify/recording-missing shop/record/route:http_requests:rate5m shop.ts:${lineOf("record('route:http_requests:rate5m'")}`,
        `verify/recording-missing shop/slo/availability shop.ts:${lineOf("slo('availability'")}`,
        `verify/undeclared-label shop/metric/cache_hits_total shop.ts:${lineOf('cache_hits_total: counter(')}`,
        `verify/undeclared-metric shop/catalog shop.ts:${lineOf("catalog('shop'")}`,
      ].sort(),
    );
    const said = (rule: string) => findings.find((f) => f.rule === rule)?.message ?? '';
    expect(said('verify/over-bound')).toContain('route has 100 values on http_requests_total, above its bound of 10');
    expect(said('verify/label-value')).toContain('queue = "c"');
    expect(said('verify/buckets')).toContain('[0.1, 0.25, 0.5, 1]');
    expect(said('verify/undeclared-metric')).toContain('jobs_processed_total');
    expect(said('verify/undeclared-label')).toContain('region');
    expect(run.stderr).toMatch(/read http:\/\/127\.0\.0\.1:\d+: \d+ requests/);
  });

  it('--update rewrites only the named bounds production outgrew, in place, and drops their finding', async () => {
    const dir = scratch();
    const copy = path.join(dir, 'shop.ts');
    writeFileSync(copy, readFileSync(FIXTURE, 'utf8'));
    const run = await obsgenAsync([
      'verify',
      '--definitions',
      copy,
      '--prometheus',
      prometheus.url,
      '--update',
      'route,queue',
      '--format',
      'json',
    ]);
    expect(run.stderr).toMatch(/updated .*shop\.ts:\d+: route bounded\(10\) → bounded\(200\) \(measured 100\)/);
    const rules = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.rule);
    expect(rules).not.toContain('verify/over-bound');
    // queue is a oneOf: --update rewrites bounds only, so its finding stays.
    expect(rules).toContain('verify/label-value');
    const updated = readFileSync(copy, 'utf8');
    expect(updated).toContain("route: bounded(200, 'the shop has ten routes')");
    expect(updated.replace('bounded(200,', 'bounded(10,')).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  it('imports a catalog that builds green, type-checks, keeps out recordings and Prometheus series, and verifies clean', async () => {
    const dir = scratch();
    const target = path.join(dir, 'shop.ts');
    const imported = await obsgenAsync([
      'import',
      'catalog',
      target,
      '--prometheus',
      prometheus.url,
      '--match',
      '{job="shop"}',
      '--system',
      'shop',
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.status, imported.stdout).toBe(0);
    expect(imported.stdout).toMatch(/wrote .*shop\.ts: 5 metrics measured from http:\/\/127\.0\.0\.1:\d+/);
    expect(imported.stdout).toContain("up: Prometheus' own series (for every target)");
    const source = readFileSync(target, 'utf8');
    expect(source).toContain("route: bounded(200, 'measured 100 values')");
    expect(source).toContain("queue: oneOf('a', 'b', 'c')");
    expect(source).toContain('buckets: [0.1, 0.25, 0.5, 1]');
    expect(source).toMatch(/cache_hits_total: counter\(\{ help: 'Cache hits\.', labels: \['cache', 'region'\]/);
    expect(source).toContain('instances: 2,');
    expect(source).toContain("scrapeInterval: '1s',");
    expect(source).not.toContain('code:http_requests');
    expect(strictTsc(dir, { files: [target] })).toEqual({ status: 0, output: '' });
    const built = await obsgenAsync(['build', '--definitions', target, '--out', path.join(tempDir('live'), 'out')]);
    expect(built.status, built.stdout).toBe(0);
    expect(built.stdout).toMatch(/^0 errors/m);
    const verified = await obsgenAsync([
      'verify',
      '--definitions',
      target,
      '--prometheus',
      prometheus.url,
      '--match',
      '{job="shop"}',
      '--format',
      'json',
    ]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect((JSON.parse(verified.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });
});

describe('reading a Prometheus safely', () => {
  let server: Server;
  let url = '';
  const answers = new Map<string, { status: number; body: string }>();

  beforeAll(async () => {
    // Stands in for a server's refusals (credentials, limits), which a real Prometheus gives only under load or a proxy.
    server = createServer((request, response) => {
      const answer = answers.get(new URL(request.url ?? '/', 'http://x').pathname) ?? {
        status: 401,
        body: 'Unauthorized',
      };
      response.writeHead(answer.status, { 'Content-Type': 'application/json' });
      response.end(answer.body);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('an unreachable URL is exit 2 with one line', async () => {
    const port = await freePort();
    const run = await obsgenAsync(['verify', '--definitions', FIXTURE, '--prometheus', `http://127.0.0.1:${port}`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^obsgen: http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)\n$/);
  });

  it('a rule Prometheus would reject is left out of what it reads, and said', async () => {
    const port = await freePort();
    const run = await obsgenAsync(
      ['verify', '--definitions', 'test/fixtures/hostile/values.ts', '--prometheus', `http://127.0.0.1:${port}`],
      { OBSGEN_VALUES: JSON.stringify({ for: '5 minutes' }) },
    );
    expect(run.stderr).toContain(
      'obsgen: shop: 1 rule or SLO value Prometheus would reject, left out (obsgen check says which)',
    );
  });

  it('refused credentials are exit 2 with one line, and the token is never printed', async () => {
    const dir = tempDir('token');
    writeFileSync(path.join(dir, 'token'), 's3cr3t-token\n');
    for (const auth of [['--bearer-token-file', path.join(dir, 'token')], []]) {
      const run = await obsgenAsync(['verify', '--definitions', FIXTURE, '--prometheus', url, ...auth], {
        OBSGEN_PROMETHEUS_TOKEN: 'env-s3cr3t',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^obsgen: .*HTTP 401: the credentials were refused .*\n$/);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/s3cr3t/);
    }
  });

  it('TLS: a certificate no known CA signed is refused, and --ca-file trusts the one that did', async () => {
    const tls = path.join(REPO, 'test/fixtures/tls');
    const secure = createHttpsServer(
      { cert: readFileSync(path.join(tls, 'server.crt')), key: readFileSync(path.join(tls, 'server.key')) },
      (_, response) => response.writeHead(401).end('Unauthorized'),
    );
    const port = await freePort();
    await new Promise<void>((resolve) => secure.listen(port, '127.0.0.1', resolve));
    try {
      const https = `https://127.0.0.1:${port}`;
      const untrusted = await obsgenAsync(['verify', '--definitions', FIXTURE, '--prometheus', https]);
      expect(untrusted.status).toBe(2);
      expect(untrusted.stderr).toMatch(/^obsgen: https:\/\/127\.0\.0\.1:\d+: self[- ]signed certificate\n$/);
      // Trusted, the TLS handshake succeeds and the server's own answer (a refusal) comes through.
      const trusted = await obsgenAsync([
        'verify',
        '--definitions',
        FIXTURE,
        '--prometheus',
        https,
        '--ca-file',
        path.join(tls, 'server.crt'),
      ]);
      expect(trusted.status).toBe(2);
      expect(trusted.stderr).toContain('HTTP 401: the credentials were refused');
    } finally {
      await new Promise<void>((resolve) => secure.close(() => resolve()));
    }
  });

  it('a server limit is exit 2 saying so, never a partial answer', async () => {
    answers.set('/api/v1/metadata', { status: 200, body: JSON.stringify({ status: 'success', data: {} }) });
    answers.set('/api/v1/label/__name__/values', {
      status: 422,
      body: JSON.stringify({
        status: 'error',
        errorType: 'execution',
        error: 'query processing would load too many samples into memory in query execution',
      }),
    });
    const run = await obsgenAsync(['verify', '--definitions', FIXTURE, '--prometheus', url]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('too many samples');
    expect(run.stderr).toContain('a server limit was hit');
  });

  it.each([
    [['--match', 'job="shop"'], '--match takes a series selector in braces'],
    [['--window', 'a while'], '--window takes a duration'],
    [['--timeout', 'soon'], '--timeout takes seconds'],
    [['--bearer-token-file', '/nonexistent/token'], 'cannot read --bearer-token-file /nonexistent/token: ENOENT'],
    [['--ca-file', '/nonexistent/ca.pem'], 'cannot read --ca-file /nonexistent/ca.pem: ENOENT'],
    [['--basic-auth-file', 'package.json'], '--basic-auth-file holds user:password on one line'],
  ])('%j is exit 2 with what is wrong', async (extra, message) => {
    const run = await obsgenAsync(['verify', '--definitions', FIXTURE, '--prometheus', url, ...extra]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a live option on a command that reads no Prometheus is a usage error', async () => {
    const run = await obsgenAsync(['check', '--prometheus', url]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--prometheus belongs to obsgen verify, backtest, diff, preview and import catalog');
  });
});
