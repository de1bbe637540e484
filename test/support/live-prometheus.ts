import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { locateTool, missingToolMessage } from '../../src/cli/real-tools.ts';
import { REPO, tempDir, type CliResult } from './cli.ts';
import { freePort } from '../../src/cli/free-port.ts';

export interface LivePrometheus {
  /** The server's base URL, as `--prometheus` takes it. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus on loopback, on `history` (OpenMetrics samples) backfilled with
 * `promtool tsdb create-blocks-from openmetrics`, and when given one scraping `exposition` (text
 * format, with job and instance labels it honours) from a local HTTP server every second:
 * metadata (types, help) comes only from scrapes. Resolves once the API answers with the
 * metadata of `families`.
 */
export async function startLivePrometheus(options: {
  readonly history: string;
  /** Without one, nothing is scraped (no metadata): ready once the server is. */
  readonly exposition?: string;
  readonly families?: readonly string[];
}): Promise<LivePrometheus> {
  const promtool = locateTool('promtool');
  const binary = locateTool('prometheus');
  if (promtool === undefined || binary === undefined)
    throw new Error(missingToolMessage(promtool === undefined ? 'promtool' : 'prometheus'));
  const dir = tempDir('live-prometheus');
  writeFileSync(path.join(dir, 'history.om'), options.history);
  const backfill = spawnSync(
    promtool,
    ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'history.om'), path.join(dir, 'data')],
    { encoding: 'utf8' },
  );
  if (backfill.status !== 0) throw new Error(`promtool backfill: ${backfill.stderr}`);
  const exporter: Server | undefined =
    options.exposition === undefined
      ? undefined
      : createServer((_, response) => {
          response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
          response.end(options.exposition);
        });
  const exporterPort = await freePort();
  if (exporter !== undefined) await new Promise<void>((resolve) => exporter.listen(exporterPort, '127.0.0.1', resolve));
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    JSON.stringify(
      exporter === undefined
        ? {}
        : {
            scrape_configs: [
              {
                job_name: 'shop',
                honor_labels: true,
                scrape_interval: '1s',
                static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
              },
            ],
          },
    ),
  );
  const port = await freePort();
  const prometheus: ChildProcess = spawn(
    binary,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    prometheus.kill('SIGTERM');
    if (exporter !== undefined) await new Promise<void>((resolve) => exporter.close(() => resolve()));
  };
  for (let i = 0; i < 150; i++) {
    const metadata = await fetch(`${url}/api/v1/metadata`).then(
      (r) => (r.ok ? (r.json() as Promise<{ data: Record<string, unknown> }>) : undefined),
      () => undefined,
    );
    if (metadata !== undefined && (options.families ?? []).every((family) => family in metadata.data))
      return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error('prometheus did not become ready with the exposition scraped');
}

/** The CLI as a child process, without blocking this process (its servers keep answering). */
export function obsgenAsync(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  cwd: string = REPO,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/obsgen.cjs'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
