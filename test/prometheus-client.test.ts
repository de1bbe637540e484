// The client every command reading a Prometheus uses, against a local stand-in of the query API:
// it asks for the server's statistics, counts the samples read, and stops a run that would make a
// production server read more than the cap.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_SAMPLES_PER_RUN,
  PrometheusClient,
  PrometheusError,
  prometheusConnection,
} from '../src/cli/prometheus/prometheus-client.ts';

describe('PrometheusClient', () => {
  let server: Server;
  let url: string;
  const asked: string[] = [];
  /** Samples the stand-in says each query read. */
  let perQuery = 1_000;

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: {}, value: [0, '1'] }],
            stats: { samples: { totalQueryableSamples: perQuery } },
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const client = () => new PrometheusClient(prometheusConnection({ url, environment: {} }));

  it("asks queries for the server's statistics and counts the samples they read", async () => {
    const reading = client();
    perQuery = 1_000;
    await reading.vector('up', 0);
    await reading.vector('up', 0);
    expect(asked.at(-1)).toContain('stats=all');
    expect(reading.tally).toMatchObject({ requests: 2, samples: 2_000 });
    reading.close();
  });

  it('stops a run once the server has read more samples than the cap, saying so', async () => {
    const reading = client();
    perQuery = MAX_SAMPLES_PER_RUN / 2 + 1;
    await reading.vector('up', 0);
    const second = reading.vector('up', 0);
    await expect(second).rejects.toBeInstanceOf(PrometheusError);
    await expect(second).rejects.toThrow(
      /^stopped: the server read 1,000,000,002 samples for this run, over the 1,000,000,000 a run may ask of a production Prometheus; narrow --range or --system$/,
    );
    reading.close();
  });
});
