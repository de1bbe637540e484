// The series catalog is made once, with every system's recordings, before any system is
// analysed: what a build reports and writes for a system does not depend on the order systems
// (or the recordings within one) are defined in.
import { describe, expect, it } from 'vitest';
import { compileProject, type Compilation } from '../src/pipeline/build-project.ts';
import { catalog, counter, oneOf, project, promql, record, ruleGroup, system, type Project } from '../src/index.ts';
import definitions from '../definitions/index.ts';

const findingsOf = (c: Compilation) => c.findings.map((f) => `${f.rule} ${f.subject} ${f.message}`).sort();
const filesOf = (c: Compilation) => new Map(c.files.map((f) => [f.path, f.content]));
/** Files that list every system in definition order, and pages laid out in it. */
const LISTS_SYSTEMS = new Set([
  'alertmanager/alertmanager.yml',
  'alertmanager/routing-tests.yml',
  'grafana/provisioning/dashboards/obsgen.yaml',
  'reports/cost.md',
]);
const LAID_OUT = new Set(['reports/index.html', 'reports/alert-routing.svg']);

function expectSameBuild(a: Compilation, b: Compilation): void {
  expect(findingsOf(b)).toEqual(findingsOf(a));
  const [fa, fb] = [filesOf(a), filesOf(b)];
  expect([...fb.keys()].sort()).toEqual([...fa.keys()].sort());
  for (const [path, content] of fa) {
    if (LAID_OUT.has(path)) continue;
    if (LISTS_SYSTEMS.has(path)) expect(fb.get(path)!.split('\n').sort(), path).toEqual(content.split('\n').sort());
    else expect(fb.get(path), path).toBe(content);
  }
}

describe('definition order does not matter', () => {
  it('definitions/ with its systems reversed: the same findings and the same files', () => {
    expectSameBuild(
      compileProject(definitions),
      compileProject({ ...definitions, systems: [...definitions.systems].reverse() }),
    );
  });

  // front records per route, then a total of that (written first); report reads front's total.
  const front = system({
    catalog: catalog('front', {
      scrapeInterval: '15s',
      instances: 2,
      labels: { route: oneOf('/cart', '/pay') },
      metrics: { requests_total: counter({ help: 'Requests.', labels: ['route'] }) },
    }),
    rules: [
      ruleGroup('front-recordings', {
        rules: [
          record('global:front_requests:rate5m', promql`sum(route:front_requests:rate5m)`),
          record('route:front_requests:rate5m', promql`sum by (route) (rate(requests_total[5m]))`),
        ],
      }),
    ],
  });
  const report = system({
    catalog: catalog('report', {
      scrapeInterval: '30s',
      instances: 1,
      labels: {},
      metrics: { exports_total: counter({ help: 'Exports.', labels: [] }) },
    }),
    rules: [
      ruleGroup('report-recordings', {
        rules: [
          record('global:front_requests:max_over_time1h', promql`max_over_time(global:front_requests:rate5m[1h])`),
        ],
      }),
    ],
  });
  const built = (...systems: Project['systems']) => compileProject(project({ systems: [...systems] }));

  it('a recording read before it is defined, and another system’s recording: resolved in every order', () => {
    const forward = built(front, report);
    expect(forward.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expectSameBuild(forward, built(report, front));
  });
});
