// SecFlow's own expectations: what docs/seeds/000-secflow.txt asks of its dashboards.
import { compileProject, project } from 'obsgen';
import { describe, expect, it } from 'vitest';
import secflow from './index.ts';

const compiled = compileProject(project({ systems: [secflow] }));
const dashboardJson = (name: string) =>
  JSON.parse(compiled.files.find((f) => f.path === `grafana/${secflow.name}/${name}.json`)!.content) as {
    panels: { type: string; title: string; targets?: { expr: string }[] }[];
  };
const titles = (name: string): string[] =>
  dashboardJson(name)
    .panels.filter((p) => p.type !== 'row')
    .map((p) => p.title);

describe('SecFlow', () => {
  it('builds alone with no finding; the suppression it carries has a reason', () => {
    expect(compiled.findings).toEqual([]);
    expect(compiled.suppressed.map((s) => `${s.finding.rule} ${s.finding.subject}`)).toEqual([
      'cardinality/metric-budget secflow/metric/secflow_findings_generated_total',
    ]);
  });

  it('has the panels the document lists (M5 dashboard, dashboard panel table)', () => {
    expect(titles('overview')).toEqual([
      'Workflow Throughput',
      'Scan Duration p90',
      'Findings per Project',
      'GC Efficiency',
      'Sandbox Failures',
    ]);
    expect(titles('workflows')).toEqual([
      'Workflow Execution Rate',
      'Workflow Duration p95',
      'Workflow Duration Distribution',
      'Findings Generated',
    ]);
  });

  it("fixes the document's p95 query: rate of _bucket series, by le", () => {
    expect(dashboardJson('workflows').panels.find((p) => p.title === 'Workflow Duration p95')?.targets?.[0]?.expr).toBe(
      'histogram_quantile(0.95, sum by (le, workflow_name) (rate(secflow_workflow_duration_seconds_bucket{workflow_name=~"$workflow_name"}[$__rate_interval])))',
    );
  });
});
