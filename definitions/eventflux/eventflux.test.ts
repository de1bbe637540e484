// EventFlux's own expectations: the four dashboards of docs/seeds/003-eventflux.txt.
import { compileProject, project } from 'obsgen';
import { describe, expect, it } from 'vitest';
import eventflux from './index.ts';

const compiled = compileProject(project({ systems: [eventflux] }));
const titles = (name: string): string[] =>
  (
    JSON.parse(compiled.files.find((f) => f.path === `grafana/${eventflux.name}/${name}.json`)!.content) as {
      panels: { type: string; title: string }[];
    }
  ).panels
    .filter((p) => p.type !== 'row')
    .map((p) => p.title);

describe('EventFlux', () => {
  it('builds alone with no finding and nothing suppressed', () => {
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed).toEqual([]);
  });

  it.each([
    ['overview', ['Uptime', 'Version', 'Active queries', 'Events processed', 'CPU', 'Memory', 'Errors']],
    [
      'query-performance',
      ['Query throughput', 'Query latency', 'Query error rate', 'Query buffer utilization', 'Query execution timeline'],
    ],
    [
      'stream-monitoring',
      ['Stream throughput', 'Backpressure events', 'Subscribers', 'Buffer size', 'Oldest event age'],
    ],
    ['system-resources', ['CPU usage', 'Memory usage', 'Thread pool utilization', 'Open files', 'Network throughput']],
  ])('dashboard %s has the panels the document lists', (name, expected) => {
    expect(titles(name)).toEqual(expected);
  });
});
